// Check kind "tangled-sentence" ("tangconstructie"): parts of a sentence that belong together stand far apart.
// The auxiliary and the rest of its verb cluster ("heeft ... besloten"), the subject and its verb across a long
// insertion ("De minister, ..., heeft", "dat de samenleving, en daarmee ..., ... is geworden"), subordinate clauses
// stacked inside each other, and an article far from its noun ("de in deze brief gedane voorstellen").
#pragma once

#include <cstdint>
#include <helder/sdk.hpp>
#include <string>
#include <vector>

namespace helder::complexity {

class TangledSentence {
 public:
  TangledSentence(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

  // What a finite verb needs to complete its cluster.
  enum class Aux { None, Have, Be, Modal, Te };

 private:
  void check_verb_tang(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                       sdk::Findings& findings) const;
  void check_subject_gap(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                         sdk::Findings& findings) const;
  void check_clause_subject_gap(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                sdk::Findings& findings) const;
  void check_extended_attribute(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                sdk::Findings& findings) const;
  void check_stacking(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                      sdk::Findings& findings) const;
  bool opens_clause(const sdk::Paragraph& paragraph, const sdk::Strided<helder_token>& tokens, std::size_t i,
                    std::size_t first) const;
  // The kind of auxiliary tokens[i] is; "zijn" counts only where the next word shows it is no possessive.
  Aux aux_at(const sdk::Strided<helder_token>& tokens, std::size_t i) const;
  bool is_finite_verb(const sdk::Strided<helder_token>& tokens, std::size_t i) const;
  bool is_cluster_infinitive(const helder_token& t) const;
  bool is_infinitive_opener(const helder_token& t) const;
  bool is_comparing_opener(const helder_token& t) const;
  // "daardoor", "hiervoor", "ermee": a prefix of the options and a preposition or particle of the lexicon.
  bool is_pronominal_adverb(const helder_token& t) const;

  sdk::Host host_;
  std::int64_t max_verb_gap_;     // words allowed between the auxiliary and the rest of the cluster
  std::int64_t max_subject_gap_;  // words allowed in an insertion between subject and verb
  std::int64_t max_subordinate_;  // subordinate clauses allowed inside each other
  std::int64_t max_clause_subject_gap_;  // words between subject and verb of a subordinate clause with an insertion
  std::int64_t max_attribute_words_;     // words allowed between an article and its adjective ("de in 2020 ...")
  // Verbs of the options, as lemma ids of the lexicon (read once; see the pack's comments).
  std::vector<std::uint32_t> perfect_auxiliaries_;     // "heeft ... besloten", "heeft ... kunnen doen"
  std::vector<std::uint32_t> infinitive_auxiliaries_;  // besides the modals: "gaat ... doen", "laat ... weten"
  std::vector<std::uint32_t> te_auxiliaries_;          // "hoeft ... te doen", "dient ... toe te sturen"
  std::vector<std::uint32_t> cluster_infinitives_;     // besides the auxiliaries: "heeft ... laten zien"
  std::vector<std::uint32_t> question_verbs_;          // before "of": "vraagt ... of", "gaat na of"
  std::vector<std::string> infinitive_openers_;        // "om" (om ... te doen)
  std::vector<std::string> comparing_openers_;         // "als", "zoals": also "als gevolg", "zo groot als"
  std::vector<std::string> pronominal_prefixes_;       // "er", "daar", "hier": "daardoor", "hiervoor"
};

}  // namespace helder::complexity
