// Fuzz target: the plain-text and Markdown readers (read_text) over decoded input, with the invariants of
// reader.hpp checked on both results.
#include "fuzz_support.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

namespace helder::fuzz {

int fuzz_text_readers(const std::uint8_t* data, std::size_t size) {
  std::string source;
  try {
    source = decode_input(as_text(data, size)).utf8;
  } catch (const InputError&) {
    return 0;
  }
  for (const Format format : {Format::PlainText, Format::Markdown}) {
    ReadText read;
    try {
      read = read_text(source, format);
    } catch (const InputError&) {
      continue;  // over one of the caps (limits.hpp): refused with a Dutch message, not a crash
    }
    check_read_text(read, source.size());
    if (format == Format::PlainText)
      expect(read.text.size() == source.size(), "plain text is analysed as it is (a lone CR read as LF)");
  }
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_text_readers)
