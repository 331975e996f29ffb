// Check kind "difficult-word": one finding per rare word form per paragraph, and advice to split a long
// compound. A word is rare when it, its uninflected form and (for a compound) one of its parts are in
// the rare frequency bands of the host; names, acronyms, numbers, misspelled and accepted words, and words
// the writer did not choose (quotations, link text, titles, fixed names) are left alone. The word data (endings,
// linking letters, particles) are the rule's options.
#include "difficult_word.hpp"

#include <algorithm>
#include <stdexcept>

namespace helder::jargon {

void DifficultWord::SeenWords::clear() {
  count_ = 0;
  if (++stamp_ == 0) {  // after 2^32 paragraphs: start the stamps again
    std::fill(stamps_.begin(), stamps_.end(), 0u);
    stamp_ = 1;
  }
}

bool DifficultWord::SeenWords::insert(std::uint32_t id) {
  if (id == 0) return true;
  if ((count_ + 1) * 2 > keys_.size()) {  // at most half full
    std::vector<std::uint32_t> keys = std::move(keys_), stamps = std::move(stamps_);
    keys_.assign(keys.empty() ? 256 : keys.size() * 2, 0);
    stamps_.assign(keys_.size(), 0);
    count_ = 0;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (stamps[i] == stamp_) insert(keys[i]);
  }
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t i = (id * 0x9E3779B1u) & mask;; i = (i + 1) & mask) {
    if (stamps_[i] != stamp_) {
      stamps_[i] = stamp_;
      keys_[i] = id;
      ++count_;
      return true;
    }
    if (keys_[i] == id) return false;
  }
}

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The word as a reader sees it: without soft hyphens and without a hyphen that only broke the line
// (the host looks words up the same way).
std::string clean_form(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xAD') {
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r' || text[i + 1] == ' ')) {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == '\n' || text[j] == '\r' || text[j] == ' ')) ++j;
      if (j < text.size() && text[j] >= 'a' && text[j] <= 'z') {
        i = j - 1;
        continue;
      }
    }
    if (c == '\n' || c == '\r' || c == ' ') continue;
    out.push_back(c);
  }
  return out;
}

using sdk::quoted;

// Letters in a word (code points), without hyphens and apostrophes.
std::size_t letter_count(std::string_view word) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (is_continuation(c) || c == '-' || c == '\'' || c == '.') continue;
    if (word.substr(i, 3) == "\xE2\x80\x99") continue;  // U+2019, the curly apostrophe
    ++letters;
  }
  return letters;
}

// A capital after a hyphen is part of a name: "'s-Gravenhage", "Zuid-Holland", "Staten-Generaal".
bool has_name_piece(std::string_view word) {
  for (std::size_t i = 0; i + 1 < word.size(); ++i)
    if (word[i] == '-' && word[i + 1] >= 'A' && word[i + 1] <= 'Z') return true;
  return false;
}

bool has_digit(std::string_view word) {
  for (char c : word)
    if (c >= '0' && c <= '9') return true;
  return false;
}

// Two letters or more, all capitals: an acronym inside a compound ("AOW-uitkering").
bool all_caps(std::string_view word) {
  std::size_t upper = 0;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++upper;
  }
  return upper >= 2;
}

// Only ASCII changes: compound parts come back in the writer's case, and Dutch words rarely start with
// another capital.
std::string ascii_lower(std::string_view word) {
  std::string out(word);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Accents of emphasis (één, dát, vóór) do not make a word rare: á é í ó ú become a e i o u.
std::string without_acute_accents(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '\xC3' && i + 1 < word.size()) {
      const char next = word[i + 1];
      const char plain = next == '\xA1' ? 'a' : next == '\xA9' ? 'e' : next == '\xAD' ? 'i' : next == '\xB3' ? 'o'
                       : next == '\xBA' ? 'u' : 0;
      if (plain != 0) {
        out.push_back(plain);
        ++i;
        continue;
      }
    }
    out.push_back(word[i]);
  }
  return out;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c) && c != 'y'; }

bool ends_with(std::string_view word, std::string_view end) {
  return word.size() > end.size() && word.substr(word.size() - end.size()) == end;
}

// The spelling changes of Dutch inflection, undone: "bakk" -> "bak", "briev" -> "brief", "zak" -> "zaak",
// and before a verb ending "hanteer" -> "hanter" (hanteren).
void add_stem_variants(const std::string& stem, std::vector<std::string>& out) {
  if (letter_count(stem) < 3) return;
  std::vector<std::string> forms{stem};
  if (stem.back() == 'v' || stem.back() == 'z') {
    forms.push_back(stem);
    forms.back().back() = stem.back() == 'v' ? 'f' : 's';
  }
  for (const std::string& form : forms) {
    out.push_back(form);
    const std::size_t n = form.size();
    if (n >= 2 && form[n - 1] == form[n - 2] && is_consonant(form[n - 1])) out.push_back(form.substr(0, n - 1));
    if (n >= 3 && is_consonant(form[n - 1]) && is_vowel(form[n - 2]) && form[n - 2] != 'i' &&
        !is_vowel(form[n - 3])) {
      std::string doubled = form;
      doubled.insert(n - 1, 1, form[n - 2]);
      out.push_back(doubled);
    }
    if (n >= 4 && is_consonant(form[n - 1]) && form[n - 2] == form[n - 3] && is_vowel(form[n - 2]) &&
        form[n - 2] != 'i' && !is_vowel(form[n - 4])) {
      std::string single = form;
      single.erase(n - 2, 1);
      out.push_back(single);
    }
  }
}

// Verbs made from stems: "toekenn" -> "toekennen", "hanteer" -> "hanteren".
void add_verbs(const std::string& stem, std::vector<std::string>& out) {
  std::vector<std::string> stems;
  add_stem_variants(stem, stems);
  for (const std::string& s : stems) out.push_back(s + "en");
}

// Possible base forms of a lower-case word: the rule's `endings` (inflection: plural, adjective, comparative,
// superlative, diminutive, verb forms; and a few derivations: -heid, -ing, -end, -er) taken off; a derivation of
// a common word is not rare ("toegankelijkheid", "toekenning", "aanvrager"). A wrong guess only makes the rule
// quieter: a guess counts only when the frequency list knows it as a common word.
std::vector<std::string> stems(std::string_view word, const std::vector<DifficultWord::Ending>& endings) {
  std::vector<std::string> out;
  for (const DifficultWord::Ending& e : endings) {
    if (!ends_with(word, e.ending)) continue;
    const std::string stem(word.substr(0, word.size() - e.ending.size()));
    if (e.verb)
      add_verbs(stem, out);
    else
      add_stem_variants(stem + e.base, out);
  }
  // A past participle, also as an adjective: "getoetst", "gehanteerde", "gesubsidieerden".
  if (word.starts_with("ge") && word.size() > 5) {
    std::string_view core = word.substr(2);
    if (ends_with(core, "en"))
      core.remove_suffix(2);
    else if (ends_with(core, "e"))
      core.remove_suffix(1);
    if (ends_with(core, "d") || ends_with(core, "t")) add_verbs(std::string(core.substr(0, core.size() - 1)), out);
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::string joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::uint32_t read_count(const sdk::Options& options, std::string_view name, std::int64_t fallback,
                         std::int64_t min, std::int64_t max) {
  const std::int64_t value = options.integer(name, fallback);
  if (value < min || value > max)
    throw std::invalid_argument("De optie " + std::string(name) + " moet een getal van " + std::to_string(min) +
                                " tot en met " + std::to_string(max) + " zijn, niet " + std::to_string(value) +
                                ".");
  return static_cast<std::uint32_t>(value);
}

// A list of words or word parts (lower case) from the rule's options; an empty entry is an error.
std::vector<std::string> read_list(const sdk::Options& options, const std::string& name) {
  std::vector<std::string> out;
  const std::size_t count = options.array_size(name);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = name + "[" + std::to_string(i) + "]";
    const std::string word = options.string(at, "");
    if (word.empty()) throw std::invalid_argument(at + " is leeg.");
    out.push_back(ascii_lower(word));
  }
  return out;
}

}  // namespace

DifficultWord::DifficultWord(const sdk::Host& host, const sdk::Options& options)
    : host_(host),
      rare_band_(read_count(options, "rare_from_band", 5, 2, 5)),
      min_letters_(read_count(options, "min_letters", 5, 1, 100)),
      compound_max_letters_(read_count(options, "compound_max_letters", 22, 6, 1000)),
      compound_max_parts_(read_count(options, "compound_max_parts", 2, 2, 100)) {
  for (std::string& word : read_list(options, "known")) known_.insert(std::move(word));
  const std::size_t count = options.array_size("endings");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = "endings[" + std::to_string(i) + "]";
    Ending e{ascii_lower(options.string(at + ".ending", "")), ascii_lower(options.string(at + ".base", "")),
             options.boolean(at + ".verb", false)};
    if (e.ending.empty()) throw std::invalid_argument(at + ".ending ontbreekt of is leeg.");
    if (e.verb && !e.base.empty())
      throw std::invalid_argument(at + ": kies base of verb = true, niet allebei.");
    endings_.push_back(std::move(e));
  }
  linking_ = read_list(options, "linking_letters");
  two_part_linking_ = read_list(options, "two_part_linking_letters");
  prefixes_ = read_list(options, "prefixes");
  suffix_words_ = read_list(options, "suffix_words");
  phrase_words_ = read_list(options, "phrase_words");
  adjective_endings_ = read_list(options, "adjective_endings");
}

bool DifficultWord::common(std::string_view lower) const {
  if (common_form(lower)) return true;
  // A particle before a common word: "terugdringen", "vooruitbetaalde".
  for (const std::string& prefix : prefixes_)
    if (lower.starts_with(prefix) && letter_count(lower) >= prefix.size() + 4 &&
        common_form(lower.substr(prefix.size())))
      return true;
  return false;
}

bool DifficultWord::common_form(std::string_view lower) const {
  const auto known_or_frequent = [this](const std::string& form) {
    return known_.count(form) > 0 || host_.frequency_band(form) < rare_band_;
  };
  if (known_or_frequent(std::string(lower))) return true;
  const std::string plain = without_acute_accents(lower);
  if (plain != lower && known_or_frequent(plain)) return true;
  for (const std::string& stem : stems(plain, endings_))
    if (known_or_frequent(stem)) return true;
  return false;
}

bool DifficultWord::common_part(std::string_view part, bool last, int depth) const {
  if (all_caps(part)) return true;  // acronyms are the acronym rule's job
  const std::string lower = ascii_lower(part);
  if (common(lower)) return true;
  if (!last) {
    // The host keeps linking letters with the part before them ("verkiezings" + "uitslag"); a verb begins
    // a compound without its ending ("vergader" + "jaar").
    for (const std::string& link : linking_)
      if (ends_with(lower, link) && letter_count(lower) >= link.size() + 3 &&
          common(std::string_view(lower).substr(0, lower.size() - link.size())))
        return true;
    if (common(lower + "en")) return true;
  }
  // The host splits into as few parts as it can: a part can be a compound itself ("kinderopvangtoeslag").
  if (depth >= 2) return false;
  const std::vector<std::string> subparts = host_.compound_parts(part);
  if (subparts.size() < 2) return false;
  for (std::size_t i = 0; i < subparts.size(); ++i)
    if (!common_part(subparts[i], last && i + 1 == subparts.size(), depth + 1)) return false;
  return true;
}

// Hunspell nl does not split every compound ("nieuwbouw", "milieubeheer", "uurloon"): two fairly common
// parts (band 3 or better, as written) make a word that is not rare either. Looser tests (inflected parts,
// band 4) split hard words into common pieces ("doel" + "matig", "voren" + "staande").
bool DifficultWord::two_common_parts(std::string_view lower) const {
  // The frequency list comes from subtitles, with English in it ("sane" + "ring"): parts must be Dutch too.
  const auto frequent = [this](std::string_view form) {
    return host_.frequency_band(form) <= 3 && host_.spelled_correctly(form) == 1;
  };
  for (std::size_t i = 1; i < lower.size(); ++i) {
    if (is_continuation(lower[i])) continue;
    const std::string_view first = lower.substr(0, i), second = lower.substr(i);
    if (letter_count(first) < 3 || letter_count(second) < 4 || contains(suffix_words_, second) ||
        contains(phrase_words_, first))
      continue;
    if (!frequent(second)) continue;
    if (frequent(first)) return true;
    // With a linking letter: "fietsen" + "stalling" is "fiets" + "en" + "stalling".
    for (const std::string& link : two_part_linking_)
      if (ends_with(first, link) && letter_count(first) >= link.size() + 3 &&
          frequent(first.substr(0, first.size() - link.size())))
        return true;
  }
  return false;
}

// "verblijfs" + "vergunning" + "aanvraag" -> "aanvraag" and "verblijfsvergunning": Dutch compounds end
// in their main word; the parts before it describe it.
std::pair<std::string, std::string> DifficultWord::split_advice(const std::vector<std::string>& parts) const {
  std::string modifier;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) modifier += parts[i];
  modifier = ascii_lower(modifier);
  // A linking "s" goes ("arbeids" -> "arbeid"), unless the word with it is the more common one ("huis").
  if (ends_with(modifier, "s")) {
    const std::string without = modifier.substr(0, modifier.size() - 1);
    if (host_.spelled_correctly(without) == 1 && host_.frequency_band(without) <= host_.frequency_band(modifier))
      modifier = without;
  }
  return {ascii_lower(parts.back()), modifier};
}

std::optional<std::string> DifficultWord::message_for(std::string_view word, std::string_view lower,
                                                      bool hyphenated) const {
  const bool is_common = common(lower);
  // Readers know a common word, however many parts it has: it is advised to be split only when it has more
  // letters than compound_max_letters. (Splitting asks Hunspell dozens of questions: most words skip it.)
  const std::size_t letters = letter_count(word);
  if (is_common && (hyphenated || letters <= compound_max_letters_))
    return std::nullopt;
  const std::vector<std::string> parts = host_.compound_parts(word);
  const bool compound = parts.size() >= 2;
  if (!is_common) {
    bool rare = !compound && !two_common_parts(lower);
    for (std::size_t i = 0; compound && i < parts.size() && !rare; ++i)
      rare = !common_part(parts[i], i + 1 == parts.size(), 0);
    if (rare) return quoted(word) + " is een moeilijk woord. Veel lezers kennen het niet. Kies een gewoner woord of leg het uit.";
  }
  // A hyphen already shows the parts: only a compound written as one word is advised to be split.
  if (compound && !hyphenated &&
      (parts.size() > compound_max_parts_ || letters > compound_max_letters_)) {
    // Shown with every part ("verblijfs + vergunning + aanvraag"), although the host's own split, which keeps
    // a known compound such as "verblijfsvergunning" whole, decides what counts as long.
    std::vector<std::string> all_parts;
    for (const std::string& part : parts) {
      std::vector<std::string> subparts = host_.compound_parts(part);
      if (subparts.size() < 2) subparts = {part};
      all_parts.insert(all_parts.end(), subparts.begin(), subparts.end());
    }
    const std::string start =
        quoted(word) + " is een lang samengesteld woord (" + joined(all_parts, " + ") + "). Schrijf het in stukken.";
    const auto [head, modifier] = split_advice(parts);
    // "van of voor" fits a noun; an adjective ("integriteitsgevoelige") needs its own words. (A lambda cannot
    // capture a structured binding before clang 16: `last` is a plain reference for it.)
    const std::string& last = head;
    if (std::any_of(adjective_endings_.begin(), adjective_endings_.end(),
                    [&](const std::string& ending) { return ends_with(last, ending); }))
      return start;
    return start + " Begin met het laatste deel: \"" + head + "\" van of voor \"" + modifier + "\".";
  }
  return std::nullopt;
}

// A Dutch postcode ("2513 AA"): four digits, then two capitals. A sentence with one is an address ("Binnenhof 19
// 2513 AA Den Haag", "Retouradres Postbus 20001 2500 EA Den Haag"): its capital words are names and labels.
bool has_postcode(const sdk::Paragraph& paragraph, const helder_sentence& sentence) {
  const auto tokens = paragraph.tokens_of(sentence);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const std::string_view digits = paragraph.text_of(tokens[i]);
    const std::string_view letters = paragraph.text_of(tokens[i + 1]);
    if (tokens[i].kind == HELDER_TOKEN_NUMBER && digits.size() == 4 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        letters.size() == 2 && std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      return true;
  }
  return false;
}

// What the rule thinks of a word form as written, apart from where it stands: fine, or the message. Worked out
// once per form (the same for every check while the rule lives) and kept by its id; most forms are fine.
const std::string* DifficultWord::verdict(std::uint32_t form, std::string_view word, std::string_view lower,
                                          bool hyphenated) const {
  const sdk::WordTable<const std::string*>& table = hyphenated ? hyphenated_verdicts_ : verdicts_;
  static const std::string fine;
  if (form != 0)
    if (const std::string* known = table.get(form)) return known == &fine ? nullptr : known;
  const std::string* result = &fine;
  // Most words are common and not too long: fine, without a question to Hunspell (message_for says the same).
  // Misspelled words are the spelling rule's job. Without a dictionary (-1) a typo would look rare too: then the
  // rule stays silent. Asked before message_for splits the word into parts: a word being typed is misspelled
  // most of the time, and splitting it asks Hunspell dozens of questions.
  if (letter_count(word) >= min_letters_ && !has_digit(word) && !has_name_piece(word) &&
      !(common(lower) && (hyphenated || letter_count(word) <= compound_max_letters_)) &&
      host_.spelled_correctly(word) == 1)
    if (std::optional<std::string> message = message_for(word, lower, hyphenated)) {
      std::lock_guard lock(messages_mutex_);
      result = &messages_.emplace_back(std::move(*message));
    }
  if (form != 0) table.set(form, result);
  return result == &fine ? nullptr : result;
}

void DifficultWord::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  // Per thread, reused: the ids of the lower-case forms judged in this paragraph (a word is reported once per
  // paragraph).
  thread_local SeenWords per_thread;
  SeenWords* own = &per_thread;  // looked up once (see NominalStyle::check_constructions)
  asm("" : "+r"(own));
  SeenWords& seen = *own;
  std::string older_host_form;  // only for a host without word ids
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    seen.clear();
    const auto tokens = paragraph.tokens();
    const auto sentences = paragraph.sentences();
    std::size_t s = 0;          // the sentence of token k, or the first one after it
    int address = -1;           // whether sentence s is an address: -1 not known yet
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      const helder_token& t = tokens[k];
      if (t.kind != HELDER_TOKEN_WORD) continue;  // numbers, acronyms, abbreviations, URLs, code, ...
      // A quotation, link text, a title or a fixed name: someone else's words, the writer cannot choose other ones.
      if (sdk::is_quoted_or_named(t)) continue;
      // A capital in the middle of a sentence is a name; all capitals is a shouting heading or an acronym; in an
      // address every capital word is a name or a label.
      if (t.flags & HELDER_TOKEN_ALL_CAPS) continue;
      if (t.flags & HELDER_TOKEN_CAPITALIZED) {
        if (!(t.flags & HELDER_TOKEN_SENTENCE_START)) continue;
        while (s < sentences.size() && sentences[s].first_token + sentences[s].token_count <= k) {
          ++s;
          address = -1;
        }
        if (s < sentences.size() && sentences[s].first_token <= k) {
          if (address < 0) address = has_postcode(paragraph, sentences[s]) ? 1 : 0;
          if (address == 1) continue;
        }
      }
      const std::string_view lower = sdk::from_c(t.lower);
      std::uint32_t form = 0;
      std::string_view word;
      if (sdk::token_has_word_ids(t)) {
        form = t.form;
        word = host_.word_text(form);
      } else {
        older_host_form = clean_form(paragraph.text_of(t));
        word = older_host_form;
      }
      // The checks of verdict() that need no dictionary come first here too: a short word is not "seen".
      if (letter_count(word) < min_letters_ || has_digit(word) || has_name_piece(word)) continue;
      if (!seen.insert(host_.word_of(t))) continue;
      const std::string* message = verdict(form, word, lower, (t.flags & HELDER_TOKEN_HYPHENATED) != 0);
      if (!message || host_.vocabulary(word) == 1) continue;
      // A capital word at the start of a sentence that is only right with its capital is a name ("Groningen").
      if ((t.flags & HELDER_TOKEN_CAPITALIZED) && host_.spelled_correctly(lower) == 0) continue;
      findings.emit(p, t.start, t.end, *message);
    }
  }
}

}  // namespace helder::jargon
