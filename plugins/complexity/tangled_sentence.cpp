// Check kind "tangled-sentence" ("tangconstructie"). No parser exists: the checks read word lists, the shape of
// words (participles) and the dictionary (infinitives). Where a word could be two things, a check stops and
// stays silent: a civil servant stops using a tool that cries wolf.
#include "tangled_sentence.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nominal_style.hpp"

namespace helder::complexity {

namespace {

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}
bool ends_with(std::string_view s, std::string_view end) { return s.ends_with(end); }
bool starts_with(std::string_view s, std::string_view begin) { return s.starts_with(begin); }

std::string_view lower_of(const helder_token& t) { return sdk::from_c(t.lower); }
bool is_word(const helder_token& t) { return t.kind == HELDER_TOKEN_WORD; }
// Words as the host counts them: words, numbers, abbreviations, acronyms.
bool counts_as_word(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_NUMBER || t.kind == HELDER_TOKEN_ABBREVIATION ||
         t.kind == HELDER_TOKEN_ACRONYM;
}

// What an auxiliary needs to complete its cluster.
enum class Aux { None, Have, Be, Become, Modal, Te };

Aux finite_aux(std::string_view w) {
  static constexpr auto have = std::to_array<std::string_view>({"heb", "hebt", "heeft", "hebben", "had", "hadden"});
  static constexpr auto be = std::to_array<std::string_view>({"ben", "bent", "is", "was", "waren"});
  static constexpr auto become = std::to_array<std::string_view>({"word", "wordt", "worden", "werd", "werden"});
  static constexpr auto modal = std::to_array<std::string_view>(
      {"kan",     "kun", "kunt",   "kunnen", "kon",  "konden", "moet",  "moeten", "moest", "moesten", "zal",   "zult",
       "zullen",  "zou", "zouden", "wil",    "wilt", "willen", "wilde", "wilden", "wou",   "mag",     "mogen", "mocht",
       "mochten", "ga",  "gaat",   "gaan",   "ging", "gingen", "laat",  "laten",  "liet",  "lieten"});
  static constexpr auto te = std::to_array<std::string_view>(
      {"hoef", "hoeft", "hoeven", "hoefde", "hoefden", "dient", "dienen", "diende", "dienden"});
  if (one_of(w, have)) return Aux::Have;
  if (one_of(w, be)) return Aux::Be;
  if (one_of(w, become)) return Aux::Become;
  if (one_of(w, modal)) return Aux::Modal;
  if (one_of(w, te)) return Aux::Te;
  return Aux::None;
}

// Singular finite auxiliaries: never an infinitive, so one of them starts a new clause.
bool is_singular_finite_aux(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"heb",  "hebt", "heeft", "had",  "ben", "bent",  "is",    "was",  "word",  "wordt",
       "werd", "kan",  "kun",   "kunt", "kon", "moet",  "moest", "zal",  "zult",  "zou",
       "wil",  "wilt", "wilde", "wou",  "mag", "mocht", "gaat",  "ging", "hoeft", "dient"});
  return one_of(w, list);
}

// Infinitives that complete a perfect tense instead of a participle: "heeft kunnen doen".
bool is_aux_infinitive(std::string_view w) {
  static constexpr auto list =
      std::to_array<std::string_view>({"kunnen", "moeten", "willen", "mogen", "laten", "gaan", "zien", "horen",
                                       "blijven", "worden", "zijn", "hebben", "helpen", "leren", "durven"});
  return one_of(w, list);
}

// "zijn" is a verb, or the possessive "his" before a noun: the next word tells.
bool zijn_is_verb(std::string_view next) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"de",   "het",  "een", "er",   "niet", "ook",  "al",     "nog",  "in",    "op",     "door",      "voor", "met",
       "bij",  "na",   "aan", "uit",  "over", "dan",  "daarom", "dus",  "wel",   "steeds", "inmiddels", "nu",   "zo",
       "alle", "deze", "dit", "veel", "hier", "daar", "onder",  "vaak", "nooit", "geen",   "sinds",     "tot"});
  return one_of(next, list);
}

// Words that open a subordinate clause (also the ambiguous "dat", "die", "als", "of", "wat"), and "om"
// (om ... te): a verb cluster does not reach across them.
bool is_clause_opener(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"dat",      "die",     "omdat",     "als",      "wanneer",  "indien",   "zodat",  "doordat",
       "terwijl",  "nadat",   "voordat",   "hoewel",   "tenzij",   "waarin",   "waarop", "waarmee",
       "waardoor", "waarbij", "waarvan",   "waarover", "waarvoor", "waaraan",  "waarna", "waaruit",
       "waartoe",  "wat",     "wie",       "welke",    "of",       "om",       "zodra",  "mits",
       "opdat",    "totdat",  "aangezien", "hetgeen",  "alsof",    "ofschoon", "zoals"});
  return one_of(w, list);
}

// Openers of a subordinate clause that are never anything else.
bool is_certain_opener(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"omdat",    "doordat", "zodat",   "nadat",    "voordat",  "totdat",    "terwijl",  "hoewel",
       "indien",   "zodra",   "mits",    "tenzij",   "opdat",    "alsof",     "ofschoon", "aangezien",
       "waarin",   "waarop",  "waarmee", "waardoor", "waarvan",  "waarbij",   "waaraan",  "waarover",
       "waarvoor", "waarna",  "waaruit", "waartoe",  "waarnaar", "waartegen", "hetgeen",  "wanneer"});
  return one_of(w, list);
}

// Words that start a clause's subject or adverbial part: after "dat" or "als" they show a conjunction, not a
// demonstrative ("dat besluit") or a comparison ("als gevolg").
bool starts_clause_content(const helder_token& t) {
  if (t.kind == HELDER_TOKEN_NUMBER || t.kind == HELDER_TOKEN_ACRONYM) return true;
  if (!is_word(t)) return false;
  if ((t.flags & HELDER_TOKEN_CAPITALIZED) != 0) return true;
  static constexpr auto list = std::to_array<std::string_view>(
      {"de",      "het",    "een",  "u",    "uw",   "wij",   "we",      "ik",  "je",  "jij",  "hij",  "zij",
       "ze",      "jullie", "men",  "er",   "niet", "dit",   "deze",    "die", "dat", "onze", "ons",  "hun",
       "zijn",    "haar",   "mijn", "alle", "veel", "meer",  "ook",     "nog", "al",  "dan",  "daar", "hier",
       "in",      "op",     "met",  "voor", "bij",  "door",  "naar",    "na",  "van", "over", "aan",  "iedereen",
       "niemand", "niets",  "iets", "geen", "elke", "ieder", "sommige", "wel", "zo",  "is",   "was",  "wordt",
       "werd",    "heeft",  "kan",  "moet", "zal",  "mag",   "wil"});
  return one_of(lower_of(t), list);
}

bool is_determiner(std::string_view w) {
  static constexpr auto list =
      std::to_array<std::string_view>({"de", "het", "een", "deze", "die", "dit", "dat", "onze", "uw", "hun", "zijn",
                                       "haar", "mijn", "ons", "elk", "ieder", "geen", "alle"});
  return one_of(w, list);
}

bool is_preposition(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"op",      "van",    "over",  "voor",   "met",   "na",      "tot",    "bij", "in",
       "aan",     "door",   "naar",  "zonder", "tegen", "onder",   "uit",    "via", "per",
       "vanwege", "binnen", "sinds", "tussen", "om",    "volgens", "tijdens"});
  return one_of(w, list);
}

// A past participle by its shape: "ge...d/t/en" or an unstressed prefix ("besloten", "verstrekt"), with or
// without a separable particle ("vastgesteld"). The same heuristic as the host's passive finder.
bool is_participle(std::string_view w, const sdk::Host& host) {
  if (w.size() < 5) return false;
  if (!(ends_with(w, "d") || ends_with(w, "t") || ends_with(w, "en"))) return false;
  static constexpr auto not_participles = std::to_array<std::string_view>(
      {"geen", "gezond", "gelijk", "gebied", "gedicht", "gemeent", "gebouwen", "gelet", "gevallen", "geld", "gesprek",
       "gezin", "gevolgen", "gebieden", "geheel", "gedeelte", "overheden", "gelegenheden", "verleden"});
  if (one_of(w, not_participles)) return false;
  static constexpr auto noun_endings = std::to_array<std::string_view>(
      {"ing", "ingen", "heid", "leven", "dienst", "heen", "icht", "eid", "aat", "tijd"});
  for (std::string_view e : noun_endings)
    if (ends_with(w, e)) return false;
  // A word in -end is a present participle ("bedroevend", "bepalend") when it is an infinitive plus -d;
  // "toegekend" and "erkend" are not.
  if (ends_with(w, "end") && looks_like_infinitive(w.substr(0, w.size() - 1), host, true)) return false;
  static constexpr auto prefixes = std::to_array<std::string_view>({"ge", "be", "ver", "ont", "her", "er"});
  for (std::string_view p : prefixes)
    if (starts_with(w, p)) return true;
  static constexpr auto inseparable = std::to_array<std::string_view>({"onder", "over", "voor", "door"});
  for (std::string_view p : inseparable)
    if (starts_with(w, p) && w.size() > p.size() + 3 && !starts_with(w.substr(p.size()), "ge")) return true;
  static constexpr auto particles = std::to_array<std::string_view>(
      {"aan",   "af",    "in",     "op",       "uit",    "toe",     "vast",    "voor",  "mee",   "door",
       "over",  "terug", "vrij",   "onder",    "bij",    "weg",     "na",      "tegen", "om",    "neer",
       "voort", "samen", "achter", "tegemoet", "teweeg", "plaats",  "deel",    "rond",  "open",  "dicht",
       "goed",  "stil",  "bekend", "los",      "heen",   "mede",    "overeen", "bloot", "kwijt", "lief",
       "tot",   "vol",   "binnen", "buiten",   "thuis",  "vooruit", "bijeen"});
  for (std::string_view part : particles)
    if (starts_with(w, part) && w.size() > part.size() + 4) {
      const std::string_view rest = w.substr(part.size());
      if (starts_with(rest, "ge") || starts_with(rest, "be") || starts_with(rest, "ver")) return true;
    }
  return false;
}

// Participles that after "zijn" are mostly adjectives: "is bekend", "is verplicht".
bool is_adjective_participle(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"bekend",    "gewend",        "geschikt",       "bereid",      "bezorgd",     "verplicht",    "beroemd",
       "verliefd",  "getrouwd",      "geïnteresseerd", "gerechtigd",  "betrokken",   "bewust",       "gericht",
       "verbonden", "gebaseerd",     "geregeld",       "beperkt",     "gelegen",     "verschuldigd", "begrepen",
       "bedoeld",   "gebonden",      "bevoegd",        "verantwoord", "gewenst",     "vereist",      "verwant",
       "verbaasd",  "teleurgesteld", "tevreden",       "gesloten",    "geopend",     "bestemd",      "gevestigd",
       "opgenomen", "genoemd",       "beschreven",     "aangewezen",  "uitgesloten", "gezien",       "betreft",
       "verwacht",  "gewoon",        "besteed"});
  return one_of(w, list);
}

// Strong participles that look like a plural ("betrokken": "betrok").
bool is_strong_participle(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"betrokken", "begonnen", "gewonnen", "verzonnen", "ontgonnen", "gesponnen", "gezwommen", "gegleden"});
  return one_of(w, list);
}

// An adjective with the inflection -e: "nieuwe", "bestede", "hoge". The dictionary knows the bare adjective
// ("nieuw", "besteed", "hoog"); a noun in -e has none ("informatie", "ruimte").
bool is_inflected_adjective(std::string_view w, const sdk::Host& host) {
  if (w.size() < 4 || !w.ends_with("e") || w.ends_with("ee") || w.ends_with("ie") || w == "keuze") return false;
  std::string base(w.substr(0, w.size() - 1));
  std::vector<std::string> candidates{base};
  const std::size_t m = base.size();
  auto vowel = [](char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; };
  if (m >= 3 && !vowel(base[m - 1]) && vowel(base[m - 2]) && !vowel(base[m - 3])) {
    std::string doubled = base;
    doubled.insert(m - 1, 1, base[m - 2]);
    candidates.push_back(doubled);
  }
  for (std::size_t k = 0, c = candidates.size(); k < c; ++k) {
    std::string devoiced = candidates[k];
    if (devoiced.back() == 'v')
      devoiced.back() = 'f';
    else if (devoiced.back() == 'z')
      devoiced.back() = 's';
    else
      continue;
    candidates.push_back(devoiced);
  }
  for (const std::string& c : candidates)
    if (host.spelled_correctly(c) == 1) return true;
  return false;
}

// A plural noun in -en that has the shape of a participle: "gevolgen", "gebieden", "gemeenten". The
// singular is in the dictionary; a real participle ("genomen", "gegeven") has no such singular.
bool plural_noun_like(std::string_view w, const sdk::Host& host) {
  if (!ends_with(w, "en") || w.size() < 6) return false;
  std::string stem(w.substr(0, w.size() - 2));
  if (host.spelled_correctly(stem) == 1 || host.spelled_correctly(w.substr(0, w.size() - 1)) == 1) return true;
  // "bedrijven" -> "bedrijf", "verschillen" -> "verschil".
  std::string singular = stem;
  if (singular.back() == 'v')
    singular.back() = 'f';
  else if (singular.back() == 'z')
    singular.back() = 's';
  else if (singular.size() >= 2 && singular.back() == singular[singular.size() - 2])
    singular.pop_back();
  if (singular != stem && host.spelled_correctly(singular) == 1) return true;
  // An open syllable: "onderdelen" -> "onderdeel". Not for ge- words: "genomen" is no plural of "genoom".
  const std::size_t m = stem.size();
  auto vowel = [](char c) { return std::string_view("aeou").find(c) != std::string_view::npos; };
  if (!w.starts_with("ge") && m >= 3 && !vowel(stem[m - 1]) && vowel(stem[m - 2]) && !vowel(stem[m - 3])) {
    std::string doubled = stem;
    doubled.insert(m - 1, 1, stem[m - 2]);
    // ... unless it is a verb stem: "overtreden" -> "overtreed", "overtreedt".
    return host.spelled_correctly(doubled) == 1 && host.spelled_correctly(doubled + "t") != 1;
  }
  return false;
}

bool is_mark(const sdk::Paragraph& paragraph, const helder_token& t, std::string_view marks) {
  if (t.kind != HELDER_TOKEN_PUNCTUATION && t.kind != HELDER_TOKEN_SYMBOL) return false;
  const std::string_view s = paragraph.text_of(t);
  std::size_t from = 0;
  while (from < marks.size()) {
    const std::size_t space = marks.find(' ', from);
    const std::string_view m =
        marks.substr(from, space == std::string_view::npos ? std::string_view::npos : space - from);
    if (s == m) return true;
    if (space == std::string_view::npos) break;
    from = space + 1;
  }
  return false;
}
bool is_comma(const sdk::Paragraph& paragraph, const helder_token& t) { return is_mark(paragraph, t, ","); }
bool is_dash(const sdk::Paragraph& paragraph, const helder_token& t) { return is_mark(paragraph, t, "– —"); }
// A full stop inside a sentence, or inside a word ("overgaan.De"), is a sentence boundary the segmenter missed.
bool ends_clause(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind == HELDER_TOKEN_WORD) return lower_of(t).find('.') != std::string_view::npos;
  return is_mark(paragraph, t, "; : ? ! • . |");
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

TangledSentence::TangledSentence(const sdk::Host& host, const sdk::Options& options)
    : host_(host),
      max_verb_gap_(options.integer("max_words_between_verbs", 8)),
      max_subject_gap_(options.integer("max_words_between_subject_and_verb", 8)),
      max_subordinate_(options.integer("max_nested_clauses", 2)) {
  if (max_verb_gap_ < 1 || max_subject_gap_ < 1 || max_subordinate_ < 1)
    throw std::invalid_argument(
        "max_words_between_verbs, max_words_between_subject_and_verb en max_nested_clauses moeten groter dan 0 zijn");
}

bool TangledSentence::is_infinitive(std::string_view w) const { return looks_like_infinitive(w, host_, true); }
bool TangledSentence::is_finite_verb(std::string_view w) const {
  return finite_aux(w) != Aux::None || w == "zijn" || looks_like_finite_verb(w, host_);
}

// Does the word at tokens[i] open a subordinate clause? Certain openers ("omdat", "waarin") always do; "dat",
// "die", "als", "of", "wat" only where the words around them say so. `first` is the first token of the sentence.
bool TangledSentence::opens_clause(const sdk::Paragraph& paragraph, const sdk::Strided<helder_token>& tokens,
                                   std::size_t i, std::size_t first) const {
  const std::size_t n = tokens.size();
  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]) ? lower_of(tokens[k]) : std::string_view(); };
  auto after_comma = [&](std::size_t k) { return k > 0 && is_comma(paragraph, tokens[k - 1]); };
  const std::string_view w = word_at(i);
  if (w.empty() || (i == first && (w == "dat" || w == "die" || w == "wat" || w == "wie"))) return false;
  const std::string_view before = i > 0 ? word_at(i - 1) : std::string_view();
  const std::string_view next = word_at(i + 1);
  // A pronoun right after an opener or "zoals" is no opener itself: "als dat", "zoals die was".
  const bool after_opener = is_clause_opener(before) || before == "zoals";
  if (w == "wanneer") return !is_finite_verb(next);  // else a question: "Wanneer krijgt u ...?"
  if (w == "dat")
    return !is_preposition(before) && !after_opener && i + 1 < n &&
           (after_comma(i) || starts_clause_content(tokens[i + 1]));
  if (w == "die") {
    // Relative "die" is followed by the clause ("die wij maakten", "die gelden", "die van mening is"); the
    // demonstrative by its noun ("die toestemming") or by "van" and a date or name ("die van 28 juni").
    const bool demonstrative_van = next == "van" && i + 2 < n &&
                                   (tokens[i + 2].kind == HELDER_TOKEN_NUMBER || is_determiner(word_at(i + 2)) ||
                                    (tokens[i + 2].flags & HELDER_TOKEN_CAPITALIZED) != 0);
    const bool clause_follows = i + 1 < n && !demonstrative_van &&
                                (starts_clause_content(tokens[i + 1]) || is_finite_verb(next) || is_infinitive(next) ||
                                 is_participle(next, host_));
    return clause_follows && !after_opener &&
           (after_comma(i) || (!before.empty() && !is_preposition(before) && before != "en" && before != "of" &&
                               finite_aux(before) == Aux::None && !is_determiner(before)));
  }
  if (w == "wat" || w == "welke" || w == "wie")
    return after_comma(i) || before == "alles" || before == "iets" || before == "niets";
  if (w == "als")
    return (i == first || after_comma(i)) && i + 1 < n && starts_clause_content(tokens[i + 1]) && next != "gevolg";
  if (w == "of") {
    static constexpr auto askers = std::to_array<std::string_view>(
        {"af",       "na",       "weten",      "weet",       "vragen",      "vraagt",     "vroeg",       "vraag",
         "bekijken", "bekijkt",  "beoordelen", "beoordeelt", "onderzoeken", "onderzoekt", "controleren", "controleert",
         "kijken",   "kijkt",    "toetsen",    "toetst",     "beslissen",   "beslist",    "bepalen",     "bepaalt",
         "twijfel",  "twijfelt", "ongeacht",   "zien",       "ziet"});
    return one_of(before, askers);
  }
  return is_certain_opener(w);
}

void TangledSentence::check_verb_tang(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                      sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]) ? lower_of(tokens[k]) : std::string_view(); };

  // A question has its own order ("Kunt u ons vóór 1 mei laten weten of ...?"): left alone.
  if (n == 0 || is_mark(paragraph, tokens[n - 1], "?")) return;
  static constexpr auto subject_pronouns =
      std::to_array<std::string_view>({"ik", "u", "we", "wij", "hij", "zij", "ze", "men", "jij", "je"});
  std::size_t sentence_first = 0;  // first token after a sentence boundary the segmenter missed
  bool subordinate = false;        // inside a subordinate clause, until the main clause comes back
  for (std::size_t i = 0; i < n; ++i) {
    const helder_token& t = tokens[i];
    if (ends_clause(paragraph, t)) {
      sentence_first = i + 1;
      subordinate = false;
      continue;
    }
    if (is_comma(paragraph, t) || is_dash(paragraph, t)) {
      // The main clause comes back: "Als u ..., kunt u ...", "..., maar wij ...".
      const std::string_view next = word_at(i + 1);
      if (next == "maar" || next == "want" || (!next.empty() && is_finite_verb(next)) ||
          (!next.empty() && !is_clause_opener(next) && one_of(word_at(i + 2), subject_pronouns)))
        subordinate = false;
      continue;
    }
    const std::string_view w = word_at(i);
    if (w.empty()) continue;
    if (opens_clause(paragraph, tokens, i, sentence_first) || w == "zoals") subordinate = true;
    Aux aux = finite_aux(w);
    if (w == "zijn" && zijn_is_verb(word_at(i + 1))) aux = Aux::Be;
    if (aux == Aux::None || subordinate) continue;

    // Walk to the rest of the cluster. Insertions between commas, dashes or brackets are walked over.
    std::size_t words = 0, j = i + 1;
    std::int64_t cluster = -1;
    bool stop = false;
    // No tang is longer than this; a run-on text must not make the walk quadratic.
    constexpr std::size_t max_walk = 80;
    while (j < n && j - i <= max_walk && !stop && cluster < 0) {
      const helder_token& u = tokens[j];
      if (ends_clause(paragraph, u)) break;
      if (is_comma(paragraph, u) || is_dash(paragraph, u) || is_mark(paragraph, u, "(")) {
        const std::string_view next = word_at(j + 1);
        if (next.empty() && !(j + 1 < n && counts_as_word(tokens[j + 1]))) break;
        // A new clause after the comma: the cluster is not coming back.
        // A plural verb is also an infinitive ("zijn", "worden"): that may be the cluster itself.
        const bool finite = is_singular_finite_aux(next) || (is_finite_verb(next) && !is_infinitive(next));
        if (next == "en" || next == "maar" || next == "want" || next == "dus" || next == "of" || finite) {
          if (is_comma(paragraph, u)) break;
        }
        if (is_clause_opener(next) || is_preposition(next) || is_dash(paragraph, u) || is_mark(paragraph, u, "(")) {
          // An insertion: walk to its closing mark, counting its words.
          std::size_t k = j + 1;
          while (k < n && k - i <= max_walk && !is_comma(paragraph, tokens[k]) && !is_dash(paragraph, tokens[k]) &&
                 !is_mark(paragraph, tokens[k], ")") && !ends_clause(paragraph, tokens[k])) {
            if (counts_as_word(tokens[k])) ++words;
            ++k;
          }
          if (k >= n || k - i > max_walk || ends_clause(paragraph, tokens[k])) {
            stop = true;
            break;
          }
          j = k + 1;
          continue;
        }
        ++j;  // a comma in a list: "burgers, bedrijven en gemeenten"
        continue;
      }
      const std::string_view v = word_at(j);
      if (v.empty()) {
        if (counts_as_word(u)) ++words;
        ++j;
        continue;
      }
      if (is_clause_opener(v) || is_singular_finite_aux(v)) break;
      // "er is sprake van ...": a noun completes "is", a participle later on belongs to something else.
      if (aux == Aux::Be && v == "sprake") break;
      if ((u.flags & HELDER_TOKEN_CAPITALIZED) && !(u.flags & HELDER_TOKEN_SENTENCE_START)) {
        ++words;  // a name
        ++j;
        continue;
      }
      // A participle after an article is an adjective: "de afgelopen maanden", "het genomen besluit". A plural
      // noun may look like a participle ("gemeenten", "gevolgen"); "gevallen" and "geboden" can be both.
      if (v == "gevallen" || v == "geboden") break;
      const bool participle = is_participle(v, host_) && !is_determiner(word_at(j - 1)) &&
                              (is_strong_participle(v) || !plural_noun_like(v, host_));
      const bool te_infinitive = v == "te" && is_infinitive(word_at(j + 1));
      // After an article or an inflected adjective a word in -en is a noun: "het maken", "bestede kosten".
      const std::string_view previous = word_at(j - 1);
      const bool noun_position = is_determiner(previous) || is_inflected_adjective(previous, host_);
      // "zijn" before a noun is the possessive: "de keuze maken zijn ambt ...".
      const bool possessive = v == "zijn" && !zijn_is_verb(word_at(j + 1)) && j + 1 < n && is_word(tokens[j + 1]) &&
                              !is_participle(word_at(j + 1), host_);
      // A verb cluster starts with its auxiliaries ("kunnen worden verlengd"); a word in -en right before them is
      // a noun: "een laag inkomen kunnen ...".
      const std::string_view following = word_at(j + 1);
      const bool before_cluster = !is_aux_infinitive(v) && ((is_aux_infinitive(following) && following != "zijn") ||
                                                            (following != "te" && is_participle(following, host_)));
      const bool infinitive = !participle && !noun_position && !possessive && !before_cluster && is_infinitive(v);
      if (participle || infinitive || te_infinitive) {
        bool fits = false;
        switch (aux) {
          // "heeft ... kunnen doen": a modal infinitive instead of a participle; "hebben ... en zijn" is no cluster.
          case Aux::Have:
            fits = participle || (infinitive && is_aux_infinitive(v) && v != "zijn" && v != "hebben" && v != "worden");
            break;
          case Aux::Be:
            fits = participle && !is_adjective_participle(v);
            break;
          case Aux::Become:
            fits = participle && !is_adjective_participle(v);
            break;
          case Aux::Modal:
            fits = participle || infinitive;
            break;
          case Aux::Te:
            fits = te_infinitive;
            break;
          case Aux::None:
            break;
        }
        if (fits)
          cluster = static_cast<std::int64_t>(j);
        else
          stop = true;
        break;
      }
      if (v == "te") {  // "te laat", "te veel": no verb
        ++words;
        ++j;
        continue;
      }
      ++words;
      ++j;
    }
    if (cluster < 0 || stop) continue;
    // The rest of the cluster: "genomen worden", "kunnen worden ingezet", "te verlengen".
    std::size_t last = static_cast<std::size_t>(cluster);
    if (word_at(last) == "te") {
      ++last;
      // A separable particle before "te" belongs to the verb: "toe te kennen".
      const std::string_view particle = word_at(static_cast<std::size_t>(cluster) - 1);
      if (cluster > static_cast<std::int64_t>(i) + 1 && !particle.empty() && particle.size() <= 6 &&
          host_.spelled_correctly(std::string(particle) + std::string(word_at(last))) == 1 && words > 0) {
        --cluster;
        --words;
      }
    }
    for (std::size_t extra = 0; extra < 3 && last + 1 < n; ++extra) {
      const std::string_view next = word_at(last + 1);
      const bool after_aux_infinitive = is_aux_infinitive(word_at(last));
      // "zijn" and "hebben" end a cluster only at the end of the clause, else they are a possessive or a verb
      // of their own: "de keuze maken zijn ambt ...".
      const bool clause_ends_after = last + 2 >= n || !is_word(tokens[last + 2]) || is_clause_opener(word_at(last + 2));
      const bool own_verb = (next == "zijn" || next == "hebben") && !clause_ends_after;
      if ((is_aux_infinitive(next) && !own_verb) || (after_aux_infinitive && is_participle(next, host_)) ||
          (after_aux_infinitive && next == "te" && is_infinitive(word_at(last + 2))))
        last += next == "te" ? 2 : 1;
      else
        break;
    }
    if (static_cast<std::int64_t>(words) > max_verb_gap_) {
      const std::string_view first_verb = paragraph.text_of(t);
      const std::string_view rest =
          paragraph.text().substr(tokens[cluster].start, tokens[last].end - tokens[cluster].start);
      findings.emit(p, t.start, tokens[last].end,
                    "Tangconstructie: tussen " + quoted(first_verb) + " en " + quoted(rest) + " staan " +
                        std::to_string(words) +
                        " woorden. Zet de werkwoorden dichter bij elkaar. Of maak er twee zinnen van.");
    }
    i = last;
  }
}

void TangledSentence::check_subject_gap(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                        sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  if (n < 4 || !is_word(tokens[0])) return;
  // The subject: an article, pronoun or demonstrative with at most five more words, up to a comma or dash.
  static constexpr auto starts = std::to_array<std::string_view>(
      {"de", "het", "een", "deze", "dit", "die", "onze", "uw",       "mijn",    "zijn", "haar",  "hun",  "wij",
       "we", "ik",  "u",   "hij",  "zij", "ze",  "men",  "iedereen", "niemand", "elke", "ieder", "alle", "veel"});
  if (!one_of(lower_of(tokens[0]), starts)) return;
  std::size_t open = 1;
  while (open < n && !is_comma(paragraph, tokens[open]) && !is_dash(paragraph, tokens[open])) {
    const std::string_view w = lower_of(tokens[open]);
    if (!counts_as_word(tokens[open]) || open > 6) return;
    if (is_word(tokens[open]) && (is_finite_verb(w) || is_participle(w, host_) || is_clause_opener(w))) return;
    ++open;
  }
  if (open >= n || open == 1) return;
  // The insertion ends at the comma or dash that is followed by the finite verb.
  std::size_t words = 0;
  for (std::size_t k = open + 1; k + 1 < n; ++k) {
    const helder_token& t = tokens[k];
    if (ends_clause(paragraph, t)) return;
    if (is_comma(paragraph, t) || is_dash(paragraph, t)) {
      const helder_token& next = tokens[k + 1];
      if (!is_word(next)) return;
      const std::string_view w = lower_of(next);
      if (finite_aux(w) == Aux::None && !looks_like_finite_verb(w, host_)) continue;
      if (static_cast<std::int64_t>(words) > max_subject_gap_) {
        const std::string subject(paragraph.text().substr(tokens[0].start, tokens[open - 1].end - tokens[0].start));
        findings.emit(p, tokens[0].start, next.end,
                      "Tangconstructie: tussen " + quoted(subject) + " en " + quoted(paragraph.text_of(next)) +
                          " staan " + std::to_string(words) +
                          " woorden. Zet wie iets doet en wat hij doet dichter bij elkaar. Maak van het tussenstuk een "
                          "aparte zin.");
      }
      return;
    }
    if (counts_as_word(t)) ++words;
  }
}

void TangledSentence::check_stacking(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                     sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]) ? lower_of(tokens[k]) : std::string_view(); };
  auto after_comma = [&](std::size_t k) { return k > 0 && is_comma(paragraph, tokens[k - 1]); };
  static constexpr auto subject_pronouns =
      std::to_array<std::string_view>({"ik", "u", "we", "wij", "hij", "zij", "ze", "men", "jij", "je"});

  // The depth of the clause chain: every opener goes one level deeper, unless it is coordinated with an
  // earlier one ("dat ... en dat ..."). A comma usually closes the deepest clause; the main clause coming back
  // ("Als u ..., kunt u") closes all of them.
  struct Open {
    std::string_view word;
    std::int64_t depth;
  };
  std::vector<Open> open;
  std::vector<std::string> chain, deepest_chain;
  std::int64_t depth = 0, deepest = 0;
  std::size_t segment_first = 0;
  auto close_all = [&] {
    depth = 0;
    open.clear();
    chain.clear();
  };
  auto finish = [&](std::uint32_t end) {
    if (deepest > max_subordinate_) {
      std::string list;
      for (std::size_t k = 0; k < deepest_chain.size(); ++k)
        list += (k == 0 ? "" : k + 1 == deepest_chain.size() ? " en " : ", ") + quoted(deepest_chain[k]);
      findings.emit(p, tokens[segment_first].start, end,
                    "Deze zin heeft veel bijzinnen in elkaar (" + list +
                        "). Dat is moeilijk te volgen. Maak er meer zinnen van.");
    }
    close_all();
    deepest = 0;
    deepest_chain.clear();
  };

  for (std::size_t i = 0; i < n; ++i) {
    const helder_token& t = tokens[i];
    // Two sentences the segmenter glued together ("overgaan.De"): judge each on its own.
    if ((t.kind == HELDER_TOKEN_WORD && lower_of(t).find('.') != std::string_view::npos) ||
        is_mark(paragraph, t, ".")) {
      finish(t.end);
      segment_first = i + 1;
      continue;
    }
    if (ends_clause(paragraph, t)) {
      close_all();
      continue;
    }
    if (is_comma(paragraph, t)) {
      const std::string_view next = word_at(i + 1);
      const bool inversion = !next.empty() && !is_clause_opener(next) && one_of(word_at(i + 2), subject_pronouns);
      if (next == "maar" || next == "want" || (!next.empty() && is_finite_verb(next)) || inversion)
        close_all();
      else if (!next.empty() && !is_clause_opener(next) && next != "en" && next != "of" && depth > 0)
        --depth;
      continue;
    }
    const std::string_view w = word_at(i);
    if (w.empty() || (i == segment_first && (w == "dat" || w == "die" || w == "wat" || w == "wie"))) continue;
    const std::string_view before = i > 0 ? word_at(i - 1) : std::string_view();
    if (!opens_clause(paragraph, tokens, i, segment_first)) continue;
    // Coordinated: "dat ... en dat ...", "dat ..., dat ...", "dat ... dan wel dat ...".
    const bool joined =
        before == "en" || before == "of" || before == "maar" || (before == "wel" && i >= 2 && word_at(i - 2) == "dan");
    const auto same = std::find_if(open.rbegin(), open.rend(), [&](const Open& o) { return o.word == w; });
    if ((joined || after_comma(i)) && same != open.rend())
      depth = same->depth;
    else if (!joined || depth == 0)
      ++depth;
    open.push_back(Open{w, depth});
    chain.emplace_back(paragraph.text_of(t));
    if (depth > deepest) {
      deepest = depth;
      deepest_chain = chain;
    }
  }
  if (segment_first < n) finish(sentence.end);
}

void TangledSentence::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    for (const helder_sentence& sentence : paragraph.sentences()) {
      if (paragraph.is_quoted(sentence)) continue;  // someone else's words
      check_verb_tang(paragraph, sentence, p, findings);
      check_subject_gap(paragraph, sentence, p, findings);
      check_stacking(paragraph, sentence, p, findings);
    }
  }
}

}  // namespace helder::complexity
