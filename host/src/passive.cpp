// Passive voice: a form of "worden" with a past participle in the same sentence, also when they are
// far apart ("wordt ... besloten") or impersonal ("er wordt gewerkt").
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

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}
bool starts_with(std::string_view s, std::string_view begin) { return s.substr(0, begin.size()) == begin; }

// A past participle: "ge...d/t/en" ("gemaakt", "gegeven", "geïnformeerd") or an unstressed prefix
// without ge- ("besloten", "verstrekt", "ontvangen", "herzien", "erkend"), with or without a separable
// particle in front ("vastgesteld", "toegekend", "opgenomen").
bool is_participle(std::string_view w) {
  if (w.size() < 5) return false;
  const bool participle_end = ends_with(w, "d") || ends_with(w, "t") || ends_with(w, "en");
  if (!participle_end) return false;
  static constexpr std::array<std::string_view, 11> not_participles{
      "geen", "gezond", "gelijk", "gebied", "gedicht", "gemeent", "gebouwen", "gelet", "gevallen", "geld", "gesprek"};
  for (std::string_view n : not_participles)
    if (w == n) return false;
  // The gebouwen/gevallen of a noun would mislead: those are plural nouns in -en, caught above.
  static constexpr std::array<std::string_view, 6> prefixes{"ge", "be", "ver", "ont", "her", "er"};
  for (std::string_view p : prefixes)
    if (starts_with(w, p)) return true;
  static constexpr std::array<std::string_view, 12> particles{"aan", "af", "in", "op", "uit", "toe",
                                                              "vast", "voor", "mee", "door", "over", "terug"};
  for (std::string_view part : particles)
    if (starts_with(w, part) && w.size() > part.size() + 4) {
      const std::string_view rest = w.substr(part.size());
      if (starts_with(rest, "ge") || starts_with(rest, "be") || starts_with(rest, "ver")) return true;
    }
  return false;
}

}  // namespace

void find_passives(ParagraphAnalysis& p, const WordServices&) {
  for (std::uint32_t s = 0; s < p.sentences.size(); ++s) {
    const helder_sentence& sentence = p.sentences[s];
    const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
    for (std::uint32_t i = first; i < last; ++i) {
      const helder_token& aux = p.tokens[i];
      if (aux.kind != HELDER_TOKEN_WORD || !is_worden(std::string_view(aux.lower.data, aux.lower.size))) continue;
      // The nearest participle after the auxiliary, else before it (subordinate clause: "dat het besluit
      // genomen wordt").
      std::int64_t found = -1;
      for (std::uint32_t j = i + 1; j < last && found < 0; ++j) {
        const helder_token& t = p.tokens[j];
        if (t.kind == HELDER_TOKEN_WORD && is_participle(std::string_view(t.lower.data, t.lower.size))) found = j;
        if (t.kind == HELDER_TOKEN_WORD && is_worden(std::string_view(t.lower.data, t.lower.size))) break;
      }
      for (std::int64_t j = static_cast<std::int64_t>(i) - 1; j >= first && found < 0 && i - j <= 3; --j) {
        const helder_token& t = p.tokens[j];
        if (t.kind == HELDER_TOKEN_WORD && is_participle(std::string_view(t.lower.data, t.lower.size))) found = j;
      }
      if (found < 0) continue;
      const helder_token& part = p.tokens[found];
      p.passives.push_back(PassiveConstruction{s, Range{aux.start, aux.end}, Range{part.start, part.end}});
    }
  }
}

}  // namespace helder
