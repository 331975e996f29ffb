// `helder check` in a publication pipeline: several reports from one run, the summary table, file lists,
// shards and `helder merge`, baselines, `--fix --dry-run`, and the progress line (terminal only).
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

using namespace helder;
using test::run_helder;
namespace fs = std::filesystem;

namespace {

const std::string stiff_letter = test::read_file(fs::path(HELDER_SOURCE_DIR) / "examples/brief-parkeervergunning.txt");

std::vector<std::string> files_in(const nlohmann::json& report) {
  std::vector<std::string> out;
  for (const auto& f : report["files"]) out.push_back(f["file"].get<std::string>());
  return out;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("check --output writes several reports from one run, each complete, text stays on the terminal", "[cli][pipeline]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.txt", stiff_letter);
  const auto r = run_helder({"check", "brief.txt", "--output", "json=rapport.json", "-o", "jsonl=rapport.jsonl"}, "",
                            dir.path());
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("brief.txt:16:1: warning:") != std::string::npos);  // text on standard output
  const auto json_run = run_helder({"check", "brief.txt", "--format", "json"}, "", dir.path());
  // --output takes one FORMAT=FILE each time: paths may come after it.
  const auto before_paths = run_helder({"check", "--output", "json=eerst.json", "brief.txt"}, "", dir.path());
  CHECK(before_paths.exit_code == 1);
  CHECK(test::read_file(dir.path() / "eerst.json") == json_run.out);
  fs::remove(dir.path() / "eerst.json");
  CHECK(test::read_file(dir.path() / "rapport.json") == json_run.out);
  const std::string jsonl = test::read_file(dir.path() / "rapport.jsonl");
  CHECK(count_of(jsonl, "\n") == nlohmann::json::parse(json_run.out)["files"][0]["findings"].size() + 1);
  // Only the reports: no temporary files are left behind.
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) names.insert(e.path().filename().string());
  CHECK(names == std::set<std::string>{"brief.txt", "rapport.json", "rapport.jsonl"});

  // A report that cannot be written: exit 2 with the reason; an old report is left as it was.
  const auto bad = run_helder({"check", "brief.txt", "-o", "sarif=geen/map/rapport.sarif"}, "", dir.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("geen/map/rapport.sarif") != std::string::npos);
  dir.write("oud.json", "oud");
  const auto malformed = run_helder({"check", "brief.txt", "-o", "json"}, "", dir.path());
  CHECK(malformed.exit_code == 2);
  CHECK(malformed.err.find("FORMAAT=BESTAND") != std::string::npos);
  CHECK(test::read_file(dir.path() / "oud.json") == "oud");
}

TEST_CASE("check --summary: words, sentences, Flesch-Douma, level and findings per rule for each file", "[cli][pipeline]") {
  test::TempDir dir;
  dir.write("stijf.txt", stiff_letter);
  dir.write("helder.md", test::read_file(fs::path(HELDER_SOURCE_DIR) / "examples/brief-parkeervergunning-helder.md"));
  const auto r = run_helder({"check", ".", "--summary"}, "", dir.path());
  CHECK(r.out.find("woorden") != std::string::npos);
  CHECK(r.out.find("Flesch-Douma") != std::string::npos);
  const std::size_t row = r.out.find("./stijf.txt ");
  REQUIRE(row != std::string::npos);
  const std::string line = r.out.substr(row, r.out.find('\n', row) - row);
  CHECK(line.find(" C1 ") != std::string::npos);
  CHECK(r.out.find("rijksoverheid.officialese") != std::string::npos);
  // Beside a machine format, the table goes to standard error and the JSON stays valid.
  const auto json = run_helder({"check", ".", "--summary", "--format", "json"}, "", dir.path());
  CHECK_NOTHROW(nlohmann::json::parse(json.out));
  CHECK(json.err.find("Flesch-Douma") != std::string::npos);
}

TEST_CASE("check --files-from reads a list (lines or NUL-separated), --shard splits it stably", "[cli][pipeline]") {
  test::TempDir dir;
  std::vector<std::string> names;
  for (int i = 0; i < 12; ++i) {
    names.push_back("brief" + std::to_string(i) + ".txt");
    dir.write(names.back(), "Wij hebben uw brief gekregen. Dank u wel.\n");
  }
  std::string lines, nul;
  for (const std::string& n : names) {
    lines += n + "\r\n";
    nul += n + '\0';
  }
  dir.write("lijst.txt", lines);
  dir.write("lijst.nul", nul);
  const auto all = run_helder({"check", "--files-from", "lijst.txt", "--format", "json"}, "", dir.path());
  CHECK(all.exit_code == 0);
  CHECK(files_in(nlohmann::json::parse(all.out)) == names);
  const auto from_stdin = run_helder({"check", "--files-from", "-", "-0", "--format", "json"}, nul, dir.path());
  CHECK(files_in(nlohmann::json::parse(from_stdin.out)) == names);

  std::multiset<std::string> seen;
  for (int shard = 1; shard <= 3; ++shard) {
    const auto part = run_helder({"check", "--files-from", "lijst.nul", "-0", "--shard", std::to_string(shard) + "/3",
                                  "--format", "json"}, "", dir.path());
    CHECK(part.exit_code == 0);
    for (const std::string& f : files_in(nlohmann::json::parse(part.out))) seen.insert(f);
    // A file keeps its shard when other files join the run.
    const auto again = run_helder({"check", ".", "--shard", std::to_string(shard) + "/3", "--format", "json"}, "",
                                  dir.path());
    for (const std::string& f : files_in(nlohmann::json::parse(again.out)))
      if (f.ends_with(".txt") && f.find("lijst") == std::string::npos)
        CHECK(part.out.find(fmt::format("\"{}\"", f.substr(2))) != std::string::npos);
  }
  CHECK(seen == std::multiset<std::string>(names.begin(), names.end()));  // every file once
  CHECK(run_helder({"check", ".", "--shard", "4/3"}, "", dir.path()).exit_code == 2);
  CHECK(run_helder({"check", ".", "--shard", "0/3"}, "", dir.path()).exit_code == 2);
  CHECK(run_helder({"check", "--files-from", "ontbreekt.txt"}, "", dir.path()).exit_code == 2);
}

TEST_CASE("three shards over the corpus, merged, give the report of one run", "[cli][pipeline][corpus]") {
  const fs::path corpus = fs::path(HELDER_SHARED_DIR) / "corpus";
  test::TempDir dir;
  const auto whole = run_helder({"check", corpus.string(), "--format", "json", "--jobs", "2"}, "", dir.path());
  REQUIRE(whole.exit_code == 1);
  std::vector<std::string> merge_args{"merge"};
  for (int shard = 1; shard <= 3; ++shard) {
    const std::string name = "deel" + std::to_string(shard) + ".jsonl";
    const auto part = run_helder({"check", corpus.string(), "--shard", std::to_string(shard) + "/3", "--format",
                                  "jsonl", "-o", "jsonl=" + name}, "", dir.path());
    CHECK(part.exit_code <= 1);
    CHECK(part.out == test::read_file(dir.path() / name));
    merge_args.push_back(name);
  }
  auto json_args = merge_args;
  json_args.insert(json_args.end(), {"--format", "json", "-o", "text=samen.txt"});
  const auto merged = run_helder(json_args, "", dir.path());
  CHECK(merged.exit_code == 1);
  CHECK(merged.out == whole.out);
  const auto whole_text = run_helder({"--color", "never", "check", corpus.string()}, "", dir.path());
  CHECK(test::read_file(dir.path() / "samen.txt") == whole_text.out);

  // SARIF shards merge into the SARIF of one run (GitHub code scanning takes one file per category).
  std::vector<std::string> sarif_args{"merge", "--format", "sarif"};
  for (int shard = 1; shard <= 3; ++shard) {
    const std::string name = "deel" + std::to_string(shard) + ".sarif";
    run_helder({"check", corpus.string(), "--shard", std::to_string(shard) + "/3", "-o", "sarif=" + name}, "",
               dir.path());
    sarif_args.push_back(name);
  }
  const auto whole_sarif = run_helder({"check", corpus.string(), "--format", "sarif"}, "", dir.path());
  const auto merged_sarif = run_helder(sarif_args, "", dir.path());
  CHECK(merged_sarif.exit_code == 0);
  CHECK(nlohmann::json::parse(merged_sarif.out) == nlohmann::json::parse(whole_sarif.out));
  const auto sarif_to_html = run_helder({"merge", "deel1.sarif", "--format", "html"}, "", dir.path());
  CHECK(sarif_to_html.exit_code == 2);
  CHECK(sarif_to_html.err.find("--format jsonl") != std::string::npos);

  // A damaged shard report: a clear error with file and line, exit 2.
  dir.write("kapot.jsonl", "{\"type\":\"finding\"}\nniet eens json\n");
  const auto broken = run_helder({"merge", "kapot.jsonl"}, "", dir.path());
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("kapot.jsonl:") != std::string::npos);
}

TEST_CASE("a baseline: only new findings count, matched by fingerprint, gone ones are counted", "[cli][pipeline]") {
  test::TempDir dir;
  const std::string old_text =
      "Geachte heer,\n\nIndien u vragen heeft, kunt u ons bellen.\n\nMet vriendelijke groet,\n\nDe gemeente\n";
  dir.write("brief.txt", old_text);
  const auto first = run_helder({"check", "brief.txt", "--write-baseline", "basislijn.json"}, "", dir.path());
  CHECK(first.exit_code == 1);  // the run still reports what it finds
  const auto base = nlohmann::json::parse(test::read_file(dir.path() / "basislijn.json"));
  REQUIRE(base["findings"].size() >= 1);

  // Unchanged: nothing new, exit 0.
  auto r = run_helder({"check", "brief.txt", "--baseline", "basislijn.json", "--format", "json"}, "", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(nlohmann::json::parse(r.out)["files"][0]["findings"].empty());

  // A paragraph above with a new finding: only that one is reported, the old ones keep their fingerprint.
  dir.write("brief.txt", "Geachte heer,\n\nWij sturen u middels deze brief het besluit.\n\n" +
                             old_text.substr(std::string("Geachte heer,\n\n").size()));
  r = run_helder({"check", "brief.txt", "--baseline", "basislijn.json", "--format", "json"}, "", dir.path());
  CHECK(r.exit_code == 1);
  const auto findings = nlohmann::json::parse(r.out)["files"][0]["findings"];
  REQUIRE(findings.size() >= 1);
  for (const auto& f : findings) CHECK(f["text"].get<std::string>().find("Indien") == std::string::npos);
  CHECK(r.err.find("uit de basislijn overgeslagen") != std::string::npos);

  // The old finding fixed: the baseline entry is gone, and helder says so.
  dir.write("brief.txt", "Geachte heer,\n\nAls u vragen heeft, kunt u ons bellen.\n\nMet vriendelijke groet,\n\nDe gemeente\n");
  r = run_helder({"check", "brief.txt", "--baseline", "basislijn.json"}, "", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("niet meer: die zijn opgelost") != std::string::npos);

  dir.write("kapot.json", "{\"niet\": \"goed\"}");
  r = run_helder({"check", "brief.txt", "--baseline", "kapot.json"}, "", dir.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("geen basislijn") != std::string::npos);
}

TEST_CASE("check --fix --dry-run prints the diff --fix would apply and changes nothing", "[cli][pipeline][fix]") {
  test::TempDir dir;
  dir.write("brief.txt", stiff_letter);
  const auto dry = run_helder({"check", "--fix", "--dry-run", "brief.txt"}, "", dir.path());
  CHECK(dry.out.starts_with("--- a/brief.txt\n+++ b/brief.txt\n@@ -"));
  CHECK(test::read_file(dir.path() / "brief.txt") == stiff_letter);  // nothing written
  dir.write("fix.diff", dry.out);

  // The diff is a real patch: `patch` applied to a copy gives exactly what --fix writes.
  dir.write("kopie/brief.txt", stiff_letter);
  const int applied = std::system(("cd '" + (dir.path() / "kopie").string() + "' && patch -s -p1 < ../fix.diff").c_str());
  CHECK(applied == 0);
  run_helder({"check", "--fix", "brief.txt"}, "", dir.path());
  CHECK(test::read_file(dir.path() / "kopie/brief.txt") == test::read_file(dir.path() / "brief.txt"));
  CHECK(test::read_file(dir.path() / "brief.txt") != stiff_letter);

  CHECK(run_helder({"check", "--dry-run", "brief.txt"}, "", dir.path()).exit_code == 2);  // belongs to --fix
}

TEST_CASE("the progress line appears on a terminal only, never in a pipe", "[cli][pipeline]") {
  test::TempDir dir;
  for (int i = 0; i < 3; ++i) dir.write(fmt::format("b{}.txt", i), "Wij hebben uw brief gekregen.\n");
  const auto piped = run_helder({"check", "."}, "", dir.path());
  CHECK(piped.err.find("bestanden,") == std::string::npos);
  // `script` gives helder a terminal; what it printed comes back in the typescript.
  const std::string command = "cd '" + dir.path().string() + "' && script -qec '" + std::string(HELDER_BINARY) +
                              " --color never check . ' typescript > /dev/null 2>&1";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string typescript = test::read_file(dir.path() / "typescript");
  CHECK(typescript.find("3/3 bestanden, ") != std::string::npos);
  CHECK(typescript.find("Geen meldingen in 3 bestanden.") != std::string::npos);
  // Machine formats never get it, even on a terminal.
  const std::string json_command = "cd '" + dir.path().string() + "' && script -qec '" + std::string(HELDER_BINARY) +
                                   " check . --format json' typescript2 > /dev/null 2>&1";
  std::system(json_command.c_str());
  CHECK(test::read_file(dir.path() / "typescript2").find("bestanden, ") == std::string::npos);
}
