// Check kind "tangled-sentence" ("tangconstructie"): parts of a sentence that belong together stand far apart.
// The auxiliary and the rest of its verb cluster ("heeft ... besloten"), the subject and its verb across a long
// insertion ("De minister, ..., heeft"), and subordinate clauses stacked inside each other.
#pragma once

#include <cstdint>
#include <helder/sdk.hpp>

namespace helder::complexity {

class TangledSentence {
 public:
  TangledSentence(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  void check_verb_tang(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                       sdk::Findings& findings) const;
  void check_subject_gap(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                         sdk::Findings& findings) const;
  void check_stacking(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                      sdk::Findings& findings) const;
  bool opens_clause(const sdk::Paragraph& paragraph, const sdk::Strided<helder_token>& tokens, std::size_t i,
                    std::size_t first) const;
  bool is_infinitive(std::string_view word) const;
  bool is_finite_verb(std::string_view word) const;

  sdk::Host host_;
  std::int64_t max_verb_gap_;     // words allowed between the auxiliary and the rest of the cluster
  std::int64_t max_subject_gap_;  // words allowed in an insertion between subject and verb
  std::int64_t max_subordinate_;  // subordinate clauses allowed inside each other
};

}  // namespace helder::complexity
