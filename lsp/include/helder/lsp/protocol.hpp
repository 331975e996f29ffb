// LSP types the server needs, and the conversions at the edge: positions (UTF-16 code units by default),
// file URIs, severities, languages. The engine works in UTF-8 bytes; everything is converted here.
#pragma once

#include <helder/config.hpp>
#include <helder/lsp/jsonrpc.hpp>
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace helder::lsp {

// How `Position.character` counts: UTF-16 code units (the LSP default), UTF-8 bytes or code points.
enum class PositionEncoding { Utf16, Utf8, Utf32 };
std::string_view to_string(PositionEncoding e);  // "utf-16", "utf-8", "utf-32"
std::optional<PositionEncoding> position_encoding_from(std::string_view name);

// Converts between byte offsets into one UTF-8 text and LSP positions. Keeps a view of the text, which
// must outlive it. Lines end at "\n"; a "\r" before it belongs to the line end.
class PositionMap {
 public:
  PositionMap(std::string_view text, PositionEncoding encoding);

  LineIndex::Position position(std::uint32_t byte) const;
  // Clamps: a character past the line end is the line end, a line past the text is the text end. Never
  // returns an offset inside a UTF-8 sequence.
  std::uint32_t offset(LineIndex::Position p) const;

  json to_json(std::uint32_t byte) const;
  json range_to_json(std::uint32_t start, std::uint32_t end) const;
  // From an LSP Position object; throws ProtocolError(invalid_params) when it is malformed.
  std::uint32_t offset(const json& position) const;

  const LineIndex& lines() const { return lines_; }

 private:
  std::uint32_t column(std::uint32_t byte, std::uint32_t line) const;

  std::string_view text_;
  PositionEncoding encoding_;
  LineIndex lines_;
  // Every few dozen bytes, a character boundary and its column: a long line (a paragraph) is not walked
  // from its start for every finding.
  std::vector<std::uint32_t> checkpoint_bytes_;
  std::vector<std::uint32_t> checkpoint_columns_;
};

// "file:///srv/brief%20een.md" <-> "/srv/brief een.md". Other schemes give nullopt.
std::optional<std::filesystem::path> path_from_uri(std::string_view uri);
std::string uri_from_path(const std::filesystem::path& path);

// Error 1, Warning 2, Information 3, Hint 4.
int diagnostic_severity(Severity s);

// The formats of the languages the server checks ("markdown"; "plaintext" and "text"; "html"); nullopt for the
// rest.
std::optional<Format> format_for_language(std::string_view language_id);

// Applies one TextDocumentContentChangeEvent (with or without a range) to `text`. Throws
// ProtocolError(invalid_params) for a malformed change.
void apply_content_change(std::string& text, const json& change, PositionEncoding encoding);

}  // namespace helder::lsp
