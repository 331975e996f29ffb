// Configuration: discovery, packs, overrides, vocabulary, trust, and errors with file:line:col.
#include "test_support.hpp"

#include <helder/config.hpp>

#include <catch2/catch.hpp>

using namespace helder;
namespace fs = std::filesystem;

namespace {

ConfigRequest request_for(const fs::path& checked) {
  ConfigRequest r;
  r.checked_path = checked;
  r.pack_dirs = {fs::path(HELDER_SOURCE_DIR) / "rules"};
  return r;
}

}  // namespace

TEST_CASE(".helder.toml is found by walking up from the checked file", "[config]") {
  test::TempDir dir;
  dir.write(".helder.toml", "[vocabulary]\naccept = [\"Zandvoorde\"]\n");
  const fs::path letter = dir.write("a/b/c/brief.txt", "Tekst.");
  CHECK(find_project_config(letter) == dir.path() / ".helder.toml");
  CHECK(find_project_config(dir.path() / "a" / "b") == dir.path() / ".helder.toml");

  const Config config = load_config(request_for(letter));
  CHECK(config.accept.count("zandvoorde"));
  // The project file, then the pack it uses and the lists that pack includes.
  REQUIRE(config.files.size() >= 3);
  CHECK(config.files.front() == dir.path() / ".helder.toml");
  CHECK(config.files[1].filename() == "pack.toml");
  CHECK(config.files[2].filename() == "officialese.toml");
}

TEST_CASE("without any configuration the default pack is used", "[config]") {
  test::TempDir dir;
  ConfigRequest r = request_for(dir.path() / "brief.txt");
  r.config_file = dir.write("empty.toml", "");
  const Config config = load_config(r);
  CHECK(config.packs == std::vector<std::string>{"rijksoverheid"});
  const RuleConfig* rule = config.find_rule("rijksoverheid.sentence-length");
  REQUIRE(rule);
  CHECK(rule->kind == "complexity.sentence-length");
  CHECK(rule->severity == Severity::Warning);
  CHECK(rule->enabled);
  CHECK(fs::exists(rule->documentation));
  CHECK(config.target_level == "B1");
}

TEST_CASE("a project overrides severity, enabled and options of a rule", "[config]") {
  test::TempDir dir;
  ConfigRequest r = request_for(dir.path());
  r.config_file = dir.write(".helder.toml", R"(
[rules."rijksoverheid.sentence-length"]
severity = "error"
warning_above = 30
)");
  const Config config = load_config(r);
  const RuleConfig* rule = config.find_rule("rijksoverheid.sentence-length");
  REQUIRE(rule);
  CHECK(rule->severity == Severity::Error);

  r.config_file = dir.write("off.toml", "[rules.\"rijksoverheid.sentence-length\"]\nseverity = \"off\"\n");
  CHECK_FALSE(load_config(r).find_rule("rijksoverheid.sentence-length")->enabled);
}

TEST_CASE("a ministry pack extends the default pack", "[config]") {
  test::TempDir dir;
  dir.write("packs/ministerie/pack.toml", R"(
name = "ministerie"
extends = "rijksoverheid"
target_level = "B2"
[rules."rijksoverheid.sentence-length"]
warning_above = 22
[rules.zinnen]
kind = "complexity.sentence-length"
severity = "info"
warning_above = 40
)");
  ConfigRequest r = request_for(dir.path());
  r.config_file = dir.write(".helder.toml", "packs = [\"ministerie\"]\npack_paths = [\"packs\"]\n");
  const Config config = load_config(r);
  CHECK(config.packs == std::vector<std::string>{"rijksoverheid", "ministerie"});
  CHECK(config.target_level == "B2");
  REQUIRE(config.find_rule("ministerie.zinnen"));
  CHECK(config.find_rule("ministerie.zinnen")->severity == Severity::Info);
  CHECK(config.find_rule("rijksoverheid.sentence-length"));
}

TEST_CASE("a project's plugin folders are kept apart (they load only when trusted), the user's own are trusted", "[config]") {
  test::TempDir dir;
  ConfigRequest r = request_for(dir.path());
  r.config_file = dir.write(".helder.toml", "plugin_paths = [\"evil\"]\n");
  Config config = load_config(r);
  CHECK(config.plugin_dirs.empty());
  REQUIRE(config.project_plugin_dirs.size() == 1);
  CHECK(config.project_plugin_dirs[0] == dir.path() / "evil");

  r.user_config = dir.write("user/config.toml", "plugin_paths = [\"mijn-plugins\"]\n");
  r.config_file = dir.write("empty.toml", "");
  config = load_config(r);
  REQUIRE(config.plugin_dirs.size() == 1);
  CHECK(config.plugin_dirs[0] == dir.path() / "user" / "mijn-plugins");
}

TEST_CASE("broken configuration files give file:line:col", "[config]") {
  test::TempDir dir;
  ConfigRequest r = request_for(dir.path());
  struct Case {
    std::string toml;
    std::uint32_t line, column;
    std::string words;
  };
  const std::vector<Case> cases{
      {"packs = [\"rijksoverheid\"\n", 1, 26, "end-of-file"},  // a TOML syntax error (toml++'s words)
      {"\n\npakcs = [\"rijksoverheid\"]\n", 3, 1, "onbekende sleutel \"pakcs\". Bedoelde u \"packs\"?"},
      {"[vocabulary]\naccpet = [\"woord\"]\n", 2, 1, "Bedoelde u \"accept\"?"},
      {"kleur = \"rood\"\n", 1, 1, "onbekende sleutel \"kleur\""},
      {"[rules.\"rijksoverheid.sentence-length\"]\nseverity = \"warn\"\n", 2, 12, "error, warning, info, hint of off"},
      {"[rules.\"rijksoverheid.bestaat-niet\"]\nenabled = false\n", 1, 8, "bestaat niet"},
      {"[rules.\"rijksoverheid.sentence-length\"]\nenabled = \"ja\"\n", 2, 11, "true, false of"},
      {"packs = [\"onbekend\"]\n", 1, 9, "niet gevonden"},
      {"[vocabulary]\naccept = \"woord\"\n", 2, 10, "lijst"},
  };
  for (const Case& c : cases) {
    r.config_file = dir.write(".helder.toml", c.toml);
    INFO(c.toml);
    try {
      load_config(r);
      FAIL("no error");
    } catch (const ConfigError& e) {
      INFO(e.what());
      CHECK(e.file() == dir.path() / ".helder.toml");
      CHECK(e.line() == c.line);
      if (c.column) CHECK(e.column() == c.column);
      CHECK(std::string(e.what()).starts_with((dir.path() / ".helder.toml").string() + ":" + std::to_string(c.line) + ":"));
      CHECK(e.description().find(c.words) != std::string::npos);
    }
  }
}

TEST_CASE("a pack that extends itself is an error, not a hang", "[config]") {
  test::TempDir dir;
  dir.write("packs/a/pack.toml", "name = \"a\"\nextends = \"b\"\n");
  dir.write("packs/b/pack.toml", "name = \"b\"\nextends = \"a\"\n");
  ConfigRequest r = request_for(dir.path());
  r.config_file = dir.write(".helder.toml", "packs = [\"a\"]\npack_paths = [\"packs\"]\n");
  CHECK_THROWS_WITH(load_config(r), Catch::Contains("breidt zichzelf uit"));
}

TEST_CASE("vocabulary words are compared in lower case beyond ASCII, in NFC", "[config]") {
  test::TempDir dir;
  // "Één" with a capital É, once precomposed and once as E + combining acute accent; "ÇA" and "IJSSEL".
  dir.write(".helder.toml",
            "[vocabulary]\naccept = [\"\xC3\x89\xC3\xA9n\", \"E\xCC\x81" "e\xCC\x81n\", \"\xC3\x87" "A\", \"IJSSEL\"]\n"
            "reject = [\"\xC3\x84RGER\"]\n");
  const Config config = load_config(request_for(dir.path() / "brief.txt"));
  CHECK(config.accept.count("\xC3\xA9\xC3\xA9n"));  // één
  CHECK(config.accept.count("\xC3\xA7" "a"));        // ça
  CHECK(config.accept.count("ijssel"));
  CHECK(config.accept.size() == 3);                  // both forms of "Één" are one word
  CHECK(config.reject.count("\xC3\xA4rger"));        // ärger
}
