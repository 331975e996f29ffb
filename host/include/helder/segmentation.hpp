// Dutch segmentation of one paragraph: sentences (ICU proposes, a Dutch abbreviation list vetoes) and
// tokens with kinds.
#pragma once

#include <helder/plugin_abi.h>
#include <helder/reader.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace helder {

struct Token {
  std::uint32_t start = 0;  // bytes into the paragraph text
  std::uint32_t end = 0;
  helder_token_kind kind = HELDER_TOKEN_WORD;
  std::uint32_t flags = 0;  // HELDER_TOKEN_*
};

struct SentenceSpan {
  std::uint32_t start = 0;  // bytes into the paragraph text; trimmed of surrounding white space
  std::uint32_t end = 0;
  std::uint32_t first_token = 0;
  std::uint32_t token_count = 0;
};

struct Segmentation {
  std::vector<SentenceSpan> sentences;
  std::vector<Token> tokens;  // all tokens of the paragraph, in order; sentences index into this
};

// Abbreviations written with periods ("bijv.", "o.a.", "mw.", "jan.") after which a period does not end
// a sentence. Matched against the whole token, never as a suffix.
class AbbreviationList {
 public:
  static AbbreviationList load(const std::filesystem::path& file);  // one per line, '#' comments
  void add(std::string abbreviation);
  bool contains(std::string_view token) const;  // token including its final period
  std::size_t size() const { return items_.size(); }

 private:
  std::unordered_set<std::string> items_;
  std::unordered_set<std::string> lower_items_;
};

// Words that steer token and sentence boundaries: data/segmentation-nl.tsv (see there).
struct SegmentationWords {
  std::set<std::string, std::less<>> label_nouns;            // "bijlage B.": lower case
  std::set<std::string, std::less<>> elision_words;          // "land- en tuinbouw"
  std::set<std::string, std::less<>> closing_abbreviations;  // "enz.": as written
  // Throws std::runtime_error (in Dutch, with file:line) when the file cannot be read or has a wrong line.
  static SegmentationWords load(const std::filesystem::path& file);
};

class Segmenter {
 public:
  // Without `words` the segmenter knows no label nouns, elision words or closing abbreviations.
  explicit Segmenter(std::shared_ptr<const AbbreviationList> abbreviations,
                     std::shared_ptr<const SegmentationWords> words = nullptr);
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // `text`: one paragraph of valid UTF-8. `skipped`: ranges (bytes into `text`) that are not prose; tokens
  // there get HELDER_TOKEN_CODE. Thread-safe.
  Segmentation segment(std::string_view text, std::span<const Range> skipped = {}) const;
  // The same into `out`, whose vectors are cleared and reused (a caller that segments many paragraphs keeps one).
  void segment_into(std::string_view text, std::span<const Range> skipped, Segmentation& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace helder
