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

TEST_CASE("a message is one line, also when the words it quotes run over a line end", "[engine]") {
  test::TempDir dir;
  std::vector<std::string> messages;
  Engine engine(test::config_from("", dir.path()), test::language_services(), test::builtin_plugins(), messages);
  for (const Format format : {Format::PlainText, Format::Markdown}) {
    const std::string text = "Wij schrijven u met betrekking\ntot uw aanvraag van vorige week.\n";
    const auto findings = engine.check(engine.analyze(text, format), text);
    const auto officialese = std::find_if(findings.begin(), findings.end(), [](const Finding& f) {
      return f.rule_id == "rijksoverheid.officialese";
    });
    REQUIRE(officialese != findings.end());
    CHECK(text.substr(officialese->start, officialese->end - officialese->start).find('\n') != std::string::npos);
    CHECK_THAT(officialese->message, Catch::Contains("\"met betrekking tot\""));
    for (const Finding& f : findings) {
      CHECK(f.message.find('\n') == std::string::npos);
      CHECK(f.message.find("  ") == std::string::npos);
    }
  }
}
