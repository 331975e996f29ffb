// Check kind "nominal-style" ("naamwoordstijl"): a verb hidden in a noun. Three patterns, all per sentence:
// "het + infinitive + van" ("het nemen van een besluit"), support-verb constructions from the rule's options
// ("een besluit nemen", also split: "wij nemen morgen een besluit"), and chains of -ing/-atie nouns
// ("de uitvoering van de verbetering van ...").
#pragma once

#include <cstdint>
#include <helder/sdk.hpp>
#include <string>
#include <unordered_set>
#include <vector>

namespace helder::complexity {

// The forms of one Dutch verb, lower case. A separable verb ("in|dienen") keeps its particle apart: the
// forms below are those of the base verb ("dienen"); `particle` is "in".
struct VerbForms {
  std::string particle;
  std::string infinitive;   // "dienen"; also the plural of the present
  std::string stem;         // "dien": first person singular
  std::string third;        // "dient"
  std::string past_single;  // "diende"
  std::string past_plural;  // "dienden"
  std::string participle;   // "gediend" (without the particle)

  // "in|dienen" -> the forms of "dienen" with particle "in". Irregular verbs come from a built-in table;
  // other verbs are conjugated as weak verbs, with the dictionary choosing between spellings.
  static VerbForms of(std::string_view spec, const sdk::Host& host);
  // The infinitive as written, particle joined: "indienen".
  std::string joined_infinitive() const { return particle + infinitive; }
};

// True if `word` (lower case) is the infinitive of a verb: "nemen", "indienen", "nagaan". The dictionary decides
// by the present tense ("neemt"); without a dictionary, every word in -en counts if `without_dictionary`.
bool looks_like_infinitive(std::string_view word, const sdk::Host& host, bool without_dictionary);

// True if `word` (lower case) can be a finite verb form: "neemt", "stuurt", "besloot", "maakte". Generous: a
// noun that is also a verb form ("kost") counts. Without a dictionary only the built-in irregular forms count.
bool looks_like_finite_verb(std::string_view word, const sdk::Host& host);

class NominalStyle {
 public:
  NominalStyle(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  struct Construction {
    std::vector<std::string> noun;  // "een besluit", "in behandeling", "zorg" (lower case, split in words)
    std::vector<VerbForms> verbs;   // the support verbs that go with the noun
    VerbForms plain;                // the plain verb
    std::string plain_text;         // as the writer reads it: "uitvoeren"
    std::string advice;             // replaces the default advice when set
    bool fix = false;               // the plain verb can take the place of noun and verb
    bool split_only = false;        // another rule already reports noun and verb side by side
  };
  struct Match;

  void check_infinitive_of(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                           std::unordered_set<std::string>& reported, sdk::Findings& findings) const;
  void check_constructions(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                           sdk::Findings& findings) const;
  void check_chains(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                    sdk::Findings& findings) const;
  bool is_nominal_infinitive(std::string_view word) const;
  bool is_process_noun(const helder_token& token) const;

  sdk::Host host_;
  bool infinitive_of_;         // report "het nemen van"
  std::int64_t chain_length_;  // this many -ing/-atie nouns in a row make a chain; 0: off
  std::vector<Construction> constructions_;
  std::unordered_set<std::string> not_verbs_;        // "het leven van": nouns that look like infinitives
  std::unordered_set<std::string> not_nominalised_;  // "rekening": a thing, but "berekening" is an action
  std::vector<std::string> concrete_heads_;          // "regeling", also ending "subsidieregeling"
};

}  // namespace helder::complexity
