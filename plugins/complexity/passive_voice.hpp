// Check kind "passive-voice": passive constructions ("lijdende vorm") the host found.
#pragma once

#include <helder/sdk.hpp>

namespace helder::complexity {

class PassiveVoice {
 public:
  PassiveVoice(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;
};

}  // namespace helder::complexity
