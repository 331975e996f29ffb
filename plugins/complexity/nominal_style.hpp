// Check kind "nominal-style" ("naamwoordstijl"): a verb hidden in a noun. Three patterns, all per sentence:
// "het + infinitive + van" ("het nemen van een besluit", "voor het krachtig adviseren"), support-verb
// constructions from the rule's options ("een besluit nemen", also split: "wij nemen morgen een besluit"), a
// noun made from a verb after "tot ... komen" ("tot een verdeling komen") or before "laten zien" ("verbetering
// laten zien"), and chains of -ing/-atie nouns ("de uitvoering van de verbetering van ...").
//
// What a word is (article, preposition, particle, a form of which verb) comes from the host's lexicon through
// the token features; what this rule treats as an exception comes from its options, so the words are data in
// the pack (rules/rijksoverheid/nominal-style.toml). Every list defaults to empty. The options:
//   constructions          [[...]] noun, verbs, plain, fix, split_only, advice (see nominal-style.toml)
//   infinitive_of          report "het nemen van" (default true)
//   infinitive_before      words before a nominalised infinitive: ["het"]
//   infinitive_after       words right after it: ["van"]
//   infinitive_adverbs     uninflected words that may stand between those and the infinitive ("het tijdig
//                          indienen"): ["snel", "opnieuw", ...]
//   infinitive_adverb_endings  endings that make a word such an adverb too: ["ig", "lijk", ...]
//   not_verbs              words the lexicon knows as infinitives that are nouns here ("het leven van")
//   chain_length           this many process nouns in a row make a chain; 0: off (default 2)
//   process_noun_endings   the endings of a process noun: ["ing", "atie"]
//   chain_links            the words that link two nouns of a chain: ["van", "voor", ...]
//   not_nominalised        process-noun look-alikes that name a thing, also as the end of a compound
//                          ("regeling", "subsidieregeling")
//   not_nominalised_alone  the same, but only as a whole word ("rekening"; "berekening" is an action)
//   fixed_phrases          phrases whose last word is no process noun after the words before it:
//                          ["van toepassing"]
//   infinitive_openers     words that open a clause with "te" and an infinitive ("om ... te betalen"),
//                          besides the lexicon's conjunctions, subordinators and relatives: ["om"]
//   owning_determiners     determiners that make the noun after them the object of something else than a
//                          support verb: demonstratives and possessives ("deze keuze", "uw aanvraag"); the
//                          lexicon's determiner class also holds quantifiers ("geen gebruik maken")
//   adjective_endings      endings of an adjective between the article and the noun of a construction
//                          ("een grote bijdrage", "een zorgvuldig besluit"): ["e", "ig", "lijk"]
//   inflected_endings      the ending of an inflected adjective (between a preposition and its noun, or
//                          between a link and the next noun of a chain): ["e"]
//   bare_infinitive_adverb_endings  the endings of such words when no "van" follows the infinitive ("voor het
//                          krachtig adviseren"): ["ig", "isch"]
//   bare_not_adverbs       words that do not count there, being neuter nouns too: ["goed"]
//   adverbial_phrases      "preposition het word" idioms that are no nominalised infinitive after them:
//                          ["in het openbaar"] ("in het openbaar spreken")
//   deverbal_endings       [{ noun, verb }]: a noun with this ending is made from the verb with the other
//                          ending, when the lexicon knows that verb: [{ noun = "ing", verb = "en" }]
//                          ("verdeling" -> "verdelen")
//   not_deverbal           nouns with such an ending that name a thing, not an action, besides
//                          not_nominalised(_alone): ["voorstelling", "tentoonstelling"]
//   reaching_prepositions  with reaching_verbs: "tot" + such a noun + "komen": ["tot"]
//   reaching_verbs         ["komen"] ("tot een verdeling komen" -> "verdelen")
//   reaching_range_words   words before "tot" in the clause that make it a range: ["van", "vanaf"]
//   showing_verbs          a helper verb and an infinitive: ["laten zien"] ("verbetering laten zien")
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

// The forms of one Dutch verb from the host's lexicon, lower case. A separable verb ("in|dienen") keeps its
// particle apart: the forms below are those of the base verb ("dienen"); `particle` is "in".
struct VerbForms {
  std::string particle;
  std::string infinitive;   // "dienen"; also the plural of the present
  std::string stem;         // "dien": first person singular
  std::string third;        // "dient"
  std::string past_single;  // "diende"
  std::string past_plural;  // "dienden"
  std::string participle;   // "gediend" (without the particle)
  std::string inflected;    // "gediende": the participle as an inflected adjective; empty when it has no ending

  // The host's word ids of the forms above, for matching on ids. `base`: the forms as they are; `joined`: with
  // the particle joined ("indient", "ingediend"), the same as `base` without a particle. A form that is empty
  // has the id no_word, which no token has.
  static constexpr std::uint32_t no_word = 0xFFFFFFFFu;
  struct Ids {
    std::uint32_t infinitive = no_word, stem = no_word, third = no_word, past_single = no_word,
                  past_plural = no_word, participle = no_word, inflected = no_word;
  };
  Ids base, joined;
  std::uint32_t particle_id = no_word;

  // "in|dienen" (or "indienen") -> the forms of "dienen" with particle "in". Throws std::invalid_argument
  // (a Dutch message) for a verb the lexicon does not know.
  static VerbForms of(std::string_view spec, const sdk::Host& host);
  // The infinitive as written, particle joined: "indienen".
  std::string joined_infinitive() const { return particle + infinitive; }
};

class NominalStyle {
 public:
  NominalStyle(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  // A set of lower-case words that can be asked with a string_view, without making a string.
  using WordSet = sdk::WordSet;

  struct Construction {
    std::vector<std::string> noun;  // "een besluit", "in behandeling", "zorg" (lower case, split in words)
    std::vector<std::uint32_t> noun_ids;  // their word ids
    bool article_first = false;     // the noun part starts with an article ("een besluit")
    std::vector<VerbForms> verbs;   // the support verbs that go with the noun
    VerbForms plain;                // the plain verb
    std::string plain_text;         // as the writer reads it: "uitvoeren"
    std::string advice;             // replaces the default advice when set
    bool fix = false;               // the plain verb can take the place of noun and verb
    bool split_only = false;        // another rule already reports noun and verb side by side
  };

  void check_infinitive_of(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                           std::unordered_set<std::string>& reported, sdk::Findings& findings) const;
  void check_constructions(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                           sdk::Findings& findings) const;
  void check_chains(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                    sdk::Findings& findings) const;
  // The verb a noun is made from, as the writer reads it ("verdeling" -> "verdelen"); empty when the noun has no
  // ending of `deverbal_endings`, the lexicon has no such verb, or the noun names a thing.
  std::string deverbal_verb(const helder_token& token) const;
  bool is_nominal_infinitive(const helder_token& token) const;
  // True if an idiom of `adverbial_phrases` starts at tokens[k] ("in het openbaar").
  bool starts_adverbial_phrase(const sdk::Strided<helder_token>& tokens, std::size_t k) const;
  bool is_adverb_like(const helder_token& token) const;
  // A word that may stand between "het" and an infinitive without "van" after it: stricter than is_adverb_like.
  bool is_plain_adverb(const helder_token& token) const;
  bool is_process_noun(const helder_token& token) const;
  // True if tokens[k] ends a phrase of `fixed_phrases` ("van toepassing").
  bool ends_fixed_phrase(const sdk::Strided<helder_token>& tokens, std::size_t k) const;

  sdk::Host host_;
  bool infinitive_of_;         // report "het nemen van"
  std::int64_t chain_length_;  // this many -ing/-atie nouns in a row make a chain; 0: off
  std::vector<Construction> constructions_;
  // The constructions by the first word of their noun part ("een" -> "een besluit", "een beslissing", ...).
  sdk::WordIdMap<std::vector<std::size_t>> constructions_by_first_;  // by the word id of the first noun word
  // The one-word constructions by the id of their noun joined to a form of a support verb ("gebruikmaken").
  sdk::WordIdMap<std::vector<std::size_t>> joined_constructions_;
  WordSet infinitive_before_;                      // "het"
  WordSet infinitive_after_;                       // "van"
  WordSet adverbs_;                                // "tijdig" may stand in "het tijdig indienen van"
  std::vector<std::string> adverb_endings_;        // "ig", "lijk"
  std::vector<std::string> bare_adverb_endings_;   // "ig": "voor het krachtig adviseren" (without "van")
  WordSet bare_not_adverbs_;                       // "goed": also a neuter noun ("op het goed verhalen")
  WordSet not_verbs_;                              // "het leven van": nouns that look like infinitives
  std::vector<std::string> process_noun_endings_;  // "ing", "atie"
  WordSet chain_links_;                            // "van", "voor"
  WordSet not_nominalised_alone_;                  // "rekening": a thing, but "berekening" is an action
  std::vector<std::string> concrete_heads_;        // "regeling", also ending "subsidieregeling"
  std::vector<std::vector<std::string>> fixed_phrases_;  // {"van", "toepassing"}
  std::vector<std::string> adjective_endings_;     // "e", "ig", "lijk"
  std::vector<std::string> inflected_endings_;     // "e"
  std::vector<std::vector<std::string>> adverbial_phrases_;    // {"in", "het", "openbaar"}
  std::vector<std::pair<std::string, std::string>> deverbal_endings_;  // {"ing", "en"}
  WordSet not_deverbal_;                           // "voorstelling": a thing
  WordSet reaching_prepositions_;                  // "tot"
  WordSet reaching_range_words_;                   // "van": "van 1 mei tot de opening" is a range
  std::vector<VerbForms> reaching_verbs_;          // "komen"
  struct Showing {
    VerbForms helper;        // "laten"
    std::string infinitive;  // "zien"
  };
  std::vector<Showing> showing_;
  // The words the patterns after the list start at ("tot", "zien"): a few, compared directly (cheaper than a hash).
  std::vector<std::uint32_t> trigger_ids_;  // their word ids
  bool is_trigger_id(std::uint32_t w) const {
    for (const std::uint32_t t : trigger_ids_)
      if (t == w) return true;
    return false;
  }
  sdk::WordIdSet opener_ids_;  // infinitive_openers: "om" opens a clause "om ... te betalen"
  sdk::WordIdSet infinitive_before_ids_, infinitive_after_ids_, chain_link_ids_;  // the three lists above, as ids
  sdk::WordIdSet owning_ids_;  // owning_determiners: "deze", "uw": the noun after them is no support-verb object
};

}  // namespace helder::complexity
