// rijksoverheid.confusables with and without a lexicon. Its fixtures (tests/rules/rijksoverheid/confusables/)
// are checked with the host's own lexicon; the *-woordsoort ones need its word classes. Also: the same
// fixtures give no wrong finding when no word has a class (an older host), the fixes, and option errors.
#include "test_support.hpp"

#include <helder/engine.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

using namespace helder;
namespace fs = std::filesystem;

namespace {

const fs::path& fixture_dir() {
  static const fs::path dir = fs::path(HELDER_SOURCE_DIR) / "tests" / "rules" / "rijksoverheid" / "confusables";
  return dir;
}

constexpr std::string_view rule_id = "rijksoverheid.confusables";

enum class WordClasses { lexicon, none };

// Leaves the host's lexicon on the tokens, or takes every class away (a host without a lexicon).
void put_lexicon(DocumentAnalysis& doc, WordClasses which) {
  if (which == WordClasses::lexicon) return;
  for (DocumentParagraph& p : doc.paragraphs) {
    auto copy = std::make_shared<ParagraphAnalysis>(*p.analysis);
    for (helder_token& t : copy->tokens) t.word_class = t.verb_form = t.lemma = 0;
    p.analysis = std::move(copy);
  }
}

std::unique_ptr<Engine> confusables_engine(const std::string& project_toml, std::vector<std::string>& messages) {
  test::TempDir dir;
  Config config = test::config_from("packs = [\"rijksoverheid\"]\n" + project_toml, dir.path());
  REQUIRE(config.find_rule(rule_id));
  for (RuleConfig& r : config.rules) {
    r.enabled = r.id == rule_id;
    r.editor_only = false;
  }
  return std::make_unique<Engine>(config, test::language_services(), test::builtin_plugins(), messages);
}

std::vector<Finding> check(const Engine& engine, const std::string& text, WordClasses classes,
                           const fs::path& as = "letter.txt") {
  DocumentAnalysis doc = engine.analyze(text, format_for_path(as));
  put_lexicon(doc, classes);
  auto findings = engine.check(doc, text);
  REQUIRE(engine.take_messages().empty());
  return findings;
}

using test::Expectation;
using test::strip_marks;

std::vector<fs::path> fixtures() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(fixture_dir())) {
    const std::string ext = entry.path().extension().string();
    if (ext == ".txt" || ext == ".md") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const Finding* find_at(const std::vector<Finding>& findings, const std::string& text, std::string_view words) {
  const std::size_t at = text.find(words);
  REQUIRE(at != std::string::npos);
  for (const Finding& f : findings)
    if (f.start == at && f.end == at + words.size()) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("confusables fixtures hold with a lexicon", "[confusables]") {
  std::vector<std::string> messages;
  const auto engine = confusables_engine("", messages);
  REQUIRE(messages.empty());
  const std::vector<fs::path> files = fixtures();
  // The *-woordsoort fixtures need word classes: the host's lexicon (host/data/lexicon-nl) gives them.
  REQUIRE(std::count_if(files.begin(), files.end(), [](const fs::path& f) {
            return f.stem().string().ends_with("-woordsoort");
          }) > 0);

  for (const fs::path& fixture : files) {
    DYNAMIC_SECTION(fixture.filename().string()) {
      std::vector<Expectation> expected;
      const std::string text = strip_marks(test::read_file(fixture), expected);
      for (const Finding& f : check(*engine, text, WordClasses::lexicon, fixture)) {
        INFO("finding: " << to_string(f.severity) << " \"" << text.substr(f.start, f.end - f.start)
                         << "\": " << f.message);
        auto match = std::find_if(expected.begin(), expected.end(), [&](const Expectation& e) {
          return !e.used && e.start == f.start && e.end == f.end;
        });
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

TEST_CASE("confusables without a lexicon give no finding a fixture does not expect", "[confusables]") {
  std::vector<std::string> messages;
  const auto engine = confusables_engine("", messages);
  REQUIRE(messages.empty());
  for (const fs::path& fixture : fixtures()) {
    DYNAMIC_SECTION(fixture.filename().string()) {
      std::vector<Expectation> expected;
      const std::string text = strip_marks(test::read_file(fixture), expected);
      for (const Finding& f : check(*engine, text, WordClasses::none, fixture)) {
        INFO("finding: \"" << text.substr(f.start, f.end - f.start) << "\": " << f.message);
        CHECK(std::any_of(expected.begin(), expected.end(),
                          [&](const Expectation& e) { return e.start == f.start && e.end == f.end; }));
      }
    }
  }
}

TEST_CASE("confusables: class tests need the lexicon, word tests do not", "[confusables]") {
  std::vector<std::string> messages;
  const auto engine = confusables_engine("", messages);
  REQUIRE(messages.empty());
  const std::string text =
      "Zij is ouder als 20. Het kost meer als 50 euro. Het boek is van hun. U krijgt tenminste 3 dagen. "
      "Hij kreeg tenminste twee brieven. Dit is een voorbeeld. De gemeente heeft hun besluit genomen.";
  const auto without = check(*engine, text, WordClasses::none);
  const auto with = check(*engine, text, WordClasses::lexicon);
  const auto count_at = [&](const std::vector<Finding>& findings, std::string_view words) {
    const std::size_t start = text.find(words);
    REQUIRE(start != std::string::npos);
    return std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.start == start; });
  };
  // "ouder" is a comparative, "van" a preposition, "twee" a numeral: only the lexicon knows.
  for (std::string_view words : {"als 20", "hun.", "tenminste twee", "hun besluit"}) {
    INFO(words);
    CHECK(count_at(with, words) == 1);
    CHECK(count_at(without, words) == 0);
  }
  for (std::string_view words : {"meer als", "tenminste 3"}) {
    INFO(words);
    CHECK(count_at(with, words) == 1);
    CHECK(count_at(without, words) == 1);
  }
  CHECK(with.size() == 6);
  CHECK(without.size() == 2);
}

TEST_CASE("confusables fixes: capitals, alternatives, review", "[confusables]") {
  std::vector<std::string> messages;
  const auto engine = confusables_engine("", messages);
  REQUIRE(messages.empty());
  const std::string text =
      "T/m vrijdag zijn wij open. Het is duur tenopzichte van vorig jaar. Tenslotte dit. U aanvraag is ontvangen.\n\n"
      "TENSLOTTE DIT\n\n"
      "Dit is een voorbeeld. De gemeente heeft hun besluit genomen.";
  const auto findings = check(*engine, text, WordClasses::lexicon);

  const Finding* until = find_at(findings, text, "T/m");
  REQUIRE(until);
  REQUIRE(until->fixes.size() == 1);
  CHECK(until->fixes[0].text == "Tot en met");
  CHECK_FALSE(until->fixes[0].needs_review);

  const Finding* compared = find_at(findings, text, "tenopzichte van");
  REQUIRE(compared);
  REQUIRE(compared->fixes.size() == 2);
  CHECK(compared->fixes[0].text == "tegenover");
  CHECK(compared->fixes[1].text == "vergeleken met");

  const Finding* finally = find_at(findings, text, "Tenslotte");
  REQUIRE(finally);
  REQUIRE(finally->fixes.size() == 1);
  CHECK(finally->fixes[0].text == "Ten slotte");

  const Finding* heading = find_at(findings, text, "TENSLOTTE");
  REQUIRE(heading);
  REQUIRE(heading->fixes.size() == 1);
  CHECK(heading->fixes[0].text == "TEN SLOTTE");

  const Finding* yours = find_at(findings, text, "U");
  REQUIRE(yours);
  REQUIRE(yours->fixes.size() == 1);
  CHECK(yours->fixes[0].text == "Uw");

  const Finding* theirs = find_at(findings, text, "hun");
  REQUIRE(theirs);
  REQUIRE(theirs->fixes.size() == 1);
  CHECK(theirs->fixes[0].text == "haar");
  CHECK(theirs->fixes[0].needs_review);  // which noun "hun" refers to is a guess
  CHECK_THAT(theirs->message, Catch::Contains("\"gemeente\" is één organisatie"));
}

TEST_CASE("confusables: a word the project accepts is not reported", "[confusables]") {
  const std::string text = "Dat hoeft niet perse.";
  std::vector<std::string> messages;
  const auto plain = confusables_engine("", messages);
  CHECK(check(*plain, text, WordClasses::lexicon).size() == 1);
  const auto accepting = confusables_engine("[vocabulary]\naccept = [\"perse\"]\n", messages);
  REQUIRE(messages.empty());
  CHECK(check(*accepting, text, WordClasses::lexicon).empty());
}

TEST_CASE("confusables: wrong options disable the rule with a Dutch message", "[confusables]") {
  const auto messages_for = [](const std::string& entry) {
    std::vector<std::string> messages;
    confusables_engine("[rules.\"rijksoverheid.confusables\"]\nentries = [" + entry + "]\n", messages);
    std::string all;
    for (const std::string& m : messages) all += m + "\n";
    return all;
  };
  CHECK_THAT(messages_for("{ wrong = \"x\", right = \"y\", reason = \"z\", before_class = [\"noun\"] }"),
             Catch::Contains("onbekende woordsoort \"noun\""));
  CHECK_THAT(messages_for("{ wrong = \"x\", right = \"y\", reason = \"z\", then_verb = [\"gerund\"] }"),
             Catch::Contains("onbekende werkwoordsvorm \"gerund\""));
  CHECK_THAT(messages_for("{ wrong = \"t//m\", right = \"y\", reason = \"z\" }"), Catch::Contains("schuine streep"));
  CHECK_THAT(messages_for("{ wrong = \"x\", reason = \"z\" }"), Catch::Contains("right ontbreekt"));
  CHECK(messages_for("{ wrong = \"x\", right = \"y\", reason = \"z\", before_class = [\"open\"] }").empty());
}

TEST_CASE("confusables fixes: compounds, hyphens, separable verbs, haar", "[confusables]") {
  std::vector<std::string> messages;
  const auto engine = confusables_engine("", messages);
  REQUIRE(messages.empty());
  const std::string text =
      "Wij staan stil bij lange termijn ontwikkelingen. De aanpak van contra-terrorisme is duur. "
      "Vanwege de geopolitieke- en veiligheidssituatie. Het is de uitvoering die dat niet meer aan kan. "
      "De leiding zorgt voor het departement en haar ambtenaren.";
  const auto findings = check(*engine, text, WordClasses::lexicon);

  const Finding* compound = find_at(findings, text, "lange termijn ontwikkelingen");
  REQUIRE(compound);
  REQUIRE(compound->fixes.size() == 1);
  CHECK(compound->fixes[0].text == "langetermijnontwikkelingen");
  CHECK_THAT(compound->message, Catch::Contains("\"langetermijnontwikkelingen\""));

  const Finding* prefix = find_at(findings, text, "contra-terrorisme");
  REQUIRE(prefix);
  REQUIRE(prefix->fixes.size() == 1);
  CHECK(prefix->fixes[0].text == "contraterrorisme");
  CHECK_FALSE(prefix->fixes[0].needs_review);

  const Finding* elided = find_at(findings, text, "geopolitieke-");
  REQUIRE(elided);
  REQUIRE(elided->fixes.size() == 1);
  CHECK(elided->fixes[0].text == "geopolitieke");

  const Finding* verb = find_at(findings, text, "aan kan");
  REQUIRE(verb);
  REQUIRE(verb->fixes.size() == 1);
  CHECK(verb->fixes[0].text == "aankan");
  CHECK(verb->fixes[0].needs_review);

  const Finding* hers = find_at(findings, text, "haar");
  REQUIRE(hers);
  REQUIRE(hers->fixes.size() == 1);
  CHECK(hers->fixes[0].text == "zijn");
  CHECK(hers->fixes[0].needs_review);

  // Without the lexicon: the hyphens still (the dictionary decides), the separable verb and "haar" not.
  const auto without = check(*engine, text, WordClasses::none);
  CHECK(find_at(without, text, "contra-terrorisme"));
  CHECK_FALSE(find_at(without, text, "aan kan"));
  CHECK_FALSE(find_at(without, text, "haar"));
}

TEST_CASE("confusables: a circumposition is two words", "[confusables]") {
  std::vector<std::string> messages;
  confusables_engine("[rules.\"rijksoverheid.confusables\"]\nsplit_verbs = { enabled = true, reason = \"x\", "
                     "circumpositions = [\"naar\"] }\n",
                     messages);
  std::string all;
  for (const std::string& m : messages) all += m + "\n";
  CHECK_THAT(all, Catch::Contains("twee woorden"));
}
