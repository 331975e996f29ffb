// Plugins in a process of their own (helder-plugin-worker, --isolate-plugins): real .so files that crash, hang,
// leak or write garbage stop only their own process, in the engine, the CLI and the language server; a healthy
// plugin gives the same findings in its own process as in the host's; a C plugin built against the previous ABI
// minor loads and runs both ways.
#include "test_support.hpp"

#include "lsp_client.hpp"

#include <helder/engine.hpp>
#include <helder/plugin_loader.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <sys/wait.h>

using namespace helder;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const fs::path plugin_dir = HELDER_TEST_PLUGIN_DIR;
const fs::path unruly_dir = plugin_dir / "unruly";
const fs::path previous_dir = plugin_dir / "previous";
const fs::path builtin_dir = fs::path(HELDER_BUILD_DIR) / HELDER_PLUGIN_OUTPUT_DIR;

// Time limits grow with the sanitizers' slowness (HELDER_TEST_TIME_FACTOR: 1 in dev, 3 under ASan, 5 under TSan):
// a worker that starts or answers late on a busy machine must not pass for a plugin that hangs.
constexpr int time_factor = HELDER_TEST_TIME_FACTOR;
std::chrono::milliseconds scaled(std::chrono::milliseconds t) { return t * time_factor; }
// The scaled limit in seconds as helder writes it, with a decimal comma: "1,5" or "4,5" or "7,5".
std::string seconds_text(std::chrono::milliseconds t) {
  const auto ms = scaled(t).count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) : fmt::format("{},{}", ms / 1000, ms % 1000 / 100);
}
std::string seconds_option(std::chrono::milliseconds t) {
  const auto ms = scaled(t).count();
  return fmt::format("{}.{}", ms / 1000, ms % 1000 / 100);
}
constexpr std::chrono::milliseconds short_limit{1500};

PluginIsolation isolation(std::chrono::milliseconds timeout = std::chrono::seconds(30), std::size_t memory_mb = 2048) {
  return PluginIsolation{InstallLayout::detect().plugin_worker, IsolationLimits{scaled(timeout), memory_mb}};
}

bool any_contains(const std::vector<std::string>& messages, const std::string& a, const std::string& b = "") {
  return std::any_of(messages.begin(), messages.end(), [&](const std::string& m) {
    return m.find(a) != std::string::npos && m.find(b) != std::string::npos;
  });
}

std::size_t count_rule(const std::vector<Finding>& findings, const std::string& rule) {
  return std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.rule_id == rule; });
}

const std::string letter =
    "Geachte heer, mevrouw,\n\nIndien u het formulier niet op tijd terugstuurt, wordt uw aanvraag niet in "
    "behandeling genomen. Dit is een proef.\n\nEen tweede alinea met een onwaarschijnlijkheidsverklaring.\n";

std::string pack_of(std::initializer_list<std::pair<const char*, const char*>> rules) {
  std::string pack = "name = \"proef\"\n";
  for (const auto& [id, kind] : rules) pack += fmt::format("[rules.{}]\nkind = \"{}\"\n", id, kind);
  return pack;
}

// Whether a process with this id still runs (and is not a zombie).
bool running(std::intptr_t pid) {
  if (pid <= 0) return false;
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string skip, state;
  return static_cast<bool>(stat >> skip >> skip >> state) && state != "Z";
}

}  // namespace

TEST_CASE("isolation: a healthy plugin gives the same findings in its own process as in the host's", "[isolation]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml", "name = \"proef\"\n[rules.word]\nkind = \"good.word\"\nword = \"proef\"\n");
  const Config config = test::config_from(
      "packs = [\"rijksoverheid\", \"proef\"]\npack_paths = [\"packs\"]\n[rules.\"proef.word\"]\nword = \"alinea\"\n",
      dir.path());
  std::vector<std::string> messages;
  PluginRegistry local, remote;
  const PluginIsolation iso = isolation();
  local.load_directory(builtin_dir, messages);
  local.load_file(plugin_dir / "broken" / "good.so", messages);
  remote.load_directory(builtin_dir, messages, &iso);
  remote.load_file(plugin_dir / "broken" / "good.so", messages, &iso);
  REQUIRE(messages.empty());
  REQUIRE(remote.find("good"));
  REQUIRE(remote.find("good")->process_id() > 0);
  CHECK(local.find("good")->process_id() == 0);
  CHECK(remote.find("complexity")->find_kind("sentence-length"));

  Engine in_host(config, test::language_services(), local, messages);
  Engine in_worker(config, test::language_services(), remote, messages);
  for (const std::string& m : messages) UNSCOPED_INFO(m);
  REQUIRE(messages.empty());
  // Every built-in rule (which call back into the host for words, verbs and options) and the test plugin.
  for (const fs::path& file : test::corpus_files()) {
    if (file.filename().string().find("brief") == std::string::npos) continue;
    const std::string text = test::read_file(file);
    const auto a = in_host.check(in_host.analyze(text, Format::PlainText), text);
    const auto b = in_worker.check(in_worker.analyze(text, Format::PlainText), text);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].rule_id == b[i].rule_id);
      CHECK(a[i].start == b[i].start);
      CHECK(a[i].message == b[i].message);
      CHECK(a[i].fixes.size() == b[i].fixes.size());
    }
    CHECK(a.size() > 20);
  }
  // The option read in the worker is recorded by the host: dump-config shows it, with the defaults.
  for (const RuleDescription& d : in_worker.describe_rules())
    if (d.config.id == "proef.word") CHECK(d.effective_options.find("alinea") != std::string::npos);
  CHECK(in_worker.take_messages().empty());
  CHECK_FALSE(in_worker.rules_failed());
}

TEST_CASE("isolation: an unknown option of a plugin in its own process is a configuration error", "[isolation]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml", "name = \"proef\"\n[rules.word]\nkind = \"good.word\"\nwrod = \"x\"\n");
  const Config config = test::config_from("packs = [\"proef\"]\npack_paths = [\"packs\"]\n", dir.path());
  std::vector<std::string> messages;
  PluginRegistry remote;
  const PluginIsolation iso = isolation();
  remote.load_file(plugin_dir / "broken" / "good.so", messages, &iso);
  try {
    Engine engine(config, test::language_services(), remote, messages);
    FAIL("no error for the unknown option");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("wrod") != std::string::npos);
    CHECK(std::string(e.what()).find("Bedoelde u \"word\"?") != std::string::npos);
  }
}

TEST_CASE("isolation: a plugin that crashes, hangs, leaks or writes garbage stops only itself", "[isolation]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml", pack_of({{"crash", "crashes.segfault"},
                                              {"hang", "hangs.forever"},
                                              {"leak", "leaks.leak"},
                                              {"garbage", "garbage.garbage"}}));
  const Config config =
      test::config_from("packs = [\"rijksoverheid\", \"proef\"]\npack_paths = [\"packs\"]\n", dir.path());
  std::vector<std::string> messages;
  PluginRegistry registry;
  registry.load_directory(builtin_dir, messages);
  // A short time limit (long enough for the leak's 64 MB on a busy machine), and a memory limit the leak
  // passes on its third check.
  const PluginIsolation iso = isolation(std::chrono::milliseconds(2500), 160);
  registry.load_directory(unruly_dir, messages, &iso);
  REQUIRE(messages.empty());
  std::vector<std::intptr_t> workers;
  for (const char* name : {"crashes", "hangs", "leaks", "garbage"}) {
    REQUIRE(registry.find(name));
    workers.push_back(registry.find(name)->process_id());
    CHECK(running(workers.back()));
  }

  Engine engine(config, test::language_services(), registry, messages);
  REQUIRE(messages.empty());
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> stopped;
  for (int round = 0; round < 4; ++round) {
    const DocumentAnalysis analysis = engine.analyze(letter, Format::PlainText);
    const std::vector<Finding> findings = engine.check(analysis, letter);
    // The host's own rules report every time.
    CHECK(count_rule(findings, "rijksoverheid.officialese") >= 1);
    CHECK(count_rule(findings, "rijksoverheid.passive-voice") == 1);
    for (const std::string& m : engine.take_messages()) stopped.push_back(m);
  }
  const auto took = std::chrono::steady_clock::now() - started;
  // "(signaal 11, SIGSEGV)" in a normal build; under AddressSanitizer, which catches the signal, an exit code.
  CHECK(any_contains(stopped, "proef.crash", "onverwacht gestopt ("));
  CHECK(any_contains(stopped, "proef.hang", "na " + seconds_text(std::chrono::milliseconds(2500)) + " seconden nog geen antwoord"));
  CHECK(any_contains(stopped, "proef.leak", "meer dan 160 MB geheugen"));
  CHECK(any_contains(stopped, "proef.garbage", "onleesbare gegevens"));
  CHECK(stopped.size() == 4);  // each once
  CHECK(engine.rules_failed());
  // The hang cost its time limit once, not once per check.
  CHECK(took < std::chrono::seconds(15));
  // No worker is left behind: each was stopped and reaped.
  for (std::intptr_t pid : workers) CHECK_FALSE(running(pid));
}

TEST_CASE("isolation: a C plugin built against the previous ABI minor loads and runs, in the host and in its own process",
          "[isolation][loader]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml", "name = \"proef\"\n[rules.long]\nkind = \"previous-minor.long-words\"\nmin_syllables = 6\n");
  const Config config = test::config_from("packs = [\"proef\"]\npack_paths = [\"packs\"]\n", dir.path());
  for (const bool isolated : {false, true}) {
    INFO("isolated: " << isolated);
    std::vector<std::string> messages;
    PluginRegistry registry;
    const PluginIsolation iso = isolation();
    registry.load_directory(previous_dir, messages, isolated ? &iso : nullptr);
    REQUIRE(messages.empty());
    const auto plugin = registry.find("previous-minor");
    REQUIRE(plugin);
    CHECK(plugin->abi_minor() == 1);
    Engine engine(config, test::language_services(), registry, messages);
    REQUIRE(messages.empty());
    const DocumentAnalysis analysis = engine.analyze(letter, Format::PlainText);
    const std::vector<Finding> findings = engine.check(analysis, letter);
    REQUIRE(findings.size() == 1);
    CHECK(letter.substr(findings[0].start, findings[0].end - findings[0].start) == "onwaarschijnlijkheidsverklaring");
    CHECK(findings[0].message.find("lettergrepen") != std::string::npos);
    CHECK(engine.take_messages().empty());
  }
}

TEST_CASE("isolation: helder check goes on when isolated plugins crash, hang or leak, with exit code 2", "[isolation][cli]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml",
            pack_of({{"crash", "crashes.segfault"}, {"hang", "hangs.forever"}, {"leak", "leaks.leak"}}));
  dir.write(".helder.toml", "packs = [\"rijksoverheid\", \"proef\"]\npack_paths = [\"packs\"]\n");
  dir.write("a.txt", letter);
  dir.write("b.txt", letter);  // the leak passes 100 MB on its second check
  const test::RunResult r = test::run_helder({"--plugin-dir", unruly_dir.string(), "--isolate-plugins", "foreign",
                                              "--plugin-timeout", seconds_option(short_limit), "--plugin-memory", "100", "check", "--jobs",
                                              "1", "--format", "json", "a.txt", "b.txt"},
                                             {}, dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("Regel proef.crash (plugin crashes) is uitgeschakeld: de plugin is onverwacht gestopt") !=
        std::string::npos);
  CHECK(r.err.find("Regel proef.hang (plugin hangs) is uitgeschakeld: de plugin gaf na " + seconds_text(short_limit) +
                   " seconden nog geen antwoord") !=
        std::string::npos);
  CHECK(r.err.find("Regel proef.leak (plugin leaks) is uitgeschakeld: de plugin gebruikte meer dan 100 MB geheugen") !=
        std::string::npos);
  const json report = json::parse(r.out);
  REQUIRE(report["files"].size() == 2);
  for (const json& file : report["files"]) CHECK(file.dump().find("rijksoverheid.officialese") != std::string::npos);
}

TEST_CASE("isolation: the language server runs foreign plugins in their own process and survives them", "[isolation][lsp]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml", pack_of({{"crash", "crashes.segfault"},
                                              {"garbage", "garbage.garbage"},
                                              {"hang", "hangs.forever"},
                                              {"leak", "leaks.leak"}}));
  dir.write(".helder.toml", "packs = [\"rijksoverheid\", \"proef\"]\npack_paths = [\"packs\"]\n");
  // No --isolate-plugins: the server isolates plugins from outside its own directory by itself.
  test::LspProcess server(test::LspProcess::Options{
      HELDER_BINARY,
      {"--plugin-dir", unruly_dir.string(), "--plugin-timeout", seconds_option(short_limit), "--plugin-memory", "100"},
      {},
      dir.path()});
  const auto wait = std::chrono::seconds(30);
  server.send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"},
               {"params", {{"rootUri", test::uri_of(dir.path())}, {"capabilities", json::object()},
                           {"initializationOptions", {{"debounceMs", 0}}}}}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == 0; }, wait));
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  const std::string uri = test::uri_of(dir.path() / "brief.txt");
  auto diagnostics = [&](int version) {
    auto m = server.receive_if(
        [&](const json& m) {
          return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"].value("version", -1) == version;
        },
        wait);
    REQUIRE(m);
    return (*m)["params"]["diagnostics"];
  };
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uri}, {"languageId", "plaintext"}, {"version", 1}, {"text", letter}}}}}});
  const json first = diagnostics(1);
  CHECK(first.dump().find("rijksoverheid.officialese") != std::string::npos);
  // The writer is told, once per plugin, in Dutch.
  auto shown = server.receive_if(
      [](const json& m) {
        return m.value("method", "") == "window/showMessage" &&
               m["params"]["message"].get<std::string>().find("proef.crash") != std::string::npos;
      },
      wait);
  REQUIRE(shown);
  CHECK((*shown)["params"]["message"].get<std::string>().find("onverwacht gestopt") != std::string::npos);
  // The server goes on: the next edit is checked.
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
               {"params", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                           {"contentChanges", json::array({{{"text", letter + "\nTen behoeve van de proef.\n"}}})}}}});
  const json second = diagnostics(2);
  CHECK(second.dump().find("behoeve") != std::string::npos);  // the new sentence, checked
  // Each plugin was stopped once, with its own reason; the leak on its second check.
  for (const std::string& reason : {std::string("onleesbare gegevens"), "na " + seconds_text(short_limit) + " seconden", std::string("meer dan 100 MB")}) {
    INFO(reason);
    CHECK(server.receive_if(
        [&](const json& m) {
          return m.value("method", "") == "window/showMessage" &&
                 m["params"]["message"].get<std::string>().find(reason) != std::string::npos;
        },
        wait));
  }
  // What the garbage plugin wrote to its standard output never reached the protocol channel: every message
  // the client got parsed as JSON-RPC (the client would have failed on "rommel").
  server.send({{"jsonrpc", "2.0"}, {"id", "stop"}, {"method", "shutdown"}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == "stop"; }, wait));
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(server.wait(wait) == 0);
}
