// Replays every input saved in tests/fuzz/regressions/fuzz_<surface>/ through the entry point of that fuzz target
// (tests/fuzz/fuzz_<surface>.cpp, compiled here without libFuzzer), so a crash the fuzzers once found stays
// fixed in the normal build; a broken invariant throws and names its check. A few plain inputs per target
// show that each entry point runs here at all.
#include "test_support.hpp"

#include "../fuzz/fuzz_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

namespace fs = std::filesystem;

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

const std::map<std::string, Entry>& entries() {
  static const std::map<std::string, Entry> table{
      {"fuzz_decode", helder::fuzz::fuzz_decode},         {"fuzz_text_readers", helder::fuzz::fuzz_text_readers},
      {"fuzz_html", helder::fuzz::fuzz_html},             {"fuzz_docx", helder::fuzz::fuzz_docx},
      {"fuzz_odt", helder::fuzz::fuzz_odt},               {"fuzz_pdf", helder::fuzz::fuzz_pdf},
      {"fuzz_segmentation", helder::fuzz::fuzz_segmentation}, {"fuzz_config", helder::fuzz::fuzz_config},
      {"fuzz_transport", helder::fuzz::fuzz_transport},   {"fuzz_jsonrpc", helder::fuzz::fuzz_jsonrpc},
      {"fuzz_edits", helder::fuzz::fuzz_edits}};
  return table;
}

int run(const std::string& target, const std::string& input) {
  return entries().at(target)(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

const fs::path kRegressions = fs::path(HELDER_SOURCE_DIR) / "tests" / "fuzz" / "regressions";

}  // namespace

TEST_CASE("fuzz regressions: every saved input runs clean through its fuzz target", "[fuzz]") {
  REQUIRE(fs::is_directory(kRegressions));
  std::size_t replayed = 0;
  for (const fs::directory_entry& folder : fs::directory_iterator(kRegressions)) {
    if (!folder.is_directory()) continue;
    const std::string target = folder.path().filename().string();
    INFO("tests/fuzz/regressions/" << target << " names no fuzz target");
    REQUIRE(entries().count(target) == 1);
    for (const fs::directory_entry& file : fs::directory_iterator(folder.path())) {
      if (!file.is_regular_file() || file.path().extension() == ".md") continue;
      DYNAMIC_SECTION(target << "/" << file.path().filename().string()) {
        CHECK(run(target, helder::test::read_file(file.path())) == 0);
      }
      ++replayed;
    }
  }
  // None is saved yet (tests/fuzz/regressions/README.md): the entry points run below all the same.
  INFO(replayed << " saved inputs replayed");
  SUCCEED();
}

TEST_CASE("fuzz entry points run outside libFuzzer and check what they read", "[fuzz]") {
  const std::string letter = "Geachte heer,\n\nIndien u vragen heeft, kunt u ons bellen. Het besluit wordt genomen.\n";
  CHECK(run("fuzz_decode", "\xEF\xBB\xBF" + letter) == 0);
  CHECK(run("fuzz_text_readers", "# Brief\n\n" + letter) == 0);
  CHECK(run("fuzz_html", "<html><body><main><p>" + letter + "</p></main></body></html>") == 0);
  CHECK(run("fuzz_docx", "PK\x03\x04 geen zip") == 0);
  CHECK(run("fuzz_odt", "") == 0);
  CHECK(run("fuzz_pdf", "%PDF-1.4\n%%EOF\n") == 0);
  CHECK(run("fuzz_segmentation", "\x80" + letter) == 0);
  CHECK(run("fuzz_config", "[vocabulary]\naccept = [\"a\"]\n") == 0);
  CHECK(run("fuzz_transport", std::string("\x01\x07") + "{\"a\":1}\xFF" + "Content-Length: 3\r\n\r\n{}") == 0);
  CHECK(run("fuzz_edits", std::string("\x00\x10", 2) + "abcdefghijklmnopqrstuvwxyz0123456789") == 0);
  CHECK(run("fuzz_jsonrpc", "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                       "{\"uri\":\"$ROOT/brief.txt\",\"languageId\":\"plaintext\",\"version\":1,\"text\":\"Indien u belt.\"}}}\n"
                       "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":"
                       "{\"uri\":\"$ROOT/brief.txt\"},\"position\":{\"line\":0,\"character\":1}}}\n") == 0);
  // A broken invariant is an error here, not a crash: the oracle of the fuzz targets throws in this build.
  CHECK_THROWS_WITH(helder::fuzz::expect(false, "an invariant"), Catch::Contains("an invariant"));
}
