// Passive voice: a form of "worden" with a past participle in the same sentence, also when they are
// far apart ("wordt ... besloten") or impersonal ("er wordt gewerkt"); and the passive perfect with
// "zijn" ("is besloten", "ontvoerd zijn"), but not the perfect tense of verbs that take "zijn" ("is
// gegaan") and not "zijn" as a possessive ("zijn huis verkocht": the bare form counts only right next
// to its participle).
#include "passive.hpp"

#include <array>
#include <string_view>

namespace helder {

namespace {

bool is_worden(std::string_view w) {
  static constexpr std::array<std::string_view, 5> forms{"word", "wordt", "worden", "werd", "werden"};
  for (std::string_view f : forms)
    if (w == f) return true;
  return false;
}

// Finite forms of "zijn" that make a passive perfect with a participle anywhere in the clause.
bool is_zijn_finite(std::string_view w) {
  static constexpr std::array<std::string_view, 5> forms{"is", "was", "waren", "ben", "bent"};
  for (std::string_view f : forms)
    if (w == f) return true;
  return false;
}

// Participles whose verb makes its perfect tense with "zijn" (is gegaan, is gestegen), and participles
// that are mostly adjectives (is bekend): with "zijn" they are not passive.
bool is_zijn_perfect_or_adjective(std::string_view w) {
  static constexpr auto words = std::to_array<std::string_view>({
      "gegaan",     "gekomen",    "geweest",     "geworden",   "gebleven",   "gebleken",    "begonnen",
      "gestorven",  "overleden",  "vertrokken",  "gestegen",   "gedaald",    "ontstaan",    "verschenen",
      "verdwenen",  "gevallen",   "gestopt",     "geslaagd",   "gelukt",     "mislukt",     "gebeurd",
      "aangekomen", "teruggekomen", "opgestaan", "gegroeid",   "veranderd",  "toegenomen",  "afgenomen",
      "geland",     "gereisd",    "gevlucht",    "uitgegroeid", "geëindigd", "gezakt",      "verhuisd",
      "vergeten",   "gebleken",   "ontsnapt",    "verongelukt", "bekend",    "gewend",      "geschikt",
      "bereid",     "bezorgd",    "verplicht",   "beroemd",    "verliefd",   "getrouwd",    "geïnteresseerd",
      "gerechtigd", "gestart",    "ingestapt",  "afgereisd",  "verdronken", "doorgeslagen", "afgetreden",
      "uitgekomen", "gelopen",    "geleden",    "gereden",    "gevlogen",   "gezwommen",   "opgegroeid",
      "ingescheurd", "geblesseerd", "onthutst", "uitgebloed", "ingewikkeld", "beperkt", "geneigd",
      "betrokken"});
  for (std::string_view x : words)
    if (w == x) return true;
  return false;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}
bool starts_with(std::string_view s, std::string_view begin) { return s.substr(0, begin.size()) == begin; }

// A past participle: "ge...d/t/en" ("gemaakt", "gegeven", "geïnformeerd") or an unstressed prefix
// without ge- ("besloten", "verstrekt", "ontvangen", "herzien", "erkend"), with or without a separable
// particle in front ("vastgesteld", "toegekend", "opgenomen").
bool is_participle(std::string_view w) {
  if (w.empty()) return false;
  if (w.size() < 5) return false;
  const bool participle_end = ends_with(w, "d") || ends_with(w, "t") || ends_with(w, "en");
  if (!participle_end) return false;
  static constexpr std::array<std::string_view, 12> not_participles{
      "geen", "gezond", "gelijk", "gebied", "gedicht", "gemeent", "gebouwen", "gelet", "gevallen", "geld", "gesprek",
      "beiden"};
  for (std::string_view n : not_participles)
    if (w == n) return false;
  // Nouns and adverbs that happen to look like participles: beleid, gezicht, voorheen, verwondingen.
  static constexpr std::array<std::string_view, 9> noun_endings{"ing", "ingen", "heid", "leven", "dienst",
                                                                "heen", "icht", "eid", "aat"};
  for (std::string_view e : noun_endings)
    if (ends_with(w, e)) return false;
  // A long word in -end is a present participle ("bedroevend"), unlike bekend or herkend.
  if (ends_with(w, "end") && w.size() > 8) return false;
  static constexpr std::array<std::string_view, 6> prefixes{"ge", "be", "ver", "ont", "her", "er"};
  for (std::string_view p : prefixes)
    if (starts_with(w, p)) return true;
  // Inseparable prefixes that look like particles: ondersteund, voorspeld, overschreden.
  static constexpr std::array<std::string_view, 4> inseparable{"onder", "over", "voor", "door"};
  for (std::string_view p : inseparable)
    if (starts_with(w, p) && w.size() > p.size() + 3 && !starts_with(w.substr(p.size()), "ge")) return true;
  static constexpr std::array<std::string_view, 24> particles{
      "aan", "af",  "in",   "op",  "uit", "toe",   "vast",  "voor",  "mee",    "door",   "over", "terug",
      "vrij", "onder", "waar", "neer", "weg", "bij", "na", "om", "samen", "tegen", "binnen", "los"};
  for (std::string_view part : particles)
    if (starts_with(w, part) && w.size() > part.size() + 4) {
      const std::string_view rest = w.substr(part.size());
      if (starts_with(rest, "ge") || starts_with(rest, "be") || starts_with(rest, "ver")) return true;
    }
  return false;
}

// Words before a noun: after them a participle-shaped word is a noun ("het vertrouwen", "de gevolgen").
bool is_determiner(std::string_view w) {
  static constexpr auto words = std::to_array<std::string_view>(
      {"de", "het", "een", "dit", "deze", "uw", "mijn", "onze", "ons", "hun", "haar", "elk", "elke", "ieder",
       "iedere", "alle", "geen", "enkele", "sommige", "welke", "diens", "veel", "weinig"});
  for (std::string_view x : words)
    if (w == x) return true;
  return false;
}

// Words of degree before an adjective: "te ingewikkeld", "zeer gewaardeerd".
bool is_degree_word(std::string_view w) {
  static constexpr auto words = std::to_array<std::string_view>({"te", "zeer", "erg", "heel", "zo", "best", "vrij"});
  for (std::string_view x : words)
    if (w == x) return true;
  return false;
}

// A word token that is a participle; a capital in the middle of a sentence is a name ("Verstappen").
// After a determiner or an inflected adjective it is a noun ("het vertrouwen", "grote gevolgen"); after
// a word of degree it is an adjective ("te ingewikkeld").
bool is_participle_token(const ParagraphAnalysis& p, std::uint32_t index, std::uint32_t first) {
  const helder_token& t = p.tokens[index];
  if (t.kind != HELDER_TOKEN_WORD) return false;
  if ((t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START)) return false;
  if (!is_participle(std::string_view(t.lower.data, t.lower.size))) return false;
  if (index > first && p.tokens[index - 1].kind == HELDER_TOKEN_WORD) {
    const std::string_view before(p.tokens[index - 1].lower.data, p.tokens[index - 1].lower.size);
    if (is_determiner(before) || is_degree_word(before)) return false;
    if (before.size() > 3 && before.back() == 'e' && !ends_with(before, "ee") && !ends_with(before, "ie") &&
        !is_worden(before) && !is_participle(before))
      return false;
  }
  return true;
}

}  // namespace

void find_passives(ParagraphAnalysis& p, const WordServices&) {
  for (std::uint32_t s = 0; s < p.sentences.size(); ++s) {
    const helder_sentence& sentence = p.sentences[s];
    const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
    for (std::uint32_t i = first; i < last; ++i) {
      const helder_token& aux = p.tokens[i];
      if (aux.kind != HELDER_TOKEN_WORD) continue;
      const std::string_view aux_word(aux.lower.data, aux.lower.size);
      if (aux_word == "zijn") {
        // Only right next to its participle: "ontvoerd zijn", "zijn aanbeland"; otherwise a possessive.
        for (const std::uint32_t j : {i - 1, i + 1}) {
          if (j < first || j >= last || p.tokens[j].kind != HELDER_TOKEN_WORD) continue;
          const std::string_view w(p.tokens[j].lower.data, p.tokens[j].lower.size);
          if (is_participle(w) && !is_zijn_perfect_or_adjective(w)) {
            p.passives.push_back(PassiveConstruction{s, Range{aux.start, aux.end}, Range{p.tokens[j].start, p.tokens[j].end}});
            break;
          }
        }
        continue;
      }
      const bool zijn = is_zijn_finite(aux_word);
      if (!zijn && !is_worden(aux_word)) continue;
      // The nearest participle after the auxiliary, else before it (subordinate clause: "dat het besluit
      // genomen wordt").
      std::int64_t found = -1;
      // Right before the auxiliary first: in a subordinate clause the participle comes first ("die
      // gedomineerd wordt door hoger opgeleiden").
      if (!zijn && i > first && is_participle_token(p, i - 1, first)) found = i - 1;
      for (std::uint32_t j = i + 1; j < last && found < 0; ++j) {
        const helder_token& t = p.tokens[j];
        // With "zijn" the participle stays close and in the same clause; "worden" reaches further.
        if (zijn && (j - i > 6 || t.kind == HELDER_TOKEN_PUNCTUATION)) break;
        const std::string_view w(t.lower.data, t.lower.size);
        if (is_participle_token(p, j, first)) {
          if (!(zijn && is_zijn_perfect_or_adjective(w))) found = j;
          else if (zijn) break;  // "is geworden": the perfect of another verb takes the place of the participle
        }
        if (t.kind == HELDER_TOKEN_WORD && (is_worden(w) || is_zijn_finite(w))) break;
      }
      for (std::int64_t j = static_cast<std::int64_t>(i) - 1; j >= first && found < 0 && i - j <= (zijn ? 1 : 3); --j) {
        const helder_token& t = p.tokens[j];
        const std::string_view w(t.lower.data, t.lower.size);
        if (is_participle_token(p, static_cast<std::uint32_t>(j), first) && !(zijn && is_zijn_perfect_or_adjective(w)))
          found = j;
      }
      if (found < 0) continue;
      const helder_token& part = p.tokens[found];
      p.passives.push_back(PassiveConstruction{s, Range{aux.start, aux.end}, Range{part.start, part.end}});
    }
  }
}

}  // namespace helder
