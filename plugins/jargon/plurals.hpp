// The regular plurals of Dutch nouns, by the spelling rules of the Woordenlijst: the plural candidates of a
// singular ("plan" -> "plannen", "resultaat" -> "resultaten", "mogelijkheid" -> "mogelijkheden"). The endings
// are data, from the rule's `plurals` option; irregular plurals are listed per entry (`forms`). Without the
// option the rule knows no plurals.
#pragma once

#include <helder/sdk.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace helder::jargon {

class Plurals {
 public:
  explicit Plurals(const sdk::Options& options);
  bool empty() const { return en_.empty() && s_.empty(); }
  // Does the word end as a plural does (a quick test before a lookup)?
  bool has_plural_ending(std::string_view word) const {
    return (!en_.empty() && word.ends_with(en_)) || (!s_.empty() && word.ends_with(s_));
  }
  // The plural candidates of a singular, the most regular first; the caller checks them against a dictionary.
  std::vector<std::string> candidates(std::string_view singular) const;

 private:
  bool takes_s(std::string_view singular) const;
  bool takes_both(std::string_view singular) const;
  bool is_vowel(char c) const { return vowels_.find(c) != std::string::npos; }
  std::string en_, s_;                        // the two plural endings
  std::vector<std::string> s_after_;          // singular endings with a plural in s_
  std::vector<std::string> apostrophe_after_; // ... with an apostrophe before it
  std::vector<std::string> apostrophes_;      // the apostrophes a text may use
  std::vector<std::string> both_after_;       // singular endings with either plural
  std::vector<std::pair<std::string, std::string>> changed_;  // (singular ending, plural ending)
  std::vector<std::pair<char, char>> voiced_;                 // (singular letter, its letter before en_)
  std::string vowels_, doubled_vowels_;
};

}  // namespace helder::jargon
