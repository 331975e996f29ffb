// Fuzz target: the HTML reader (gumbo, main-content detection, marks for links, titles and quotations)
// over decoded input.
#include "fuzz_support.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

namespace helder::fuzz {

int fuzz_html(const std::uint8_t* data, std::size_t size) {
  std::string source;
  try {
    source = decode_input(as_text(data, size)).utf8;
  } catch (const InputError&) {
    return 0;
  }
  try {
    check_read_text(read_text(source, Format::Html), source.size());
  } catch (const InputError&) {
    // A page the reader refuses (too deep, too large) says so in Dutch: that is an answer, not a crash.
  }
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_html)
