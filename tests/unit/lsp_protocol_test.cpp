// The language server as a client sees it, over pipes: incremental edits at random places give the same
// diagnostics as opening the final text fresh; several documents edited at once; requests racing checks.
#include "test_support.hpp"

#include "lsp_client.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

using json = nlohmann::json;
using helder::test::LspProcess;
namespace fs = std::filesystem;

namespace {

constexpr auto kWait = std::chrono::seconds(30);

LspProcess start_server(const fs::path& root) {
  return LspProcess(LspProcess::Options{HELDER_BINARY, {}, {}, root});
}

void initialize(LspProcess& server, const fs::path& root, json capabilities = json::object()) {
  server.send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"},
               {"params", {{"rootUri", helder::test::uri_of(root)}, {"capabilities", capabilities},
                           {"initializationOptions", {{"debounceMs", 0}}}}}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == 0; }, kWait));
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
}

void open(LspProcess& server, const std::string& uri, const std::string& text, const std::string& language = "plaintext") {
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
               {"params", {{"textDocument", {{"uri", uri}, {"languageId", language}, {"version", 1}, {"text", text}}}}}});
}

// The diagnostics published for `uri` at `version` (earlier publications are skipped).
json diagnostics_of(LspProcess& server, const std::string& uri, std::int64_t version) {
  auto m = server.receive_if(
      [&](const json& m) {
        return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri &&
               m["params"].value("version", -1) == version;
      },
      kWait);
  REQUIRE(m);
  return (*m)["params"]["diagnostics"];
}

void shut_down(LspProcess& server) {
  server.send({{"jsonrpc", "2.0"}, {"id", "stop"}, {"method", "shutdown"}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == "stop"; }, kWait));
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(server.wait(kWait) == 0);
}

std::size_t char_boundary(const std::string& text, std::size_t offset) {
  while (offset > 0 && offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) --offset;
  return offset;
}

std::string corpus_text() {
  return helder::test::read_file(fs::path(HELDER_SHARED_DIR) / "corpus" / "letters" /
                                 "kamerbrief-2023-03-31-reflectie-verkiezingsuitslag.txt");
}

}  // namespace

TEST_CASE("lsp: random incremental edits end in the same diagnostics as opening the final text", "[lsp][protocol]") {
  helder::test::TempDir dir;
  LspProcess server = start_server(dir.path());
  initialize(server, dir.path());
  std::string text = corpus_text();
  REQUIRE(text.size() > 5000);
  const std::string uri = helder::test::uri_of(dir.path() / "brief.txt");
  open(server, uri, text);
  diagnostics_of(server, uri, 1);

  std::mt19937 random(7);
  const std::vector<std::string> typed{"e", " ", ".", "\n", "é", "’", "😀", "thans ", "middels", "\n\n"};
  std::int64_t version = 1;
  for (int i = 0; i < 120; ++i) {
    const std::size_t at = char_boundary(text, random() % text.size());
    std::size_t end = at;
    std::string insert;
    if (random() % 3 == 0) {
      end = char_boundary(text, std::min(text.size(), at + 1 + random() % 4));  // a deletion
      if (end <= at) end = std::min(text.size(), at + 1);
      end = char_boundary(text, end);
      if (text.compare(at > 0 ? at - 1 : at, 2, "\r\n") == 0) end = at;  // never split a CRLF
    } else {
      insert = typed[random() % typed.size()];
    }
    const json change{{"range", {{"start", helder::test::utf16_position(text, at)}, {"end", helder::test::utf16_position(text, end)}}}, {"text", insert}};
    text.replace(at, end - at, insert);
    server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                 {"params", {{"textDocument", {{"uri", uri}, {"version", ++version}}}, {"contentChanges", json::array({change})}}}});
  }
  const json incremental = diagnostics_of(server, uri, version);

  const std::string fresh_uri = helder::test::uri_of(dir.path() / "vers.txt");
  open(server, fresh_uri, text);
  const json fresh = diagnostics_of(server, fresh_uri, 1);
  REQUIRE(incremental.size() == fresh.size());
  CHECK(incremental.size() > 10);
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    INFO(i << ": " << incremental[i].dump() << "\n   vs " << fresh[i].dump());
    CHECK(incremental[i]["range"] == fresh[i]["range"]);
    CHECK(incremental[i]["code"] == fresh[i]["code"]);
    CHECK(incremental[i]["message"] == fresh[i]["message"]);
    CHECK(incremental[i]["data"] == fresh[i]["data"]);  // stable ids
    // The rest too (severity, documentation link): the server keeps each diagnostic's JSON between checks.
    CHECK(incremental[i] == fresh[i]);
  }
  shut_down(server);
}

TEST_CASE("lsp: several documents, edits racing requests and closes, nothing stale, nothing lost", "[lsp][protocol]") {
  helder::test::TempDir dir;
  LspProcess server = start_server(dir.path());
  initialize(server, dir.path(), {{"textDocument", {{"diagnostic", json::object()}}}});  // pull
  const std::string base = "Wij sturen u thans een brief.\n\nEr wordt middels de post besloten.\n";
  std::vector<std::string> uris;
  for (int d = 0; d < 4; ++d) {
    uris.push_back(helder::test::uri_of(dir.path() / ("brief" + std::to_string(d) + (d % 2 ? ".md" : ".txt"))));
    open(server, uris.back(), base, d % 2 ? "markdown" : "plaintext");
  }
  std::mt19937 random(11);
  std::vector<std::int64_t> versions(uris.size(), 1);
  std::vector<std::string> texts(uris.size(), base);
  int id = 100;
  for (int step = 0; step < 200; ++step) {
    const std::size_t d = random() % uris.size();
    texts[d].insert(0, "thans ");
    const json at_start{{"line", 0}, {"character", 0}};
    const json change{{"range", {{"start", at_start}, {"end", at_start}}}, {"text", "thans "}};
    json params_change{{"textDocument", {{"uri", uris[d]}, {"version", ++versions[d]}}}, {"contentChanges", json::array({change})}};
    server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"}, {"params", params_change}});
    // Requests without waiting for their answers; a cancel for some of them.
    const std::string method = step % 3 == 0 ? "textDocument/hover" : step % 3 == 1 ? "textDocument/codeLens" : "textDocument/diagnostic";
    json params{{"textDocument", {{"uri", uris[d]}}}};
    if (method == "textDocument/hover") params["position"] = {{"line", 0}, {"character", 1}};
    server.send({{"jsonrpc", "2.0"}, {"id", ++id}, {"method", method}, {"params", params}});
    if (step % 7 == 0) server.send({{"jsonrpc", "2.0"}, {"method", "$/cancelRequest"}, {"params", {{"id", id}}}});
  }
  // Every request gets exactly one answer: a result or RequestCancelled.
  for (int i = 101; i <= id; ++i) {
    auto answer = server.receive_if([&](const json& m) { return m.value("id", json()) == i; }, kWait);
    REQUIRE(answer);
    if (answer->contains("error")) CHECK((*answer)["error"]["code"] == -32800);
  }
  // The pulled diagnostics are those of the last text: one "thans" finding per inserted word, plus the original.
  for (std::size_t d = 0; d < uris.size(); ++d) {
    server.send({{"jsonrpc", "2.0"}, {"id", "pull-" + std::to_string(d)}, {"method", "textDocument/diagnostic"},
                 {"params", {{"textDocument", {{"uri", uris[d]}}}}}});
    auto answer = server.receive_if([&](const json& m) { return m.value("id", json()) == "pull-" + std::to_string(d); }, kWait);
    REQUIRE(answer);
    std::size_t thans = 0;
    for (const json& item : (*answer)["result"]["items"])
      if (item["message"].get<std::string>().find("\"thans\"") != std::string::npos ||
          item["message"].get<std::string>().find("\"Thans\"") != std::string::npos)
        ++thans;
    CHECK(thans == static_cast<std::size_t>(versions[d]));  // versions[d] - 1 inserted, plus the one in `base`
  }
  // Closing while checks may still run.
  for (const std::string& uri : uris)
    server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didClose"}, {"params", {{"textDocument", {{"uri", uri}}}}}});
  shut_down(server);
  CHECK(server.error_output().find("terminate") == std::string::npos);
}

TEST_CASE("lsp: an HTML page is checked on its main content, diagnostics point into the HTML source", "[lsp][protocol]") {
  helder::test::TempDir dir;
  LspProcess server = start_server(dir.path());
  initialize(server, dir.path());
  const std::string uri = helder::test::uri_of(dir.path() / "pagina.html");
  const std::string page =
      "<!DOCTYPE html>\n<html lang=\"nl\">\n<nav>Indien u wilt</nav>\n<main>\n"
      "  <p>Wij helpen u graag.\n  Indien u vragen heeft, bel ons.</p>\n</main>\n</html>\n";
  open(server, uri, page, "html");
  const json diagnostics = diagnostics_of(server, uri, 1);
  std::vector<json> officialese;
  for (const json& d : diagnostics)
    if (d["code"] == "rijksoverheid.officialese") officialese.push_back(d);
  REQUIRE(officialese.size() == 1);  // the one in <main>, not the one in <nav>
  CHECK(officialese[0]["range"]["start"] == json{{"line", 5}, {"character", 2}});
  CHECK(officialese[0]["range"]["end"] == json{{"line", 5}, {"character", 8}});
  shut_down(server);
}

TEST_CASE("lsp: the debounce follows the check time, and a burst of edits is checked once", "[lsp][protocol]") {
  helder::test::TempDir dir;
  LspProcess server = start_server(dir.path());
  // A long configured debounce: once the server has seen how long a check after an edit takes (milliseconds for
  // this note), it waits about twice that (at least 20 ms), not 1 s.
  server.send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"},
               {"params", {{"rootUri", helder::test::uri_of(dir.path())}, {"capabilities", json::object()},
                           {"initializationOptions", {{"debounceMs", 1000}}}}}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == 0; }, kWait));
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  const std::string uri = helder::test::uri_of(dir.path() / "notitie.txt");
  std::string text = "Wij sturen u de stukken indien u dat wilt.\n";
  open(server, uri, text);
  diagnostics_of(server, uri, 1);  // a document is checked right after didOpen, without a debounce

  auto edit = [&](std::int64_t version) {
    const json at = helder::test::utf16_position(text, text.size() - 1);
    server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
                 {"params", {{"textDocument", {{"uri", uri}, {"version", version}}},
                             {"contentChanges", json::array({{{"range", {{"start", at}, {"end", at}}}, {"text", " Ja."}}})}}}});
    text.insert(text.size() - 1, " Ja.");
  };
  edit(2);  // the first edit waits the configured debounce: nothing is known yet of how long an edit's check takes
  diagnostics_of(server, uri, 2);
  const auto start = std::chrono::steady_clock::now();
  edit(3);
  diagnostics_of(server, uri, 3);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));  // not the 1000 ms debounce

  // Five edits in one burst: only the last version is checked and published.
  for (std::int64_t v = 4; v <= 8; ++v) edit(v);
  const auto first = server.receive_if(
      [&](const json& m) { return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri; },
      kWait);
  REQUIRE(first);
  CHECK((*first)["params"].value("version", -1) == 8);
  shut_down(server);
}

TEST_CASE("lsp: the server keeps the dictionary's answers for its next start, and --word-cache none keeps none",
          "[lsp][protocol][answers]") {
  helder::test::TempDir dir;
  const fs::path cache_home = dir.path() / "cache";
  const fs::path file = cache_home / "helder" / "woorden-nl.tsv";
  const std::string uri = helder::test::uri_of(dir.path() / "brief.txt");
  const std::string text = "Dit is een korte brief met een tikfoutt erin.\n";
  // The spelling diagnostics of one server session with this cache folder; the session ends with shutdown.
  auto spelling_findings = [&](std::vector<std::string> lsp_args) {
    LspProcess server(LspProcess::Options{HELDER_BINARY, {}, {"XDG_CACHE_HOME=" + cache_home.string()}, dir.path(),
                                          std::move(lsp_args)});
    initialize(server, dir.path());
    open(server, uri, text);
    std::vector<std::string> words;
    for (const json& d : diagnostics_of(server, uri, 1))
      if (d["code"] == "rijksoverheid.spelling") {
        const json& r = d["range"];
        words.push_back(text.substr(r["start"]["character"].get<std::size_t>(),
                                    r["end"]["character"].get<std::size_t>() - r["start"]["character"].get<std::size_t>()));
      }
    shut_down(server);
    return words;
  };

  CHECK(spelling_findings({"--word-cache", "none"}) == std::vector<std::string>{"tikfoutt"});
  CHECK_FALSE(fs::exists(cache_home));

  CHECK(spelling_findings({}) == std::vector<std::string>{"tikfoutt"});
  REQUIRE(fs::exists(file));
  std::string saved = helder::test::read_file(file);
  REQUIRE(saved.starts_with("helder-word-answers 1\t"));
  const std::size_t at = saved.find("\ns\ttikfoutt\t0\n");
  REQUIRE(at != std::string::npos);
  // The next server answers from the file: when it says the word is right, so does the server.
  saved[at + 12] = '1';
  {
    std::ofstream out(file, std::ios::binary);
    out << saved;
  }
  CHECK(spelling_findings({}).empty());
  // A file the server cannot read is left aside and written anew.
  {
    std::ofstream out(file, std::ios::binary);
    out << std::string("geen woorden\0\1\2", 15);
  }
  CHECK(spelling_findings({}) == std::vector<std::string>{"tikfoutt"});
  CHECK(helder::test::read_file(file).find("\ns\ttikfoutt\t0\n") != std::string::npos);
}
