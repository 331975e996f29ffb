// Check kind "paragraph-length": paragraphs with more sentences or words than the pack allows.
#pragma once

#include <helder/sdk.hpp>

#include <cstdint>

namespace helder::complexity {

class ParagraphLength {
 public:
  ParagraphLength(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  std::int64_t max_sentences_;
  std::int64_t max_words_;
};

}  // namespace helder::complexity
