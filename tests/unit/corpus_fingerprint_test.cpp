// The findings on the whole ../shared/corpus (the 30 circulaires and the two letters) stay as they are when the
// code is made faster: tests/golden/corpus.fingerprints holds, per file, the number of findings and a hash of
// every finding (rule, place, severity, message, fixes). The same findings come out on one thread and on two,
// and through the paragraph cache (the editor's path) as without it. A deliberate change of a rule or a list
// changes the fingerprints: write them again with HELDER_UPDATE_GOLDEN=1 and say why in the commit.
#include "test_support.hpp"

#include <helder/text.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

using namespace helder;
namespace fs = std::filesystem;

namespace {

std::uint64_t fnv(std::string_view s, std::uint64_t h) {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return (h ^ 0x1F) * 1099511628211ull;  // a separator after every field
}

std::string fingerprint(const std::vector<Finding>& findings) {
  std::uint64_t h = 14695981039346656037ull;
  for (const Finding& f : findings) {
    h = fnv(f.rule_id, h);
    h = fnv(fmt::format("{}-{} {}", f.start, f.end, to_string(f.severity)), h);
    h = fnv(f.message, h);
    for (const Replacement& r : f.fixes) h = fnv(fmt::format("{}-{} {} {}", r.start, r.end, r.text, r.needs_review), h);
  }
  return fmt::format("{} {:016x}", findings.size(), h);
}

}  // namespace

TEST_CASE("the findings on the whole corpus match their fingerprints, on one thread and two, cached or not",
          "[golden][corpus]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());

  const std::vector<fs::path> files = test::corpus_files();
  REQUIRE(files.size() == 32);

  std::string actual;
  for (const fs::path& file : files) {
    const std::string source = decode_input(test::read_file(file)).utf8;
    const Format format = format_for_path(file);
    const std::string one = fingerprint(engine.check(engine.analyze(source, format, nullptr, 1), source, 1));
    const std::string two = fingerprint(engine.check(engine.analyze(source, format, nullptr, 2), source, 2));
    ParagraphCache cache;
    engine.check(engine.analyze(source, format, &cache, 1), source, 1);
    const std::string cached = fingerprint(engine.check(engine.analyze(source, format, &cache, 1), source, 1));
    INFO(file.filename().string());
    CHECK(two == one);
    CHECK(cached == one);
    actual += fmt::format("{} {}\n", file.filename().string(), one);
  }

  const fs::path golden = fs::path(HELDER_SOURCE_DIR) / "tests" / "golden" / "corpus.fingerprints";
  if (std::getenv("HELDER_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  INFO("compare with " << golden.string() << " (HELDER_UPDATE_GOLDEN=1 rewrites it)");
  REQUIRE(fs::exists(golden));
  CHECK(actual == test::read_file(golden));
}
