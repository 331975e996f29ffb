// Check kind "sentence-length": sentences with too many words.
#pragma once

#include <helder/sdk.hpp>

#include <cstdint>

namespace helder::complexity {

class SentenceLength {
 public:
  SentenceLength(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  std::int64_t info_above_;
  std::int64_t warning_above_;
};

}  // namespace helder::complexity
