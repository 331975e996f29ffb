// Check kind "difficult-word": rare words (by the host's frequency band) and long compounds.
#pragma once

#include <helder/sdk.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace helder::jargon {

class DifficultWord {
 public:
  DifficultWord(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  // The message for one word (as written), or nothing when the word is fine.
  std::optional<std::string> message_for(std::string_view word, std::string_view lower, bool hyphenated) const;
  // Whether a word form (lower case) is common: itself, an inflected form of a common word, or a known word.
  bool common(std::string_view lower) const;
  bool common_form(std::string_view lower) const;  // common() without splitting off a particle
  // The same for one part of a compound; a part that is not the last may end in a linking letter.
  // `depth`: how many times the part was split already.
  bool common_part(std::string_view part, bool last, int depth) const;
  bool two_common_parts(std::string_view lower) const;
  // The main word of a compound (its last part) and the word made of the parts that describe it.
  std::pair<std::string, std::string> split_advice(const std::vector<std::string>& parts) const;

  sdk::Host host_;
  std::uint32_t rare_band_;          // a word in this frequency band or a higher (rarer) one is rare
  std::size_t min_letters_;          // shorter words are never reported
  std::size_t compound_max_letters_;  // a compound with more letters is long
  std::size_t compound_max_parts_;    // a compound with more parts is long
  std::unordered_set<std::string> known_;  // lower case: words B1 readers know that the frequency list lacks
};

}  // namespace helder::jargon
