// Fuzz target: byte decoding (decode_input: UTF-8 with and without a byte order mark, invalid UTF-8,
// Windows-1252, Latin-1, UTF-16 with and without a BOM, binary input) and detect_format on raw bytes.
#include "fuzz_support.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

namespace helder::fuzz {

int fuzz_decode(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = as_text(data, size);
  // The content decides before the name does; the name only matters for text without a signature.
  const Format format = detect_format(bytes, size % 2 ? "brief.md" : "brief.txt");
  expect(static_cast<int>(format) <= static_cast<int>(Format::Pdf), "detect_format gives a known format");

  DecodedText decoded;
  try {
    decoded = decode_input(bytes);
  } catch (const InputError&) {
    return 0;  // binary input: refused with a message, as it should be
  }
  expect(is_valid_utf8(decoded.utf8), "decoded text is valid UTF-8");
  expect(!decoded.encoding.empty(), "the encoding is named");
  expect(decoded.utf8.find('\0') == std::string::npos, "decoded text has no NUL character");
  if (decoded.encoding == "UTF-8") {
    // UTF-8 is taken as it is: byte for byte, less one byte order mark.
    expect(decoded.note.empty(), "UTF-8 input gets no conversion note");
    const std::string_view without_bom = bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
    expect(decoded.utf8 == without_bom, "UTF-8 input is kept byte for byte");
  } else {
    expect(!decoded.note.empty(), "converted input gets a note for the writer");
  }
  // Decoding is idempotent: the result, read again, is UTF-8 and stays as it is (a text that still starts
  // with a byte order mark after one was removed loses that one too).
  const DecodedText again = decode_input(decoded.utf8);
  expect(again.encoding == "UTF-8", "decoded text decodes as UTF-8");
  const std::string_view expected =
      std::string_view(decoded.utf8).starts_with("\xEF\xBB\xBF") ? std::string_view(decoded.utf8).substr(3) : decoded.utf8;
  expect(again.utf8 == expected, "decoding decoded text changes nothing");
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_decode)
