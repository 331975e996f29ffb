// A long text is checked in sections (Engine::check_in_sections, limits::section_bytes) and its findings are
// reported as each section is done (check.hpp's FileParts, Reporter::file_begin). Real letters, the real rules
// and the real binary; the sections are made small (a few KB) so that a test needs no megabytes of text.
#include "test_support.hpp"

#include <helder/check.hpp>
#include <helder/limits.hpp>
#include <helder/reader.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <tuple>

using namespace helder;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The Kamerbrief, three times: about 40 KB of real prose.
std::string long_letter() {
  const std::string letter = test::read_file(fs::path(HELDER_SHARED_DIR) / "corpus" / "letters" /
                                             "kamerbrief-2023-03-31-reflectie-verkiezingsuitslag.txt");
  return letter + "\n\n" + letter + "\n\n" + letter;
}

// The rules that read the whole document; the others read one paragraph at a time.
bool reads_document(const std::string& rule) {
  return rule == "rijksoverheid.reading-level" || rule == "rijksoverheid.undefined-acronym" ||
         rule == "rijksoverheid.confusables";
}

using Key = std::tuple<std::string, std::uint32_t, std::uint32_t, std::string, std::string>;
Key key_of(const Finding& f) { return {f.rule_id, f.start, f.end, f.message, f.id}; }

}  // namespace

TEST_CASE("sections: a long text is checked section by section, in whole paragraphs, with the same paragraph "
          "findings as one check of the whole text", "[sections][engine]") {
  test::TempDir dir;
  std::vector<std::string> messages;
  Engine engine(test::config_from("", dir.path()), test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  const std::string text = long_letter();
  const DocumentAnalysis whole = engine.analyze(text, Format::PlainText);
  const std::vector<Finding> expected = engine.check(whole, text);

  constexpr std::size_t section_bytes = 8 * 1024;
  std::vector<Finding> found;
  std::size_t sections = 0, next_paragraph_start = 0, paragraphs = 0;
  const Readability readability = engine.check_in_sections(
      read_text(text, Format::PlainText), text, section_bytes, 2,
      [&](const DocumentAnalysis& section, std::vector<Finding>&& findings) {
        ++sections;
        REQUIRE(!section.paragraphs.empty());
        // Whole paragraphs, in text order, no paragraph left out or checked twice.
        CHECK(section.paragraphs.front().range.start >= next_paragraph_start);
        CHECK(section.paragraphs.front().range.start ==
              whole.paragraphs[paragraphs].range.start);
        const std::size_t bytes = section.paragraphs.back().range.end - section.paragraphs.front().range.start;
        CHECK((bytes <= section_bytes + 4096 || section.paragraphs.size() == 1));
        next_paragraph_start = section.paragraphs.back().range.end;
        paragraphs += section.paragraphs.size();
        // Each section's findings in source order, after the findings of the section before.
        for (std::size_t i = 0; i < findings.size(); ++i) {
          if (i > 0) CHECK(findings[i - 1].start <= findings[i].start);
          if (!found.empty()) CHECK(found.back().start <= findings[i].start);
        }
        found.insert(found.end(), findings.begin(), findings.end());
      });
  CHECK(sections >= 4);
  CHECK(paragraphs == whole.paragraphs.size());
  CHECK(readability.sentences == whole.readability.sentences);
  CHECK(readability.words == whole.readability.words);
  CHECK(readability.syllables == whole.readability.syllables);

  // The rules that read one paragraph find the same, with the same ids.
  std::vector<Key> paragraph_rules_expected, paragraph_rules_found;
  for (const Finding& f : expected)
    if (!reads_document(f.rule_id)) paragraph_rules_expected.push_back(key_of(f));
  for (const Finding& f : found)
    if (!reads_document(f.rule_id)) paragraph_rules_found.push_back(key_of(f));
  CHECK(paragraph_rules_found.size() > 100);
  CHECK(paragraph_rules_found == paragraph_rules_expected);

  // Ids are unique over the whole text, also where two sections hold the same words.
  std::set<std::string> ids;
  for (const Finding& f : found) CHECK(ids.insert(f.id).second);

  // The rules that read the document read one section: the reading level is given per section.
  const auto reading_levels = std::count_if(found.begin(), found.end(), [](const Finding& f) {
    return f.rule_id == "rijksoverheid.reading-level";
  });
  CHECK(std::count_if(expected.begin(), expected.end(),
                      [](const Finding& f) { return f.rule_id == "rijksoverheid.reading-level"; }) == 1);
  CHECK(reading_levels > 1);
}

TEST_CASE("sections: a text of one section gets exactly the findings of one check", "[sections][engine]") {
  test::TempDir dir;
  std::vector<std::string> messages;
  Engine engine(test::config_from("", dir.path()), test::language_services(), test::builtin_plugins(), messages);
  const std::string text = test::read_file(fs::path(HELDER_SHARED_DIR) / "corpus" / "letters" /
                                           "sg-brief-2024-01-12-aan-informateur.md");
  REQUIRE(text.size() < limits::section_bytes);
  std::vector<Key> expected, found;
  for (const Finding& f : engine.check(engine.analyze(text, Format::Markdown), text)) expected.push_back(key_of(f));
  std::size_t sections = 0;
  engine.check_in_sections(read_text(text, Format::Markdown), text, limits::section_bytes, 1,
                           [&](const DocumentAnalysis&, std::vector<Finding>&& findings) {
                             ++sections;
                             for (const Finding& f : findings) found.push_back(key_of(f));
                           });
  CHECK(sections == 1);
  CHECK(expected.size() > 50);
  CHECK(found == expected);
}

TEST_CASE("sections: helder check reports a long text as it goes, the same as when it keeps the findings",
          "[sections][cli]") {
  test::TempDir dir;
  const fs::path file = dir.write("lang.txt", long_letter());
  const std::vector<std::string> small_sections{"HELDER_SECTION_BYTES=8192"};
  // --write-baseline keeps a file's findings until its end (a baseline records them per file): the report is
  // then written from the kept findings, without parts.
  for (const std::string format : {"json", "jsonl", "text", "sarif", "junit"}) {
    INFO(format);
    const test::RunResult parts = test::run_helder({"check", "--format", format, file.string()}, {}, {}, small_sections);
    const test::RunResult kept = test::run_helder(
        {"check", "--format", format, "--write-baseline", (dir.path() / "basis.json").string(), file.string()}, {},
        {}, small_sections);
    CHECK(parts.exit_code == kept.exit_code);
    CHECK(parts.exit_code != 2);
    CHECK(parts.out == kept.out);
    CHECK_THAT(parts.err, Catch::Contains("lang.txt: let op: Deze tekst is lang") &&
                              Catch::Contains("in delen van ongeveer 8 kB gecontroleerd"));
  }
  const test::RunResult result = test::run_helder({"check", "--format", "json", file.string()}, {}, {}, small_sections);
  const json report = json::parse(result.out);
  const json& findings = report["files"][0]["findings"];
  CHECK(findings.size() > 100);
  CHECK(report["summary"]["warnings"].get<std::size_t>() + report["summary"]["info"].get<std::size_t>() +
            report["summary"]["hints"].get<std::size_t>() + report["summary"]["errors"].get<std::size_t>() ==
        findings.size());
  std::size_t reading_levels = 0;
  for (const json& f : findings) reading_levels += f["rule"] == "rijksoverheid.reading-level";
  CHECK(reading_levels > 1);
  CHECK(report["files"][0]["readability"]["sentences"].get<std::size_t>() > 200);

  // Without the small sections the letter is one section: no note.
  const test::RunResult one = test::run_helder({"check", "--format", "json", file.string()});
  CHECK(one.err.find("Deze tekst is lang") == std::string::npos);
}

TEST_CASE("sections: helder analyze refuses a text beyond its own cap with a clear message", "[sections][limits][cli]") {
  test::TempDir dir;
  std::string text;
  text.reserve(limits::max_analysis_bytes + 100);
  while (text.size() <= limits::max_analysis_bytes) text += "Wij sturen u deze brief over uw aanvraag.\n\n";
  const fs::path file = dir.write("groot.txt", text);
  const test::RunResult result = test::run_helder({"analyze", "--format", "json", file.string()});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains(limits::analysis_too_large_message()));
}

TEST_CASE("sections: a long file refused before any findings is reported like any other refused file",
          "[sections][cli]") {
  test::TempDir dir;
  // Longer than a section, but binary: refused while decoding, before the first section.
  std::string bytes(3 << 20, 'a');
  for (std::size_t i = 0; i < bytes.size(); i += 97) bytes[i] = '\0';
  const fs::path file = dir.write("lang.bin", bytes);
  const fs::path good = dir.write("kort.txt", "Wij sturen u deze brief over uw aanvraag.\n");
  const test::RunResult result =
      test::run_helder({"check", "--format", "json", file.string(), good.string()}, {}, {},
                       {"HELDER_SECTION_BYTES=8192"});
  CHECK(result.exit_code == 2);
  const json report = json::parse(result.out);
  REQUIRE(report["files"].size() == 2);
  CHECK(report["files"][0]["error"].is_string());
  CHECK(report["files"][0]["findings"].empty());
  CHECK(report["files"][1]["error"].is_null());
  CHECK(report["summary"]["failed_files"] == 1);
}
