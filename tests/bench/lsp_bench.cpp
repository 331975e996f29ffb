// Benchmark of the language server while typing: a letter of about 50 pages (25,000 words, built from the
// circulaires in the shared corpus) is opened, then 200 single-character edits at random places follow.
// Prints the time from didChange until the publishDiagnostics of that version has arrived (median, p95,
// max; the message is not parsed: that is the editor's cost), the first full check of the letter by a running
// server, and a cold start (the letter opened right after the handshake, while the server still loads).
// Drives the real `helder lsp` binary over a pipe, debounce 0; then, with the server's own debounce, edits 300 ms
// apart as a writer types them. Prints figures; no asserts.
//
// Usage: helder_lsp_bench [words (25000)] [edits (200)] [markdown]
// HELDER_BENCH_BINARY=/path/to/other/helder measures another build of the server with the same client.
#include "lsp_client.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <unistd.h>

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (const char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

// The server to measure: HELDER_BENCH_BINARY when set (to compare two builds side by side), else this build's.
std::string server_binary() {
  const char* other = std::getenv("HELDER_BENCH_BINARY");
  return other && *other ? other : HELDER_BINARY;
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  const std::size_t target_words = argc > 1 ? std::stoul(argv[1]) : 25000;
  const int edits = argc > 2 ? std::stoi(argv[2]) : 200;
  const bool markdown = argc > 3 && std::string_view(argv[3]) == "markdown";

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(HELDER_SHARED_DIR) / "corpus" / "circulaires"))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    fmt::print(stderr, "no circulaires in {}\n", HELDER_SHARED_DIR);
    return 2;
  }
  std::string text;
  for (std::size_t i = 0; count_words(text) < target_words; ++i) {
    std::string part = read(files[i % files.size()]);
    std::erase(part, '\r');
    text += part;
    if (!text.ends_with("\n\n")) text += "\n\n";
  }

  const fs::path root = fs::temp_directory_path();
  const std::string uri = helder::test::uri_of(root / (markdown ? "helder-bench-brief.md" : "helder-bench-brief.txt"));
  const std::string language = markdown ? "markdown" : "plaintext";
  auto open = [&](helder::test::LspProcess& server, const std::string& u, std::int64_t v, const std::string& t) {
    server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
                 {"params", {{"textDocument", {{"uri", u}, {"languageId", language}, {"version", v}, {"text", t}}}}}});
  };
  // Waits for the diagnostics of document `u`; the clock stops when they have arrived, before they are parsed
  // (parsing is the editor's cost). Returns how many there are, or -1.
  auto published = [&](helder::test::LspProcess& server, const std::string& u, Clock::time_point* arrived = nullptr) {
    const std::string wanted = json(u).dump();
    while (true) {
      const std::optional<std::string> body = server.receive_raw(std::chrono::seconds(120));
      if (!body) return std::size_t(-1);
      if (body->find("textDocument/publishDiagnostics") == std::string::npos || body->find(wanted) == std::string::npos)
        continue;
      if (arrived) *arrived = Clock::now();
      const json m = json::parse(*body);
      if (m["params"].value("uri", "") == u) return m["params"]["diagnostics"].size();
    }
  };
  // debounce 0 unless `default_debounce`: then the server's own (150 ms at most, less when checks are quick).
  auto start_server = [&](helder::test::LspProcess& server, bool default_debounce = false) {
    const json options = default_debounce ? json::object() : json{{"debounceMs", 0}};
    server.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"},
                 {"params", {{"capabilities", json::object()}, {"initializationOptions", options}}}});
    const bool ok = server.receive_if([&](const json& m) { return m.contains("id") && m["id"] == 1 && !m.contains("method"); },
                                      std::chrono::seconds(120)).has_value();
    server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
    return ok;
  };
  auto stop_server = [&](helder::test::LspProcess& server) {
    server.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
    server.receive_if([&](const json& m) { return m.contains("id") && m["id"] == 2 && !m.contains("method"); },
                      std::chrono::seconds(30));
    const auto exit_sent = Clock::now();
    server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
    server.wait(std::chrono::seconds(10));
    return ms(Clock::now() - exit_sent);  // what an editor waits for before it starts a new server
  };

  // Start-up and first checks are measured `rounds` times, each with a new server process: the figures are
  // the median and the best round (a shared machine is noisy).
  constexpr int rounds = 5;
  std::vector<double> cold_opens, cold_totals, firsts;

  // 1. A cold start, as when an editor is started with the letter: the server process starts, the letter is
  //    opened right after the handshake, while the dictionaries and plugins still load. First without a word
  //    cache (each server has an empty cache folder of its own: the first start on a machine), then with the
  //    word cache an earlier session wrote (the same letter was open then: an editor started again).
  std::vector<double> cached_opens, cached_totals, exits;
  const fs::path cache_home = fs::temp_directory_path() / fmt::format("helder-bench-cache-{}", ::getpid());
  fs::remove_all(cache_home);
  auto cold_start = [&](std::vector<std::string> env, std::vector<double>& opens, std::vector<double>& totals) {
    auto spawned = Clock::now();
    helder::test::LspProcess server({server_binary(), {}, std::move(env), root});
    if (!start_server(server)) return false;
    const auto start = Clock::now();
    open(server, uri, 1, text);
    Clock::time_point arrived;
    if (published(server, uri, &arrived) == std::size_t(-1)) return false;
    opens.push_back(ms(arrived - start));
    totals.push_back(ms(arrived - spawned));
    exits.push_back(stop_server(server));
    return true;
  };
  std::vector<double> unused_opens, unused_totals;
  for (int round = 0; round < rounds; ++round)
    if (!cold_start({}, cold_opens, cold_totals)) return 1;
  if (!cold_start({"XDG_CACHE_HOME=" + cache_home.string()}, unused_opens, unused_totals)) return 1;  // writes it
  for (int round = 0; round < rounds; ++round)
    if (!cold_start({"XDG_CACHE_HOME=" + cache_home.string()}, cached_opens, cached_totals)) return 1;
  std::error_code cache_size_error;
  const auto cache_bytes = fs::file_size(cache_home / "helder" / "woorden-nl.tsv", cache_size_error);
  fs::remove_all(cache_home);

  // 2. A running server (a short note was checked first, and a second later every copy of the dictionary has
  //    loaded) opens the letter: the first full check, with every word of the letter new to the server. The last
  //    server goes on with the edits.
  auto start_loaded = [&](helder::test::LspProcess& server) {
    if (!start_server(server)) return false;
    const std::string note = helder::test::uri_of(root / "helder-bench-notitie.txt");
    open(server, note, 1, "Een korte notitie om de server te laten opstarten.\n");
    const bool ok = published(server, note) != std::size_t(-1);
    std::this_thread::sleep_for(std::chrono::seconds(1));
    return ok;
  };
  std::size_t findings = 0;
  for (int round = 0; round + 1 < rounds; ++round) {
    helder::test::LspProcess server({server_binary(), {}, {}, root});
    if (!start_loaded(server)) return 1;
    const auto start = Clock::now();
    open(server, uri, 1, text);
    Clock::time_point arrived;
    findings = published(server, uri, &arrived);
    firsts.push_back(ms(arrived - start));
    stop_server(server);
  }
  helder::test::LspProcess server({server_binary(), {}, {}, root});
  if (!start_loaded(server)) return 1;
  auto start = Clock::now();
  open(server, uri, 1, text);
  Clock::time_point arrived;
  findings = published(server, uri, &arrived);
  firsts.push_back(ms(arrived - start));

  std::mt19937 random(2024);
  std::int64_t version = 1;
  const std::string letters = "abcdefghijklmnoprstuvwz .,";
  // One random single-character edit; the time until the publication of its version has arrived (not parsed:
  // that is the editor's cost), or -1.
  auto edit = [&](helder::test::LspProcess& s, const std::string& u) {
    std::size_t at = random() % text.size();
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    json change;
    if (random() % 4 == 0 && text[at] != '\n' && (static_cast<unsigned char>(text[at]) < 0x80)) {
      change = {{"range", {{"start", helder::test::utf16_position(text, at)}, {"end", helder::test::utf16_position(text, at + 1)}}}, {"text", ""}};
      text.erase(at, 1);
    } else {
      const std::string c(1, letters[random() % letters.size()]);
      change = {{"range", {{"start", helder::test::utf16_position(text, at)}, {"end", helder::test::utf16_position(text, at)}}}, {"text", c}};
      text.insert(at, c);
    }
    const auto sent = Clock::now();
    s.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
            {"params", {{"textDocument", {{"uri", u}, {"version", ++version}}}, {"contentChanges", json::array({change})}}}});
    const std::string wanted = "\"version\":" + std::to_string(version) + ",";
    while (true) {
      const std::optional<std::string> body = s.receive_raw(std::chrono::seconds(120));
      if (!body) return -1.0;
      if (body->find("textDocument/publishDiagnostics") != std::string::npos && body->find(wanted) != std::string::npos) break;
    }
    return ms(Clock::now() - sent);
  };
  std::vector<double> times;
  for (int i = 0; i < edits; ++i) {
    const double t = edit(server, uri);
    if (t < 0) return 1;
    times.push_back(t);
  }

  // A full check of an unseen text with everything loaded (no paragraph in the cache).
  const std::string other = helder::test::uri_of(root / "helder-bench-ander.txt");
  start = Clock::now();
  open(server, other, 1, text + " x");
  const bool other_published = published(server, other, &arrived) != std::size_t(-1);
  const double warm_full = ms(arrived - start);
  stop_server(server);

  // The server's own debounce, as an editor runs it: a pause of 300 ms after each key (a writer who types and
  // reads), and the time from the key to the diagnostics. The debounce follows the check time.
  std::vector<double> paused;
  {
    helder::test::LspProcess typing({server_binary(), {}, {}, root});
    if (!start_server(typing, true)) return 1;
    version = 1;
    open(typing, uri, 1, text);
    if (published(typing, uri) == std::size_t(-1)) return 1;
    for (int i = 0; i < 30; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      const double t = edit(typing, uri);
      if (t < 0) return 1;
      paused.push_back(t);
    }
    stop_server(typing);
  }

  std::sort(times.begin(), times.end());
  auto at = [&](double q) { return times[std::min(times.size() - 1, static_cast<std::size_t>(q * static_cast<double>(times.size())))]; };
  fmt::print("helder lsp: {} words, {} bytes, {} lines, {} findings ({})\n", count_words(text), text.size(),
             std::count(text.begin(), text.end(), '\n'), findings, markdown ? "markdown" : "plain text");
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  auto best = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
  fmt::print("({} rounds of each start-up; median, best)\n", rounds);
  fmt::print("cold start: letter opened right after the handshake, didOpen -> diagnostics: {:.1f} ms, {:.1f} ms\n",
             median(cold_opens), best(cold_opens));
  fmt::print("cold start: process start -> diagnostics of the letter:                    {:.1f} ms, {:.1f} ms\n",
             median(cold_totals), best(cold_totals));
  fmt::print("with the word cache of an earlier session ({} KB): didOpen -> diagnostics:   {:.1f} ms, {:.1f} ms\n",
             cache_size_error ? 0 : cache_bytes / 1024, median(cached_opens), best(cached_opens));
  fmt::print("with the word cache: process start -> diagnostics of the letter:         {:.1f} ms, {:.1f} ms\n",
             median(cached_totals), best(cached_totals));
  fmt::print("exit after shutdown, until the process has ended:                       {:.1f} ms, {:.1f} ms\n",
             median(exits), best(exits));
  fmt::print("first full check of the letter, server running, every word new:         {:.1f} ms, {:.1f} ms\n",
             median(firsts), best(firsts));
  fmt::print("full check of the same text again as a new document:                     {:.1f} ms\n",
             other_published ? warm_full : -1.0);
  fmt::print("{} single-character edits, didChange -> publishDiagnostics: median {:.1f} ms, p95 {:.1f} ms, max {:.1f} ms\n",
             times.size(), at(0.5), at(0.95), times.back());
  std::sort(paused.begin(), paused.end());
  fmt::print("with the server's own debounce (at most 150 ms), {} edits 300 ms apart: median {:.1f} ms, max {:.1f} ms\n",
             paused.size(), paused[paused.size() / 2], paused.back());
  return 0;
}
