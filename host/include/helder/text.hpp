// Input decoding (UTF-8, Windows-1252, Latin-1, UTF-16) and positions in a UTF-8 text.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <span>
#include <string_view>
#include <vector>

namespace helder {

// Input that cannot be checked (binary, unreadable). The message is Dutch, for the writer.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DecodedText {
  std::string utf8;       // the text as valid UTF-8, without a byte order mark
  std::string encoding;   // "UTF-8", "windows-1252", "ISO-8859-1", "UTF-16LE", ...
  std::string note;       // Dutch note for the writer when the input was converted; empty for UTF-8
};

// Detects the encoding of `bytes` and converts to UTF-8 with ICU converters. Throws InputError for
// binary input (NUL bytes outside a UTF-16 text).
DecodedText decode_input(std::string_view bytes);
// The same; a text that is UTF-8 already is moved, not copied.
DecodedText decode_input(std::string&& bytes);
inline DecodedText decode_input(const char* bytes) { return decode_input(std::string_view(bytes)); }

// Line starts of a UTF-8 text and conversions between byte offsets, character (code point) columns
// and UTF-16 code units. Lines end at "\n"; a "\r" before it belongs to the line end, not the line.
class LineIndex {
 public:
  struct Position {
    std::uint32_t line = 0;    // 0-based
    std::uint32_t column = 0;  // 0-based, in the unit of the conversion
    bool operator==(const Position&) const = default;
  };

  explicit LineIndex(std::string_view text);

  std::size_t line_count() const { return starts_.size(); }
  std::uint32_t line_start(std::uint32_t line) const;  // byte offset
  std::uint32_t line_end(std::uint32_t line) const;    // byte offset of the line's "\r\n", "\n" or text end
  std::uint32_t line_of(std::uint32_t byte) const;

  Position to_char_position(std::uint32_t byte) const;   // column in code points
  Position to_utf16_position(std::uint32_t byte) const;  // column in UTF-16 code units
  // Clamps positions past a line end to that line end, and lines past the end to the text end.
  std::uint32_t from_utf16_position(Position p) const;
  std::uint32_t from_char_position(Position p) const;

 private:
  Position to_position(std::uint32_t byte, bool utf16) const;

  std::string_view text_;
  std::vector<std::uint32_t> starts_;
};

// Of `known`, the name nearest to `typed` by edit distance (a typing error: "warnig_above" -> "warning_above"),
// or "" when none is within a third of its length (at least 2 edits). For "Bedoelde u ...?" in error messages.
std::string nearest_name(std::string_view typed, std::span<const std::string_view> known);

}  // namespace helder
