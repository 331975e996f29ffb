// Shared by the fuzz targets and by their replay in the unit tests (fuzz_regressions_test.cpp): the oracle
// that stops a run, a reader that turns fuzz bytes into choices, the real services and plugins, and the
// checks of what a reader returns.
#pragma once

#include <helder/engine.hpp>
#include <helder/plugin_loader.hpp>
#include <helder/reader.hpp>
#include <helder/segmentation.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace helder::fuzz {

// A broken invariant: in a fuzz build it prints `what` and traps, so libFuzzer keeps the input as a crash;
// in the replay test (HELDER_FUZZ_REPLAY) it throws std::logic_error, so Catch2 names the input and the check.
[[noreturn]] void fail(std::string_view what);
inline void expect(bool ok, std::string_view what) {
  if (!ok) fail(what);
}

// Turns the fuzz input into choices, from the front; past the end every choice is 0 and every string empty.
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::size_t left() const { return size_ - at_; }
  std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
  // A number in [0, bound) (0 when bound is 0), from up to four bytes.
  std::uint32_t below(std::uint32_t bound);
  // Up to `max` bytes: a length byte, then that many bytes.
  std::string_view short_string(std::size_t max = 255);
  // Everything that is left.
  std::string_view rest();

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);
// Is `offset` a character boundary of the valid UTF-8 `text` (the end counts)?
bool is_boundary(std::string_view text, std::size_t offset);

// A zip file with `parts` (name, content) stored uncompressed, as bytes: lets the Word and OpenDocument targets
// fuzz the XML inside the zip (a mutated zip rarely gets past its CRC checks).
std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& parts);
// `text` split at every `separator`.
std::vector<std::string_view> split(std::string_view text, std::string_view separator);

// A folder of this process under the system temp folder, removed at a normal exit.
const std::filesystem::path& temp_dir();

// The install layout of the fuzz binary (build/<preset>/bin/..): plugins, data and packs of that build tree.
const InstallLayout& layout();
// The real language services (abbreviations, Hunspell nl, hyphenation, lexicon), loaded once.
std::shared_ptr<const LanguageServices> services();
// The built-in plugins of the build tree, loaded once through the real loader.
const PluginRegistry& plugins();
// An engine with the default configuration (the rijksoverheid pack, editor rules on), made once.
const Engine& default_engine();

// What every reader promises about its result (reader.hpp): blocks in order and inside the text, skipped
// parts and marks inside their block, marks in order and outside skipped parts, directives and origins in
// order, and a source map that stays inside a source of `source_size` bytes.
void check_read_text(const ReadText& read, std::size_t source_size);

// What the segmenter promises: tokens in order, not overlapping, on character boundaries; sentences in
// order, inside the text, indexing tokens that exist.
void check_segmentation(std::string_view text, const Segmentation& segmentation);

// Entry points, one per target: the body of that target's LLVMFuzzerTestOneInput.
int fuzz_decode(const std::uint8_t* data, std::size_t size);
int fuzz_text_readers(const std::uint8_t* data, std::size_t size);
int fuzz_html(const std::uint8_t* data, std::size_t size);
int fuzz_docx(const std::uint8_t* data, std::size_t size);
int fuzz_odt(const std::uint8_t* data, std::size_t size);
int fuzz_pdf(const std::uint8_t* data, std::size_t size);
int fuzz_segmentation(const std::uint8_t* data, std::size_t size);
int fuzz_config(const std::uint8_t* data, std::size_t size);
int fuzz_transport(const std::uint8_t* data, std::size_t size);
int fuzz_jsonrpc(const std::uint8_t* data, std::size_t size);
int fuzz_edits(const std::uint8_t* data, std::size_t size);

}  // namespace helder::fuzz

// In a fuzz build, makes `name` the target's libFuzzer entry; in the replay test, nothing (the test calls
// the entry points directly).
#ifdef HELDER_FUZZ_REPLAY
#define HELDER_FUZZ_TARGET(name)
#else
#define HELDER_FUZZ_TARGET(name)                                                           \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
    return helder::fuzz::name(data, size);                                               \
  }
#endif
