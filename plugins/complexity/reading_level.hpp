// Check kind "reading-level" (document scope): the reading level of the whole text against the pack's target.
#pragma once

#include <helder/sdk.hpp>

namespace helder::complexity {

class ReadingLevel {
 public:
  ReadingLevel(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  int target_;                 // CEFR index (reading_level.hpp)
  std::int64_t min_words_;     // shorter texts get no verdict: the formulas need enough text
  std::int64_t long_sentence_; // for the advice: sentences above this many words
};

}  // namespace helder::complexity
