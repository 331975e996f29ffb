// Input decoding (UTF-8, Windows-1252, Latin-1, UTF-16) with ICU converters, and LineIndex.
#include <helder/text.hpp>

#include <helder/limits.hpp>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>

namespace helder {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Strict UTF-8 check: no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    const unsigned char lead = *p;
    if (lead < 0x80) {
      ++p;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // allowed range of the second byte
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) < length) return false;
    if (p[1] < low || p[1] > high) return false;
    for (std::size_t i = 2; i < length; ++i) {
      if (!is_continuation(p[i])) return false;
    }
    p += length;
  }
  return true;
}

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};

// Converts `bytes` from the ICU charset `charset` to UTF-8; invalid sequences become U+FFFD.
std::string convert_to_utf8(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(charset, &status));
  if (U_FAILURE(status)) {
    throw InputError("helder kan dit bestand niet lezen: de tekenset " + std::string(charset) +
                     " is niet beschikbaar.");
  }
  const auto source_length = static_cast<int32_t>(bytes.size());
  // Each input byte gives at most one UTF-16 unit for the single-byte charsets and at most one unit per
  // two bytes for UTF-16, so the input length is always enough room.
  std::u16string utf16(bytes.size() + 1, u'\0');
  const int32_t utf16_length =
      ucnv_toUChars(converter.get(), utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                    source_length, &status);
  if (U_FAILURE(status)) {
    throw InputError("helder kan dit bestand niet omzetten naar UTF-8.");
  }
  int32_t utf8_length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &utf8_length, utf16.data(), utf16_length, 0xFFFD, nullptr, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) {
    throw InputError("helder kan dit bestand niet omzetten naar UTF-8.");
  }
  std::string utf8(static_cast<std::size_t>(utf8_length), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(utf8.data(), utf8_length, &utf8_length, utf16.data(), utf16_length, 0xFFFD, nullptr,
                     &status);
  if (U_FAILURE(status)) {
    throw InputError("helder kan dit bestand niet omzetten naar UTF-8.");
  }
  return utf8;
}

[[noreturn]] void throw_binary() {
  throw InputError(
      "Dit bestand lijkt geen tekst te zijn (het bevat nul-bytes). helder controleert alleen tekst.");
}

std::string converted_note(std::string_view label) {
  return "Dit bestand is geen UTF-8. helder heeft het gelezen als " + std::string(label) + ".";
}

DecodedText decode_utf16(std::string_view bytes, bool little_endian) {
  DecodedText result;
  result.encoding = little_endian ? "UTF-16LE" : "UTF-16BE";
  result.utf8 = convert_to_utf8(bytes, little_endian ? "UTF-16LE" : "UTF-16BE");
  // A U+0000 character in UTF-16 is as much a sign of binary data as a NUL byte in UTF-8.
  if (result.utf8.find('\0') != std::string::npos) throw_binary();
  result.note = converted_note("UTF-16");
  return result;
}

// UTF-16 without a byte order mark: NUL bytes only at odd positions (little endian) or only at even
// positions (big endian), in at least half of them, and no control characters after conversion. A binary
// file almost never passes all three tests.
bool looks_like_utf16(std::string_view bytes, bool& little_endian) {
  if (bytes.size() < 4 || bytes.size() % 2 != 0) return false;
  std::size_t even_nuls = 0;
  std::size_t odd_nuls = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\0') ++(i % 2 == 0 ? even_nuls : odd_nuls);
  }
  const std::size_t half = bytes.size() / 2;
  if (even_nuls == 0 && odd_nuls * 2 >= half) {
    little_endian = true;
  } else if (odd_nuls == 0 && even_nuls * 2 >= half) {
    little_endian = false;
  } else {
    return false;
  }
  const std::string utf8 = convert_to_utf8(bytes, little_endian ? "UTF-16LE" : "UTF-16BE");
  return std::none_of(utf8.begin(), utf8.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  });
}

// Decodes one code point's length at `i` the same way in every LineIndex walk, so conversions in both
// directions agree even on text that is not valid UTF-8 (every stray byte counts as one character).
std::uint32_t sequence_length(std::string_view text, std::uint32_t i, std::uint32_t end) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::uint32_t length = 1;
  if (lead >= 0xF0 && lead <= 0xF7) {
    length = 4;
  } else if (lead >= 0xE0) {
    length = lead <= 0xEF ? 3 : 1;
  } else if (lead >= 0xC0) {
    length = 2;
  }
  if (i + length > end) return 1;
  for (std::uint32_t k = 1; k < length; ++k) {
    if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return 1;
  }
  return length;
}

}  // namespace

DecodedText decode_input(std::string&& bytes) {
  // The usual case, UTF-8 without conversion: the bytes become the text, without a copy (a long text is
  // then not held twice).
  std::string_view view(bytes);
  if (view.starts_with(kUtf8Bom)) view.remove_prefix(kUtf8Bom.size());
  if (bytes.size() <= limits::max_text_bytes && !view.starts_with(kUtf16LeBom) && !view.starts_with(kUtf16BeBom) &&
      view.find('\0') == std::string_view::npos && is_valid_utf8(view)) {
    if (view.size() != bytes.size()) bytes.erase(0, kUtf8Bom.size());
    DecodedText result;
    result.utf8 = std::move(bytes);
    result.encoding = "UTF-8";
    return result;
  }
  return decode_input(std::string_view(bytes));
}

DecodedText decode_input(std::string_view bytes) {
  // Before conversion, which can make a text three times larger (one Windows-1252 byte can become three
  // UTF-8 bytes): read_text checks the converted text against the same cap.
  if (bytes.size() > limits::max_text_bytes) throw InputError(limits::text_too_large_message());
  if (bytes.starts_with(kUtf16LeBom)) return decode_utf16(bytes.substr(kUtf16LeBom.size()), true);
  if (bytes.starts_with(kUtf16BeBom)) return decode_utf16(bytes.substr(kUtf16BeBom.size()), false);
  if (bytes.starts_with(kUtf8Bom)) bytes.remove_prefix(kUtf8Bom.size());

  if (bytes.find('\0') != std::string_view::npos) {
    bool little_endian = true;
    if (looks_like_utf16(bytes, little_endian)) return decode_utf16(bytes, little_endian);
    throw_binary();
  }

  DecodedText result;
  if (is_valid_utf8(bytes)) {
    result.utf8 = std::string(bytes);
    result.encoding = "UTF-8";
    return result;
  }
  // Windows-1252 leaves five positions undefined; a text that uses them was written as Latin-1, where they
  // are control characters.
  const bool uses_undefined = std::any_of(bytes.begin(), bytes.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte == 0x81 || byte == 0x8D || byte == 0x8F || byte == 0x90 || byte == 0x9D;
  });
  if (uses_undefined) {
    result.encoding = "ISO-8859-1";
    result.utf8 = convert_to_utf8(bytes, "ISO-8859-1");
    result.note = converted_note("ISO-8859-1 (Latin-1)");
  } else {
    result.encoding = "windows-1252";
    result.utf8 = convert_to_utf8(bytes, "windows-1252");
    result.note = converted_note("Windows-1252");
  }
  return result;
}

// Lines end at "\n", "\r\n" or a lone "\r" (as LSP counts them).
LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  if (text.find('\r') == std::string_view::npos) {  // the common case: memchr for each line end
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
      starts_.push_back(static_cast<std::uint32_t>(i + 1));
    return;
  }
  for (std::size_t i = text.find_first_of("\r\n"); i != std::string_view::npos; i = text.find_first_of("\r\n", i + 1)) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

std::uint32_t LineIndex::line_start(std::uint32_t line) const {
  if (line >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  return starts_[line];
}

std::uint32_t LineIndex::line_end(std::uint32_t line) const {
  if (line + 1 >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::uint32_t end = starts_[line + 1] - 1;  // the "\n" or a lone "\r"
  if (text_[end] == '\n' && end > starts_[line] && text_[end - 1] == '\r') --end;
  return end;
}

std::uint32_t LineIndex::line_of(std::uint32_t byte) const {
  const auto after = std::upper_bound(starts_.begin(), starts_.end(), byte);
  return static_cast<std::uint32_t>(after - starts_.begin() - 1);
}

// Walks whole characters from the line start: an offset inside a character gets that character's column.
LineIndex::Position LineIndex::to_position(std::uint32_t byte, bool utf16) const {
  byte = std::min(byte, static_cast<std::uint32_t>(text_.size()));
  const std::uint32_t line = line_of(byte);
  const auto end = static_cast<std::uint32_t>(text_.size());
  std::uint32_t column = 0;
  for (std::uint32_t i = starts_[line]; i < byte;) {
    // Eight ASCII bytes (most of a Dutch text) are eight columns: a line of a long act is walked for every
    // finding on it, so whole words at a time.
    if (i + 8 <= byte) {
      std::uint64_t chunk;
      std::memcpy(&chunk, text_.data() + i, sizeof chunk);
      if ((chunk & 0x8080808080808080ull) == 0) {
        i += 8;
        column += 8;
        continue;
      }
    }
    const std::uint32_t length = sequence_length(text_, i, end);
    if (i + length > byte) break;
    i += length;
    column += utf16 && length == 4 ? 2 : 1;  // outside the BMP: a surrogate pair in UTF-16
  }
  return {line, column};
}

LineIndex::Position LineIndex::to_char_position(std::uint32_t byte) const { return to_position(byte, false); }

LineIndex::Position LineIndex::to_utf16_position(std::uint32_t byte) const { return to_position(byte, true); }

std::uint32_t LineIndex::from_utf16_position(Position p) const {
  if (p.line >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  const std::uint32_t end = line_end(p.line);
  std::uint32_t i = starts_[p.line];
  std::uint32_t column = 0;
  while (i < end && column < p.column) {
    const std::uint32_t length = sequence_length(text_, i, end);
    const std::uint32_t units = length == 4 ? 2 : 1;
    // A column inside a surrogate pair stays at the start of that character.
    if (column + units > p.column) break;
    column += units;
    i += length;
  }
  return i;
}

std::uint32_t LineIndex::from_char_position(Position p) const {
  if (p.line >= starts_.size()) return static_cast<std::uint32_t>(text_.size());
  const std::uint32_t end = line_end(p.line);
  std::uint32_t i = starts_[p.line];
  for (std::uint32_t column = 0; i < end && column < p.column; ++column) {
    i += sequence_length(text_, i, end);
  }
  return i;
}

std::string nearest_name(std::string_view typed, std::span<const std::string_view> known) {
  const auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  std::string nearest;
  std::size_t best = std::max<std::size_t>(2, typed.size() / 3) + 1;
  for (const std::string_view name : known)
    if (const std::size_t d = distance(typed, name); d < best) best = d, nearest = std::string(name);
  return nearest;
}

}  // namespace helder
