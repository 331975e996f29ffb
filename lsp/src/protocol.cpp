// Conversions between the engine's world (UTF-8 bytes, paths, severities) and LSP's (see protocol.hpp).
#include <helder/lsp/protocol.hpp>
#include <helder/uri.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace helder::lsp {

std::string_view to_string(PositionEncoding e) {
  switch (e) {
    case PositionEncoding::Utf8: return "utf-8";
    case PositionEncoding::Utf32: return "utf-32";
    case PositionEncoding::Utf16: break;
  }
  return "utf-16";
}

std::optional<PositionEncoding> position_encoding_from(std::string_view name) {
  if (name == "utf-16") return PositionEncoding::Utf16;
  if (name == "utf-8") return PositionEncoding::Utf8;
  if (name == "utf-32") return PositionEncoding::Utf32;
  return std::nullopt;
}

namespace {

constexpr std::uint32_t kCheckpointBytes = 64;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Bytes of the UTF-8 sequence that starts at `i` (1 for a stray byte), as LineIndex counts them.
std::uint32_t sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::uint32_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
  if (i + length > text.size()) return 1;
  for (std::uint32_t k = 1; k < length; ++k)
    if (!is_continuation(text[i + k])) return 1;
  return length;
}

}  // namespace

PositionMap::PositionMap(std::string_view text, PositionEncoding encoding)
    : text_(text), encoding_(encoding), lines_(text) {
  if (encoding_ == PositionEncoding::Utf8) return;
  std::uint32_t column = 0, last = 0;
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    // The common case, eight bytes at a time: plain ASCII up to the next checkpoint, no line end.
    const std::size_t limit = std::min<std::size_t>(n, std::size_t{last} + kCheckpointBytes);
    std::size_t j = i;
    for (; j + 8 <= limit; j += 8) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + j, 8);
      constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
      const auto has_byte = [&](std::uint64_t b) {
        const std::uint64_t x = w ^ (ones * b);
        return ((x - ones) & ~x & highs) != 0;
      };
      if ((w & highs) != 0 || has_byte('\n') || has_byte('\r')) break;
    }
    while (j < limit && static_cast<unsigned char>(text[j]) < 0x80 && text[j] != '\n' && text[j] != '\r') ++j;
    column += static_cast<std::uint32_t>(j - i);
    i = j;
    if (i >= n) break;
    if (text[i] == '\n' || text[i] == '\r') {  // "\r\n" and a lone "\r" end a line too
      column = 0;
      ++i;
      continue;
    }
    if (i - last < kCheckpointBytes && static_cast<unsigned char>(text[i]) < 0x80) {  // the common case
      ++column;
      ++i;
      continue;
    }
    if (i - last >= kCheckpointBytes) {
      checkpoint_bytes_.push_back(static_cast<std::uint32_t>(i));
      checkpoint_columns_.push_back(column);
      last = static_cast<std::uint32_t>(i);
    }
    const std::uint32_t length = sequence_length(text, i);
    column += encoding_ == PositionEncoding::Utf16 && length == 4 ? 2 : 1;
    i += length;
  }
}

// The column of `byte` on `line`: from the nearest checkpoint before it on that line. An offset inside a
// character gets that character's column (as LineIndex does).
std::uint32_t PositionMap::column(std::uint32_t byte, std::uint32_t line) const {
  std::uint32_t i = lines_.line_start(line);
  std::uint32_t column = 0;
  const auto after = std::upper_bound(checkpoint_bytes_.begin(), checkpoint_bytes_.end(), byte);
  if (after != checkpoint_bytes_.begin() && *(after - 1) >= i) {
    const auto k = static_cast<std::size_t>(after - 1 - checkpoint_bytes_.begin());
    i = checkpoint_bytes_[k];
    column = checkpoint_columns_[k];
  }
  // Plain ASCII between here and `byte` (the common case): one column per byte.
  std::uint32_t j = i;
  while (j + 8 <= byte) {
    std::uint64_t w;
    std::memcpy(&w, text_.data() + j, 8);
    if ((w & 0x8080808080808080ull) != 0) break;
    j += 8;
  }
  while (j < byte && static_cast<unsigned char>(text_[j]) < 0x80) ++j;
  column += j - i;
  i = j;
  while (i < byte) {
    const std::uint32_t length = sequence_length(text_, i);
    if (i + length > byte) break;
    i += length;
    column += encoding_ == PositionEncoding::Utf16 && length == 4 ? 2 : 1;
  }
  return column;
}

LineIndex::Position PositionMap::position(std::uint32_t byte) const {
  byte = std::min(byte, static_cast<std::uint32_t>(text_.size()));
  const std::uint32_t line = lines_.line_of(byte);
  if (encoding_ == PositionEncoding::Utf8) return {line, byte - lines_.line_start(line)};
  return {line, column(byte, line)};
}

std::uint32_t PositionMap::offset(LineIndex::Position p) const {
  switch (encoding_) {
    case PositionEncoding::Utf16: return lines_.from_utf16_position(p);
    case PositionEncoding::Utf32: return lines_.from_char_position(p);
    case PositionEncoding::Utf8: break;
  }
  if (p.line >= lines_.line_count()) return static_cast<std::uint32_t>(text_.size());
  const std::uint32_t end = lines_.line_end(p.line);
  std::uint32_t at = static_cast<std::uint32_t>(std::min<std::uint64_t>(std::uint64_t{lines_.line_start(p.line)} + p.column, end));
  while (at > lines_.line_start(p.line) && at < text_.size() && is_continuation(text_[at])) --at;
  return at;
}

json PositionMap::to_json(std::uint32_t byte) const {
  const LineIndex::Position p = position(byte);
  return json{{"line", p.line}, {"character", p.column}};
}

json PositionMap::range_to_json(std::uint32_t start, std::uint32_t end) const {
  return json{{"start", to_json(start)}, {"end", to_json(end)}};
}

std::uint32_t PositionMap::offset(const json& position) const {
  return offset(LineIndex::Position{uinteger_member(position, "line"), uinteger_member(position, "character")});
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::filesystem::path> path_from_uri(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.size() < scheme.size() || !std::equal(scheme.begin(), scheme.end(), uri.begin(), [](char a, char b) {
        return a == std::tolower(static_cast<unsigned char>(b));
      }))
    return std::nullopt;
  uri.remove_prefix(scheme.size());
  // "file://host/path": only the local host (empty or "localhost") is a path on this machine.
  const std::size_t slash = uri.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view host = uri.substr(0, slash);
  if (!host.empty() && host != "localhost") return std::nullopt;
  uri.remove_prefix(slash);
  if (const std::size_t end = uri.find_first_of("?#"); end != std::string_view::npos) uri = uri.substr(0, end);
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex_value(uri[i + 1]) >= 0 && hex_value(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return std::filesystem::path(path);
}

std::string uri_from_path(const std::filesystem::path& path) { return file_uri(path); }

int diagnostic_severity(Severity s) {
  switch (s) {
    case Severity::Error: return 1;
    case Severity::Warning: return 2;
    case Severity::Info: return 3;
    case Severity::Hint: return 4;
  }
  return 2;
}

std::optional<Format> format_for_language(std::string_view language_id) {
  if (language_id == "markdown") return Format::Markdown;
  if (language_id == "plaintext" || language_id == "text") return Format::PlainText;
  if (language_id == "html") return Format::Html;  // a web page: its main content, positions in the source
  return std::nullopt;
}

void apply_content_change(std::string& text, const json& change, PositionEncoding encoding) {
  if (!change.is_object()) throw ProtocolError(error_code::invalid_params, "a content change must be an object");
  std::string replacement = string_member(change, "text");
  const json* range = optional_member(change, "range");
  if (!range) {
    text = std::move(replacement);
    return;
  }
  const PositionMap map(text, encoding);
  std::uint32_t start = map.offset(member(*range, "start"));
  std::uint32_t end = map.offset(member(*range, "end"));
  if (end < start) std::swap(start, end);
  text.replace(start, end - start, replacement);
}

}  // namespace helder::lsp
