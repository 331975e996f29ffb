// The machine report formats (sarif, junit, github, checkstyle, jsonl) over real checks of Dutch text,
// read back by real consumers: the SARIF schema through python3-jsonschema, the XML through pugixml.
#include "test_support.hpp"

#include <helder/check.hpp>
#include <helder/report.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

using namespace helder;
using nlohmann::json;

namespace {

// "indien" starts at byte 24 but character 18: é (2 bytes), ’ (3) and 😀 (4) come before it.
const std::string text_with_letters =
    "Café ’t Hoekje 😀: indien u een pas wilt, dan verstrekken wij die thans.\n";

// One sentence of 30 words over two lines: a long-sentence finding that spans lines.
const std::string two_line_sentence =
    "Wij hebben uw brief over de aanvraag van de vergunning voor uw auto en uw fiets in de wijk\n"
    "goed ontvangen en wij gaan die brief nu heel snel bekijken.\n";

struct Run {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  std::vector<std::string> messages;
  Engine engine{config, test::language_services(), test::builtin_plugins(), messages};
  RunInfo info() const { return RunInfo{engine.describe_rules(), false, false}; }
  FileReport check(const std::string& text, const std::string& path) const {
    return check_bytes(text, path, std::filesystem::path(path).filename(), engine);
  }
};

std::string report(std::string_view format, const RunInfo& info, const std::vector<FileReport>& files) {
  std::ostringstream out;
  std::unique_ptr<Reporter> reporter = make_reporter(format, out);
  REQUIRE(reporter);
  reporter->begin(info);
  for (const FileReport& f : files) reporter->file(f);
  reporter->end();
  return out.str();
}

const Finding& finding_on(const FileReport& r, std::string_view words) {
  for (const Finding& f : r.findings)
    if (r.source.substr(f.start, f.end - f.start) == words) return f;
  FAIL("no finding on \"" << words << "\" in " << r.path);
  throw std::logic_error("unreachable");
}

// A file that could not be read: NUL bytes make it binary.
FileReport failed_file(const Run& run) { return run.check(std::string("tekst\0met\0nul", 13), "kapot.txt"); }

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("every format is known to make_reporter", "[report]") {
  const auto& formats = report_formats();
  for (std::string_view f : {"sarif", "junit", "github", "checkstyle", "jsonl"}) {
    CHECK(std::find(formats.begin(), formats.end(), f) != formats.end());
    std::ostringstream out;
    CHECK(make_reporter(f, out) != nullptr);
  }
}

TEST_CASE("SARIF is valid against the 2.1.0 schema and counts columns and offsets in characters", "[report]") {
  Run run;
  REQUIRE(run.messages.empty());
  const FileReport letters = run.check(text_with_letters, "map met spatie/brief é.txt");
  const FileReport failed = failed_file(run);
  const FileReport long_sentence = run.check(two_line_sentence, "lang.txt");
  REQUIRE(failed.error);
  const Finding& indien = finding_on(letters, "indien");
  REQUIRE(indien.fixes.size() >= 1);

  const RunInfo info = run.info();
  const std::string sarif = report("sarif", info, {letters, failed, long_sentence});
  const std::filesystem::path out = run.dir.path() / "out.sarif";
  std::ofstream(out, std::ios::binary) << sarif;
  const std::filesystem::path log = run.dir.path() / "jsonschema.log";
  const std::string command = "/usr/bin/python3 -m jsonschema -i '" + out.string() + "' '" +
                              (std::filesystem::path(HELDER_SHARED_DIR) / "data/sarif-schema-2.1.0.json").string() +
                              "' > '" + log.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  INFO(test::read_file(log));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  const json doc = json::parse(sarif);
  CHECK(doc["version"] == "2.1.0");
  const json& r = doc["runs"][0];
  CHECK(r["columnKind"] == "unicodeCodePoints");
  const json& driver = r["tool"]["driver"];
  CHECK(driver["name"] == "helder");
  REQUIRE(driver["rules"].size() == info.rules.size());

  // The rules: every configured one, with its Dutch page.
  const json* sentence_rule = nullptr;
  for (const json& rule : driver["rules"])
    if (rule["id"] == "rijksoverheid.sentence-length") sentence_rule = &rule;
  REQUIRE(sentence_rule);
  CHECK((*sentence_rule)["name"] == "sentence-length");
  CHECK((*sentence_rule)["fullDescription"]["text"] ==
        "helder telt de woorden in elke zin. Getallen en afkortingen tellen ook als woord.");
  CHECK((*sentence_rule)["help"]["markdown"].get<std::string>().starts_with("# Lange zinnen"));
  CHECK((*sentence_rule)["helpUri"].get<std::string>().starts_with("file:///"));
  CHECK((*sentence_rule)["helpUri"].get<std::string>().ends_with("/rules/rijksoverheid/docs/sentence-length.md"));
  CHECK((*sentence_rule)["shortDescription"]["text"].get<std::string>().size() > 0);

  // Every finding is a result; ruleIndex points at its rule.
  REQUIRE(r["results"].size() == letters.findings.size() + long_sentence.findings.size());
  for (const json& result : r["results"])
    CHECK(driver["rules"][result["ruleIndex"].get<std::size_t>()]["id"] == result["ruleId"]);

  const json& first = r["results"][0];
  CHECK(first["ruleId"] == indien.rule_id);
  CHECK(first["level"] == "warning");
  CHECK(first["message"]["text"] == indien.message);
  CHECK(first["partialFingerprints"]["helder/v1"] == indien.id);
  const json& location = first["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "map%20met%20spatie/brief%20%C3%A9.txt");
  CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  const json& region = location["region"];
  CHECK(region["startLine"] == 1);
  CHECK(region["startColumn"] == 19);
  CHECK(region["endLine"] == 1);
  CHECK(region["endColumn"] == 25);
  CHECK(region["charOffset"] == 18);
  CHECK(region["charLength"] == 6);
  CHECK(region["snippet"]["text"] == "indien");
  REQUIRE(first["fixes"].size() == indien.fixes.size());
  const json& change = first["fixes"][0]["artifactChanges"][0];
  CHECK(change["artifactLocation"]["uri"] == "map%20met%20spatie/brief%20%C3%A9.txt");
  CHECK(change["replacements"][0]["deletedRegion"] == json{{"charOffset", 18}, {"charLength", 6}});
  CHECK(change["replacements"][0]["insertedContent"]["text"] == indien.fixes[0].text);
  CHECK(first["fixes"][0]["description"]["text"] == "Vervang door \"" + indien.fixes[0].text + "\".");

  // "verstrekken" lies after the emoji as well: 45 characters in, 51 bytes.
  const Finding& verstrekken = finding_on(letters, "verstrekken");
  bool seen = false;
  for (const json& result : r["results"])
    if (result["partialFingerprints"]["helder/v1"] == verstrekken.id) {
      seen = true;
      CHECK(result["locations"][0]["physicalLocation"]["region"]["charOffset"] == 45);
    }
  CHECK(seen);

  // The long sentence runs from line 1 to line 2.
  const json& sentence = r["results"][letters.findings.size()];
  CHECK(sentence["ruleId"] == "rijksoverheid.sentence-length");
  CHECK(sentence["locations"][0]["physicalLocation"]["region"]["startLine"] == 1);
  CHECK(sentence["locations"][0]["physicalLocation"]["region"]["endLine"] == 2);

  // The file that could not be read.
  const json& invocation = r["invocations"][0];
  CHECK(invocation["executionSuccessful"] == true);
  REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
  const json& note = invocation["toolExecutionNotifications"][0];
  CHECK(note["level"] == "error");
  CHECK(note["message"]["text"] == *failed.error);
  CHECK(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "kapot.txt");
}

TEST_CASE("SARIF fingerprints stay the same when a paragraph is added above", "[report]") {
  Run run;
  const std::string before = text_with_letters;
  const std::string after = "Deze alinea staat bovenaan ten behoeve van de lezer.\n\n" + text_with_letters;
  auto fingerprints = [&](const std::string& text) {
    const json doc = json::parse(report("sarif", run.info(), {run.check(text, "brief.txt")}));
    std::map<std::string, int> lines;  // fingerprint -> startLine
    for (const json& result : doc["runs"][0]["results"])
      lines[result["partialFingerprints"]["helder/v1"]] =
          result["locations"][0]["physicalLocation"]["region"]["startLine"];
    return lines;
  };
  const auto old_prints = fingerprints(before);
  const auto new_prints = fingerprints(after);
  REQUIRE(old_prints.size() == 3);
  for (const auto& [print, line] : old_prints) {
    INFO(print);
    REQUIRE(new_prints.contains(print));
    CHECK(new_prints.at(print) == line + 2);  // the same finding, two lines down
  }
  // The new paragraph's own finding ("ten behoeve van") has a fingerprint of its own.
  CHECK(new_prints.size() == old_prints.size() + 1);
}

TEST_CASE("SARIF puts the paragraph of a Word document in the result's properties", "[report]") {
  Run run;
  const std::filesystem::path md = run.dir.write("brief.md", "Eerste alinea zonder problemen.\n\n"
                                                             "Indien u vragen heeft, bel ons.\n");
  const std::filesystem::path docx = run.dir.path() / "brief.docx";
  const std::string command = "pandoc '" + md.string() + "' -o '" + docx.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  const FileReport document = run.check(test::read_file(docx), "brief.docx");
  REQUIRE_FALSE(document.error);
  REQUIRE_FALSE(document.origins.empty());
  const Finding& indien = finding_on(document, "Indien");
  const json doc = json::parse(report("sarif", run.info(), {document}));
  bool seen = false;
  for (const json& result : doc["runs"][0]["results"])
    if (result["partialFingerprints"]["helder/v1"] == indien.id) {
      seen = true;
      CHECK(result["properties"]["document"]["paragraph"] == 2);
      CHECK(result["properties"]["document"]["offset"] == 0);
    }
  CHECK(seen);
}

TEST_CASE("JUnit XML: a suite per file, a test case per finding and per silent rule", "[report]") {
  Run run;
  const FileReport letters = run.check(text_with_letters, "brief & bijlage.txt");
  const FileReport failed = failed_file(run);
  FileReport odd = run.check(text_with_letters, "vreemd.txt");
  REQUIRE(!odd.findings.empty());
  odd.findings[0].message = "Teken \x01 mag niet in XML <en> \"dit\" ook niet & zo.";
  const RunInfo info = run.info();
  std::size_t running = 0;
  for (const RuleDescription& rule : info.rules) running += rule.problem.empty();

  const std::string xml = report("junit", info, {letters, failed, odd});
  CHECK(xml.find("&#1;") == std::string::npos);  // XML 1.0 forbids it even as a reference
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_string(xml.c_str());
  INFO(xml);
  REQUIRE(parsed);
  const pugi::xml_node root = doc.child("testsuites");
  CHECK(std::string(root.attribute("name").value()) == "helder");
  std::vector<pugi::xml_node> suites;
  for (pugi::xml_node s : root.children("testsuite")) suites.push_back(s);
  REQUIRE(suites.size() == 3);

  // The letter: every finding fails its own test case; the other rules pass.
  const pugi::xml_node suite = suites[0];
  CHECK(std::string(suite.attribute("name").value()) == "brief & bijlage.txt");
  std::set<std::string> found_rules;
  for (const Finding& f : letters.findings) found_rules.insert(f.rule_id);
  std::size_t silent = 0;
  for (const RuleDescription& rule : info.rules)
    silent += rule.problem.empty() && !found_rules.contains(rule.config.id);
  CHECK(suite.attribute("tests").as_ullong() == letters.findings.size() + silent);
  CHECK(suite.attribute("failures").as_ullong() == letters.findings.size());
  CHECK(suite.attribute("errors").as_ullong() == 0);
  std::size_t cases = 0, failures = 0;
  for (pugi::xml_node test : suite.children("testcase")) {
    ++cases;
    CHECK(std::string(test.attribute("classname").value()) == "brief & bijlage.txt");
    const std::size_t here = std::distance(test.children("failure").begin(), test.children("failure").end());
    CHECK(here <= 1);
    failures += here;
  }
  CHECK(cases == letters.findings.size() + silent);
  CHECK(failures == letters.findings.size());
  CHECK(silent < running);
  const pugi::xml_node first = suite.child("testcase");
  CHECK(std::string(first.attribute("name").value()) == letters.findings[0].rule_id + " (1:19)");
  CHECK(std::string(first.child("failure").attribute("message").value()) == letters.findings[0].message);
  CHECK(std::string(first.child("failure").attribute("type").value()) == "warning");
  CHECK(std::string(first.child("failure").text().get()) ==
        "brief & bijlage.txt:1:19: " + letters.findings[0].message + "\n  \"indien\"");

  // The file that could not be read.
  const pugi::xml_node error_suite = suites[1];
  CHECK(error_suite.attribute("errors").as_int() == 1);
  CHECK(error_suite.attribute("tests").as_int() == 1);
  CHECK(std::string(error_suite.child("testcase").attribute("name").value()) == "bestand lezen");
  CHECK(std::string(error_suite.child("testcase").child("error").attribute("message").value()) == *failed.error);

  // Markup and a control character in a message.
  CHECK(std::string(suites[2].child("testcase").child("failure").attribute("message").value()) ==
        "Teken \xEF\xBF\xBD mag niet in XML <en> \"dit\" ook niet & zo.");
}

TEST_CASE("checkstyle XML: a file element per file, an error per finding", "[report]") {
  Run run;
  const FileReport letters = run.check(text_with_letters, "brief.txt");
  const FileReport clean = run.check("Dit is een korte zin.\n", "kort.txt");
  const FileReport failed = failed_file(run);
  REQUIRE(clean.findings.empty());
  const std::string xml = report("checkstyle", run.info(), {letters, clean, failed});
  CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">"));
  pugi::xml_document doc;
  INFO(xml);
  REQUIRE(doc.load_string(xml.c_str()));
  std::vector<pugi::xml_node> files;
  for (pugi::xml_node f : doc.child("checkstyle").children("file")) files.push_back(f);
  REQUIRE(files.size() == 3);
  CHECK(std::string(files[0].attribute("name").value()) == "brief.txt");
  std::vector<pugi::xml_node> errors;
  for (pugi::xml_node e : files[0].children("error")) errors.push_back(e);
  REQUIRE(errors.size() == letters.findings.size());
  CHECK(errors[0].attribute("line").as_int() == 1);
  CHECK(errors[0].attribute("column").as_int() == 19);
  CHECK(std::string(errors[0].attribute("severity").value()) == "warning");
  CHECK(std::string(errors[0].attribute("message").value()) == letters.findings[0].message);
  CHECK(std::string(errors[0].attribute("source").value()) == "helder." + letters.findings[0].rule_id);
  CHECK(files[1].child("error").empty());
  CHECK(std::string(files[2].child("error").attribute("severity").value()) == "error");
  CHECK(std::string(files[2].child("error").attribute("message").value()) == *failed.error);
}

TEST_CASE("GitHub workflow commands: one escaped line per finding", "[report]") {
  Run run;
  const FileReport letters = run.check(text_with_letters, "brief.txt");
  FileReport odd = run.check(text_with_letters, "a,b:c.txt");
  FileReport long_sentence = run.check(two_line_sentence, "lang.txt");
  // Only the finding over two lines (the sentence also has a tangle: "hebben ... ontvangen").
  std::erase_if(long_sentence.findings, [](const auto& f) { return f.rule_id != "rijksoverheid.sentence-length"; });
  const FileReport failed = failed_file(run);
  REQUIRE(letters.findings.size() == 3);
  REQUIRE(long_sentence.findings.size() == 1);
  odd.findings.resize(1);
  odd.findings[0].message = "Regel één\nRegel twee: 50%, of meer.";
  odd.findings[0].severity = Severity::Hint;

  const std::vector<std::string> lines =
      lines_of(report("github", run.info(), {letters, odd, long_sentence, failed}));
  const std::vector<std::string> expected = {
      "::warning file=brief.txt,line=1,col=19,endLine=1,endColumn=25,title=rijksoverheid.officialese::" +
          letters.findings[0].message,
      "::warning file=brief.txt,line=1,col=46,endLine=1,endColumn=57,title=rijksoverheid.officialese::" +
          letters.findings[1].message,
      "::warning file=brief.txt,line=1,col=66,endLine=1,endColumn=71,title=rijksoverheid.officialese::" +
          letters.findings[2].message,
      "::notice file=a%2Cb%3Ac.txt,line=1,col=19,endLine=1,endColumn=25,title=rijksoverheid.officialese::"
      "Regel één%0ARegel twee: 50%25, of meer.",
      // Over two lines: GitHub takes no columns then.
      "::warning file=lang.txt,line=1,endLine=2,title=rijksoverheid.sentence-length::" +
          long_sentence.findings[0].message,
      "::error file=kapot.txt::" + *failed.error,
  };
  CHECK(lines == expected);
}

TEST_CASE("JSON Lines: every finding and every file on a line of its own, with every key", "[report]") {
  Run run;
  const FileReport letters = run.check(text_with_letters, "brief.txt");
  const FileReport failed = failed_file(run);
  const FileReport clean = run.check("Dit is een korte zin.\n", "kort.txt");
  const std::vector<FileReport> reports = {letters, failed, clean};
  const std::vector<std::string> lines = lines_of(report("jsonl", run.info(), reports));
  REQUIRE(lines.size() == letters.findings.size() + 3);
  std::vector<json> parsed;
  for (const std::string& line : lines) parsed.push_back(json::parse(line));

  // The keys are those of `--format json`: the same reports written as one JSON document.
  std::ostringstream whole;
  write_json(whole, reports);
  const json files = json::parse(whole.str())["files"];
  REQUIRE(files.size() == reports.size());
  std::size_t line = 0;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const json& file = files[i];
    for (const json& finding : file["findings"]) {
      json got = parsed.at(line++);
      CHECK(got["type"] == "finding");
      CHECK(got["file"] == file["file"]);
      got.erase("type");
      got.erase("file");
      CHECK(got == finding);
    }
    json got = parsed.at(line++);
    CHECK(got["type"] == "file");
    CHECK(got["findings"] == file["findings"].size());
    // What `helder merge` needs besides: the checked text and where it came from.
    CHECK(got["source"] == reports[i].source);
    CHECK(got["bom_bytes"] == reports[i].bom_bytes);
    CHECK(got["origins"].size() == reports[i].origins.size());
    CHECK(got["paragraphs"].size() == reports[i].paragraphs.size());
    for (const char* key : {"type", "findings", "source", "bom_bytes", "origins", "paragraphs"}) got.erase(key);
    json expected = file;
    expected.erase("findings");
    CHECK(got == expected);
  }
  CHECK(line == parsed.size());
  CHECK(parsed[letters.findings.size() + 1]["error"] == *failed.error);
  CHECK(parsed[0]["range"]["start"] == json{{"line", 1}, {"column", 19}});
  CHECK(parsed[letters.findings.size()]["paragraphs"].size() == 1);
}

TEST_CASE("the reports stream: a file is written before the next one arrives", "[report]") {
  Run run;
  const FileReport letters = run.check(text_with_letters, "brief.txt");
  for (std::string_view format : {"sarif", "junit", "github", "checkstyle", "jsonl"}) {
    INFO(format);
    std::ostringstream out;
    std::unique_ptr<Reporter> reporter = make_reporter(format, out);
    reporter->begin(run.info());
    reporter->file(letters);
    // The message of the first finding is out before end(): nothing waits for the last file.
    CHECK(out.str().find("ambtenarentaal") != std::string::npos);
    reporter->end();
  }
}

TEST_CASE("SARIF: a rule that could not run is a configuration notification, a switched-off rule is not",
          "[report]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  for (RuleConfig& rule : config.rules) {
    if (rule.id == "rijksoverheid.sentence-length") rule.kind = "ontbreekt.sentence-length";
    if (rule.id == "rijksoverheid.passive-voice") rule.enabled = false;
  }
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.size() == 1);
  const RunInfo info{engine.describe_rules(), false, false};
  // Windows line ends: "\r\n" counts as two characters before "Indien".
  const FileReport crlf = check_bytes("Goede dag.\r\nIndien u wilt.\r\n", "crlf.txt", "crlf.txt", engine);
  const Finding& indien = finding_on(crlf, "Indien");

  const json doc = json::parse(report("sarif", info, {crlf}));
  const json& r = doc["runs"][0];
  std::map<std::string, bool> enabled;
  for (const json& rule : r["tool"]["driver"]["rules"])
    enabled[rule["id"]] = rule["defaultConfiguration"]["enabled"];
  CHECK(enabled.at("rijksoverheid.sentence-length") == false);
  CHECK(enabled.at("rijksoverheid.passive-voice") == false);
  CHECK(enabled.at("rijksoverheid.officialese") == true);
  const json& notes = r["invocations"][0]["toolConfigurationNotifications"];
  REQUIRE(notes.size() == 1);
  CHECK(notes[0]["associatedRule"]["id"] == "rijksoverheid.sentence-length");
  CHECK(r["tool"]["driver"]["rules"][notes[0]["associatedRule"]["index"].get<std::size_t>()]["id"] ==
        "rijksoverheid.sentence-length");
  CHECK_THAT(notes[0]["message"]["text"].get<std::string>(), Catch::Contains("werkt niet"));

  bool seen = false;
  for (const json& result : r["results"])
    if (result["partialFingerprints"]["helder/v1"] == indien.id) {
      seen = true;
      const json& region = result["locations"][0]["physicalLocation"]["region"];
      CHECK(region["startLine"] == 2);
      CHECK(region["startColumn"] == 1);
      CHECK(region["charOffset"] == 12);
    }
  CHECK(seen);

  // JUnit: only the rules that ran get a test case.
  pugi::xml_document junit;
  const std::string xml = report("junit", info, {crlf});
  REQUIRE(junit.load_string(xml.c_str()));
  for (pugi::xml_node test : junit.child("testsuites").child("testsuite").children("testcase")) {
    const std::string name = test.attribute("name").value();
    CHECK_FALSE(name.starts_with("rijksoverheid.sentence-length"));
    CHECK_FALSE(name.starts_with("rijksoverheid.passive-voice"));
  }
}
