// Check kind "double-negation" ("dubbele ontkenning"): two negations in one clause, such as "niet onmogelijk",
// "geen ... niet", "niet zonder", "niet uitgesloten".
#pragma once

#include <cstdint>
#include <helder/sdk.hpp>
#include <string>
#include <unordered_set>

namespace helder::complexity {

class DoubleNegation {
 public:
  DoubleNegation(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  bool is_negative_adjective(std::string_view word, std::string& positive) const;

  sdk::Host host_;
  std::int64_t max_distance_;                       // words allowed between the two negations
  std::unordered_set<std::string> negative_words_;  // "uitgesloten", "ontkennen": negative in meaning
  std::unordered_set<std::string> not_negative_;    // "onmiddellijk", "onlangs": on- without a negation
};

}  // namespace helder::complexity
