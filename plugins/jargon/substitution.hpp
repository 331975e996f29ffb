// Check kind "substitution": words and phrases (with their inflected forms) that have a plainer
// alternative, from a list in the rule's options.
#pragma once

#include <helder/sdk.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace helder::jargon {

class Substitution {
 public:
  Substitution(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  struct Entry {
    std::string phrase;
    std::vector<std::string> replacements;  // the first is the default fix
    std::string reason;
    bool autofix = true;  // false: the replacement depends on the sentence ("echter" -> "maar")
  };
  struct Pattern {
    std::vector<std::string> words;  // lower case
    std::size_t entry;
    bool base_form;  // the phrase itself, not an inflected form: the replacement fits as it is
  };

  std::string message_for(const Entry& entry, std::string_view matched) const;

  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<Pattern>> by_first_word_;  // longest pattern first
  std::string message_;
};

}  // namespace helder::jargon
