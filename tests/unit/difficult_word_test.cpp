// The jargon plugin's difficult-word check through the engine, with the real Hunspell nl and frequency list:
// editor only by default, its options, the project's vocabulary, bad options, several threads at once, and a
// missing dictionary.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace helder;
namespace fs = std::filesystem;

namespace {

constexpr const char* rule_id = "rijksoverheid.difficult-word";

std::vector<Finding> check_with(const std::string& project_toml, const std::string& text, bool editor = true) {
  test::TempDir dir;
  Config config = test::config_from(project_toml, dir.path());
  for (RuleConfig& r : config.rules)
    if (r.id != rule_id) r.enabled = false;
  config.editor = editor;
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  auto findings = engine.check(engine.analyze(text, Format::PlainText), text);
  CHECK(engine.take_messages().empty());
  return findings;
}

std::vector<std::string> covered(const std::string& text, const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(text.substr(f.start, f.end - f.start));
  return out;
}

std::string options(const std::string& lines) { return "[rules.\"rijksoverheid.difficult-word\"]\n" + lines + "\n"; }

}  // namespace

TEST_CASE("difficult-word: runs in the editor only: an info finding without fixes", "[jargon][difficult-word]") {
  const std::string text = "De implementatie van het plan begint in mei.";
  CHECK(check_with("", text, false).empty());
  const auto findings = check_with("", text);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == rule_id);
  CHECK(findings[0].severity == Severity::Info);
  CHECK(findings[0].fixes.empty());
  CHECK(covered(text, findings) == std::vector<std::string>{"implementatie"});
}

TEST_CASE("difficult-word: the options change what counts as rare, short or long", "[jargon][difficult-word]") {
  // "complexiteit" is in band 4 of the frequency list: rare only from band 4 on.
  const std::string rare = "De complexiteit van de implementatie.";
  CHECK(covered(rare, check_with("", rare)) == std::vector<std::string>{"implementatie"});
  CHECK(covered(rare, check_with(options("rare_from_band = 4"), rare)) ==
        std::vector<std::string>{"complexiteit", "implementatie"});

  // "medio" has five letters.
  const std::string short_word = "Wij beginnen medio mei.";
  CHECK(check_with("", short_word).size() == 1);
  CHECK(check_with(options("min_letters = 6"), short_word).empty());

  // "kinderopvangtoeslag": 19 letters, two parts for the host (kinderopvang + toeslag).
  const std::string compound = "De kinderopvangtoeslag komt later.";
  CHECK(check_with("", compound).empty());
  auto findings = check_with(options("compound_max_letters = 18"), compound);
  REQUIRE(findings.size() == 1);
  CHECK_THAT(findings[0].message, Catch::Contains("(kinder + opvang + toeslag)"));
  CHECK_THAT(findings[0].message, Catch::Contains("\"toeslag\" van of voor \"kinderopvang\""));

  // A ministry's or project's own known words, with their inflected forms.
  const std::string known = "De gedeputeerden en de gedeputeerde kwamen.";
  CHECK(check_with("", known).size() == 2);
  CHECK(check_with(options("known = [\"gedeputeerde\"]"), known).empty());
}

TEST_CASE("difficult-word: words the project accepts are not difficult", "[jargon][difficult-word]") {
  const std::string text = "Wij zoeken meer cohesie in de wijk.";
  CHECK(check_with("", text).size() == 1);
  CHECK(check_with("[vocabulary]\naccept = [\"Cohesie\"]\n", text).empty());
}

TEST_CASE("difficult-word: a bad option refuses the rule with a Dutch message", "[jargon][difficult-word]") {
  for (const std::string& bad : {std::string("rare_from_band = 7"), std::string("min_letters = 0"),
                                 std::string("compound_max_parts = 1"), std::string("known = [\"\"]")}) {
    INFO(bad);
    test::TempDir dir;
    Config config = test::config_from(options(bad), dir.path());
    for (RuleConfig& r : config.rules)
      if (r.id != rule_id) r.enabled = false;
    config.editor = true;
    std::vector<std::string> messages;
    Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
    REQUIRE(messages.size() == 1);
    CHECK_THAT(messages[0], Catch::Contains(rule_id) && Catch::Contains("werkt niet"));
    const std::string text = "De implementatie.";
    CHECK(engine.check(engine.analyze(text, Format::PlainText), text).empty());
  }
}

TEST_CASE("difficult-word: several threads check at once with the same rule", "[jargon][difficult-word]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  for (RuleConfig& r : config.rules)
    if (r.id != rule_id) r.enabled = false;
  config.editor = true;
  std::vector<std::string> messages;
  const Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());

  const std::vector<std::string> texts = {
      "De implementatie van de verblijfsvergunningaanvraag.", "Meer cohesie en adaptatie in de wijk.",
      "De gemeenten en de toeslagen.", "Het belastingaangifteformulier en de handhaafbaarheid."};
  const std::vector<std::size_t> expected = {2, 2, 0, 2};
  std::vector<std::size_t> counts(texts.size() * 8, 99);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < counts.size(); ++i)
    threads.emplace_back([&, i] {
      const std::string& text = texts[i % texts.size()];
      counts[i] = engine.check(engine.analyze(text, Format::PlainText), text).size();
    });
  for (std::thread& t : threads) t.join();
  for (std::size_t i = 0; i < counts.size(); ++i) CHECK(counts[i] == expected[i % texts.size()]);
}

TEST_CASE("difficult-word: without a dictionary the rule stays silent (a typo is no rare word)", "[jargon][difficult-word][cli]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.txt", "Wij werken aan de adaptatie van het plan.\n");

  auto r = test::run_helder({"--editor", "check", letter.string()});
  CHECK(r.out.find("[rijksoverheid.difficult-word]") != std::string::npos);

  r = test::run_helder({"--editor", "check", letter.string()}, "", {}, {"HELDER_HUNSPELL=/nonexistent/nl"});
  CHECK(r.err.find("hunspell-nl") != std::string::npos);
  CHECK(r.out.find("[rijksoverheid.difficult-word]") == std::string::npos);
}
