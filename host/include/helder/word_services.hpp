// Word services: syllables (libhyphen + Dutch vowel groups), spelling and compounds (Hunspell nl),
// frequency band. Everything is cached per unique word form; all members are thread-safe.
#pragma once

#include <cstdint>
#include <helder/lexicon.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

struct WordServicePaths {
  std::filesystem::path hunspell_aff;    // /usr/share/hunspell/nl.aff
  std::filesystem::path hunspell_dic;    // /usr/share/hunspell/nl.dic
  std::filesystem::path hyphenation;     // /usr/share/hyphen/hyph_nl_NL.dic
  std::filesystem::path frequency_list;  // <data>/frequency-nl.txt: "word count" per line, most frequent first
  std::filesystem::path compound_words;  // <data>/compound-words-nl.tsv: the words that decide how compounds split

  // Debian's locations for the dictionaries, the shipped data directory for the frequency list.
  static WordServicePaths defaults(const std::filesystem::path& data_dir);
};

struct WordInfo {
  std::string lower;            // lower case (ICU, Dutch)
  std::uint32_t word = 0;       // word_id(lower)
  std::uint32_t form = 0;       // word_id() of the form as it was asked
  WordFeatures features;        // what the lexicon of set_lexicon() knows of `lower` (empty without one)
  std::uint32_t syllables = 0;  // at least 1 for a word with a letter
  std::uint32_t frequency_band = 5;  // 1: top 1,000; 2: top 5,000; 3: top 20,000; 4: top 50,000; 5: rarer
};

class WordServices {
 public:
  // Never throws for a missing file: what could not be loaded is in problems() (Dutch messages), and the
  // services fall back (syllables from vowel groups, spelling answers -1, frequency band 5).
  explicit WordServices(const WordServicePaths& paths);
  ~WordServices();
  WordServices(const WordServices&) = delete;
  WordServices& operator=(const WordServices&) = delete;

  const std::vector<std::string>& problems() const;
  // Starts reading the spelling dictionary (about 0.1 s) on a thread of its own, so that it overlaps the rest
  // of the start-up; the first word looked up waits for it. Without a call the dictionary is read on first use.
  // With `answers` (see load_answers), that file is read first on the same thread.
  void preload(const std::filesystem::path& answers = {}) const;

  // Cached per word form; the reference stays valid for the lifetime of this object.
  const WordInfo& info(std::string_view word) const;
  std::uint32_t syllables(std::string_view word) const { return info(word).syllables; }
  std::uint32_t frequency_band(std::string_view word) const { return info(word).frequency_band; }
  std::string lower(std::string_view word) const { return info(word).lower; }

  int spelled_correctly(std::string_view word) const;  // 1 yes, 0 no, -1 no dictionary

  // Word ids (ABI minor 4): every string gets one number for the lifetime of this object; equal ids are equal
  // strings, and ids are small and dense (1, 2, 3, ...), so per-word facts can live in flat tables.
  // word_id("") is 0. Thread-safe; a known string costs one hash lookup, a new one adds it.
  std::uint32_t word_id(std::string_view word) const;
  // "" for 0 or an id not given out. The view stays valid for the lifetime of this object.
  std::string_view word_text(std::uint32_t id) const;
  // spelled_correctly(word_text(id)), kept in a table by id: one load for a word asked before.
  int spelled_word(std::uint32_t id) const;
  std::vector<std::string> suggestions(std::string_view word) const;
  // Parts of a compound ("belastingaangifte" -> "belasting", "aangifte"); the word itself if not a compound.
  std::vector<std::string> compound_parts(std::string_view word) const;

  // Loads the dictionary `count` times (at most 8), so that as many threads can ask about spelling at once;
  // each copy holds about 18 MB and takes about 0.12 s to load. Without this call there is one, loaded on first
  // use. The copies load one after another (Hunspell cannot make two at once); each is used as soon as it is
  // there. Blocks until all are loaded.
  void open_spellers(std::size_t count) const;

  // Hunspell's answers (spelling, compound parts, compound probes) kept on disk between runs, so that a new
  // process (the language server when an editor starts) need not ask Hunspell again, nor wait for the dictionary
  // to load for a word it knows. `load_answers` reads `file` when its first line is answers_identity(): the same
  // helder program (size and time) and the same dictionary files; else it reads nothing. Returns the answers read.
  std::size_t load_answers(const std::filesystem::path& file) const;
  // Writes every answer known now, plus those another process wrote to `file` meanwhile, atomically (a reader
  // sees the old file or the new one; two writers at once lose only answers, never the file). Returns the answers
  // written; 0 (and nothing written) without a dictionary or when the file cannot be written: a cache is speed only.
  std::size_t save_answers(const std::filesystem::path& file) const;
  // Answers found since the last load_answers or save_answers: whether writing is worth it.
  std::size_t new_answers() const;
  // The first line of the file: format, program and dictionary files. Empty without a dictionary.
  std::string answers_identity() const;

  // The lexicon whose features info() caches with each word form. Call once, before the first info().
  void set_lexicon(const Lexicon* lexicon);
  const Lexicon* lexicon() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace helder
