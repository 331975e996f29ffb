// Rule fixtures: tests/rules/<pack>/<rule>/*.{txt,md} carry their expected findings inside the text.
//
// Mark the words a finding is about with ⟦ and ⟧, followed by the expected severity in braces:
//     Dit is ⟦een heel lange zin ... .⟧{warning}
// Optionally with a piece of the expected message: ⟦...⟧{info: korter}. The runner removes the marks,
// enables only the rule under test (named by the folder: rijksoverheid/sentence-length), reads no other
// configuration, and fails on every unexpected finding and every unused expectation. A fixture without
// marks must stay silent.
#include "test_support.hpp"

#include <helder/engine.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>

using namespace helder;
namespace fs = std::filesystem;

namespace {

using test::Expectation;
using test::strip_marks;

}  // namespace

TEST_CASE("rule fixtures", "[fixtures]") {
  const fs::path root = fs::path(HELDER_SOURCE_DIR) / "tests" / "rules";
  std::vector<fs::path> fixtures;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file() && (entry.path().extension() == ".txt" || entry.path().extension() == ".md"))
      fixtures.push_back(entry.path());
  std::sort(fixtures.begin(), fixtures.end());
  REQUIRE(!fixtures.empty());

  for (const fs::path& fixture : fixtures) {
    const fs::path rule_dir = fixture.parent_path();
    const std::string rule_id = rule_dir.parent_path().filename().string() + "." + rule_dir.filename().string();
    DYNAMIC_SECTION(fs::relative(fixture, root).string()) {
      // Only the rule under test, from its own pack, with no stray configuration.
      test::TempDir dir;
      Config config = test::config_from(
          fmt::format("packs = [\"{}\"]\n", rule_dir.parent_path().filename().string()), dir.path());
      REQUIRE(config.find_rule(rule_id));
      config.suggestions = true;  // fixtures test the suggestions too
      for (RuleConfig& r : config.rules) {
        r.enabled = r.id == rule_id;
        r.editor_only = false;  // rules for the editor only (enabled = "editor") are tested too, in full
      }

      std::vector<std::string> messages;
      Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
      REQUIRE(messages.empty());

      std::vector<Expectation> expected;
      const std::string text = strip_marks(test::read_file(fixture), expected);
      const auto findings = engine.check(engine.analyze(text, format_for_path(fixture)), text);
      REQUIRE(engine.take_messages().empty());

      for (const Finding& f : findings) {
        const std::string covered = text.substr(f.start, f.end - f.start);
        auto match = std::find_if(expected.begin(), expected.end(), [&](const Expectation& e) {
          return !e.used && e.start == f.start && e.end == f.end;
        });
        INFO("finding: " << to_string(f.severity) << " \"" << covered << "\": " << f.message);
        CHECK(match != expected.end());
        if (match == expected.end()) continue;
        match->used = true;
        CHECK(match->severity == to_string(f.severity));
        if (!match->message_part.empty()) CHECK_THAT(f.message, Catch::Contains(match->message_part));
      }
      for (const Expectation& e : expected) {
        INFO("expected " << e.severity << " on \"" << text.substr(e.start, e.end - e.start) << "\"");
        CHECK(e.used);
      }
    }
  }
}
