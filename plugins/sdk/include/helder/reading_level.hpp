// Reading level: Flesch-Douma and Brouwer's Leesindex A, and the CEFR level (A1..C2) helder maps them to.
// Header-only, so the host (code lens, hover, JSON) and the rules in plugins use one and the same mapping.
//
// The mapping is helder's choice (see docs/reading-level.md): the formulas only count words per sentence and
// syllables per word, so a level is a signal, not a verdict. Thresholds on Flesch-Douma:
//   >= 85 A1, >= 75 A2, >= 60 B1, >= 45 B2, >= 30 C1, else C2.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace helder {

struct ReadingScores {
  double flesch_douma = 0;  // 206.84 - 0.93 * words/sentence - 77 * syllables/word
  double leesindex_a = 0;   // 195 - 2 * words/sentence - 66.67 * syllables/word
};

// `words` per sentence over all words; syllables per word over words with letters (`letter_words`).
inline ReadingScores reading_scores(std::uint32_t sentences, std::uint32_t words, std::uint32_t letter_words,
                                    std::uint32_t syllables) {
  if (sentences == 0 || words == 0) return {};
  const double wps = static_cast<double>(words) / sentences;
  const double spw = letter_words ? static_cast<double>(syllables) / letter_words : 0.0;
  return {206.84 - 0.93 * wps - 77.0 * spw, 195.0 - 2.0 * wps - 66.67 * spw};
}

// 0 = A1, 1 = A2, 2 = B1, 3 = B2, 4 = C1, 5 = C2.
inline int cefr_index(double flesch_douma) {
  constexpr std::array<double, 5> lower = {85, 75, 60, 45, 30};
  for (int i = 0; i < 5; ++i)
    if (flesch_douma >= lower[static_cast<std::size_t>(i)]) return i;
  return 5;
}

inline std::string_view cefr_name(int index) {
  constexpr std::array<std::string_view, 6> names = {"A1", "A2", "B1", "B2", "C1", "C2"};
  return index >= 0 && index < 6 ? names[static_cast<std::size_t>(index)] : std::string_view("?");
}

// "B1" -> 2; -1 when the name is not a level.
inline int cefr_from_name(std::string_view name) {
  for (int i = 0; i < 6; ++i)
    if (cefr_name(i) == name) return i;
  return -1;
}

}  // namespace helder
