// The jargon plugin's substitution check through the engine: fixes, inflected forms, a ministry's own
// words, and the project's accepted words.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace helder;
namespace fs = std::filesystem;

namespace {

std::vector<Finding> check_with(const std::string& project_toml, const std::string& text,
                                const test::TempDir& dir) {
  Config config = test::config_from(project_toml, dir.path());
  for (RuleConfig& r : config.rules) r.enabled = r.id.ends_with(".officialese") || r.id.ends_with(".woorden");
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  return engine.check(engine.analyze(text, Format::PlainText), text);
}

}  // namespace

TEST_CASE("officialese: the base form gets a fix, in the case of the text, other forms only advice", "[jargon]") {
  test::TempDir dir;
  const std::string text = "Indien u wilt, kunt u de stukken verstrekken. U heeft ze verstrekt.";
  const auto findings = check_with("", text, dir);
  REQUIRE(findings.size() == 3);
  REQUIRE(!findings[0].fixes.empty());
  CHECK(findings[0].fixes[0].text == "Als");
  CHECK(text.substr(findings[0].fixes[0].start, findings[0].fixes[0].end - findings[0].fixes[0].start) == "Indien");
  REQUIRE(!findings[1].fixes.empty());
  CHECK(findings[1].fixes[0].text == "geven");
  CHECK(findings[2].fixes.empty());
  CHECK(findings[2].message.find("geven") != std::string::npos);
}

TEST_CASE("a ministry pack adds its own words to the list, a project accepts words", "[jargon]") {
  test::TempDir dir;
  dir.write("packs/ministerie/pack.toml", R"(
name = "ministerie"
extends = "rijksoverheid"
[[rules."rijksoverheid.officialese".entries]]
phrase = "beleidsintensivering"
replacement = "meer geld"
reason = "Zeg wat er gebeurt."
)");
  const std::string text = "De beleidsintensivering is er indien nodig.";
  auto findings = check_with("packs = [\"ministerie\"]\npack_paths = [\"packs\"]\n", text, dir);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].fixes.at(0).text == "meer geld");
  CHECK(findings[1].rule_id == "rijksoverheid.officialese");

  findings = check_with(
      "packs = [\"ministerie\"]\npack_paths = [\"packs\"]\n[vocabulary]\naccept = [\"Indien\"]\n", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].fixes.at(0).text == "meer geld");
}

TEST_CASE("the default list is long enough and every entry is complete", "[jargon]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  const auto rules = engine.describe_rules();
  const auto rule = std::find_if(rules.begin(), rules.end(),
                                 [](const RuleDescription& r) { return r.config.id == "rijksoverheid.officialese"; });
  REQUIRE(rule != rules.end());
  CHECK(rule->problem.empty());
  // Count entries in the effective options: each has a phrase.
  std::size_t phrases = 0;
  for (std::size_t at = rule->effective_options.find("phrase"); at != std::string::npos;
       at = rule->effective_options.find("phrase", at + 1))
    ++phrases;
  CHECK(phrases >= 400);
}

TEST_CASE("a separable verb as replacement: \"te\" goes inside it, where it would split, a person decides", "[jargon][fix]") {
  test::TempDir dir;
  const std::string text =
      "Wij vragen u het formulier aan ons te retourneren. U kunt het formulier retourneren. Wij retourneren het formulier.";
  const auto findings = check_with("", text, dir);
  REQUIRE(findings.size() == 3);
  REQUIRE(findings[0].fixes.size() == 1);
  const Replacement& split = findings[0].fixes[0];
  CHECK(text.substr(split.start, split.end - split.start) == "te retourneren");
  CHECK(split.text == "terug te sturen");
  CHECK_FALSE(split.needs_review);  // the lexicon knows terug|sturen is separable
  REQUIRE(findings[1].fixes.size() == 1);
  CHECK(findings[1].fixes[0].text == "terugsturen");
  CHECK_FALSE(findings[1].fixes[0].needs_review);  // the infinitive at the end of the clause stays whole
  REQUIRE(findings[2].fixes.size() == 1);
  CHECK(findings[2].fixes[0].needs_review);  // "Wij retourneren het" is not "Wij terugsturen het"
}

TEST_CASE("an entry with autofix = false offers its fix for review only", "[jargon][fix]") {
  test::TempDir dir;
  dir.write("packs/ministerie/pack.toml", R"(
name = "ministerie"
extends = "rijksoverheid"
[[rules."rijksoverheid.officialese".entries]]
phrase = "voorwaar"
replacement = "echt"
reason = "Voorwaar is ouderwets."
autofix = false
)");
  const std::string text = "Het is voorwaar klaar.";
  const auto findings = check_with("packs = [\"ministerie\"]\npack_paths = [\"packs\"]\n", text, dir);
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].fixes.size() == 1);
  CHECK(findings[0].fixes[0].text == "echt");
  CHECK(findings[0].fixes[0].needs_review);
}

TEST_CASE("officialese messages quote the words they name, so the reason reads as Dutch", "[jargon]") {
  // "Naar aanleiding van is ambtenarentaal." reads as broken Dutch; "\"Naar aanleiding van\" is ..." does not.
  test::TempDir dir;
  const std::string text = "Naar aanleiding van uw brief sturen wij u middels deze mail het besluit.";
  const auto findings = check_with("", text, dir);
  REQUIRE(findings.size() >= 2);
  for (const Finding& f : findings) {
    const std::string words = text.substr(f.start, f.end - f.start);
    std::string capital = words;
    capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
    CHECK_THAT(f.message, Catch::Contains("\"" + capital + "\" is"));
    CHECK_THAT(f.message, !Catch::Contains(". " + capital + " is"));
  }
  // And the whole list: no reason opens with its own phrase unquoted.
  const std::string list = test::read_file(fs::path(HELDER_SOURCE_DIR) / "rules/rijksoverheid/officialese.toml");
  std::string phrase;
  std::size_t unquoted = 0;
  for (std::size_t at = 0; at < list.size();) {
    const std::size_t end = std::min(list.find('\n', at), list.size());
    const std::string_view line = std::string_view(list).substr(at, end - at);
    at = end + 1;
    if (line.starts_with("phrase = \"")) phrase = std::string(line.substr(10, line.size() - 11));
    if (!line.starts_with("reason = \"") || phrase.empty()) continue;
    const std::string_view reason = line.substr(10);
    if (reason.size() > phrase.size() && reason[phrase.size()] == ' ' &&
        std::equal(phrase.begin(), phrase.end(), reason.begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                               std::tolower(static_cast<unsigned char>(b)); }))
      ++unquoted;
  }
  CHECK(unquoted == 0);
}

TEST_CASE("an officialese message names the better word once, not twice", "[jargon]") {
  test::TempDir dir;
  const std::string text = "Wij behandelen thans uw aanvraag met betrekking tot de parkeervergunning.";
  const auto findings = check_with("", text, dir);
  REQUIRE(findings.size() == 2);
  for (const Finding& f : findings) {
    INFO(f.message);
    for (const std::string better : {"\"nu\"", "\"over\""}) {
      const std::size_t first = f.message.find(better);
      if (first != std::string::npos) CHECK(f.message.find(better, first + 1) == std::string::npos);
    }
  }
}

namespace {

std::vector<Finding> check_markdown(const std::string& project_toml, const std::string& text, const test::TempDir& dir) {
  Config config = test::config_from(project_toml, dir.path());
  for (RuleConfig& r : config.rules) r.enabled = r.id.ends_with(".officialese");
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  return engine.check(engine.analyze(text, Format::Markdown), text);
}

std::vector<std::string> covered(const std::vector<Finding>& findings, const std::string& text) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(text.substr(f.start, f.end - f.start));
  return out;
}

}  // namespace

TEST_CASE("officialese finds every form of a listed verb through the lexicon, split ones too", "[jargon][lexicon]") {
  test::TempDir dir;
  const std::string text =
      "De betaling geschiedt per bank. Wij stellen de regels morgen vast. Het is nodig de regels vast te stellen. "
      "Deze regel heeft betrekking op alle inwoners.";
  const auto findings = check_with("", text, dir);
  const auto words = covered(findings, text);
  REQUIRE(words.size() == 4);
  CHECK(words[0] == "geschiedt");
  REQUIRE(findings[0].fixes.size() == 1);
  CHECK(findings[0].fixes[0].text == "gebeurt");  // the alternative in the form of the text
  CHECK(findings[0].message.find("\"gebeurt\"") != std::string::npos);
  CHECK(words[1] == "stellen");  // the finite verb of "stellen ... vast"
  CHECK(findings[1].message.find("\"stellen ... vast\"") != std::string::npos);
  CHECK(findings[1].fixes.empty());  // a split verb: the writer rewrites the sentence
  CHECK(words[2] == "vast te stellen");
  CHECK(words[3] == "heeft betrekking op");
  REQUIRE(!findings[3].fixes.empty());
  CHECK(findings[3].fixes[0].text == "gaat over");
}

TEST_CASE("an adjective's alternative takes the ending of the text, a noun's alternative after an article is for review",
          "[jargon][fix]") {
  test::TempDir dir;
  const std::string text = "Wij maken afzonderlijke afspraken. Dit vraagstuk is lastig.";
  const auto findings = check_with("", text, dir);
  REQUIRE(findings.size() == 2);
  REQUIRE(!findings[0].fixes.empty());
  CHECK(findings[0].fixes[0].text == "aparte");
  REQUIRE(!findings[1].fixes.empty());
  CHECK(findings[1].fixes[0].needs_review);  // "dit vraag" would be wrong: another noun, another gender
}

TEST_CASE("no advice inside link text, titles, quotations and the fixed names of the configuration", "[jargon]") {
  test::TempDir dir;
  const std::string text =
      "Lees [Indien u verhuist](https://www.rijksoverheid.nl/verhuizen) op onze website.\n\n"
      "De minister zei: \"Indien nodig grijpen wij in.\"\n\n"
      "> Middels deze brief meld ik mij af.\n\n"
      "Het punt Regeling ten behoeve van de zorg staat op de agenda. Wij helpen u ten behoeve van uw aanvraag.\n";
  const auto findings = check_markdown("[lexicon]\nnames = [\"Regeling ten behoeve van de zorg\"]\n", text, dir);
  const auto words = covered(findings, text);
  REQUIRE(words.size() == 1);  // only the writer's own words
  CHECK(words[0] == "ten behoeve van");
  CHECK(findings[0].start > text.find("Wij helpen"));
}

TEST_CASE("a pack accepts a term of art for a rule of kind jargon.substitution", "[jargon]") {
  test::TempDir dir;
  const std::string text = "Indien u wilt, bellen wij u.";
  CHECK(check_with("", text, dir).size() == 1);
  CHECK(check_with("[rules.\"rijksoverheid.officialese\"]\naccept = [\"indien\"]\n", text, dir).empty());
}

TEST_CASE("officialese: a weak past before a noun may be an inflected participle, so a person picks the form",
          "[jargon][fix]") {
  test::TempDir dir;
  // "verstrekte stukken" is "gegeven stukken" here, "verleende vergunningen" could be either: no one-click fix.
  const std::string text =
      "Wij hebben de door u verstrekte stukken gelezen. De gemeente verleende vergunningen. Hij verstrekte ze gisteren.";
  const auto findings = check_with("", text, dir);
  std::vector<const Finding*> officialese;
  for (const Finding& f : findings)
    if (f.rule_id.ends_with(".officialese")) officialese.push_back(&f);
  REQUIRE(officialese.size() == 3);
  CHECK(text.substr(officialese[0]->start, officialese[0]->end - officialese[0]->start) == "verstrekte");
  CHECK(officialese[0]->fixes.empty());
  CHECK(officialese[0]->message.find("geven") != std::string::npos);  // the alternative is still named
  CHECK(officialese[1]->fixes.empty());
  // Before a pronoun the form is surely the past: the fix stays.
  REQUIRE(officialese[2]->fixes.size() == 1);
  CHECK(officialese[2]->fixes[0].text == "gaf");
}

TEST_CASE("a listed noun is found in its plural and at the end of a compound, and a broken plurals option is an error",
          "[jargon]") {
  test::TempDir dir;
  dir.write("packs/ministerie/pack.toml", R"(
name = "ministerie"
extends = "rijksoverheid"
[[rules."rijksoverheid.officialese".entries]]
phrase = "beleidsvoornemen"
use = "noun"
replacement = "plan"
reason = "\"Beleidsvoornemen\" is kantoortaal."
)");
  const std::string text = "Wij bespreken de beleidsvoornemens. Het EU-beleidsvoornemen is klaar.";
  const auto findings = check_with("packs = [\"ministerie\"]\npack_paths = [\"packs\"]\n", text, dir);
  REQUIRE(findings.size() == 2);
  CHECK(text.substr(findings[0].start, findings[0].end - findings[0].start) == "beleidsvoornemens");
  CHECK(findings[0].message.find("\"plannen\"") != std::string::npos);  // the alternative in the plural too
  CHECK(findings[0].fixes.empty());                                       // the writer rebuilds the sentence
  CHECK(text.substr(findings[1].start, findings[1].end - findings[1].start) == "beleidsvoornemen");

  dir.write("packs/kapot/pack.toml", R"(
name = "kapot"
extends = "rijksoverheid"
[rules."rijksoverheid.officialese".plurals]
voiced = ["fvz"]
)");
  Config config = test::config_from("packs = [\"kapot\"]\npack_paths = [\"packs\"]\n", dir.path());
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(!messages.empty());
  CHECK(messages.front().find("plurals.voiced[") != std::string::npos);
  CHECK(engine.rules_failed());
}
