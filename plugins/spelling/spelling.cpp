// Check kind "spelling". Per word: the project's vocabulary first (accepted words are never flagged, rejected
// words always), then the words a dictionary cannot judge are left alone (names, acronyms, numbers, words with
// digits, abbreviations without vowels, single letters, words between quotation marks), then Hunspell nl decides.
// Hyphenated compounds are judged part by part. Hunspell nl lets only some words begin a compound, so a compound
// of two dictionary words it does not know ("vrachtwagenbewegingen") is accepted here under strict conditions.
// The plugin links no Unicode library: it only needs the case of the Latin letters Dutch uses, decoded here.
#include "spelling.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

namespace helder::spelling {

namespace {

// ---- UTF-8 and letters -----------------------------------------------------------------------------------------

// Decodes the code point at s[i] and moves i past it; U+FFFD for a broken sequence.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  const std::size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = length == 1 ? b : length == 2 ? (b & 0x1Fu) : length == 3 ? (b & 0x0Fu) : (b & 0x07u);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    c = (c << 6) | (byte(i + k) & 0x3Fu);
  }
  i += length;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Byte offsets of the code points of `word`, plus its size.
std::vector<std::size_t> code_point_offsets(std::string_view word) {
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < word.size();) {
    offsets.push_back(i);
    next_code_point(word, i);
  }
  offsets.push_back(word.size());
  return offsets;
}

// The letters Dutch text uses: ASCII, Latin-1 and Latin Extended-A. Anything else that may stand in a word
// (Greek, Cyrillic, combining marks) is `foreign`: Hunspell nl cannot judge such a word.
enum class Kind { upper, lower, digit, apostrophe, hyphen, foreign };

Kind kind_of(char32_t c) {
  if (c >= 'A' && c <= 'Z') return Kind::upper;
  if (c >= 'a' && c <= 'z') return Kind::lower;
  if (c >= '0' && c <= '9') return Kind::digit;
  if (c == '\'' || c == U'\u2019') return Kind::apostrophe;
  if (c == '-') return Kind::hyphen;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return Kind::upper;
  if (c >= 0xDF && c <= 0xFF && c != 0xF7) return Kind::lower;
  if (c >= 0x100 && c <= 0x17F) {
    // Latin Extended-A pairs each capital with its small letter; the capital's parity flips at a few places, and
    // ĸ, ŉ, Ÿ and ſ stand alone.
    if (c == 0x138 || c == 0x149 || c == 0x17F) return Kind::lower;
    if (c == 0x178) return Kind::upper;
    const bool odd_is_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    return ((c % 2 == 1) == odd_is_upper) ? Kind::upper : Kind::lower;
  }
  return Kind::foreign;
}

char32_t to_upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 0x20;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;
  if (c == 0xFF) return 0x178;
  if (c == 0x131) return 'I';
  if (c >= 0x100 && c <= 0x17F && kind_of(c) == Kind::lower && c != 0x138 && c != 0x149 && c != 0x17F) return c - 1;
  return c;
}

char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0x178) return 0xFF;
  if (c == 0x130) return 'i';
  if (c >= 0x100 && c <= 0x17F && kind_of(c) == Kind::upper) return c + 1;
  return c;
}

// The word with its first letter changed; "ijsje" becomes "IJsje" (Dutch capitalises both letters of ij).
std::string with_first(std::string_view word, bool upper) {
  if (upper && word.starts_with("ij")) return "IJ" + std::string(word.substr(2));
  if (!upper && word.starts_with("IJ")) return "ij" + std::string(word.substr(2));
  if (word.empty()) return {};
  std::size_t i = 0;
  const char32_t first = next_code_point(word, i);
  std::string out;
  append_utf8(out, upper ? to_upper(first) : to_lower(first));
  out += word.substr(i);
  return out;
}

bool is_vowel(char32_t c) {
  const char32_t lower = to_lower(c);
  if (lower >= 0xE0 && lower <= 0xFF) {
    // à-å, è-ë, ì-ï, ò-ö, ù-ü, ý, ÿ
    return lower != 0xE6 && lower != 0xE7 && lower != 0xF0 && lower != 0xF1 && lower != 0xF7 && lower != 0xF8 &&
           lower != 0xFE;
  }
  return lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'u' || lower == 'y' ||
         lower == 0x133;
}

struct Profile {
  std::size_t letters = 0, upper = 0, vowels = 0, digits = 0, foreign = 0;
  bool first_letter_upper = false;
};

Profile profile_of(std::string_view word) {
  Profile p;
  for (std::size_t i = 0; i < word.size();) {
    const char32_t c = next_code_point(word, i);
    switch (kind_of(c)) {
      case Kind::upper:
        if (p.letters == 0) p.first_letter_upper = true;
        ++p.letters;
        ++p.upper;
        p.vowels += is_vowel(c) ? 1 : 0;
        break;
      case Kind::lower:
        ++p.letters;
        p.vowels += is_vowel(c) ? 1 : 0;
        break;
      case Kind::digit:
        ++p.digits;
        break;
      case Kind::foreign:
        ++p.foreign;
        break;
      case Kind::apostrophe:
      case Kind::hyphen:
        break;
    }
  }
  return p;
}

// ---- Words as the dictionary should see them --------------------------------------------------------------------

// A hyphen at a line end joined (or kept, without the line break), soft hyphens and zero-width characters left
// out, typographic hyphens made plain. source[k] is the byte offset in the paragraph of text[k], so that a part
// of the word maps back onto the paragraph.
struct Word {
  std::string text;
  std::vector<std::uint32_t> source;
  bool line_break = false;  // the word was hyphenated at a line end

  void add(std::string_view bytes, std::uint32_t at) {
    for (std::size_t k = 0; k < bytes.size(); ++k) {
      text += bytes[k];
      source.push_back(at + static_cast<std::uint32_t>(k));
    }
  }
  std::uint32_t start_of(std::size_t k) const { return source[k]; }
  // One past the last paragraph byte of the piece that ends before text[k].
  std::uint32_t end_before(std::size_t k) const { return source[k - 1] + 1; }
};

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0; }

Word clean_word(std::string_view text, std::uint32_t start, std::uint32_t end, bool keep_line_hyphen) {
  Word w;
  for (std::size_t i = start; i < end;) {
    const std::size_t at = i;
    const char32_t c = next_code_point(text, i);
    if (c == 0xAD || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF) continue;
    if (c == '-' || c == 0x2010 || c == 0x2011) {
      std::size_t after = i;
      while (after < end) {
        std::size_t next = after;
        if (!is_space(next_code_point(text, next))) break;
        after = next;
      }
      if (after > i) {
        w.line_break = true;
        if (keep_line_hyphen) w.add("-", static_cast<std::uint32_t>(at));
        i = after;
      } else {
        w.add("-", static_cast<std::uint32_t>(at));
      }
      continue;
    }
    w.add(text.substr(at, i - at), static_cast<std::uint32_t>(at));
  }
  return w;
}

// Hunspell reads at most 100 bytes of a word; longer is no word anyway.
constexpr std::size_t max_word_bytes = 100;

// ---- Context of a token in its sentence --------------------------------------------------------------------------

bool is_quote_mark(std::string_view mark) {
  static constexpr std::array<std::string_view, 12> marks = {"\"", "'", "\u2018", "\u2019", "\u201A", "\u201C",
                                                             "\u201D", "\u201E", "\u00AB", "\u00BB", "\u2039",
                                                             "\u203A"};
  return std::find(marks.begin(), marks.end(), mark) != marks.end();
}

// For each token of a sentence: whether it stands between quotation marks. A quoted word is often a term, a
// title or a foreign phrase ("«sense of urgency»"), or someone else's words, which the writer may not change.
// Whether a mark opens or closes follows from where it is glued: "‘term’" and "„term”" alike; straight and
// curly marks are both common in Dutch text, and ’ also serves as the opening mark.
std::vector<bool> quoted_tokens(const sdk::Paragraph& paragraph, const helder_sentence& sentence) {
  const auto tokens = paragraph.tokens_of(sentence);
  std::vector<bool> quoted(tokens.size(), false);
  bool inside = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const helder_token& t = tokens[i];
    const std::string_view text = paragraph.text_of(t);
    if (t.kind != HELDER_TOKEN_PUNCTUATION || !is_quote_mark(text)) {
      quoted[i] = inside;
      continue;
    }
    const bool glued_before = i > 0 && tokens[i - 1].end == t.start && tokens[i - 1].kind != HELDER_TOKEN_PUNCTUATION;
    const bool glued_after = i + 1 < tokens.size() && tokens[i + 1].start == t.end;
    if (glued_before && !glued_after) {
      inside = false;
    } else if (glued_after && !glued_before) {
      inside = true;
    } else if (text == "\u00AB" || text == "\u201E" || text == "\u2039") {
      inside = true;  // French and German spacing: « mot »
    } else {
      inside = text == "\u00BB" || text == "\u203A" ? false : !inside;
    }
  }
  return quoted;
}

bool is_punctuation(const helder_token& t, const sdk::Paragraph& paragraph, std::string_view which) {
  return t.kind == HELDER_TOKEN_PUNCTUATION && paragraph.text_of(t) == which;
}

std::vector<std::string> read_list(const sdk::Options& options, const std::string& name) {
  std::vector<std::string> out;
  const std::size_t count = options.array_size(name);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = name + "[" + std::to_string(i) + "]";
    std::string value = options.string(at, "");
    if (value.empty()) throw std::invalid_argument(at + " is leeg.");
    out.push_back(std::move(value));
  }
  return out;
}

}  // namespace

Spelling::Spelling(const sdk::Host& host, const sdk::Options& options) : host_(host), max_suggestions_(0) {
  const std::int64_t max = options.integer("max_suggestions", 3);
  if (max < 0 || max > 10)
    throw std::invalid_argument("max_suggestions moet een getal van 0 tot en met 10 zijn, niet " +
                                std::to_string(max) + ".");
  max_suggestions_ = static_cast<std::size_t>(max);
  accepted_endings_ = read_list(options, "accepted_endings");
  derivation_endings_ = read_list(options, "derivation_endings");
  particles_ = read_list(options, "particles");
  const std::vector<std::string> probes = read_list(options, "compound_probes");
  if (!probes.empty() && probes.size() != 2)
    throw std::invalid_argument("compound_probes moet twee woorden hebben, niet " + std::to_string(probes.size()) +
                                ".");
  if (probes.size() == 2) probes_ = {probes[0], probes[1]};
  for (const std::string& pattern : read_list(options, "compound_tails")) {
    const std::size_t star = pattern.find('*');
    if (star == std::string::npos || pattern.find('*', star + 1) != std::string::npos)
      throw std::invalid_argument("compound_tails: \"" + pattern + "\" moet precies één * hebben, zoals \"ge*d\".");
    compound_tails_.push_back(Tail{pattern.substr(0, star), pattern.substr(star + 1)});
  }
}

// A neutral noun glued to `word` asks Hunspell whether `word` may begin or end a compound.
const std::string* Spelling::probe_for(std::string_view word) const {
  if (probes_[0].empty()) return nullptr;
  return word == probes_[0] ? &probes_[1] : &probes_[0];
}

// An accepted word also covers its forms with a plain ending: "informatiegestuurd" accepts "informatiegestuurde",
// "Woo" accepts "Woo's". A form with another vowel ("portaal", "portalen") needs its own entry.
bool Spelling::accepted(std::string_view word) const {
  const int vocabulary = host_.vocabulary(word);
  if (vocabulary != 0) return vocabulary > 0;
  for (const std::string& ending : accepted_endings_) {
    if (word.size() > ending.size() + 2 && word.ends_with(ending) &&
        host_.vocabulary(word.substr(0, word.size() - ending.size())) > 0)
      return true;
  }
  return false;
}

// Hunspell marks the nouns that may end a compound; glued to a noun that may begin one, it decides. The same
// neutral noun twice is refused (CHECKCOMPOUNDDUP), hence the second one.
bool Spelling::may_end_compound(std::string_view tail) const {
  if (const std::string* probe = probe_for(tail); probe && spelled(*probe + std::string(tail))) return true;
  // Hunspell's compound flags are on nouns; Dutch also glues a noun to a participle ("asbestbevattende",
  // "informatiegestuurd"), an infinitive ("sportschieten") or a diminutive ("formulierensetje"): the shapes of
  // the option compound_tails.
  const bool shaped = std::any_of(compound_tails_.begin(), compound_tails_.end(), [&](const Tail& t) {
    return tail.starts_with(t.prefix) && tail.ends_with(t.suffix);
  });
  return shaped && tail.size() >= 5 && spelled(tail);
}

// A dictionary word, with or without a linking "s", that is no particle. A very common word must be one that
// Hunspell lets begin a compound ("informatie"): the others are function words ("deze", "maar", "worden") that
// a missing space glues to the next word.
bool Spelling::may_begin_compound(std::string_view head) const {
  std::string_view base = head;
  if (!spelled(head)) {
    if (!head.ends_with('s') || head.size() < 5) return false;
    base = head.substr(0, head.size() - 1);
    if (!spelled(base)) return false;
  }
  if (std::find(particles_.begin(), particles_.end(), base) != particles_.end()) return false;
  if (host_.frequency_band(base) > 1) return true;
  const std::string* probe = probe_for(base);
  return probe && spelled(std::string(head) + *probe);
}

// The first part of a compound before a hyphen ("kwaliteits- en zorgvuldigheidseisen", "dubo-voorzieningen"):
// Hunspell lets it begin a compound with a neutral noun, or it may begin one by the rules above.
bool Spelling::begins_compound(std::string_view lower) const {
  const std::string* probe = probe_for(lower);
  return (probe && spelled(std::string(lower) + *probe)) || may_begin_compound(lower);
}

// Whether `lower` (lower case, unknown to Hunspell) reads as a compound of dictionary words: two parts, or three
// when the last part is itself such a compound. Each part has at least 4 letters. Refused when the writer may
// have got the linking letter wrong (a variant with or without "s" or "n" at the join is a known word:
// "stallingkosten", "consumenteprijsindex"), and at a clash of vowels, which Dutch writes with a hyphen
// ("reïntegratieinspanningen").
bool Spelling::plausible_compound(std::string_view lower, int depth) const {
  constexpr std::size_t min_part = 4;  // code points
  const std::vector<std::size_t> offsets = code_point_offsets(lower);
  const std::size_t n = offsets.size() - 1;
  if (n < 2 * min_part) return false;
  for (std::size_t i = min_part; i + min_part <= n; ++i) {
    const std::string_view head = lower.substr(0, offsets[i]);
    const std::string_view tail = lower.substr(offsets[i]);
    std::size_t k = offsets[i - 1];
    const char32_t last = next_code_point(lower, k);
    k = offsets[i];
    const char32_t first = next_code_point(lower, k);
    if (is_vowel(last) && is_vowel(first)) continue;
    if (!may_begin_compound(head)) continue;
    if (!may_end_compound(tail) && !(depth == 0 && plausible_compound(tail, depth + 1))) continue;
    const std::string tail_text(tail);
    if (head.ends_with('s') ? spelled(std::string(head.substr(0, head.size() - 1)) + tail_text)
                            : spelled(std::string(head) + "s" + tail_text))
      return false;
    if (head.ends_with('e') && spelled(std::string(head) + "n" + tail_text)) return false;
    if (head.ends_with("en") && spelled(std::string(head.substr(0, head.size() - 1)) + tail_text)) return false;
    return true;
  }
  return false;
}

Spelling::Verdict Spelling::judge_piece(std::string_view piece, bool sentence_start) const {
  if (host_.vocabulary(piece) < 0) return Verdict::rejected;
  if (accepted(piece)) return Verdict::correct;
  const Profile p = profile_of(piece);
  if (p.letters < 2 || p.digits > 0 || p.foreign > 0 || piece.size() > max_word_bytes) return Verdict::skipped;
  // Without a vowel it is an abbreviation or a unit ("wtk", "vlg", "lg"), not a word; "iii" and "iv" number
  // the items of a list.
  if (p.vowels == 0 || (piece.size() <= 4 && piece.find_first_not_of("ivx") == std::string_view::npos))
    return Verdict::skipped;
  // Two capitals: an acronym (AMvB), a word in capitals, or a brand with a capital inside (DigiD, IJsland).
  if (p.upper >= 2 || (p.upper == 1 && !p.first_letter_upper)) return Verdict::skipped;
  // A capital inside a sentence marks a name. At the start of a sentence Hunspell itself accepts both a
  // dictionary word with a capital and a name it knows.
  if (p.first_letter_upper && !sentence_start) return Verdict::skipped;
  if (spelled(piece)) return Verdict::correct;
  const std::string lower = p.first_letter_upper ? with_first(piece, false) : std::string(piece);
  // A productive ending on a word the dictionary knows: "verweesd" + "heid". The rest keeps 4 letters or more.
  for (const std::string& ending : derivation_endings_) {
    if (lower.size() >= ending.size() + 4 && lower.ends_with(ending) &&
        spelled(std::string_view(lower).substr(0, lower.size() - ending.size())))
      return Verdict::correct;
  }
  return plausible_compound(lower, 0) ? Verdict::correct : Verdict::misspelled;
}

Spelling::Verdict Spelling::judge_form(std::uint32_t form, std::string_view piece, bool sentence_start) const {
  if (form == 0) return judge_piece(piece, sentence_start);
  const unsigned shift = sentence_start ? 4 : 0;
  const std::uint8_t known = (verdicts_.get(form) >> shift) & 0xF;
  if (known != 0) return static_cast<Verdict>(known - 1);
  const Verdict verdict = judge_piece(piece, sentence_start);
  // Two threads may judge the same form at once: both get the same verdict; a lost update only costs a repeat.
  const std::uint8_t now = verdicts_.get(form);
  verdicts_.set(form, static_cast<std::uint8_t>((now & ~(0xF << shift)) | ((static_cast<unsigned>(verdict) + 1) << shift)));
  return verdict;
}

namespace {

// A word token whose text is the word itself: no hyphen (a compound or a line break), no white space, no soft
// hyphen or other invisible character (clean_word would change it).
bool plain_word(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xE2 || c == 0xEF) return false;
    if (c == 0xC2 && i + 1 < text.size() && (text[i + 1] == '\xAD' || text[i + 1] == '\xA0')) return false;
  }
  return true;
}

}  // namespace

void Spelling::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  // Without a dictionary nothing can be judged; the host has told the user already.
  if (host_.spelled_correctly("de") < 0) return;

  // Hunspell takes a tenth of a second or more per word to suggest: ask once per word form in this check.
  std::map<std::string, std::vector<std::string>, std::less<>> suggestions;

  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const std::string_view text = paragraph.text();

    const auto report = [&](Verdict verdict, const Word& word, std::size_t begin, std::size_t end) {
      const std::string piece = word.text.substr(begin, end - begin);
      const std::uint32_t start = word.start_of(begin), stop = word.end_before(end);
      if (verdict == Verdict::rejected) {
        findings.emit(p, start, stop, "Dit project wil het woord \"" + piece + "\" niet. Kies een ander woord.");
        return;
      }
      std::vector<sdk::Fix> fixes;
      // Suggestions take Hunspell 0.05-0.3 s per word: only when asked for (not while the writer types:
      // the editor asks when the writer opens the quick fixes; `helder check --suggestions`).
      if (max_suggestions_ > 0 && !host_.quick()) {
        const Profile original = profile_of(piece);
        auto found = suggestions.find(piece);
        if (found == suggestions.end()) {
          std::vector<std::string> list = host_.suggestions(piece);
          // Hunspell finds little for a capital at the start of a sentence ("Ijzerr"): ask for the small letter.
          if (list.empty() && original.first_letter_upper) list = host_.suggestions(with_first(piece, false));
          found = suggestions.emplace(piece, std::move(list)).first;
        }
        for (const std::string& raw : found->second) {
          std::string suggestion = original.first_letter_upper ? with_first(raw, true) : raw;
          if (suggestion == piece || host_.vocabulary(suggestion) < 0) continue;
          // Hunspell also proposes to split off one letter ("B-reddingsarbeid"): no help to a writer.
          const std::size_t split = suggestion.find_first_of(" -");
          if (split == 1 && piece.find_first_of(" -") != 1) continue;
          if (std::any_of(fixes.begin(), fixes.end(), [&](const sdk::Fix& f) { return f.replacement == suggestion; }))
            continue;
          // Hunspell guesses ("aanvraagg": "aanvraagt" before "aanvraag"): a person chooses, never --fix.
          fixes.push_back(sdk::Fix{start, stop, std::move(suggestion), true});
          if (fixes.size() == max_suggestions_) break;
        }
      }
      std::string message = "Staat dit woord goed gespeld?";
      if (fixes.empty()) {
        message += " Het staat niet in het woordenboek.";
      } else {
        message += " Bedoelt u: ";
        for (std::size_t i = 0; i < fixes.size(); ++i) {
          if (i > 0) message += i + 1 == fixes.size() ? " of " : ", ";
          message += "\"" + fixes[i].replacement + "\"";
        }
        message += "?";
      }
      findings.emit(p, start, stop, message, HELDER_SEVERITY_RULE, fixes);
    };

    // Judges a word with hyphens part by part. Returns whether it is right; reports its errors when `emit`.
    const auto judge_compound = [&](const Word& word, bool sentence_start, bool emit) {
      const std::string_view whole = word.text;
      std::vector<std::pair<std::size_t, std::size_t>> parts;
      for (std::size_t begin = 0; begin <= whole.size();) {
        std::size_t end = whole.find('-', begin);
        if (end == std::string_view::npos) end = whole.size();
        if (end > begin) parts.emplace_back(begin, end);
        begin = end + 1;
      }
      bool rejected = false;
      for (const auto& [begin, end] : parts) {
        if (host_.vocabulary(whole.substr(begin, end - begin)) < 0) {
          rejected = true;
          if (emit) report(Verdict::rejected, word, begin, end);
        }
      }
      if (rejected) return false;
      if (whole.size() <= max_word_bytes && spelled(whole)) return true;
      // Written as one word the compound is right ("kwaliteitsimpuls"): the hyphen is a matter of style.
      std::string glued;
      for (const auto& [begin, end] : parts) glued += whole.substr(begin, end - begin);
      const Profile g = profile_of(glued);
      if (g.upper == 0 && g.digits == 0 && glued.size() <= max_word_bytes && spelled(glued)) return true;
      bool all_correct = true;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto [begin, end] = parts[i];
        const std::string_view part = whole.substr(begin, end - begin);
        if (judge_piece(part, sentence_start && i == 0) != Verdict::misspelled) continue;
        // A prefix the dictionary writes with its hyphen ("semi-"), or a first part that may begin a compound,
        // linking letters included ("kwaliteits-"). A short unknown part before a hyphen is mostly an
        // abbreviation written in small letters, as Dutch does with one read as a word ("dubo-voorzieningen").
        const std::string lower = with_first(part, false);
        if (i + 1 < parts.size() && (profile_of(part).letters <= 4 || spelled(lower + "-") ||
                                     begins_compound(lower)))
          continue;
        all_correct = false;
        if (emit) report(Verdict::misspelled, word, begin, end);
      }
      return all_correct;
    };

    // "overgaan.De minister": a new sentence glued to the full stop, question mark or exclamation mark before it.
    const auto all = paragraph.tokens();
    for (std::size_t i = 1; i + 1 < all.size(); ++i) {
      const helder_token& mark = all[i];
      const helder_token& next = all[i + 1];
      if ((next.flags & HELDER_TOKEN_SENTENCE_START) == 0 || next.start != mark.end || all[i - 1].end != mark.start ||
          all[i - 1].kind != HELDER_TOKEN_WORD ||
          !(is_punctuation(mark, paragraph, ".") || is_punctuation(mark, paragraph, "?") ||
            is_punctuation(mark, paragraph, "!")))
        continue;
      std::string with_space(paragraph.text_of(mark));
      with_space += ' ';
      with_space += paragraph.text_of(next);
      // The finding stays in its sentence (on the mark); the fix shows the next word too: ". De".
      findings.emit(p, mark.start, mark.end, "Na het einde van de zin staat geen spatie. Zet er een spatie achter.",
                    HELDER_SEVERITY_RULE, {sdk::Fix{mark.start, next.end, std::move(with_space), false}});
    }

    for (const helder_sentence& sentence : paragraph.sentences()) {
      const auto tokens = paragraph.tokens_of(sentence);
      const std::vector<bool> quoted = quoted_tokens(paragraph, sentence);
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        const helder_token& t = tokens[i];
        if (t.kind == HELDER_TOKEN_ACRONYM || t.kind == HELDER_TOKEN_ABBREVIATION) {
          // Not for the dictionary, but the project may still reject them.
          if (host_.vocabulary(paragraph.text_of(t)) < 0) {
            const Word word = clean_word(text, t.start, t.end, true);
            report(Verdict::rejected, word, 0, word.text.size());
          }
          continue;
        }
        if (t.kind != HELDER_TOKEN_WORD) continue;
        const bool sentence_start = (t.flags & HELDER_TOKEN_SENTENCE_START) != 0;
        // Most words are plain: their verdict is the word form's, judged once. (judge_piece answers "rejected"
        // exactly when the project rejects the word, and "correct" when it accepts it, as the steps below do.)
        std::optional<Verdict> known;
        if (const std::string_view written = paragraph.text_of(t); plain_word(written)) {
          known = judge_form(host_.form_of(t, written), written, sentence_start);
          if (*known != Verdict::rejected && (*known != Verdict::misspelled || quoted[i])) continue;
        }
        const Word word = clean_word(text, t.start, t.end, false);
        if (word.text.empty()) continue;
        if (!known) {
          const int vocabulary = host_.vocabulary(word.text);
          if (vocabulary < 0) {
            report(Verdict::rejected, word, 0, word.text.size());
            continue;
          }
          if (vocabulary > 0 || quoted[i]) continue;
          if (word.text.find('-') != std::string::npos) {
            judge_compound(word, sentence_start, true);
            continue;
          }
        }
        const Verdict verdict = known ? *known : judge_piece(word.text, sentence_start);
        if (verdict != Verdict::misspelled) {
          if (verdict == Verdict::rejected) report(verdict, word, 0, word.text.size());
          continue;
        }
        // "zee-\negel": the hyphen at the line end may belong to the word.
        if (word.line_break && judge_compound(clean_word(text, t.start, t.end, true), sentence_start, false)) continue;
        // "kwaliteits- en zorgvuldigheidseisen": the first part of a compound whose last part follows later.
        const bool glued_hyphen = i + 1 < tokens.size() && tokens[i + 1].start == t.end &&
                                  is_punctuation(tokens[i + 1], paragraph, "-");
        if (glued_hyphen) {
          const std::string lower = with_first(word.text, false);
          if (spelled(lower + "-") || begins_compound(lower)) continue;
        }
        // "(semi)publieke", "medewerk(st)er": a piece of a word with letters that may be left out.
        const auto glued_bracket = [&](std::size_t b, std::size_t neighbour) {
          return (is_punctuation(tokens[b], paragraph, "(") || is_punctuation(tokens[b], paragraph, ")")) &&
                 tokens[neighbour].kind == HELDER_TOKEN_WORD &&
                 (tokens[b].end == tokens[neighbour].start || tokens[neighbour].end == tokens[b].start);
        };
        const bool bracket_after = i + 2 < tokens.size() && tokens[i + 1].start == t.end && glued_bracket(i + 1, i + 2);
        const bool bracket_before = i >= 2 && tokens[i - 1].end == t.start && glued_bracket(i - 1, i - 2);
        if (bracket_after || bracket_before) continue;
        report(verdict, word, 0, word.text.size());
      }
    }
  }
}

}  // namespace helder::spelling
