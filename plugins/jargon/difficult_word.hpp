// Check kind "difficult-word": rare words (by the host's frequency band) and long compounds.
#pragma once

#include <helder/sdk.hpp>

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace helder::jargon {

class DifficultWord {
 public:
  // An ending taken off to find the base form: "heden" -> "heid" ("mogelijkheden"), "ing" -> a verb
  // ("toekenning" -> "toekennen"). Lower case.
  struct Ending {
    std::string ending;
    std::string base;   // put in its place ("" for none)
    bool verb = false;  // the rest is the stem of a verb
  };

  DifficultWord(const sdk::Host& host, const sdk::Options& options);
  void check(const sdk::Unit& unit, sdk::Findings& findings) const;

 private:
  // A set of word ids, emptied per paragraph without giving its memory back (per thread).
  class SeenWords {
   public:
    void clear();
    bool insert(std::uint32_t id);  // false when `id` is in the set already; 0 is never in it
   private:
    std::vector<std::uint32_t> keys_, stamps_;  // a slot holds a key of this paragraph when its stamp is stamp_
    std::uint32_t stamp_ = 1;
    std::size_t count_ = 0;
  };
  // The message for a word form (as written) wherever it stands, or nullptr when it is fine; kept per form id
  // (0: not kept).
  const std::string* verdict(std::uint32_t form, std::string_view word, std::string_view lower, bool hyphenated) const;
  // The message for one word (as written), or nothing when the word is fine.
  std::optional<std::string> message_for(std::string_view word, std::string_view lower, bool hyphenated) const;
  // Whether a word form (lower case) is common: itself, an inflected form of a common word, or a known word.
  bool common(std::string_view lower) const;
  bool common_form(std::string_view lower) const;  // common() without splitting off a particle
  // The same for one part of a compound; a part that is not the last may end in a linking letter.
  // `depth`: how many times the part was split already.
  bool common_part(std::string_view part, bool last, int depth) const;
  bool two_common_parts(std::string_view lower) const;
  // The main word of a compound (its last part) and the word made of the parts that describe it.
  std::pair<std::string, std::string> split_advice(const std::vector<std::string>& parts) const;

  sdk::Host host_;
  std::uint32_t rare_band_;          // a word in this frequency band or a higher (rarer) one is rare
  std::size_t min_letters_;          // shorter words are never reported
  std::size_t compound_max_letters_;  // a compound with more letters is long
  std::size_t compound_max_parts_;    // a compound with more parts is long
  std::unordered_set<std::string> known_;  // lower case: words B1 readers know that the frequency list lacks
  // The rule's word data (options, lower case; see the rule's table in the pack):
  std::vector<Ending> endings_;
  std::vector<std::string> linking_;            // linking letters after a compound part: "s" of "verkiezings"
  std::vector<std::string> two_part_linking_;   // the same in a split the rule guesses itself (two_common_parts)
  std::vector<std::string> prefixes_;           // particles and adverbs that begin words made from a common word
  std::vector<std::string> suffix_words_;       // words that are mostly a suffix at the end of a word: "lijk"
  std::vector<std::string> phrase_words_;       // short words that begin old fixed phrases: "des" + "gewenst"
  std::vector<std::string> adjective_endings_;  // a compound with such an end is an adjective: no "van of voor"
  // verdict() by form id, for words without and with a hyphen; the messages they point to.
  sdk::WordTable<const std::string*> verdicts_, hyphenated_verdicts_;
  mutable std::mutex messages_mutex_;
  mutable std::deque<std::string> messages_;
};

}  // namespace helder::jargon
