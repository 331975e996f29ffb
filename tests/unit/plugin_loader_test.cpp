// The plugin loader and the engine's handling of plugins that break the contract, with real .so files.
#include "test_support.hpp"

#include <helder/engine.hpp>
#include <helder/plugin_loader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace helder;
namespace fs = std::filesystem;

namespace {

bool any_contains(const std::vector<std::string>& messages, const std::string& a, const std::string& b = "") {
  return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) {
    return m.find(a) != std::string::npos && m.find(b) != std::string::npos;
  });
}

const fs::path broken_dir = HELDER_BROKEN_PLUGIN_DIR;

}  // namespace

TEST_CASE("the built-in complexity plugin loads through the loader", "[loader]") {
  const PluginRegistry& registry = test::builtin_plugins();
  const auto complexity = registry.find("complexity");
  REQUIRE(complexity);
  CHECK(complexity->find_kind("sentence-length") != nullptr);
  CHECK(complexity->find_kind("no-such-kind") == nullptr);
  CHECK(complexity->path().filename() == "libhelder-complexity.so");
}

TEST_CASE("broken plugins are refused with a message naming them, good ones still load", "[loader]") {
  PluginRegistry registry;
  std::vector<std::string> messages;
  registry.load_directory(broken_dir, messages);
  for (const std::string& m : messages) INFO(m);

  CHECK(registry.find("good"));
  CHECK(registry.find("misbehaving"));
  CHECK_FALSE(registry.find("future"));
  CHECK_FALSE(registry.find("mislabelled"));
  CHECK(any_contains(messages, "abi_v2.so", "ABI 2"));
  CHECK(any_contains(messages, "abi_field.so", "ABI 2"));
  CHECK(any_contains(messages, "no_entry.so", "helder_plugin_v1 ontbreekt"));
  CHECK(any_contains(messages, "not_a_library.so", "geen bruikbare"));
  CHECK(messages.size() == 4);
}

TEST_CASE("loading a plugin twice is refused", "[loader]") {
  PluginRegistry registry;
  std::vector<std::string> messages;
  REQUIRE(registry.load_file(broken_dir / "good.so", messages));
  CHECK_FALSE(registry.load_file(broken_dir / "good.so", messages));
  CHECK(any_contains(messages, "good.so", "al een plugin"));
}

TEST_CASE("a missing plugin directory is a message, not a crash", "[loader]") {
  PluginRegistry registry;
  std::vector<std::string> messages;
  registry.load_directory("/nonexistent/helder/plugins", messages);
  CHECK(any_contains(messages, "bestaat niet"));
}

namespace {

// A pack that uses the test plugins next to the real sentence-length rule.
std::string test_pack = R"(
name = "proef"
[rules.word]
kind = "good.word"
word = "proef"
[rules.throws]
kind = "misbehaving.throws"
[rules.throws-on-create]
kind = "misbehaving.throws-on-create"
[rules.out-of-range]
kind = "misbehaving.out-of-range"
[rules.mid-character]
kind = "misbehaving.mid-character"
[rules.missing]
kind = "nowhere.sentence-length"
)";

}  // namespace

TEST_CASE("a rule that throws or breaks the contract is disabled, the others keep working", "[loader][engine]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml", test_pack);
  Config config = test::config_from("packs = [\"rijksoverheid\", \"proef\"]\npack_paths = [\"packs\"]\n", dir.path());

  PluginRegistry registry;
  std::vector<std::string> messages;
  registry.load_directory(fs::path(HELDER_BUILD_DIR) / HELDER_PLUGIN_OUTPUT_DIR, messages);
  registry.load_directory(broken_dir, messages);
  messages.clear();

  Engine engine(config, test::language_services(), registry, messages);
  // Refused while creating: the constructor threw, or the plugin is not there.
  CHECK(any_contains(messages, "proef.throws-on-create", "kapot bij het maken"));
  CHECK(any_contains(messages, "proef.missing", "nowhere"));

  const std::string text =
      "Dit is een proef. Dit is een heel lange zin met veel te veel woorden die maar doorgaat en doorgaat "
      "zonder dat er een eind aan komt, zodat de lezer het spoor bijster raakt en opnieuw moet beginnen.\n\n"
      "Een tweede alinea met één proef.\n";
  const DocumentAnalysis analysis = engine.analyze(text, Format::PlainText);
  const std::vector<Finding> findings = engine.check(analysis, text);
  const std::vector<std::string> runtime = engine.take_messages();

  CHECK(any_contains(runtime, "proef.throws", "kapot in check"));
  CHECK(any_contains(runtime, "proef.out-of-range", "buiten de tekst"));
  CHECK(any_contains(runtime, "proef.mid-character", "buiten de tekst"));
  CHECK(any_contains(runtime, "misbehaving"));
  // Each is reported once, and the healthy rules still report.
  CHECK(runtime.size() == 3);
  CHECK(std::count_if(findings.begin(), findings.end(), [](const Finding& f) { return f.rule_id == "proef.word"; }) ==
        2);
  CHECK(std::count_if(findings.begin(), findings.end(),
                      [](const Finding& f) { return f.rule_id == "rijksoverheid.sentence-length"; }) == 1);
  for (const Finding& f : findings) {
    CHECK(f.rule_id.find("misbehaving") == std::string::npos);
    CHECK(f.end <= text.size());
  }
  // A second check does not run the disabled rules again.
  engine.check(analysis, text);
  CHECK(engine.take_messages().empty());
}

TEST_CASE("the SDK hands options to the plugin and dump-config sees them", "[loader][engine]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml", "name = \"proef\"\n[rules.word]\nkind = \"good.word\"\n");
  Config config = test::config_from(
      "packs = [\"proef\"]\npack_paths = [\"packs\"]\n[rules.\"proef.word\"]\nword = \"brief\"\n", dir.path());
  PluginRegistry registry;
  std::vector<std::string> messages;
  registry.load_file(broken_dir / "good.so", messages);
  Engine engine(config, test::language_services(), registry, messages);
  REQUIRE(messages.empty());
  const std::string text = "Een brief over een brief.";
  const auto findings = engine.check(engine.analyze(text, Format::PlainText), text);
  REQUIRE(findings.size() == 2);
  CHECK(text.substr(findings[0].start, findings[0].end - findings[0].start) == "brief");
  CHECK(findings[0].id != findings[1].id);
  const auto rules = engine.describe_rules();
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].effective_options.find("word = 'brief'") != std::string::npos);
}
