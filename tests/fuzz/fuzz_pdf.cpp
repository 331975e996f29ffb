// Fuzz target: the PDF reader (read_document on PDF bytes, through poppler-cpp: pages, text, headers and
// footers), with the invariants of reader.hpp checked on what it extracts.
#include "fuzz_support.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

namespace helder::fuzz {

int fuzz_pdf(const std::uint8_t* data, std::size_t size) {
  ReadText read;
  try {
    read = read_document(as_text(data, size), Format::Pdf);
  } catch (const InputError&) {
    return 0;  // damaged, encrypted, empty or too large: refused with a Dutch message
  }
  // The extracted text is the source a report shows: the map is the identity.
  expect(read.map.identity(), "an extracted document has an identity source map");
  check_read_text(read, read.text.size());
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_pdf)
