// `helder init`: the .helder.toml it writes lists every loaded rule with its settings, commented out (so it changes
// nothing), loads with the strict configuration, works once a threshold is uncommented, and is never written over.
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace helder;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// One sentence of 15 words: below every default threshold of sentence-length.
const std::string letter =
    "Geachte heer, mevrouw,\n\nWij sturen u deze brief omdat wij uw aanvraag voor een nieuwe parkeervergunning hebben "
    "ontvangen. Indien u vragen hebt, kunt u ons bellen.\n";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The findings of `check --format json` on `file`, as "rule@start" in order.
std::vector<std::string> findings(const fs::path& file, const fs::path& cwd) {
  const test::RunResult r = test::run_helder({"check", "--format", "json", file.string()}, {}, cwd);
  INFO(r.err);
  REQUIRE(r.exit_code != 2);
  const json report = json::parse(r.out);
  std::vector<std::string> out;
  for (const json& f : report["files"][0]["findings"])
    out.push_back(f["rule"].get<std::string>() + "@" + std::to_string(f["start"].get<int>()));
  return out;
}

// Takes the "# " off every line from the rules part on that is a table head or a setting ("key = value").
std::string uncomment_rules(const std::string& text) {
  static const std::regex setting(R"(^# (\[rules\."[^"]+"\]|[a-z_]+ = .*)$)");
  std::istringstream in(text);
  std::string line, out;
  bool in_rules = false;
  while (std::getline(in, line)) {
    if (line == "# De regels") in_rules = true;
    if (in_rules && std::regex_match(line, setting)) line.erase(0, 2);
    out += line + '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("init: a commented .helder.toml with every loaded rule, which changes nothing and loads strictly",
          "[init][cli]") {
  test::TempDir dir;
  const fs::path brief = dir.write("brief.txt", letter);
  const std::vector<std::string> before = findings(brief, dir.path());

  test::RunResult r = test::run_helder({"init"}, {}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "helder heeft " + (dir.path() / ".helder.toml").string() + " gemaakt"));
  const std::string text = test::read_file(dir.path() / ".helder.toml");

  // It loads with the strict configuration (an unknown key would be an error).
  r = test::run_helder({"dump-config"}, {}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, (dir.path() / ".helder.toml").string()));

  // Every rule helder loads (dump-config lists them) is in the file, with its summary and settings, commented out.
  static const std::regex rule_head(R"re(^\[rules\.("[^"]+")\]$)re"), summary(R"re(^summary = "(.*)"$)re");
  std::istringstream dump(r.out);
  std::string line;
  int rules = 0;
  while (std::getline(dump, line)) {
    std::smatch m;
    if (std::regex_match(line, m, rule_head)) {
      ++rules;
      CHECK(contains(text, "\n# [rules." + m[1].str() + "]\n"));
    } else if (std::regex_match(line, m, summary)) {
      CHECK(contains(text, m[1].str().substr(0, 30)));
    }
  }
  CHECK(rules > 5);
  CHECK(contains(text, "# [rules.\"rijksoverheid.sentence-length\"]\n# enabled = true\n# severity = \"warning\"\n"));
  CHECK(contains(text, "# warning_above = 25\n"));
  CHECK(contains(text, "# packs = [ \"rijksoverheid\" ]\n"));
  CHECK(contains(text, "# target_level = \"B1\"\n"));
  CHECK(contains(text, "\n[vocabulary]\n"));
  CHECK(contains(text, "\naccept = []\n"));
  CHECK(contains(text, "\nreject = []\n"));
  CHECK(contains(text, "# entries: een lijst met "));  // a long list is described, not copied

  // It changes no finding.
  CHECK(findings(brief, dir.path()) == before);

  // Every setting it shows is one the rule knows, with a value of the right type: all uncommented, it still
  // loads (findings() fails on exit code 2, a broken configuration) and still changes nothing.
  const std::string all_on = uncomment_rules(text);
  CHECK(contains(all_on, "\n[rules.\"rijksoverheid.sentence-length\"]\nenabled = true\nseverity = \"warning\"\n"));
  CHECK(contains(all_on, "\nwarning_above = 25\n"));
  std::ofstream(dir.path() / ".helder.toml") << all_on;
  CHECK(findings(brief, dir.path()) == before);

  // A threshold uncommented and changed does change what helder finds.
  std::string stricter = text;
  const std::string head = "# [rules.\"rijksoverheid.sentence-length\"]";
  stricter.replace(stricter.find(head), 2, "");
  const std::size_t threshold = stricter.find("# warning_above = 25", stricter.find("[rules.\"rijksoverheid.sentence-length\"]"));
  stricter.replace(threshold, std::string("# warning_above = 25").size(), "warning_above = 8");
  const std::size_t info_line = stricter.find("# info_above = 20", stricter.find("[rules.\"rijksoverheid.sentence-length\"]"));
  stricter.replace(info_line, std::string("# info_above = 20").size(), "info_above = 5");
  std::ofstream(dir.path() / ".helder.toml") << stricter;
  const std::vector<std::string> after = findings(brief, dir.path());
  CHECK(std::none_of(before.begin(), before.end(), [](const std::string& f) { return f.starts_with("rijksoverheid.sentence-length@"); }));
  CHECK(std::any_of(after.begin(), after.end(), [](const std::string& f) { return f.starts_with("rijksoverheid.sentence-length@"); }));
}

TEST_CASE("init: never writes over a .helder.toml, takes a folder, and starts from the settings without a project file",
          "[init][cli]") {
  test::TempDir dir;
  dir.write(".helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = 11\n");
  const fs::path sub = dir.path() / "brieven";
  fs::create_directories(sub);

  // A folder as argument; the .helder.toml above no longer applies there, and helder says so.
  test::RunResult r = test::run_helder({"init", "brieven"}, {}, dir.path());
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.err, "let op: tot nu toe gold " + (dir.path() / ".helder.toml").string()));
  const std::string text = test::read_file(sub / ".helder.toml");
  CHECK(contains(text, "# warning_above = 25\n"));  // the pack's value, not the 11 of the file above
  CHECK_FALSE(contains(text, "warning_above = 11"));

  // An existing file is left alone: exit code 2 and a Dutch message.
  r = test::run_helder({"init"}, {}, sub);
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "staat al een .helder.toml"));
  CHECK(test::read_file(sub / ".helder.toml") == text);
  r = test::run_helder({"init"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(test::read_file(dir.path() / ".helder.toml") == "[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = 11\n");

  r = test::run_helder({"init", "bestaat-niet"}, {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "bestaat niet"));
  CHECK_FALSE(fs::exists(dir.path() / "bestaat-niet"));

  // The user's own settings are part of where a new file starts from.
  test::TempDir user;
  user.write("helder/config.toml", "[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = 30\n");
  const fs::path other = user.path() / "project";
  fs::create_directories(other);
  r = test::run_helder({"init"}, {}, other, {"XDG_CONFIG_HOME=" + user.path().string()});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(test::read_file(other / ".helder.toml"), "# warning_above = 30\n"));
}
