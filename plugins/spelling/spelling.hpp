// Check kind "spelling": misspelled words (Hunspell nl through the host) and words the project rejects.
#pragma once

#include <helder/sdk.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace helder::spelling {

class Spelling {
 public:
  Spelling(const sdk::Host& host, const sdk::Options& options);
  // Read-only: may run on several threads at once. Emits nothing when the host has no dictionary.
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

  enum class Verdict { correct, skipped, misspelled, rejected };

 private:
  // One word without hyphens, or one part of a hyphenated compound.
  Verdict judge_piece(std::string_view piece, bool sentence_start) const;
  bool accepted(std::string_view word) const;
  bool spelled(std::string_view word) const { return host_.spelled_correctly(word) == 1; }
  bool plausible_compound(std::string_view lower, int depth) const;
  bool may_end_compound(std::string_view tail) const;
  bool may_begin_compound(std::string_view head) const;

  sdk::Host host_;  // the host's table outlives every rule
  std::size_t max_suggestions_;
};

}  // namespace helder::spelling
