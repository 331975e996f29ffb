// Fuzz target: the OpenDocument reader (read_document on .odt bytes: zip, content.xml, text:a, notes),
// with the invariants of reader.hpp checked on what it extracts.
#include "fuzz_support.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

namespace helder::fuzz {

int fuzz_odt(const std::uint8_t* data, std::size_t size) {
  // First byte 'X': the rest are the XML parts (content.xml, styles.xml, mimetype), separated by "\n#~part\n", which
  // the target puts in a zip itself, so that mutations reach the XML; otherwise the input is the file as it is.
  std::string zipped;
  std::string_view bytes = as_text(data, size);
  if (!bytes.empty() && bytes.front() == 'X') {
    static constexpr const char* kParts[] = {"content.xml", "styles.xml", "mimetype"};
    std::vector<std::pair<std::string, std::string_view>> parts;
    const std::vector<std::string_view> pieces = split(bytes.substr(1), "\n#~part\n");
    for (std::size_t i = 0; i < pieces.size() && i < std::size(kParts); ++i) parts.emplace_back(kParts[i], pieces[i]);
    zipped = stored_zip(parts);
    bytes = zipped;
  }
  ReadText read;
  try {
    read = read_document(bytes, Format::Odt);
  } catch (const InputError&) {
    return 0;  // damaged, encrypted, empty or too large: refused with a Dutch message
  }
  // The extracted text is the source a report shows: the map is the identity.
  expect(read.map.identity(), "an extracted document has an identity source map");
  check_read_text(read, read.text.size());
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_odt)
