// The spelling plugin through the engine, with the real Hunspell nl: fixes and their capitals, the project's
// accept and reject lists, the max_suggestions option, several threads at once, and a missing dictionary.
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <thread>

using namespace helder;
namespace fs = std::filesystem;

namespace {

constexpr const char* rule_id = "rijksoverheid.spelling";

std::unique_ptr<Engine> spelling_engine(const std::string& project_toml, const test::TempDir& dir,
                                        std::vector<std::string>& messages) {
  Config config = test::config_from(project_toml, dir.path());
  config.suggestions = true;
  for (RuleConfig& r : config.rules) r.enabled = r.id == rule_id;
  return std::make_unique<Engine>(config, test::language_services(), test::builtin_plugins(), messages);
}

std::vector<Finding> check_with(const std::string& project_toml, const std::string& text) {
  test::TempDir dir;
  std::vector<std::string> messages;
  const auto engine = spelling_engine(project_toml, dir, messages);
  REQUIRE(messages.empty());
  auto findings = engine->check(engine->analyze(text, Format::PlainText), text);
  CHECK(engine->take_messages().empty());
  return findings;
}

std::string covered(const std::string& text, const Finding& f) { return text.substr(f.start, f.end - f.start); }

std::vector<std::string> fix_texts(const Finding& f) {
  std::vector<std::string> out;
  for (const Replacement& r : f.fixes) out.push_back(r.text);
  return out;
}

}  // namespace

TEST_CASE("spelling: a misspelled word gets Hunspell's suggestions as fixes, with the capital kept", "[spelling]") {
  const std::string text = "Wij hebben uw aanvraagg ontvangen. Vergunnning volgt.";
  const auto findings = check_with("", text);
  REQUIRE(findings.size() == 2);

  CHECK(covered(text, findings[0]) == "aanvraagg");
  CHECK(findings[0].rule_id == rule_id);
  CHECK(findings[0].severity == Severity::Warning);
  CHECK_THAT(findings[0].message, Catch::StartsWith("Staat dit woord goed gespeld? Bedoelt u: "));
  const auto first = fix_texts(findings[0]);
  CHECK(std::find(first.begin(), first.end(), "aanvraag") != first.end());
  CHECK(first.size() <= 3);
  // The message names the fixes in their order: "a", "b" of "c".
  if (first.size() >= 2)
    CHECK_THAT(findings[0].message, Catch::EndsWith("\"" + first[first.size() - 2] + "\" of \"" + first.back() + "\"?"));
  for (const Replacement& r : findings[0].fixes) {
    CHECK(r.start == findings[0].start);
    CHECK(r.end == findings[0].end);
  }

  // At the start of a sentence every suggestion starts with a capital.
  CHECK(covered(text, findings[1]) == "Vergunnning");
  const auto second = fix_texts(findings[1]);
  REQUIRE(!second.empty());
  CHECK(second.front() == "Vergunning");
  for (const std::string& s : second) CHECK((s[0] >= 'A' && s[0] <= 'Z'));
}

TEST_CASE("spelling: names, acronyms, numbers and addresses are left alone", "[spelling]") {
  const std::string text =
      "Minister Rutte sprak in Zwolle met de PAS-melders over het SCP-rapport en de AMvB. DigiD werkt. "
      "Zie https://www.rijksoverheid.nl of mail info@minbzk.nl over de 1e en 21ste keer. "
      "Een e-mail over auto's en foto’s van de regering-Rutte in ’s-Gravenhage.";
  CHECK(check_with("", text).empty());
}

TEST_CASE("spelling: the project's accepted words are never flagged, also with an ending", "[spelling]") {
  const std::string text = "De beredding kost geld. De bereddingen ook.";
  auto findings = check_with("", text);
  REQUIRE(findings.size() == 2);
  CHECK(covered(text, findings[0]) == "beredding");
  CHECK(covered(text, findings[1]) == "bereddingen");

  CHECK(check_with("[vocabulary]\naccept = [\"Beredding\"]\n", text).empty());
}

TEST_CASE("spelling: the project's rejected words are always flagged, without fixes", "[spelling]") {
  // Correctly spelled words, an acronym and a word between quotation marks: the project does not want them.
  const std::string text = "Wij sturen u middels deze brief de stukken over de AMvB. Hij zei: 'middels'.";
  const auto findings = check_with("[vocabulary]\nreject = [\"middels\", \"amvb\"]\n", text);
  REQUIRE(findings.size() == 3);
  CHECK(covered(text, findings[0]) == "middels");
  CHECK(covered(text, findings[1]) == "AMvB");
  CHECK(covered(text, findings[2]) == "middels");
  for (const Finding& f : findings) {
    CHECK_THAT(f.message, Catch::Contains("Dit project wil het woord"));
    CHECK(f.fixes.empty());
  }
  // A rejected part of a hyphenated word is flagged on its own.
  const std::string compound = "Het middels-verhaal.";
  const auto part = check_with("[vocabulary]\nreject = [\"middels\"]\n", compound);
  REQUIRE(part.size() == 1);
  CHECK(covered(compound, part[0]) == "middels");
}

TEST_CASE("spelling: max_suggestions limits the fixes and is checked", "[spelling]") {
  const std::string text = "Wij hebben uw aanvraagg ontvangen.";
  auto findings = check_with("[rules.\"rijksoverheid.spelling\"]\nmax_suggestions = 1\n", text);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].fixes.size() == 1);

  findings = check_with("[rules.\"rijksoverheid.spelling\"]\nmax_suggestions = 0\n", text);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].fixes.empty());
  CHECK(findings[0].message == "Staat dit woord goed gespeld? Het staat niet in het woordenboek.");

  test::TempDir dir;
  std::vector<std::string> messages;
  spelling_engine("[rules.\"rijksoverheid.spelling\"]\nmax_suggestions = 11\n", dir, messages);
  REQUIRE(messages.size() == 1);
  CHECK_THAT(messages[0], Catch::Contains("max_suggestions moet een getal van 0 tot en met 10 zijn"));
}

TEST_CASE("spelling: several threads check at once and agree", "[spelling]") {
  std::string text;
  for (int i = 0; i < 20; ++i)
    text += "Paragraaf " + std::to_string(i) + " gaat over de aanvraagg van een vergunnning en de stallingkosten " +
            "van vrachtwagenbewegingen. Ook de toezichhouders" + std::string(i % 3, 'x') + " lezen mee.\n\n";
  // Without suggestions: Hunspell needs a tenth of a second or more for each, and they are tested above.
  test::TempDir dir;
  std::vector<std::string> messages;
  const auto engine = spelling_engine("[rules.\"rijksoverheid.spelling\"]\nmax_suggestions = 0\n", dir, messages);
  REQUIRE(messages.empty());
  const auto analysis = engine->analyze(text, Format::PlainText);
  const auto expected = engine->check(analysis, text);
  REQUIRE(expected.size() == 80);

  std::vector<std::vector<Finding>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) threads.emplace_back([&] { result = engine->check(analysis, text); });
  for (auto& t : threads) t.join();
  for (const auto& result : results) {
    REQUIRE(result.size() == expected.size());
    for (std::size_t i = 0; i < result.size(); ++i) {
      CHECK(result[i].start == expected[i].start);
      CHECK(result[i].message == expected[i].message);
    }
  }
  CHECK(engine->take_messages().empty());
}

TEST_CASE("spelling: without a dictionary the rule stays silent and the check goes on", "[spelling][cli]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.txt", "Wij hebben uw aanvraagg ontvangen.\n");

  auto r = test::run_helder({"check", letter.string()});
  CHECK(r.out.find("[rijksoverheid.spelling]") != std::string::npos);

  r = test::run_helder({"check", letter.string()}, "", {}, {"HELDER_HUNSPELL=/nonexistent/nl"});
  CHECK(r.err.find("hunspell-nl") != std::string::npos);
  CHECK(r.out.find("[rijksoverheid.spelling]") == std::string::npos);
  CHECK(r.exit_code == 0);
}

TEST_CASE("spelling: suggestions only with --suggestions, without, the finding is the same and quick", "[spelling][cli]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.txt", "Wij hebben uw aanvraagg ontvangen.\n");
  auto r = test::run_helder({"check", "--format", "json", letter.string()});
  auto json = nlohmann::json::parse(r.out);
  auto spelling = [](const nlohmann::json& j) {
    for (const auto& f : j["files"][0]["findings"])
      if (f["rule"] == "rijksoverheid.spelling") return f;
    return nlohmann::json();
  };
  REQUIRE(!spelling(json).is_null());
  CHECK(spelling(json)["fixes"].empty());
  r = test::run_helder({"--suggestions", "check", "--format", "json", letter.string()});
  json = nlohmann::json::parse(r.out);
  REQUIRE(!spelling(json).is_null());
  CHECK(!spelling(json)["fixes"].empty());
}

TEST_CASE("spelling: a sentence glued to the full stop before it gets a space as fix", "[spelling]") {
  const std::string text = "Wij willen snel overgaan.De minister komt morgen. Komt u?Ja.";
  const std::vector<Finding> findings = check_with("", text);
  std::vector<const Finding*> glued;
  for (const Finding& f : findings)
    if (f.message.find("geen spatie") != std::string::npos) glued.push_back(&f);
  REQUIRE(glued.size() == 2);
  CHECK(text.substr(glued[0]->start, glued[0]->end - glued[0]->start) == ".");
  REQUIRE(glued[0]->fixes.size() == 1);
  CHECK(glued[0]->fixes[0].text == ". De");
  CHECK(!glued[0]->fixes[0].needs_review);
  CHECK(text.substr(glued[0]->fixes[0].start, glued[0]->fixes[0].end - glued[0]->fixes[0].start) == ".De");
  CHECK(glued[1]->fixes[0].text == "? Ja");
  // "overgaan" and "De" are words of their own now: no spelling finding for "overgaan.De".
  CHECK(std::none_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.message.find("goed gespeld") != std::string::npos; }));
}
