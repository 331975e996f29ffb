// Plugin trust: a project's plugin folder loads only after `helder trust`, a library that changed or is new is
// refused until the folder is trusted again, `helder untrust` refuses it again; `helder rules` shows where each
// rule's plugin came from; an untrusted library is never mapped into the process; the language server reports it
// in a window and goes on. Real plugins (copies of tests/plugins), the real binary, the real server over a pipe.
#include "test_support.hpp"

#include "lsp_client.hpp"

#include <helder/plugin_trust.hpp>
#include <helder/session.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>

using namespace helder;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const fs::path good_plugin = fs::path(HELDER_TEST_PLUGIN_DIR) / "broken" / "good.so";
const fs::path other_plugin = fs::path(HELDER_TEST_PLUGIN_DIR) / "previous" / "previous_minor.so";

const std::string letter = "Geachte heer, mevrouw,\n\nDit is een proef. Indien u vragen hebt, kunt u ons bellen.\n";

// A project whose .helder.toml names its own plugin folder (plugins/, with a copy of good.so) and a pack with a
// rule of that plugin, and a configuration folder of its own for the user (XDG_CONFIG_HOME).
struct Project {
  test::TempDir temp;
  fs::path root = temp.path() / "project";
  fs::path plugins = root / "plugins";
  fs::path config_home = temp.path() / "config";
  fs::path trust_file = config_home / "helder" / "trusted-plugins.toml";

  Project() {
    temp.write("project/packs/proef/pack.toml",
               "name = \"proef\"\n[rules.word]\nkind = \"good.word\"\nsummary = \"Het woord proef.\"\nword = \"proef\"\n");
    temp.write("project/.helder.toml",
               "packs = [\"rijksoverheid\", \"proef\"]\npack_paths = [\"packs\"]\nplugin_paths = [\"plugins\"]\n");
    temp.write("project/brief.txt", letter);
    fs::create_directories(plugins);
    fs::copy_file(good_plugin, plugins / "good.so");
    fs::create_directories(config_home);
  }
  std::vector<std::string> env() const { return {"XDG_CONFIG_HOME=" + config_home.string()}; }
  test::RunResult helder(const std::vector<std::string>& args) const { return test::run_helder(args, {}, root, env()); }
  // The rules of `check --format json` on the letter that found something, and the exit code.
  std::pair<std::set<std::string>, int> check() const {
    const test::RunResult r = helder({"check", "--format", "json", "brief.txt"});
    std::set<std::string> rules;
    const json report = json::parse(r.out);
    for (const json& f : report["files"][0]["findings"]) rules.insert(f["rule"].get<std::string>());
    return {rules, r.exit_code};
  }
};

void append_byte(const fs::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::app);
  out.put('\0');
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Whether `file` is mapped into this process (a library that was dlopen()ed, even once, to run its constructors).
bool mapped_here(const fs::path& file) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line))
    if (contains(line, file.string())) return true;
  return false;
}

// Sets an environment variable for one test, and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("trust: the SHA-256 comes from libcrypto, and the command to type quotes a path when the shell needs it",
          "[trust]") {
  test::TempDir dir;
  const fs::path abc = dir.write("abc.txt", "abc");
  CHECK(sha256_of_file(abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_of_file(dir.write("leeg", "")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK_THROWS(sha256_of_file(dir.path()));  // a folder is no library
  CHECK(trust_command("/opt/bzk/plugins") == "helder trust /opt/bzk/plugins");
  CHECK(trust_command("/home/anna/mijn plugins") == "helder trust '/home/anna/mijn plugins'");
  CHECK(trust_command("/tmp/it's") == "helder trust '/tmp/it'\\''s'");
}

TEST_CASE("trust: a project's plugin folder loads after helder trust, a changed or new library waits for a new trust, "
          "untrust refuses it again",
          "[trust][cli]") {
  Project p;
  // Not trusted: the folder is not loaded, helder says which command trusts it, the other rules still run.
  test::RunResult r = p.helder({"check", "brief.txt"});
  CHECK(r.exit_code == 2);  // a configured rule could not run
  CHECK(contains(r.err, "De plugin-map " + p.plugins.string() + " is niet geladen"));
  CHECK(contains(r.err, "Typ dan: helder trust " + p.plugins.string()));
  CHECK(contains(r.out, "rijksoverheid.officialese"));
  CHECK_FALSE(contains(r.out, "proef.word"));

  // Trusted: the file records the folder and the hash of its library, and the rule runs.
  r = p.helder({"trust", "plugins"});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "Vertrouwd: " + p.plugins.string()));
  const std::string good_hash = sha256_of_file(p.plugins / "good.so");
  CHECK(contains(r.out, good_hash));
  const TrustStore store = TrustStore::read(p.trust_file);
  REQUIRE(store.folders().size() == 1);
  CHECK(store.folders()[0].path == p.plugins);
  CHECK(store.folders()[0].sha256 == std::map<std::string, std::string>{{"good.so", good_hash}});
  auto [rules, code] = p.check();
  CHECK(rules.count("proef.word") == 1);
  CHECK(rules.count("rijksoverheid.officialese") == 1);
  CHECK(code == 1);

  // One byte more: refused, with the command that trusts the new version.
  append_byte(p.plugins / "good.so");
  r = p.helder({"check", "brief.txt"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "Plugin good.so is niet geladen: de plugin is veranderd sinds u de map " + p.plugins.string() +
                            " vertrouwde"));
  CHECK(contains(r.err, "helder trust " + p.plugins.string()));
  CHECK_FALSE(contains(r.out, "proef.word"));

  // Trusted again: it loads. A library that came after that is refused; the trusted one still loads.
  r = p.helder({"trust", "plugins"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Opnieuw vertrouwd"));
  fs::copy_file(other_plugin, p.plugins / "extra.so");
  r = p.helder({"check", "brief.txt"});
  CHECK(contains(r.err, "Plugin extra.so is niet geladen: deze plugin is nieuw in de map " + p.plugins.string()));
  CHECK(contains(r.out, "proef.word"));

  // Another library copied over the trusted one: refused too.
  fs::copy_file(other_plugin, p.plugins / "good.so", fs::copy_options::overwrite_existing);
  r = p.helder({"check", "brief.txt"});
  CHECK(contains(r.err, "Plugin good.so is niet geladen: de plugin is veranderd"));
  CHECK_FALSE(contains(r.out, "proef.word"));

  // Untrusted: the whole folder is refused again; a second untrust has nothing to do.
  r = p.helder({"untrust", "plugins"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Niet meer vertrouwd: " + p.plugins.string()));
  CHECK(TrustStore::read(p.trust_file).folders().empty());
  r = p.helder({"check", "brief.txt"});
  CHECK(contains(r.err, "u vertrouwt haar nog niet"));
  CHECK_FALSE(contains(r.out, "proef.word"));
  r = p.helder({"untrust", "plugins"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "stond niet in de lijst met vertrouwde plugins"));

  // A folder without libraries, or no folder at all, is not trusted.
  fs::create_directories(p.root / "leeg");
  r = p.helder({"trust", "leeg"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "staan geen plugins"));
  CHECK(p.helder({"trust", "bestaat-niet"}).exit_code == 2);
  CHECK(p.helder({"trust", "brief.txt"}).exit_code == 2);
}

TEST_CASE("trust: --plugin-dir on the command line stays trusted without helder trust", "[trust][cli]") {
  Project p;
  const test::RunResult r = p.helder({"--plugin-dir", "plugins", "check", "--format", "json", "brief.txt"});
  CHECK(contains(r.out, "proef.word"));
  CHECK_FALSE(contains(r.err, "niet geladen"));
  CHECK_FALSE(fs::exists(p.trust_file));
}

TEST_CASE("trust: helder rules (and dump-config) show where each rule's plugin came from and whether it is trusted",
          "[trust][cli]") {
  Project p;
  auto rule = [](const json& rules, const std::string& id) {
    for (const json& r : rules)
      if (r["id"] == id) return r;
    FAIL("no rule " << id);
    return json();
  };
  test::RunResult r = p.helder({"rules", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  json rules = json::parse(r.out);
  CHECK(rule(rules, "rijksoverheid.sentence-length")["origin"] == "builtin");
  CHECK(rule(rules, "rijksoverheid.sentence-length")["trusted"] == true);
  CHECK(rule(rules, "proef.word")["origin"] == "project");
  CHECK(rule(rules, "proef.word")["trusted"] == false);
  CHECK(rule(rules, "proef.word")["enabled"] == false);
  CHECK(rule(rules, "proef.word")["library"] == (p.plugins / "good.so").string());
  r = p.helder({"dump-config"});
  CHECK(contains(r.out, "plugin_paths = [\"" + p.plugins.string() + "\"]"));
  CHECK(contains(r.out, "helder trust MAP"));
  r = p.helder({"rules"});
  CHECK(contains(r.out, "herkomst"));
  CHECK(contains(r.out, "vertrouwd"));
  CHECK(contains(r.out, "de plugin is niet vertrouwd. Typ: helder trust " + p.plugins.string()));

  REQUIRE(p.helder({"trust", "plugins"}).exit_code == 0);
  rules = json::parse(p.helder({"rules", "--format", "json"}).out);
  CHECK(rule(rules, "proef.word")["origin"] == "project");
  CHECK(rule(rules, "proef.word")["trusted"] == true);
  CHECK(rule(rules, "proef.word")["enabled"] == true);

  // The same library from the command line: trusted as a place.
  test::TempDir other;
  other.write("packs/proef/pack.toml", "name = \"proef\"\n[rules.word]\nkind = \"good.word\"\n");
  other.write(".helder.toml", "packs = [\"rijksoverheid\", \"proef\"]\npack_paths = [\"packs\"]\n");
  rules = json::parse(
      test::run_helder({"--plugin-dir", p.plugins.string(), "rules", "--format", "json"}, {}, other.path()).out);
  CHECK(rule(rules, "proef.word")["origin"] == "command-line");
  CHECK(rule(rules, "proef.word")["trusted"] == true);
}

TEST_CASE("trust: an untrusted library is never loaded into the process, not even to read it", "[trust][session]") {
  Project p;
  const ScopedEnv config_home("XDG_CONFIG_HOME", p.config_home.string());
  std::vector<std::string> untrusted, other;
  SessionOptions options;
  options.report = [&](const std::string& m) { other.push_back(m); };
  options.report_untrusted = [&](const std::string& m) { untrusted.push_back(m); };
  {
    Session session(options);
    const auto engine = session.engine_for(p.root / "brief.txt");
    REQUIRE(untrusted.size() == 1);
    CHECK(contains(untrusted[0], "helder trust " + p.plugins.string()));
    CHECK_FALSE(mapped_here(p.plugins / "good.so"));  // never dlopen()ed: none of its code ran
    CHECK(mapped_here(fs::path(HELDER_BUILD_DIR) / HELDER_PLUGIN_OUTPUT_DIR / "libhelder-complexity.so"));
    const std::vector<PluginSource> sources = session.plugin_sources();
    const auto good = std::find_if(sources.begin(), sources.end(), [&](const PluginSource& s) {
      return s.library == p.plugins / "good.so";
    });
    REQUIRE(good != sources.end());
    CHECK_FALSE(good->trusted);
    CHECK(good->origin == PluginOrigin::Project);

    // The same refusal is reported once per session, however often a configuration is read.
    session.forget_engines();
    session.engine_for(p.root / "brief.txt");
    CHECK(untrusted.size() == 1);

    // Trusted while the session runs: the next configuration it reads loads the library.
    TrustStore store = TrustStore::read(p.trust_file);
    store.trust(p.plugins);
    store.write();
    session.forget_engines();
    const auto trusted = session.engine_for(p.root / "brief.txt");
    CHECK(mapped_here(p.plugins / "good.so"));
    const std::vector<RuleDescription> rules = trusted->describe_rules();
    const auto word = std::find_if(rules.begin(), rules.end(), [](const RuleDescription& d) { return d.config.id == "proef.word"; });
    REQUIRE(word != rules.end());
    CHECK(word->problem.empty());
  }
}

TEST_CASE("trust: a broken trust file refuses the folder and says where it is broken", "[trust][cli]") {
  Project p;
  fs::create_directories(p.trust_file.parent_path());
  std::ofstream(p.trust_file) << "[[folder]]\npath = \"" << p.plugins.string() << "\"\nkleur = \"rood\"\n";
  test::RunResult r = p.helder({"check", "brief.txt"});
  CHECK(contains(r.err, "De lijst met vertrouwde plugins is kapot"));
  CHECK(contains(r.err, p.trust_file.string() + ":3:1"));
  CHECK_FALSE(contains(r.out, "proef.word"));
  r = p.helder({"trust", "plugins"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, p.trust_file.string() + ":3:1: onbekende sleutel \"kleur\""));
  // A hash that is not one.
  std::ofstream(p.trust_file) << "[[folder]]\npath = \"" << p.plugins.string() << "\"\n[folder.sha256]\n\"good.so\" = \"abc\"\n";
  CHECK(contains(p.helder({"check", "brief.txt"}).err, "moet 64 tekens zijn"));
}

TEST_CASE("trust: the language server shows an untrusted workspace plugin in a window, does not load it, and goes on",
          "[trust][lsp]") {
  Project p;
  test::LspProcess server(test::LspProcess::Options{HELDER_BINARY, {}, p.env(), p.root});
  const auto wait = std::chrono::seconds(30);
  server.send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"},
               {"params", {{"rootUri", test::uri_of(p.root)}, {"capabilities", json::object()},
                           {"initializationOptions", {{"debounceMs", 0}}}}}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == 0; }, wait));
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  const std::string uri = test::uri_of(p.root / "brief.txt");
  auto diagnostics = [&](int version) {
    auto m = server.receive_if(
        [&](const json& m) {
          return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"].value("version", -1) == version;
        },
        wait);
    REQUIRE(m);
    return (*m)["params"]["diagnostics"].dump();
  };
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uri}, {"languageId", "plaintext"}, {"version", 1}, {"text", letter}}}}}});
  const std::string first = diagnostics(1);
  CHECK(contains(first, "rijksoverheid.officialese"));  // the other rules still run
  CHECK_FALSE(contains(first, "proef.word"));
  const auto shown = server.receive_if(
      [](const json& m) {
        return m.value("method", "") == "window/showMessage" &&
               contains(m["params"]["message"].get<std::string>(), "helder trust");
      },
      wait);
  REQUIRE(shown);
  CHECK(contains((*shown)["params"]["message"].get<std::string>(), "helder trust " + p.plugins.string()));
  CHECK((*shown)["params"]["type"] == 2);

  // Trusted while the editor runs: the next time the server reads the configuration, the plugin works.
  REQUIRE(p.helder({"trust", "plugins"}).exit_code == 0);
  server.send({{"jsonrpc", "2.0"}, {"method", "workspace/didChangeWatchedFiles"},
               {"params", {{"changes", json::array({{{"uri", test::uri_of(p.root / ".helder.toml")}, {"type", 2}}})}}}});
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
               {"params", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                           {"contentChanges", json::array({{{"text", letter + "\nNog een proef.\n"}}})}}}});
  CHECK(contains(diagnostics(2), "proef.word"));

  server.send({{"jsonrpc", "2.0"}, {"id", "stop"}, {"method", "shutdown"}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == "stop"; }, wait));
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(server.wait(wait) == 0);
}
