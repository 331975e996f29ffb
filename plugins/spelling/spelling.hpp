// Check kind "spelling": misspelled words (Hunspell nl through the host) and words the project rejects.
#pragma once

#include <helder/sdk.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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
  // judge_piece() of a word token whose text is the word as it is (no hyphen, space or invisible character),
  // kept per word form (its id) and place: a word form recurs, and judging it asks the host several things.
  Verdict judge_form(std::uint32_t form, std::string_view piece, bool sentence_start) const;
  bool accepted(std::string_view word) const;
  bool spelled(std::string_view word) const { return host_.spelled_correctly(word) == 1; }
  bool plausible_compound(std::string_view lower, int depth) const;
  bool may_end_compound(std::string_view tail) const;
  bool may_begin_compound(std::string_view head) const;
  bool begins_compound(std::string_view lower) const;
  // The neutral noun to glue to `word` (see compound_probes); null when the pack gives none.
  const std::string* probe_for(std::string_view word) const;

  // The shape of a word that may end a compound: it starts with `prefix` and ends with `suffix` ("ge*d").
  struct Tail {
    std::string prefix, suffix;
  };

  sdk::Host host_;  // the host's table outlives every rule
  std::size_t max_suggestions_;
  // The rule's word data (options; see the rule's table in the pack):
  std::vector<std::string> accepted_endings_;  // an accepted word covers its forms with these endings
  // Particles that begin derivations Hunspell knows ("voorwaarde", "overleg"): such a word is no compound.
  std::vector<std::string> particles_;
  std::array<std::string, 2> probes_;          // two neutral nouns that may begin and end a compound; "": none
  std::vector<Tail> compound_tails_;
  std::vector<std::string> derivation_endings_;  // "heid": a known adjective + "heid" is a word ("verweesdheid")
  // judge_form's answers by word id: Verdict + 1 in the low 4 bits (not at a sentence start) and in the high 4
  // bits (at one); 0: not judged yet.
  sdk::WordTable<std::uint8_t> verdicts_;
};

}  // namespace helder::spelling
