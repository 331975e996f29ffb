// Check kind "undefined-acronym": acronyms and initialisms used before or without being spelled out.
#pragma once

#include <helder/sdk.hpp>

#include <set>
#include <string>

namespace helder::abbreviations {

class UndefinedAcronym {
 public:
  UndefinedAcronym(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  std::set<std::string, std::less<>> known_;  // acronyms everyone knows (as written, and lower case)
};

}  // namespace helder::abbreviations
