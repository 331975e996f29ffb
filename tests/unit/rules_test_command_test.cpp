// `helder rules test [PACKDIR]` as a language specialist runs it: the examples of a pack's rules pass or fail,
// a broken example is an error at file:line:col, a rule without examples gets a warning line.
#include "test_support.hpp"

#include <helder/config.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <toml++/toml.h>

#include <fstream>
#include <regex>
#include <sstream>

using namespace helder;
using test::run_helder;
namespace fs = std::filesystem;

namespace {

const fs::path source_dir = HELDER_SOURCE_DIR;

// A user configuration folder of its own, so the tester's ~/.config/helder does not count.
std::vector<std::string> own_config(const test::TempDir& dir) {
  return {"XDG_CONFIG_HOME=" + (dir.path() / "config-home").string()};
}

// A pack `proef` with one rule of its own: sentences of more than 8 words are marked.
const std::string proef_pack = R"(name = "proef"
description = "Een pakket om voorbeelden te testen."

[rules.korte-zinnen]
kind = "complexity.sentence-length"
severity = "warning"
summary = "Houd zinnen heel kort."
info_above = 6
warning_above = 8
examples = [
  { text = "Wij hebben uw aanvraag voor een parkeervergunning op 3 maart gekregen.", expect = ["Wij hebben uw aanvraag voor een parkeervergunning op 3 maart gekregen."] },
  { text = "Wij sturen u de brief. Wij hebben uw aanvraag voor een vergunning goed ontvangen.", expect = [] },
]
)";

}  // namespace

TEST_CASE("rules test: every example of the rijksoverheid pack passes", "[rules-test][cli]") {
  test::TempDir dir;
  const auto r = run_helder({"rules", "test", (source_dir / "rules" / "rijksoverheid").string()}, {}, {},
                            own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Pakket rijksoverheid\n") == 0);
  CHECK(r.out.find("FOUT") == std::string::npos);
  CHECK(r.out.find("let op") == std::string::npos);  // every rule has examples
  CHECK(r.out.find("rijksoverheid.sentence-length: 5 van de 5 voorbeelden goed.") != std::string::npos);
  CHECK(std::regex_search(
      r.out, std::regex("\nSamenvatting: (\\d+) van de \\1 voorbeelden goed \\(\\d+ regels\\)\\.\n$")));
}

TEST_CASE("rules test: each rule of rijksoverheid has at least two bad and two good examples", "[rules-test]") {
  test::TempDir dir;
  ConfigRequest request;
  request.pack_folder = source_dir / "rules" / "rijksoverheid";
  request.pack_dirs = {source_dir / "rules"};
  const Config config = load_config(request);
  REQUIRE(config.rules.size() >= 14);
  for (const RuleConfig& rule : config.rules) {
    INFO(rule.id);
    const auto bad = std::count_if(rule.examples.begin(), rule.examples.end(),
                                   [](const RuleExample& e) { return !e.expect.empty(); });
    CHECK(bad >= 2);
    CHECK(rule.examples.size() - static_cast<std::size_t>(bad) >= 2);
    for (const RuleExample& e : rule.examples) {
      CHECK(e.pack == "rijksoverheid");
      CHECK(e.line > 0);
      CHECK(fs::exists(e.file));
    }
  }
  // Examples of a rule whose table is in an include file carry that file's name.
  const RuleConfig* confusables = config.find_rule("rijksoverheid.confusables");
  REQUIRE(confusables);
  REQUIRE(!confusables->examples.empty());
  CHECK(confusables->examples.front().file.filename() == "confusables.toml");
}

TEST_CASE("rules test: a failing example names the rule, the example and what was found, exit 1",
          "[rules-test][cli]") {
  test::TempDir dir;
  std::string pack = proef_pack;
  // The second example is wrong: its second sentence has nine words.
  dir.write("packs/proef/pack.toml", pack);
  auto r = run_helder({"rules", "test", (dir.path() / "packs" / "proef").string()}, {}, dir.path(), own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("Pakket proef\n") == 0);
  CHECK(r.out.find("proef.korte-zinnen: FOUT, 1 van de 2 voorbeelden goed.") != std::string::npos);
  // Where the example is (relative to the current folder), its text, what was expected and what was found.
  CHECK(r.out.find("packs/proef/pack.toml:12:3: voorbeeld van proef.korte-zinnen gaat fout.") != std::string::npos);
  CHECK(r.out.find("tekst:    Wij sturen u de brief. Wij hebben uw aanvraag voor een vergunning goed ontvangen.\n") !=
        std::string::npos);
  CHECK(r.out.find("verwacht: niets\n") != std::string::npos);
  CHECK(r.out.find("gevonden: \"Wij hebben uw aanvraag voor een vergunning goed ontvangen.\"\n") != std::string::npos);
  CHECK(r.out.find("Samenvatting: 1 van de 2 voorbeelden goed, 1 fout (1 regel).") != std::string::npos);

  // The same as JSON.
  r = run_helder({"rules", "test", "--format", "json", "packs/proef"}, {}, dir.path(), own_config(dir));
  CHECK(r.exit_code == 1);
  const auto json = nlohmann::json::parse(r.out);
  CHECK(json["packs"] == nlohmann::json{"proef"});
  CHECK(json["examples"] == 2);
  CHECK(json["passed"] == 1);
  CHECK(json["failed"] == 1);
  REQUIRE(json["rules"].size() == 1);
  const auto& rule = json["rules"][0];
  CHECK(rule["id"] == "proef.korte-zinnen");
  REQUIRE(rule["failures"].size() == 1);
  CHECK(rule["failures"][0]["line"] == 12);
  CHECK(rule["failures"][0]["column"] == 3);
  CHECK(rule["failures"][0]["expect"] == nlohmann::json::array());
  CHECK(rule["failures"][0]["found"] ==
        nlohmann::json{"Wij hebben uw aanvraag voor een vergunning goed ontvangen."});

  // Fixed, the pack passes; a trailing slash on the folder is fine.
  const std::string from = "Wij hebben uw aanvraag voor een vergunning goed ontvangen.\", expect = []";
  pack.replace(pack.find(from), from.size(),
               "Wij hebben uw aanvraag voor een vergunning goed ontvangen.\", expect = [\"Wij hebben uw "
               "aanvraag voor een   vergunning goed ontvangen.\"]");  // runs of spaces count as one
  dir.write("packs/proef/pack.toml", pack);
  r = run_helder({"rules", "test", "packs/proef/"}, {}, dir.path(), own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("proef.korte-zinnen: 2 van de 2 voorbeelden goed.") != std::string::npos);
}

TEST_CASE("rules test: a broken example is an error at file:line:col, exit 2", "[rules-test][cli]") {
  test::TempDir dir;
  struct Case {
    std::string examples;
    std::string file;  // where the error is: pack.toml, or the include file
    std::string place;
    std::string message;
  };
  const std::vector<Case> cases{
      {"examples = [{ expect = [] }]", "pack.toml", ":7:13:", "dit voorbeeld heeft geen \"text\""},
      {"examples = [{ text = \"Een zin.\" }]", "pack.toml", ":7:13:", "dit voorbeeld heeft geen \"expect\""},
      {"examples = [{ text = \"Een zin.\", expect = [1] }]", "pack.toml", ":7:44:",
       "\"expect\" moet een lijst met tekst zijn"},
      {"examples = [{ text = \"Een zin.\", expect = \"zin\" }]", "pack.toml", ":7:43:",
       "\"expect\" moet een lijst met tekst zijn"},
      {"examples = [{ text = \"Een zin.\", expected = [] }]", "pack.toml", ":7:34:",
       "onbekende sleutel \"expected\" in een voorbeeld; gebruik text en expect. Bedoelde u \"expect\"?"},
      {"examples = [{ text = \"Een zin.\", expect = [\"twee zinnen\"] }]", "pack.toml", ":7:44:",
       "\"twee zinnen\" uit \"expect\" staat niet in de \"text\" van dit voorbeeld"},
      {"examples = [\"Een zin.\"]", "pack.toml", ":7:13:", "een voorbeeld moet er zo uitzien"},
      {"examples = { text = \"Een zin.\", expect = [] }", "pack.toml", ":7:12:",
       "\"examples\" moet een lijst met voorbeelden zijn"},
      {"examples = [{ text = 3, expect = [] }]", "pack.toml", ":7:22:", "\"text\" moet tekst zijn"},
      {"examples = [{ text = \"  \", expect = [] }]", "pack.toml", ":7:22:", "de \"text\" van dit voorbeeld is leeg"},
  };
  for (const Case& c : cases) {
    dir.write("proef/pack.toml", "name = \"proef\"\n\n[rules.kort]\nkind = \"complexity.sentence-length\"\n"
                                 "info_above = 6\nwarning_above = 8\n" + c.examples + "\n");
    const auto r = run_helder({"rules", "test", "proef"}, {}, dir.path(), own_config(dir));
    INFO(c.examples << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find((dir.path() / "proef" / c.file).string() + c.place + " " + c.message) != std::string::npos);
    CHECK(r.out.empty());
  }

  // In an include file, the error names that file.
  dir.write("proef/pack.toml", "name = \"proef\"\ninclude = [\"lijst.toml\"]\n\n[rules.kort]\n"
                               "kind = \"complexity.sentence-length\"\n");
  dir.write("proef/lijst.toml", "[rules.kort]\nexamples = [\n  { text = \"Een zin.\" },\n]\n");
  auto r = run_helder({"rules", "test", "proef"}, {}, dir.path(), own_config(dir));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find((dir.path() / "proef" / "lijst.toml").string() + ":3:3: dit voorbeeld heeft geen \"expect\"") !=
        std::string::npos);

  // Examples belong in a pack: in a project's file they are an error too, for every command.
  dir.write("project/.helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nexamples = []\n");
  r = run_helder({"check", "-"}, "Een zin.\n", dir.path() / "project", own_config(dir));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(".helder.toml:2:12: \"examples\" kan alleen in een regelpakket staan") != std::string::npos);

  // A folder without pack.toml.
  r = run_helder({"rules", "test", "project"}, {}, dir.path(), own_config(dir));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("in deze map staat geen pack.toml") != std::string::npos);
  // An option the rule does not know is an error of the pack, also for a rule without examples.
  dir.write("proef/pack.toml", "name = \"proef\"\n\n[rules.kort]\nkind = \"complexity.sentence-length\"\n"
                               "warnig_above = 8\n");
  r = run_helder({"rules", "test", "proef"}, {}, dir.path(), own_config(dir));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("pack.toml:5:1: regel proef.kort kent de instelling \"warnig_above\" niet") != std::string::npos);
}

TEST_CASE("rules test: a rule without examples is a warning line, not a failure", "[rules-test][cli]") {
  test::TempDir dir;
  dir.write("proef/pack.toml", proef_pack.substr(0, proef_pack.find("examples")) + R"(examples = [
  { text = "Wij sturen u de brief.", expect = [] },
]

[rules.zonder]
kind = "complexity.paragraph-length"
)");
  const auto r = run_helder({"rules", "test", "proef"}, {}, dir.path(), own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("proef.zonder: let op, deze regel heeft geen voorbeelden.") != std::string::npos);
  CHECK(r.out.find("proef.korte-zinnen: 1 van de 1 voorbeelden goed.") != std::string::npos);
  CHECK(r.out.find("Samenvatting: 1 van de 1 voorbeelden goed (2 regels, 1 zonder voorbeelden).") != std::string::npos);
}

TEST_CASE("rules test: only the pack's own examples, each with its rule alone, a rule it switches off too",
          "[rules-test][cli]") {
  test::TempDir dir;
  // A pack that extends rijksoverheid: its own rule (switched off for a plain check), and an example it adds to
  // a rule of rijksoverheid. The examples of rijksoverheid itself are not run. The text of the first example is
  // also a long sentence full of officialese: the other rules must not matter.
  dir.write("packs/minproef/pack.toml", R"(name = "minproef"
extends = "rijksoverheid"

[rules."rijksoverheid.officialese"]
examples = [{ text = "Wij zenden u thans de stukken toe.", expect = ["zenden u", "toe", "thans"] }]

[rules.passief]
kind = "complexity.passive-voice"
enabled = false
examples = [
  { text = "Naar aanleiding van uw schrijven van 3 maart jongstleden wordt uw aanvraag ten behoeve van een parkeervergunning in de binnenstad door de afdeling Vergunningen zo spoedig mogelijk in behandeling genomen.", expect = ["wordt uw aanvraag ten behoeve van een parkeervergunning in de binnenstad door de afdeling Vergunningen zo spoedig mogelijk in behandeling genomen"] },
  { text = "Wij behandelen uw aanvraag.", expect = [] },
]
)");
  auto r = run_helder({"rules", "test", "packs/minproef"}, {}, dir.path(), own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.out.find("Pakket minproef\n") == 0);
  CHECK(r.out.find("minproef.passief: 2 van de 2 voorbeelden goed.") != std::string::npos);
  CHECK(r.out.find("rijksoverheid.officialese: ") != std::string::npos);
  CHECK(r.out.find("rijksoverheid.sentence-length") == std::string::npos);
  CHECK(r.out.find("(2 regels)") != std::string::npos);

  // Without a folder: the packs of the configuration here (a project that names the pack), rijksoverheid too.
  dir.write(".helder.toml", "packs = [\"minproef\"]\npack_paths = [\"packs\"]\n");
  r = run_helder({"rules", "test"}, {}, dir.path(), own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.out.find("Pakketten rijksoverheid, minproef\n") == 0);
  CHECK(r.out.find("minproef.passief: 2 van de 2 voorbeelden goed.") != std::string::npos);
  CHECK(r.out.find("rijksoverheid.sentence-length: 5 van de 5 voorbeelden goed.") != std::string::npos);
}

TEST_CASE("rules test: a rule from a plugin of the user's own (--plugin-dir)", "[rules-test][cli]") {
  test::TempDir dir;
  dir.write("proef/pack.toml", R"(name = "proef"

[rules.woord]
kind = "good.word"
word = "thans"
examples = [
  { text = "Wij sturen u thans de brief.", expect = ["thans"] },
  { text = "Wij sturen u nu de brief.", expect = [] },
]
)");
  // Without the plugin the rule does not run: exit 2, and the report says how to give the plugin.
  auto r = run_helder({"rules", "test", "proef"}, {}, dir.path(), own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.find("proef.woord: FOUT, de regel werkt niet: plugin good is niet geladen") != std::string::npos);
  CHECK(r.out.find("--plugin-dir") != std::string::npos);
  CHECK(r.out.find("Samenvatting: 0 van de 2 voorbeelden goed, 2 fout (1 regel, 1 werkt niet).") != std::string::npos);

  r = run_helder({"--plugin-dir", HELDER_BROKEN_PLUGIN_DIR, "rules", "test", "proef"}, {}, dir.path(), own_config(dir));
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("proef.woord: 2 van de 2 voorbeelden goed.") != std::string::npos);
}

TEST_CASE("rules: the list and its JSON still work next to rules test", "[rules-test][cli]") {
  auto r = run_helder({"rules"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("rijksoverheid.sentence-length") != std::string::npos);
  r = run_helder({"rules", "--format", "json"});
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out).is_array());
  CHECK(run_helder({"rules", "test", "--format", "xml"}).exit_code == 2);
}

// rules/README.md: every TOML block is valid TOML. A block whose first line is the comment "# helder-packs/<pack>/
// <file>.toml" is written there: a pack.toml is a pack whose examples must pass. A block "# .helder.toml" is a
// project beside helder-packs/ that must load.
TEST_CASE("rules/README.md: every TOML snippet loads, the worked example pack passes", "[rules-test][cli]") {
  const std::string readme = test::read_file(source_dir / "rules" / "README.md");
  test::TempDir dir;
  std::vector<fs::path> packs;
  std::vector<std::string> projects;
  std::size_t blocks = 0;
  for (std::size_t at = readme.find("```toml\n"); at != std::string::npos; at = readme.find("```toml\n", at)) {
    at += 8;
    const std::size_t end = readme.find("```\n", at);
    REQUIRE(end != std::string::npos);
    const std::string block = readme.substr(at, end - at);
    at = end + 4;
    ++blocks;
    INFO(block);
    CHECK_NOTHROW(toml::parse(block));  // every block is valid TOML
    std::smatch m;
    if (std::regex_search(block, m, std::regex("^# helder-packs/([a-z0-9-]+)/([a-z0-9-]+\\.toml)\n"))) {
      dir.write("helder-packs/" + m[1].str() + "/" + m[2].str(), block);
      if (m[2].str() == "pack.toml") packs.push_back(dir.path() / "helder-packs" / m[1].str());
    } else if (block.starts_with("# .helder.toml\n")) {
      projects.push_back(block);
    }
  }
  CHECK(blocks >= 4);
  REQUIRE(packs.size() == 1);
  for (const fs::path& pack : packs) {
    const auto r = run_helder({"rules", "test", pack.string()}, {}, dir.path(), own_config(dir));
    INFO(pack << "\n" << r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("FOUT") == std::string::npos);
  }
  REQUIRE(projects.size() == 1);
  for (const std::string& project : projects) {
    dir.write(".helder.toml", project);
    const auto r = run_helder({"dump-config"}, {}, dir.path(), own_config(dir));
    INFO(project << "\n" << r.err);
    CHECK(r.exit_code == 0);
  }
}
