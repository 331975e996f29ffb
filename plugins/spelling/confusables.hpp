// Check kind "confusables": spelling errors made of real words ("tenminste 3 dagen", "met hun.", "de gemeente
// ... hun besluit"), which a dictionary cannot see. The words and their contexts are data (the rule's options).
#pragma once

#include <helder/sdk.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace helder::spelling {

class Confusables {
 public:
  Confusables(const sdk::Host& host, const sdk::Options& options);
  Confusables(const Confusables&) = delete;  // by_first_word_id_ points into by_first_piece_
  Confusables& operator=(const Confusables&) = delete;
  // Read-only: may run on several threads at once. Scope: a paragraph in context, two sentences back (a pronoun
  // may look back across a paragraph break: "hun" to an organisation in the sentence before, other owners in the
  // sentence before that); the context paragraphs (unit.context()) are read, not checked.
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

  // One test on a token next to the matched words. Every part that is set is an alternative: the test holds
  // when one of them holds. Word classes and verb forms need the host's lexicon; without it they are unknown.
  struct TokenTest {
    sdk::WordSet words;              // lower case
    std::uint32_t classes = 0;       // HELDER_CLASS_*
    bool open = false;               // a word of an open class: no function-word class, no verb form but the stem
    std::uint32_t verb_forms = 0;    // HELDER_VERB_*
    bool number = false;             // a number, or a symbol before one ("€ 50")
    bool edge = false;               // no word here: the clause ends (after the words) or the sentence starts (before)
    bool empty() const { return words.empty() && classes == 0 && !open && verb_forms == 0 && !number && !edge; }
  };
  // The conditions on one position: `any` must hold (when set), `none` must not.
  struct Position {
    TokenTest any, none;
    bool empty() const { return any.empty() && none.empty(); }
  };

 private:
  struct Piece {
    std::string form;  // lower case; a symbol ("/") stands for itself
    bool glued;        // written against the piece before it, without a space ("t/m")
  };
  struct Entry {
    std::vector<Piece> wrong;
    std::vector<std::string> right;  // the first is the default fix
    std::string reason;              // the message; "{match}" is the text as written
    bool autofix = true;             // false: every fix needs a person's review
    bool in_tables = true;           // false: not in a table cell, where space is short ("1 t/m 6")
    bool glue = false;               // the right words are the first part of a compound with the next word
    Position after, before, then;    // the previous token, the next token, the token after that
  };
  // A singular organisation noun that "hun" refers back to: "de gemeente ... haar", "het ministerie ... zijn".
  struct NounGroup {
    std::string right;
    std::string reason;  // "{noun}": the noun as written, "{match}": the pronoun as written
    bool neuter = false;         // a het-word: "haar" is wrong too ("het ministerie en haar ambtenaren")
    std::string neuter_reason;   // the message for "haar"
  };
  // A prefix written with a hyphen that Dutch writes against the word ("contra-terrorisme").
  struct HyphenPrefixes {
    sdk::WordSet prefixes;
    std::string reason;  // "{match}": as written, "{right}": the joined word
  };
  // An inflected adjective before the hyphen of an elided compound ("geopolitieke- en veiligheidssituatie").
  struct ElidedAdjectives {
    std::vector<std::string> endings;  // lower case: "ische", "lijke"
    sdk::WordSet joiners;              // the words after the hyphen: "en", "of"
    std::string reason;
  };
  // A separable verb split at the end of a subordinate clause ("dat niet meer aan kan").
  struct SplitVerbs {
    bool enabled = false;
    sdk::WordSet not_particles;                      // particles that are also a word of their own ("samen")
    sdk::WordSet stranding;                          // words whose preposition may stand before the verb ("er", "waar")
    sdk::WordMap<std::vector<std::string>> circum;   // particle -> words that open a circumposition ("toe" <- "naar")
    std::string reason;  // "{match}": as written, "{right}": the verb as one word
  };

  void check_entries(const sdk::Paragraph& paragraph, std::size_t p, const helder_sentence& sentence, bool lexicon,
                     std::vector<bool>& covered, sdk::Findings& findings) const;
  void check_hyphens(const sdk::Paragraph& paragraph, std::size_t p, const helder_sentence& sentence,
                     std::vector<bool>& covered, sdk::Findings& findings) const;
  void check_split_verbs(const sdk::Paragraph& paragraph, std::size_t p, const helder_sentence& sentence,
                         std::vector<bool>& covered, sdk::Findings& findings) const;
  void check_neuter_organisations(const sdk::Unit& unit, const std::vector<bool>& lexicon,
                                  std::vector<std::vector<std::vector<bool>>>& covered, sdk::Findings& findings) const;
  void check_organisations(const sdk::Unit& unit, const std::vector<bool>& lexicon,
                           std::vector<std::vector<std::vector<bool>>>& covered, sdk::Findings& findings) const;

  sdk::Host host_;  // the host's table outlives every rule
  std::vector<Entry> entries_;
  sdk::WordMap<std::vector<std::size_t>> by_first_piece_;  // longest entry first
  sdk::WordIdMap<const std::vector<std::size_t>*> by_first_word_id_;  // the same lists by the word id of the key
  std::string plural_pronoun_;                                                 // "" when the pack has no organisations
  std::vector<NounGroup> noun_groups_;
  sdk::WordMap<std::size_t> organisation_nouns_;  // lower case -> index into noun_groups_
  std::string neuter_pronoun_;                    // "haar"; "" when no group is neuter
  sdk::WordSet neuter_between_;                   // what may stand between the noun and "haar": "en", ","
  sdk::WordSet neuter_other_owners_;              // words that name another owner nearby: "zij", "mevrouw"
  HyphenPrefixes hyphen_prefixes_;
  ElidedAdjectives elided_adjectives_;
  SplitVerbs split_verbs_;
};

}  // namespace helder::spelling
