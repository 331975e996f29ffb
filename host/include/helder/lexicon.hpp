// The Dutch lexicon: word classes, verbs with all their forms, and words that only look like participles.
// Loaded once from host/data/lexicon-nl (see its README.md); packs add files of the same formats.
#pragma once

#include <helder/verb_forms.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace helder {

// A lexicon file that cannot be used; the message starts with "file:line: " and is Dutch.
class LexiconError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the lexicon knows of one word form (the ABI's helder_word).
struct WordFeatures {
  std::uint32_t word_class = 0;  // HELDER_CLASS_*
  std::uint32_t verb_form = 0;   // HELDER_VERB_*
  std::uint32_t lemma = 0;       // 1-based id of a verb; 0: none
  bool operator==(const WordFeatures&) const = default;
};

// One verb of the lexicon.
struct Verb {
  VerbForms forms;        // subordinate-clause forms: vaststelt, vastgesteld
  std::string particle;   // "vast" for vast|stellen; empty otherwise
  std::uint32_t base = 0; // lemma id of the verb without its particle (stellen); 0 when not separable
  bool perfect_zijn = false;
  bool perfect_both = false;
  bool rare = false;  // verbs.tsv flag: a form it shares with another verb is read as the other's
};

class Lexicon {
 public:
  // Reads words.tsv, irregular-verbs.tsv and verbs.tsv of a lexicon directory. Throws LexiconError.
  static Lexicon load(const std::filesystem::path& directory);

  // Adds one file of a kind ("words", "verbs", "irregular-verbs"); a pack's extension. Throws LexiconError.
  void add_words(const std::filesystem::path& file);
  void add_irregular_verbs(const std::filesystem::path& file);
  void add_verbs(const std::filesystem::path& file);

  // What the lexicon knows of a lower-case form. For a form it does not know that is shaped like a past
  // participle (ge-...-d/t/en, a particle + ge-..., or a known participle with a prefix: "herbevestigd"), a guess
  // with HELDER_VERB_GUESSED.
  WordFeatures features(std::string_view lower) const;
  // Only what is in the files, no guess; nullptr when the form is unknown.
  const WordFeatures* find(std::string_view lower) const;
  // A form the files say is not a participle although it looks like one (gebied, gezicht).
  bool not_participle(std::string_view lower) const;
  // A word that opens a line naming the source of the quoted passage after it: "Uit «Elke regio telt»".
  bool quote_source(std::string_view lower) const;

  std::size_t verb_count() const { return verbs_.size(); }
  std::size_t form_count() const { return forms_.size(); }
  const Verb* verb(std::uint32_t lemma) const { return lemma >= 1 && lemma <= verbs_.size() ? &verbs_[lemma - 1] : nullptr; }
  std::string_view lemma_text(std::uint32_t lemma) const;
  // The id of a verb by its infinitive ("vaststellen" or "vast|stellen"); 0 when unknown.
  std::uint32_t lemma_id(std::string_view infinitive) const;
  // ("vast", id of stellen) -> id of vaststellen; 0 when there is no such verb.
  std::uint32_t separable_verb(std::string_view particle, std::uint32_t base) const;
  // One form (a single HELDER_VERB_* form bit) of a verb; "" when there is none.
  std::string_view verb_form(std::uint32_t lemma, std::uint32_t form) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  struct Entry {
    WordFeatures features;
    bool not_participle = false;
    bool quote_source = false;
  };
  using Map = std::unordered_map<std::string, Entry, Hash, std::equal_to<>>;

  std::uint32_t add_verb(Verb verb, const std::filesystem::path& file, std::size_t line);
  void add_verb_line(const std::vector<std::string_view>& fields, const std::filesystem::path& file, std::size_t line);
  void add_form(std::string_view form, std::uint32_t lemma, std::uint32_t bits);
  bool guessed_participle(std::string_view lower) const;

  std::vector<Verb> verbs_;
  Map forms_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> lemmas_;     // infinitive -> id
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> separable_;  // particle|base id -> id
};

}  // namespace helder
