// Check kind "substitution": words and phrases that have a plainer alternative, from a list in the rule's
// options. What each entry is in a sentence (its `use`) decides how it is found and what is offered:
// a verb in every form through the host's lexicon (split separable forms too), an adjective with and without
// -e and with alternatives per use (before a noun, after "zijn", as an adverb), fixed words as written.
#pragma once

#include <helder/sdk.hpp>

#include "plurals.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace helder::jargon {

class Substitution {
 public:
  Substitution(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  enum class Use { Phrase, Verb, Adjective, Noun, Other };
  enum class AdjectiveUse { Attributive, Predicative, Adverb };

  struct Entry {
    std::vector<std::string> words;  // the phrase, lower case
    Use use = Use::Phrase;
    std::vector<std::string> replacements;  // the first is the default fix
    // Adjectives: the alternatives per use; nullopt: the replacements. An empty list: no alternative.
    std::optional<std::vector<std::string>> attributive, predicative, adverb;
    std::string reason;
    bool autofix = true;  // false: the replacement depends on the sentence ("echter" -> "maar")
    int verb_word = -1;   // use = verb: the index of the verb in `words`
    std::uint32_t lemma = 0;  // use = verb: the lexicon's id of that verb
    std::vector<std::string> rest;  // use = verb: the other words of the phrase, in their order
    std::vector<std::uint32_t> word_ids, rest_ids;  // the host's word ids of `words` and `rest`
  };
  // A list of words that is found as written: the phrase of a fixed entry, a listed form, an adjective's forms.
  struct Pattern {
    std::vector<std::string> words;  // lower case
    std::size_t entry;
    bool base_form;  // the phrase itself (or an adjective form): the replacement fits as it is
    bool plural = false;  // a listed form that is the noun's regular plural
  };
  struct Match {
    std::size_t entry;
    std::size_t first, last;  // token indices of the span marked
    std::string quoted;       // the words as the message quotes them: "stelt ... vast"
    std::vector<sdk::Fix> fixes;
    bool reason_only = false;  // no alternatives fit this form
    // A noun inside one token (the last part of "CBS-prognoses"): its bytes; 0, 0 for whole tokens.
    std::uint32_t part_start = 0, part_end = 0;
    bool plural = false;  // a plural of a noun entry: the message names the alternatives in the plural
    bool by_spelling = false;  // the form was found by the spelling rules, not listed in the entry
  };

  void add_entry(std::size_t index, const sdk::Options& options);
  std::optional<Match> match_at(const sdk::Paragraph& paragraph, const sdk::Strided<helder_token>& tokens,
                                std::size_t i, std::size_t sentence_first, std::size_t sentence_last) const;
  // A noun of the list in another form: a regular plural ("voornemens", "uitgangspunten") or the last part of a
  // compound with a hyphen ("CBS-prognoses").
  std::optional<Match> match_noun_form(const sdk::Paragraph& paragraph, const helder_token& t, std::size_t i) const;
  std::optional<std::size_t> noun_entry(std::string_view word) const;
  std::string plural_of(const std::string& noun) const;
  std::optional<Match> match_verb(const sdk::Paragraph& paragraph, const sdk::Strided<helder_token>& tokens,
                                  std::size_t i, std::size_t sentence_first, std::size_t sentence_last) const;
  std::vector<sdk::Fix> verb_fixes(const Entry& entry, const helder_token& verb, std::uint32_t start,
                                   std::uint32_t end, bool capital, bool clause_end) const;
  void message_into(std::string& out, const Entry& entry, const std::vector<std::string>& alternatives,
                    std::string_view matched) const;

  sdk::Host host_;
  Plurals plurals_;  // the spelling rules of noun plurals (option `plurals`)
  std::vector<Entry> entries_;
  sdk::WordMap<std::vector<Pattern>> by_first_word_;  // longest pattern first
  // The same patterns as a trie of word ids: one integer lookup per word of the text, however many patterns share
  // their first words. trie_[0] is the root. With a `reflexive` option, "zich" in a phrase is an edge of its
  // own that every reflexive pronoun takes. A node lists the patterns that end there as (first word's list,
  // rank in it): of the patterns that match, the one first in by_first_word_ wins, as a scan of that list gives.
  struct TrieNode {
    sdk::WordIdMap<std::uint32_t> next;
    std::uint32_t reflexive = 0;  // the child for "zich"; 0: none
    std::vector<std::pair<const std::vector<Pattern>*, std::uint32_t>> ends;
  };
  std::vector<TrieNode> trie_;
  // For the nodes of first words: whether a pattern ends there, and whether "zich" may come next.
  static constexpr std::uint8_t kEndsHere = 1, kReflexiveNext = 2;
  std::vector<std::uint8_t> first_flags_;
  // The first two words of every pattern of two words or more, as pairs of word ids.
  static std::uint64_t pair_key(std::uint32_t first, std::uint32_t second) {
    return (static_cast<std::uint64_t>(first) << 32) | second;
  }
  class PairSet {
   public:
    void insert(std::uint64_t key) {
      if ((size_ + 1) * 2 > keys_.size()) grow();
      std::size_t i = slot(key);
      while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & (keys_.size() - 1);
      if (keys_[i] == 0) ++size_;
      keys_[i] = key;
    }
    bool contains(std::uint64_t key) const {
      if (keys_.empty()) return false;
      for (std::size_t i = slot(key);; i = (i + 1) & (keys_.size() - 1)) {
        if (keys_[i] == key) return true;
        if (keys_[i] == 0) return false;
      }
    }

   private:
    std::size_t slot(std::uint64_t key) const {
      return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & (keys_.size() - 1);
    }
    void grow() {
      std::vector<std::uint64_t> old = std::move(keys_);
      keys_.assign(old.empty() ? 64 : old.size() * 2, 0);
      size_ = 0;
      for (const std::uint64_t k : old)
        if (k != 0) insert(k);
    }
    std::vector<std::uint64_t> keys_;  // 0: free (word ids are never 0, so no pair is)
    std::size_t size_ = 0;
  };
  PairSet second_words_;
  sdk::WordMap<std::size_t> nouns_;  // the one-word entries with use = "noun", by their singular
  sdk::WordMap<std::size_t> plural_forms_;  // their regular plurals (Plurals::candidates) -> the entry
  sdk::WordIdSet plural_form_ids_;          // the same plurals, by word id
  sdk::WordIdSet first_word_ids_;           // the first words of by_first_word_, by word id
  void build_trie();
  sdk::WordIdMap<std::vector<std::size_t>> verbs_by_lemma_;  // by the lexicon id of the verb (a dense number too)
  bool word_matches(const helder_token& t, std::uint32_t word) const;

  static constexpr std::size_t kMaxPhrase = 12;  // match_verb's window holds phrases up to this long
  std::size_t longest_phrase_ = 0;               // words in the longest phrase of the list
  std::vector<std::string> reflexive_;  // what "zich" in a phrase stands for (option `reflexive`)
  sdk::WordIdSet reflexive_ids_;        // the same, by word id
  std::uint32_t zich_ = 0;              // the word id of "zich"
  std::vector<std::string> accepted_;  // phrases the pack accepts as terms of art (option `accept`)
  std::string message_;
};

}  // namespace helder::jargon
