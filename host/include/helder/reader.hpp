// Readers: turn a plain-text or Markdown source into the text that is analysed, its blocks and a
// source map back to the original bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

struct Range {
  std::uint32_t start = 0;  // bytes
  std::uint32_t end = 0;
  bool operator==(const Range&) const = default;
};

enum class BlockKind : std::uint8_t { Paragraph, Heading, ListItem, Quote, TableCell };

// One block of prose: a paragraph of its own for the analysis.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  Range range;                  // bytes into ReadText::text
  std::vector<Range> skipped;   // parts of the block that are not prose (inline code, URLs in links, ...),
                                // bytes into ReadText::text
};

// `<!-- helder-disable RULE... -->` / `<!-- helder-enable RULE... -->` (Markdown and plain text).
struct Directive {
  std::uint32_t position = 0;       // bytes into ReadText::text: applies from here on
  bool enable = false;
  std::vector<std::string> rules;   // rule ids; empty means all rules
  std::uint32_t source_offset = 0;  // where the comment is in the source, for messages
};

// Maps byte offsets in the analysed text to byte offsets in the source.
class SourceMap {
 public:
  // Text [text_offset, text_offset + text_length) came from source [source_offset, + source_length).
  // Pieces are added in increasing text order. Equal lengths mean a verbatim copy (byte for byte).
  void add(std::uint32_t text_offset, std::uint32_t source_offset, std::uint32_t text_length,
           std::uint32_t source_length);
  // An empty map is the identity.
  std::uint32_t to_source(std::uint32_t text_offset) const;
  // For the end of a range: maps so that [to_source(start), to_source_end(end)) covers the source.
  std::uint32_t to_source_end(std::uint32_t text_end) const;
  bool identity() const { return pieces_.empty(); }

 private:
  struct Piece {
    std::uint32_t text_offset, source_offset, text_length, source_length;
  };
  std::vector<Piece> pieces_;
};

struct ReadText {
  std::string text;                    // what is analysed; for plain text, the source itself
  std::vector<Block> blocks;           // in text order, not overlapping
  SourceMap map;
  std::vector<Directive> directives;   // in text order
};

enum class Format : std::uint8_t { PlainText, Markdown };

// ".md", ".markdown" -> Markdown; everything else plain text.
Format format_for_path(const std::filesystem::path& path);

// `source` must be valid UTF-8 (see decode_input).
ReadText read_text(std::string_view source, Format format);

}  // namespace helder
