// How the engine combines the findings of several rules.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace helder;

TEST_CASE("a tip gives way to a warning of another rule on exactly the same words", "[engine]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  config.editor = true;  // difficult-word runs in the editor
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  const std::string text = "De desbetreffende regeling geldt ook voor de adaptatie van gebouwen.\n";
  const auto findings = engine.check(engine.analyze(text, Format::PlainText), text);
  auto on = [&](std::string_view words, std::string_view rule) {
    return std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return text.substr(f.start, f.end - f.start) == words && f.rule_id == rule;
    });
  };
  CHECK(on("desbetreffende", "rijksoverheid.officialese") == 1);
  CHECK(on("desbetreffende", "rijksoverheid.difficult-word") == 0);
  CHECK(on("adaptatie", "rijksoverheid.difficult-word") == 1);  // no other rule there: the tip stays
}
