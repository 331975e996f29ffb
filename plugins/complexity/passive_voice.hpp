// Check kind "passive-voice": passive constructions ("lijdende vorm") the host found.
#pragma once

#include <helder/sdk.hpp>

#include <cstdint>
#include <string>

namespace helder::complexity {

class PassiveVoice {
 public:
  PassiveVoice(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  // "wij voelen", "wij pakken ... aan": the active form of the participle's verb, or "" when the lexicon
  // does not know the verb.
  std::string active_example(std::uint32_t lemma) const;

  sdk::Host host_;
};

}  // namespace helder::complexity
