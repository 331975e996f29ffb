// Fuzz target: incremental edits against the language server's document model. A sequence of
// TextDocumentContentChangeEvents decoded from the input is applied with apply_content_change (what the
// server's didChange does to a document's text), in UTF-16, UTF-8 or UTF-32 positions, and the same edits are
// applied here to a plain std::string with positions counted from scratch; the two texts must stay equal.
// Edits are at real positions, at positions past a line or the text (clamped), whole-text replacements and
// malformed changes (refused, text unchanged). At the end, positions of the final text must convert back and
// forth (LineIndex, PositionMap), and the directive edits of the code actions (lsp/src/edits.cpp) must land
// inside the text on characters.
#include "fuzz_support.hpp"

#include <helder/lsp/edits.hpp>
#include <helder/lsp/protocol.hpp>
#include <helder/text.hpp>

#include <vector>

namespace helder::fuzz {

namespace {

using lsp::json;
using lsp::PositionEncoding;

// Pieces the edits type: ASCII, line ends of all three kinds, and characters of 2, 3 and 4 UTF-8 bytes
// (the last one two UTF-16 code units).
constexpr std::string_view kPieces[] = {"a", "b", " ", "\n", "\r", "\r\n", "é", "ë", "’", "€", "😀", "\t", "Zin. ", "ij"};

std::uint32_t utf8_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

std::uint32_t units(std::uint32_t length, PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::Utf8: return length;
    case PositionEncoding::Utf16: return length == 4 ? 2 : 1;
    case PositionEncoding::Utf32: break;
  }
  return 1;
}

// Lines of a text as LSP counts them: ended by "\r\n", "\n" or "\r"; [start, end) without the line end.
struct Line {
  std::size_t start, end;
};
std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back({start, i});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  lines.push_back({start, text.size()});
  return lines;
}

// The byte offset of an LSP position, as the protocol defines it: a line past the text is the text's end, a
// character past the line's end is the line's end, a character inside a multi-unit character is its start.
std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t character, PositionEncoding encoding) {
  const std::vector<Line> lines = lines_of(text);
  if (line >= lines.size()) return text.size();
  std::size_t i = lines[line].start;
  std::uint32_t column = 0;
  while (i < lines[line].end) {
    const std::uint32_t length = utf8_length(text, i);
    if (column + units(length, encoding) > character) break;
    column += units(length, encoding);
    i += length;
  }
  return i;
}

// The LSP position of a byte offset that is a character boundary and not between "\r" and "\n".
std::pair<std::uint32_t, std::uint32_t> position_of(std::string_view text, std::size_t offset, PositionEncoding encoding) {
  const std::vector<Line> lines = lines_of(text);
  std::uint32_t line = 0;
  while (line + 1 < lines.size() && lines[line + 1].start <= offset) ++line;
  std::uint32_t column = 0;
  for (std::size_t i = lines[line].start; i < offset;) {
    const std::uint32_t length = utf8_length(text, i);
    column += units(length, encoding);
    i += length;
  }
  return {line, column};
}

bool inside_crlf(std::string_view text, std::size_t offset) {
  return offset > 0 && offset < text.size() && text[offset - 1] == '\r' && text[offset] == '\n';
}

// A character boundary at or before `offset`, not between "\r" and "\n".
std::size_t snap(std::string_view text, std::size_t offset) {
  while (!is_boundary(text, offset) || inside_crlf(text, offset)) --offset;
  return offset;
}

json position_json(std::uint32_t line, std::uint32_t character) { return json{{"line", line}, {"character", character}}; }

std::string typed_text(ByteReader& in) {
  std::string s;
  for (std::uint32_t n = in.below(8); n > 0; --n) s += kPieces[in.below(std::size(kPieces))];
  return s;
}

void check_positions(std::string_view text, PositionEncoding encoding) {
  const LineIndex index(text);
  const lsp::PositionMap map(text, encoding);
  for (std::size_t b = 0; b <= text.size(); ++b) {
    if (!is_boundary(text, b) || inside_crlf(text, b)) continue;
    const auto offset = static_cast<std::uint32_t>(b);
    expect(index.from_utf16_position(index.to_utf16_position(offset)) == offset, "UTF-16 positions round-trip");
    expect(index.from_char_position(index.to_char_position(offset)) == offset, "code point positions round-trip");
    const LineIndex::Position p = map.position(offset);
    const auto [line, column] = position_of(text, b, encoding);
    expect(p.line == line && p.column == column, "PositionMap gives the position the protocol defines");
    expect(map.offset(p) == offset, "PositionMap positions round-trip");
  }
}

void check_directive_edits(std::string_view text, std::uint32_t start, std::uint32_t end) {
  constexpr std::string_view rule = "rijksoverheid.sentence-length";
  for (const Format format : {Format::PlainText, Format::Markdown}) {
    std::vector<lsp::Insertion> edits = lsp::disable_for_paragraph(text, format, start, end, rule);
    edits.push_back(lsp::disable_for_document(text, format, rule));
    for (const lsp::Insertion& e : edits)
      expect(e.offset <= text.size() && is_boundary(text, e.offset) && !inside_crlf(text, e.offset),
             "a directive is inserted inside the text, on a character, not inside a line end");
  }
}

}  // namespace

int fuzz_edits(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  static constexpr PositionEncoding kEncodings[] = {PositionEncoding::Utf16, PositionEncoding::Utf8, PositionEncoding::Utf32};
  const PositionEncoding encoding = kEncodings[in.below(3)];
  std::string text;  // the server's document text
  for (std::uint32_t n = in.below(64); n > 0; --n) text += kPieces[in.below(std::size(kPieces))];
  std::string plain = text;  // the same edits, applied here

  for (int edit = 0; edit < 64 && !in.empty(); ++edit) {
    const std::uint32_t kind = in.below(8);
    json change;
    std::size_t start = 0, end = 0;
    bool malformed = false;
    if (kind <= 3) {  // an edit at real positions
      start = snap(plain, in.below(static_cast<std::uint32_t>(plain.size() + 1)));
      end = snap(plain, in.below(static_cast<std::uint32_t>(plain.size() + 1)));
      const auto [sl, sc] = position_of(plain, start, encoding);
      const auto [el, ec] = position_of(plain, end, encoding);
      expect(offset_of(plain, sl, sc, encoding) == start && offset_of(plain, el, ec, encoding) == end,
             "the plain model's positions round-trip");
      change = {{"range", {{"start", position_json(sl, sc)}, {"end", position_json(el, ec)}}}, {"text", typed_text(in)}};
    } else if (kind <= 5) {  // anywhere, past line ends and past the text too: clamped
      const std::uint32_t sl = in.below(12), sc = in.below(24), el = in.below(12), ec = in.below(24);
      start = offset_of(plain, sl, sc, encoding);
      end = offset_of(plain, el, ec, encoding);
      change = {{"range", {{"start", position_json(sl, sc)}, {"end", position_json(el, ec)}}}, {"text", typed_text(in)}};
    } else if (kind == 6) {  // the whole text
      change = {{"text", typed_text(in)}};
      start = 0;
      end = plain.size();
    } else {  // malformed: refused, nothing changes
      malformed = true;
      switch (in.below(5)) {
        case 0: change = json{{"range", {{"start", position_json(0, 0)}}}, {"text", "x"}}; break;
        case 1: change = json{{"range", {{"start", position_json(0, 0)}, {"end", position_json(0, 0)}}}}; break;
        case 2: change = json{{"range", {{"start", {{"line", -1}, {"character", 0}}}, {"end", position_json(0, 0)}}}, {"text", "x"}}; break;
        case 3: change = json{{"range", nullptr}, {"text", 5}}; break;
        default: change = json::array({1, 2}); break;
      }
    }
    const std::string before = text;
    try {
      lsp::apply_content_change(text, change, encoding);
      expect(!malformed, "a malformed change is refused");
    } catch (const lsp::ProtocolError&) {
      expect(malformed, "a well-formed change is accepted");
      expect(text == before, "a refused change leaves the text as it was");
      continue;
    }
    if (end < start) std::swap(start, end);
    plain.replace(start, end - start, change["text"].get<std::string>());
    expect(text == plain, "the server's text equals the plain re-application of the same edits");
    expect(is_valid_utf8(text), "edits on characters keep the text valid UTF-8");
  }
  if (text.size() <= 2048) check_positions(text, encoding);
  const std::uint32_t a = static_cast<std::uint32_t>(snap(text, in.below(static_cast<std::uint32_t>(text.size() + 1))));
  const std::uint32_t b = static_cast<std::uint32_t>(snap(text, in.below(static_cast<std::uint32_t>(text.size() + 1))));
  check_directive_edits(text, std::min(a, b), std::max(a, b));
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_edits)
