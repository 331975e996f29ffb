// The `helder` program as a user runs it: exit codes, output formats, bad input, configuration.
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>

using namespace helder;
using test::run_helder;
namespace fs = std::filesystem;

namespace {

const std::string long_sentence =
    "Het college van burgemeester en wethouders heeft naar aanleiding van uw aanvraag van 12 maart 2025 besloten "
    "om u een vergunning te verlenen voor het parkeren van uw auto in uw wijk.";
const std::string medium_sentence =
    "Deze zin heeft eenentwintig woorden en daarom geeft helder een tip, want een lezer met weinig ervaring vindt hem al "
    "moeilijk.";

}  // namespace

TEST_CASE("check: exit code 0 without findings, 1 with a warning, --fail-on moves the bar", "[cli]") {
  test::TempDir dir;
  const fs::path clean = dir.write("kort.txt", "Wij hebben uw brief gekregen. Dank u wel.\n");
  const fs::path warn = dir.write("lang.txt", "Geachte heer De Vries,\n\n" + long_sentence + "\n");
  const fs::path info = dir.write("tip.txt", medium_sentence + "\n");

  auto r = run_helder({"check", clean.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Geen meldingen in 1 bestand.") != std::string::npos);

  r = run_helder({"check", warn.string()});
  CHECK(r.exit_code == 1);
  // Compiler style: file:line:col: severity: message [rule]
  CHECK(r.out.find(warn.string() + ":3:1: warning: Deze zin is lang: 32 woorden.") != std::string::npos);
  CHECK(r.out.find("[rijksoverheid.sentence-length]") != std::string::npos);
  CHECK(r.out.find("    3 | Het college") != std::string::npos);
  CHECK(r.out.find("^~~~") != std::string::npos);
  CHECK(r.out.find("\x1b[") == std::string::npos);  // no colour when not on a terminal

  CHECK(run_helder({"check", info.string()}).exit_code == 0);
  CHECK(run_helder({"check", "--fail-on", "info", info.string()}).exit_code == 1);
  CHECK(run_helder({"check", "--fail-on", "error", warn.string()}).exit_code == 0);
  CHECK(run_helder({"check", "--fail-on", "none", warn.string()}).exit_code == 0);
  r = run_helder({"--color", "always", "check", warn.string()});
  CHECK(r.out.find("\x1b[") != std::string::npos);
}

TEST_CASE("check: usage errors exit 2", "[cli]") {
  CHECK(run_helder({}).exit_code == 2);
  CHECK(run_helder({"check"}).exit_code == 2);
  CHECK(run_helder({"check", "--fail-on", "soms", "x.txt"}).exit_code == 2);
  CHECK(run_helder({"bestaat-niet"}).exit_code == 2);
  auto r = run_helder({"check", "/nonexistent/brief.txt"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bestaat niet") != std::string::npos);
  CHECK(run_helder({"--version"}).exit_code == 0);
}

TEST_CASE("check --format json follows the documented schema", "[cli]") {
  test::TempDir dir;
  const std::string text = "Geachte heer,\n\nÉén zin met “quotes”. " + long_sentence + "\n";
  const fs::path file = dir.write("brief.txt", text);
  const auto r = run_helder({"check", "--format", "json", file.string()});
  CHECK(r.exit_code == 1);
  const auto json = nlohmann::json::parse(r.out);
  CHECK(json["tool"] == "helder");
  CHECK(json["schema"] == 1);
  REQUIRE(json["files"].size() == 1);
  const auto& f = json["files"][0];
  CHECK(f["file"] == file.string());
  CHECK(f["encoding"] == "UTF-8");
  CHECK(f["error"].is_null());
  // The long sentence is one finding; the officialese in it ("naar aanleiding van") is another.
  const auto found = std::find_if(f["findings"].begin(), f["findings"].end(), [](const nlohmann::json& x) {
    return x["rule"] == "rijksoverheid.sentence-length";
  });
  REQUIRE(found != f["findings"].end());
  const auto& finding = *found;
  CHECK(finding["rule"] == "rijksoverheid.sentence-length");
  CHECK(finding["severity"] == "warning");
  const std::size_t start = finding["start"], end = finding["end"];
  CHECK(text.substr(start, end - start) == long_sentence);
  CHECK(finding["text"] == long_sentence);
  CHECK(finding["range"]["start"]["line"] == 3);
  // Columns count characters: "Één zin met “quotes”. " is 22 characters, more bytes.
  CHECK(finding["range"]["start"]["column"] == 23);
  CHECK(finding["id"].get<std::string>().size() > 10);
  CHECK(json["summary"]["warnings"] == std::count_if(f["findings"].begin(), f["findings"].end(), [](const auto& x) {
          return x["severity"] == "warning";
        }));
  CHECK(f["readability"]["sentences"] == 3);
}

TEST_CASE("check reads standard input with -", "[cli]") {
  auto r = run_helder({"check", "-"}, long_sentence + "\n");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("<stdin>:1:1: warning:") != std::string::npos);
  r = run_helder({"check", "--stdin-name", "brief.md", "-"}, "# Kop\n\n`" + long_sentence + "`\n");
  CHECK(r.exit_code == 0);  // inline code is not prose
}

TEST_CASE("check walks directories in a stable order, and --jobs keeps that order", "[cli]") {
  test::TempDir dir;
  for (const char* name : {"b/twee.txt", "a/een.md", "c/drie.txt", "a/z/vier.txt"})
    dir.write(name, "# Kop\n\n" + long_sentence + "\n");
  dir.write("a/overslaan.bin", "geen tekst");  // not a format helder reads
  dir.write(".git/verborgen.txt", long_sentence);
  const auto one = run_helder({"check", "--jobs", "1", "--format", "json", dir.path().string()});
  const auto two = run_helder({"check", "--jobs", "2", "--format", "json", dir.path().string()});
  CHECK(one.out == two.out);
  const auto json = nlohmann::json::parse(one.out);
  std::vector<std::string> files;
  for (const auto& f : json["files"]) files.push_back(fs::relative(f["file"].get<std::string>(), dir.path()).string());
  CHECK(files == std::vector<std::string>{"a/een.md", "a/z/vier.txt", "b/twee.txt", "c/drie.txt"});
}

TEST_CASE("check --jobs 2 runs ahead of a long file with many short ones and still reports in input order", "[cli][threads]") {
  // A long file first, then forty short ones: the second worker goes on with the short files (more than the
  // four per job it may always take) while the first is in the long one; the report keeps the input order.
  test::TempDir dir;
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "Indien u vragen heeft, kunt u ons bellen. " + long_sentence + "\n\n";
  std::vector<std::string> args{"check", "--format", "json", dir.write("00-lang.txt", long_text).string()};
  for (int i = 1; i <= 40; ++i) {
    const std::string name = fmt::format("{:02}-kort.txt", i);
    args.push_back(dir.write(name, fmt::format("Brief {}. Indien nodig sturen wij u een formulier.\n", i)).string());
  }
  std::vector<std::string> one_args = args, two_args = args;
  one_args.insert(one_args.begin() + 1, {"--jobs", "1"});
  two_args.insert(two_args.begin() + 1, {"--jobs", "2"});
  const auto one = run_helder(one_args);
  const auto two = run_helder(two_args);
  REQUIRE(one.exit_code == 1);
  CHECK(two.exit_code == one.exit_code);
  CHECK(two.out == one.out);
  const auto json = nlohmann::json::parse(two.out);
  REQUIRE(json["files"].size() == 41);
  for (std::size_t i = 0; i < 41; ++i) {
    INFO(i);
    CHECK(fs::path(json["files"][i]["file"].get<std::string>()).filename().string().substr(0, 2) ==
          fmt::format("{:02}", i));
    CHECK(!json["files"][i]["findings"].empty());  // "indien" in every file
  }
}

TEST_CASE("a large run (over 512 KB) on two threads gives what one thread gives", "[cli][threads]") {
  // Two files: with --jobs 2 each gets a thread and its own copy of the dictionary; with --jobs 4 each file also
  // gets its paragraphs checked on two threads.
  test::TempDir dir;
  std::string text;
  std::vector<fs::path> sources;
  for (const auto& e : fs::directory_iterator(fs::path(HELDER_SHARED_DIR) / "corpus" / "circulaires"))
    sources.push_back(e.path());
  std::sort(sources.begin(), sources.end());
  for (const fs::path& f : sources) text += test::read_file(f) + "\n\n";
  text += text.substr(0, text.find('\n', 20000) + 1);  // a little over 512 KB for the two files together
  const fs::path first = dir.write("een.txt", text);
  const fs::path second = dir.write("twee.txt", text + "Tot slot nog een zin met indien erin.\n");
  REQUIRE(fs::file_size(first) + fs::file_size(second) > 512 * 1024);
  const auto one = run_helder({"--editor", "check", "--jobs", "1", "--format", "json", first.string(), second.string()});
  REQUIRE(one.exit_code == 1);
  CHECK(nlohmann::json::parse(one.out)["files"][1]["findings"].size() > 1000);
  for (const char* jobs : {"2", "4"}) {
    const auto many = run_helder({"--editor", "check", "--jobs", jobs, "--format", "json", first.string(), second.string()});
    CHECK(many.exit_code == one.exit_code);
    CHECK(many.out == one.out);
  }
}

TEST_CASE("bad input: a clear message, exit 2, and the other files are still checked", "[cli]") {
  test::TempDir dir;
  const fs::path binary = dir.write("plaatje.txt", std::string("PNG\0\0\x01\x02", 7));
  const fs::path empty = dir.write("leeg.txt", "");
  const fs::path good = dir.write("goed.txt", long_sentence + "\n");
  const auto r = run_helder({"check", binary.string(), empty.string(), good.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(binary.string() + ": fout: Dit bestand lijkt geen tekst") != std::string::npos);
  CHECK(r.err.find("Het bestand is leeg") != std::string::npos);
  CHECK(r.out.find(good.string() + ":1:1: warning:") != std::string::npos);
  // The files are untouched.
  CHECK(test::read_file(good) == long_sentence + "\n");
}

TEST_CASE("Windows-1252 input is converted with a note, positions are right", "[cli]") {
  test::TempDir dir;
  // "Café" and a right single quote in Windows-1252, then the long sentence.
  const fs::path file = dir.write("oud.txt", "Caf\xE9 \x92t Hoekje.\n\n" + long_sentence + "\n");
  const auto r = run_helder({"check", "--format", "json", file.string()});
  CHECK(r.exit_code == 1);
  const auto json = nlohmann::json::parse(r.out);
  CHECK(json["files"][0]["encoding"] == "windows-1252");
  CHECK(json["files"][0]["notes"].size() == 1);
  CHECK(json["files"][0]["findings"][0]["range"]["start"]["line"] == 3);
  CHECK(r.err.find("Windows-1252") != std::string::npos);
}

TEST_CASE("a broken configuration file: file:line:col and exit 2", "[cli]") {
  test::TempDir dir;
  dir.write(".helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nseverity = \"erg\"\n");
  const fs::path letter = dir.write("brieven/brief.txt", "Een zin.\n");
  const auto r = run_helder({"check", letter.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find((dir.path() / ".helder.toml").string() + ":2:12: ") != std::string::npos);
  CHECK(run_helder({"--config", (dir.path() / "nee.toml").string(), "check", letter.string()}).exit_code == 2);
}

TEST_CASE("an option a rule does not know is an error at file:line:col, with the nearest option", "[cli]") {
  test::TempDir dir;
  dir.write(".helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = 30\nwarnig_above = 30\n");
  const fs::path letter = dir.write("brief.txt", "Een zin.\n");
  const auto r = run_helder({"check", letter.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find((dir.path() / ".helder.toml").string() + ":3:1: ") != std::string::npos);
  CHECK(r.err.find("\"warnig_above\"") != std::string::npos);
  CHECK(r.err.find("Bedoelde u \"warning_above\"?") != std::string::npos);
  CHECK(r.out.empty());  // nothing is checked with a configuration that is not what the writer meant

  // Far from every option: no guess.
  dir.write(".helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nkleur = \"rood\"\n");
  const auto far = run_helder({"check", letter.string()});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("\"kleur\"") != std::string::npos);
  CHECK(far.err.find("Bedoelde u") == std::string::npos);

  // Options the rule reads are fine, also when the pack sets them and the project changes one.
  dir.write(".helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = 30\n");
  CHECK(run_helder({"check", letter.string()}).exit_code == 0);
}

TEST_CASE("the project's configuration changes the rules", "[cli]") {
  test::TempDir dir;
  dir.write(".helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = 40\ninfo_above = 30\n");
  const fs::path letter = dir.write("brief.txt", long_sentence + "\n");
  auto r = run_helder({"check", "--fail-on", "info", letter.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(": info: ") != std::string::npos);

  r = run_helder({"dump-config", letter.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("[rules.\"rijksoverheid.sentence-length\"]") != std::string::npos);
  CHECK(r.out.find("warning_above = 40") != std::string::npos);
  CHECK(r.out.find((dir.path() / ".helder.toml").string()) != std::string::npos);
}

TEST_CASE("enabled = \"editor\": the rule runs in the editor and with --editor, not in a plain check", "[cli]") {
  test::TempDir dir;
  dir.write(".helder.toml", "[rules.\"rijksoverheid.sentence-length\"]\nenabled = \"editor\"\n");
  const fs::path letter = dir.write("brief.txt", long_sentence + "\n");
  auto r = run_helder({"check", "--fail-on", "info", letter.string()});
  CHECK(r.exit_code != 2);
  CHECK(r.out.find("sentence-length") == std::string::npos);

  r = run_helder({"--editor", "check", "--fail-on", "info", letter.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("rijksoverheid.sentence-length") != std::string::npos);

  r = run_helder({"dump-config", letter.string()});
  CHECK(r.out.find("enabled = \"editor\"") != std::string::npos);
  r = run_helder({"rules"}, {}, dir.path());
  CHECK(r.out.find(" editor ") != std::string::npos);
}

TEST_CASE("inline switches turn a rule off and on again", "[cli]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.md",
                                    "<!-- helder-disable rijksoverheid.sentence-length -->\n\n" + long_sentence +
                                        "\n\n<!-- helder-enable rijksoverheid.sentence-length -->\n\n" + long_sentence +
                                        "\n");
  auto r = run_helder({"check", "--format", "json", letter.string()});
  const auto json = nlohmann::json::parse(r.out);
  std::vector<int> lines;  // of the sentence-length findings
  for (const auto& f : json["files"][0]["findings"])
    if (f["rule"] == "rijksoverheid.sentence-length") lines.push_back(f["range"]["start"]["line"]);
  CHECK(lines == std::vector<int>{7});

  const fs::path plain = dir.write("brief.txt", "<!-- helder-disable -->\n" + long_sentence + "\n");
  CHECK(run_helder({"check", plain.string()}).exit_code == 0);
}

TEST_CASE("rules, explain and dump-config", "[cli]") {
  auto r = run_helder({"rules"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("rijksoverheid.sentence-length") != std::string::npos);
  CHECK(r.out.find("complexity") != std::string::npos);

  r = run_helder({"rules", "--format", "json"});
  const auto rules = nlohmann::json::parse(r.out);
  const auto sentence_length = std::find_if(rules.begin(), rules.end(), [](const nlohmann::json& r) {
    return r["id"] == "rijksoverheid.sentence-length";
  });
  REQUIRE(sentence_length != rules.end());
  CHECK((*sentence_length)["enabled"] == true);
  CHECK((*sentence_length)["plugin"] == "complexity");

  r = run_helder({"explain", "rijksoverheid.sentence-length"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == test::read_file(fs::path(HELDER_SOURCE_DIR) / "rules/rijksoverheid/docs/sentence-length.md"));
  CHECK(run_helder({"explain", "sentence-length"}).exit_code == 0);
  r = run_helder({"explain", "rijksoverheid.bestaat-niet"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("helder rules") != std::string::npos);

  test::TempDir dir;
  r = run_helder({"dump-config"}, "", dir.path());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("warning_above = 25") != std::string::npos);
  CHECK(r.out.find("info_above = 20") != std::string::npos);
}

TEST_CASE("analyze prints the analysis with byte offsets into the original file", "[cli]") {
  test::TempDir dir;
  const std::string source = "# Besluit\n\nUw aanvraag **is goedgekeurd**. Het besluit wordt morgen verstuurd.\n";
  const fs::path file = dir.write("besluit.md", source);
  const auto r = run_helder({"analyze", file.string(), "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto json = nlohmann::json::parse(r.out);
  CHECK(json["file"] == file.string());
  REQUIRE(json["paragraphs"].size() == 2);
  CHECK(json["paragraphs"][0]["kind"] == "heading");
  const auto& sentences = json["paragraphs"][1]["sentences"];
  REQUIRE(sentences.size() == 2);
  const std::size_t s0 = sentences[0]["start"], e0 = sentences[0]["end"];
  CHECK(source.substr(s0, e0 - s0) == "Uw aanvraag **is goedgekeurd**.");
  CHECK(sentences[0]["words"] == 4);
  CHECK(sentences[1]["passive"] == true);
  CHECK(sentences[0]["passive"] == true);  // "is goedgekeurd": the passive perfect (goed|keuren is in the lexicon)
  CHECK(sentences[1]["syllables"] == 8);  // het be-sluit wordt mor-gen ver-stuurd
  CHECK(json["readability"]["flesch_douma"].is_number());
  CHECK(json["readability"]["leesindex_a"].is_number());
}

TEST_CASE("a missing dictionary is a clear message and the check goes on", "[cli]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.txt", long_sentence + "\n");
  const auto r = run_helder({"check", letter.string()}, "", {}, {"HELDER_HUNSPELL=/nonexistent/nl"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("hunspell-nl") != std::string::npos);
  CHECK(r.out.find("warning:") != std::string::npos);
}

TEST_CASE("a broken plugin in a trusted plugin folder does not stop the run", "[cli]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.txt", long_sentence + "\n");
  const auto r = run_helder({"--plugin-dir", HELDER_BROKEN_PLUGIN_DIR, "check", letter.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("abi_v2.so") != std::string::npos);
  CHECK(r.out.find("warning:") != std::string::npos);
}

TEST_CASE("a 5,000-word sentence and a large file are handled", "[cli]") {
  test::TempDir dir;
  std::string huge;
  for (int i = 0; i < 5000; ++i) huge += "woord ";
  huge += "eind.\n";
  const fs::path file = dir.write("zin.txt", huge);
  auto r = run_helder({"check", "--format", "json", file.string()});
  CHECK(r.exit_code == 1);
  const auto json = nlohmann::json::parse(r.out);
  const auto& findings = json["files"][0]["findings"];
  CHECK(std::any_of(findings.begin(), findings.end(), [](const nlohmann::json& f) {
    return f["rule"] == "rijksoverheid.sentence-length" &&
           f["message"].get<std::string>().find("5001 woorden") != std::string::npos;
  }));
}

TEST_CASE("a configured rule that cannot run ends the check with exit code 2, after all output", "[cli]") {
  test::TempDir dir;
  dir.write("packs/proef/pack.toml",
            "name = \"proef\"\nextends = \"rijksoverheid\"\n[rules.kapot]\nkind = \"misbehaving.throws\"\n");
  dir.write(".helder.toml", "packs = [\"proef\"]\npack_paths = [\"packs\"]\n");
  const fs::path letter = dir.write("brief.txt", long_sentence + "\n");
  // The plugin is not loaded: the rule cannot be made.
  auto r = run_helder({"check", letter.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("proef.kapot") != std::string::npos);
  CHECK(r.out.find("warning:") != std::string::npos);
  // The plugin is loaded, and its rule throws while checking: disabled, named, the rest goes on.
  r = run_helder({"--plugin-dir", HELDER_BROKEN_PLUGIN_DIR, "check", letter.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("Regel proef.kapot (plugin misbehaving) is uitgeschakeld: kapot in check") != std::string::npos);
  CHECK(r.out.find("[rijksoverheid.sentence-length]") != std::string::npos);
}

TEST_CASE("JSON offsets count in the file as it is on disk, byte order mark included", "[cli]") {
  test::TempDir dir;
  const std::string bytes = "\xEF\xBB\xBF" + long_sentence + "\n";
  const fs::path file = dir.write("bom.txt", bytes);
  const auto json = nlohmann::json::parse(run_helder({"check", "--format", "json", file.string()}).out);
  const auto& f = json["files"][0]["findings"][0];
  const std::size_t start = f["start"], end = f["end"];
  CHECK(bytes.substr(start, end - start) == long_sentence);
  CHECK(f["range"]["start"]["column"] == 1);
}

TEST_CASE("an option of the wrong type is an error at its place in the file, naming the option and the rule", "[cli]") {
  test::TempDir dir;
  dir.write(".helder.toml", "# proef\n[rules.\"rijksoverheid.sentence-length\"]\nwarning_above = \"veel\"\n");
  const fs::path letter = dir.write("brief.txt", long_sentence + "\n");
  const auto r = run_helder({"check", letter.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());  // nothing is checked with a broken configuration
  CHECK(r.err.find(".helder.toml:3:1: ") != std::string::npos);
  CHECK(r.err.find("regel rijksoverheid.sentence-length: de instelling \"warning_above\" moet een geheel getal zijn") !=
        std::string::npos);
}

TEST_CASE("check --fix applies the sure fixes, keeps the rest for a person, and reports what is left", "[cli][fix]") {
  test::TempDir dir;
  const std::string text = "\xEF\xBB\xBFIndien u wilt, kunt u ons thans bellen. Stuur het formulier aan ons te retourneren.\n";
  const fs::path letter = dir.write("brief.txt", text);
  auto r = run_helder({"check", "--fix", "--fail-on", "none", letter.string()});
  CHECK(r.exit_code == 0);
  const std::string fixed = test::read_file(letter);
  // "Indien" has two alternatives (als / wanneer): a person chooses. "thans" has one. "te retourneren" ->
  // "terug te sturen": the lexicon knows terug|sturen is separable, so "te" goes inside.
  CHECK(fixed == "\xEF\xBB\xBFIndien u wilt, kunt u ons nu bellen. Stuur het formulier aan ons terug te sturen.\n");
  CHECK(r.err.find("2 verbeteringen toegepast") != std::string::npos);
  CHECK(r.out.find("thans") == std::string::npos);
  CHECK(r.out.find("Indien") != std::string::npos);

  r = run_helder({"check", "--fix", "-"}, text);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("standaardinvoer") != std::string::npos);

  // Windows-1252 is not written back.
  const fs::path latin = dir.write("oud.txt", "Wij sturen het middels de post, caf\xE9.\n");
  r = run_helder({"check", "--fix", "--fail-on", "none", latin.string()});
  CHECK(test::read_file(latin) == "Wij sturen het middels de post, caf\xE9.\n");
  CHECK(r.err.find("geen UTF-8") != std::string::npos);
}

TEST_CASE("the plain example letter practises what helder preaches: no finding at all", "[cli]") {
  const auto r = run_helder({"check", "--fail-on", "hint", HELDER_SOURCE_DIR "/examples/brief-parkeervergunning-helder.md"});
  INFO(r.out);
  CHECK(r.exit_code == 0);
}

TEST_CASE("check --word-cache keeps the dictionary's answers for the next run, and only when asked", "[cli][answers]") {
  test::TempDir dir;
  const fs::path letter = dir.write("brief.txt", "Dit is een korte brief met een tikfoutt erin.\n");
  const fs::path cache = dir.path() / "cache" / "woorden.tsv";
  const std::vector<std::string> env = {"XDG_CACHE_HOME=" + (dir.path() / "xdg").string()};
  auto overwrite = [](const fs::path& file, const std::string& content) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
  };
  auto spelling = [](const std::string& json_text) {
    std::vector<std::string> words;
    const nlohmann::json report = nlohmann::json::parse(json_text);
    for (const auto& f : report["files"][0]["findings"])
      if (f["rule"] == "rijksoverheid.spelling") words.push_back(f["text"]);
    return words;
  };

  // Without the option nothing is written, not even in the language server's folder.
  const auto plain = run_helder({"check", "--format", "json", "--fail-on", "none", letter.string()}, "", {}, env);
  REQUIRE(plain.exit_code == 0);
  CHECK(spelling(plain.out) == std::vector<std::string>{"tikfoutt"});
  CHECK_FALSE(fs::exists(dir.path() / "xdg"));

  const std::vector<std::string> cached = {"check", "--format", "json", "--fail-on", "none", "--word-cache",
                                           cache.string(), letter.string()};
  const auto first = run_helder(cached, "", {}, env);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == plain.out);
  REQUIRE(fs::exists(cache));
  std::string saved = test::read_file(cache);
  CHECK(saved.starts_with("helder-word-answers 1\t"));
  const std::size_t answer = saved.find("\ns\ttikfoutt\t0\n");
  REQUIRE(answer != std::string::npos);

  // The next run takes the answer from the file, not from the dictionary: a changed answer shows.
  saved.replace(answer, std::string_view("\ns\ttikfoutt\t0\n").size(), "\ns\ttikfoutt\t1\n");
  overwrite(cache, saved);
  const auto second = run_helder(cached, "", {}, env);
  REQUIRE(second.exit_code == 0);
  CHECK(spelling(second.out).empty());

  // The same helder built again (here: the same file with another time, as a fresh CI job gives it) keeps the
  // answers: the file names the program by its build id, not by its file.
  {
    const fs::path program = HELDER_BINARY;
    const auto was = fs::last_write_time(program);
    fs::last_write_time(program, was - std::chrono::hours(24 * 30));
    const auto rebuilt = run_helder(cached, "", {}, env);
    fs::last_write_time(program, was);
    REQUIRE(rebuilt.exit_code == 0);
    CHECK(spelling(rebuilt.out).empty());
  }

  // A file of another helder or another dictionary (another first line) is not read, and is written anew.
  overwrite(cache, "helder-word-answers 1\tsomething else\ns\ttikfoutt\t1\n");
  const auto third = run_helder(cached, "", {}, env);
  CHECK(third.out == plain.out);
  CHECK(test::read_file(cache).find("\ns\ttikfoutt\t0\n") != std::string::npos);

  // A cache that cannot be written (its folder is a file) changes nothing of the check.
  const fs::path blocked = dir.write("blok", "een bestand, geen map\n") / "woorden.tsv";
  const auto fourth = run_helder({"check", "--format", "json", "--fail-on", "none", "--word-cache", blocked.string(),
                                  letter.string()}, "", {}, env);
  CHECK(fourth.exit_code == 0);
  CHECK(fourth.out == plain.out);
  CHECK(fourth.err.empty());
}
