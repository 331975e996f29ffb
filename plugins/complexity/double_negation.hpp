// Check kind "double-negation" ("dubbele ontkenning"): two negations in one clause, such as "niet onmogelijk",
// "geen ... niet", "niet zonder", "niet uitgesloten", "niet minder belangrijk dan".
#pragma once

#include <cstdint>
#include <functional>
#include <helder/sdk.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace helder::complexity {

class DoubleNegation {
 public:
  DoubleNegation(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  using WordSet = sdk::WordSet;

  // A word negative in meaning ("uitgesloten", "zelden", "zonder"): with a negation it is a double negation.
  struct NegativeWord {
    std::string advice;                   // what to write instead; empty: the general advice
    std::int64_t within = -1;             // words allowed after the negation; -1: max_words_between
    std::vector<std::string> not_before;  // a fixed expression when one of these follows: "zonder meer"
  };
  // A comparative with a negative sense ("minder", "kleiner"): "niet minder ... dan" is "minstens zo ... als".
  struct NegativeComparative {
    std::string word;                   // also with the inflection -e: "kleinere"
    std::string advice;                 // "niet kleiner dan" -> "minstens zo groot als"
    std::string advice_with_adjective;  // "niet minder belangrijk dan": {adjective} stands for "belangrijk"
  };
  // Which entry of negative_words_ a token is, and whether it matched as a verb (any form of the lemma).
  struct Match {
    const NegativeWord* word = nullptr;
    bool verb = false;
  };

  void read_negative_words(const sdk::Options& options, std::string_view key);
  Match negative_word(const helder_token& t) const;
  const NegativeComparative* negative_comparative(std::string_view word) const;
  bool is_negative_adjective(std::string_view word, std::string& positive) const;
  bool is_degree_word(const helder_token& t) const;

  sdk::Host host_;
  std::int64_t max_distance_;        // words allowed between the two negations
  std::string advice_with_number_;   // "niet lager dan 20 euro": "minstens"
  std::vector<NegativeWord> negative_words_;
  sdk::WordIdMap<std::size_t> negative_forms_;   // word id of a form -> entry
  sdk::WordIdMap<std::size_t> negative_lemmas_;  // lexicon id of a verb lemma -> entry
  WordSet not_negative_;                    // "onmiddellijk", "werkloos": on- or -loos without a negation
  std::vector<std::string> negative_prefixes_;  // "on": "onmogelijk" when "mogelijk" is a word
  std::vector<std::string> negative_suffixes_;  // "loos": "zinloos"
  WordSet degree_words_;                        // besides the lexicon's: "niet bepaald onbelangrijk"
  std::vector<NegativeComparative> comparatives_;
  WordSet comparison_words_;  // "dan"
  // Comparisons that already mean "also not": "zomin als", "net zo min als", "evenmin als". Fronted, with a
  // negation in the main clause after them ("Zomin als ..., kan ... niet"), they make a double negation.
  std::vector<std::vector<std::string>> negating_comparisons_;
  std::string negating_comparison_advice_;
};

}  // namespace helder::complexity
