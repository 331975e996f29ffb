// One letter, three formats: the sg-brief letter as Markdown, as Word (pandoc) and as HTML (pandoc) gives the
// same findings (same rules, same words, same messages), apart from positions. And format detection by content.
#include "test_support.hpp"

#include <helder/check.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

using namespace helder;
namespace fs = std::filesystem;

namespace {

// (rule, message) -> how often: what a writer reads, without positions.
std::map<std::pair<std::string, std::string>, int> what_was_found(const FileReport& report) {
  std::map<std::pair<std::string, std::string>, int> out;
  for (const Finding& f : report.findings) ++out[{f.rule_id, f.message}];
  return out;
}

std::string differences(const std::map<std::pair<std::string, std::string>, int>& a,
                        const std::map<std::pair<std::string, std::string>, int>& b) {
  std::string out;
  for (const auto& [key, n] : a)
    if (auto it = b.find(key); it == b.end() || it->second != n)
      out += "only in the first (" + std::to_string(n) + "x): " + key.first + ": " + key.second + "\n";
  for (const auto& [key, n] : b)
    if (auto it = a.find(key); it == a.end() || it->second != n)
      out += "only in the second (" + std::to_string(n) + "x): " + key.first + ": " + key.second + "\n";
  return out;
}

// The default rules, as `helder check` runs them without a project file.
Engine& default_engine() {
  static std::vector<std::string> messages;
  static Engine engine(
      [] {
        test::TempDir dir;
        return test::config_from("", dir.path());
      }(),
      test::language_services(), test::builtin_plugins(), messages);
  return engine;
}

}  // namespace

TEST_CASE("the sg-brief letter as Markdown, Word and HTML: the same findings apart from positions", "[documents]") {
  const fs::path letter = fs::path(HELDER_SHARED_DIR) / "corpus/letters/sg-brief-2024-01-12-aan-informateur.md";
  test::TempDir dir;
  // The letter marks its footnote numbers as <sup>1</sup>, raw HTML that pandoc's Word writer drops; written in
  // pandoc's own superscript (^1^), Word gets a raised run and HTML a <sup>, as a writer's letter would have.
  std::string for_pandoc;
  const std::string original = test::read_file(letter);
  for (std::size_t at = 0; at < original.size();) {
    if (original.compare(at, 5, "<sup>") == 0 || original.compare(at, 6, "</sup>") == 0) {
      for_pandoc += '^';
      at += original[at + 1] == '/' ? 6 : 5;
    } else {
      for_pandoc += original[at++];
    }
  }
  const fs::path pandoc_input = dir.write("brief-pandoc.md", for_pandoc);
  // pandoc, the real producer; "-smart" keeps the quotes and dashes of the letter as they are.
  for (const char* to : {"docx", "html"}) {
    const std::string command = "pandoc -f markdown-smart -s --metadata pagetitle=brief -t " + std::string(to) + " -o '" +
                                (dir.path() / ("brief." + std::string(to))).string() + "' '" + pandoc_input.string() +
                                "'";
    REQUIRE(std::system(command.c_str()) == 0);
  }
  const Engine& engine = default_engine();
  const FileReport markdown = check_bytes(test::read_file(letter), "brief.md", "brief.md", engine);
  const FileReport word = check_bytes(test::read_file(dir.path() / "brief.docx"), "brief.docx", "brief.docx", engine);
  const FileReport html = check_bytes(test::read_file(dir.path() / "brief.html"), "brief.html", "brief.html", engine);
  REQUIRE_FALSE(markdown.error);
  REQUIRE_FALSE(word.error);
  REQUIRE_FALSE(html.error);
  CHECK(word.format == Format::Docx);
  CHECK(html.format == Format::Html);
  REQUIRE(markdown.findings.size() > 50);
  INFO(differences(what_was_found(markdown), what_was_found(word)));
  CHECK(what_was_found(markdown) == what_was_found(word));
  INFO(differences(what_was_found(markdown), what_was_found(html)));
  CHECK(what_was_found(markdown) == what_was_found(html));
  // Word findings know their paragraph; HTML findings point into the HTML source.
  for (const Finding& f : word.findings) CHECK(document_position(word, f.start).has_value());
  for (const Finding& f : html.findings)
    if (f.rule_id == "rijksoverheid.officialese") CHECK(html.source.substr(f.start, f.end - f.start).find('<') == std::string::npos);
}

TEST_CASE("the format is found by content, and by extension when the content does not tell", "[documents]") {
  CHECK(detect_format("%PDF-1.7\n...", "brief.txt") == Format::Pdf);
  CHECK(detect_format("<!DOCTYPE html><html><body><p>Hallo</p></body></html>", "brief.txt") == Format::Html);
  CHECK(detect_format("  <html lang=\"nl\">", "-") == Format::Html);
  CHECK(detect_format("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "x") == Format::Html);
  CHECK(detect_format("Geachte heer,", "brief.md") == Format::Markdown);
  CHECK(detect_format("Geachte heer,", "brief") == Format::PlainText);
  CHECK(detect_format("Geachte heer,", "brief.html") == Format::Html);
  std::string zip = "PK\x03\x04";
  zip += std::string(26, '\0') + "word/document.xml";
  CHECK(detect_format(zip, "brief.bin") == Format::Docx);
  std::string odt = "PK\x03\x04" + std::string(26, '\0') + "mimetypeapplication/vnd.oasis.opendocument.text";
  CHECK(detect_format(odt, "brief.zip") == Format::Odt);
  // --stdin-name gives the type of standard input.
  test::TempDir dir;
  const auto r = test::run_helder({"check", "--stdin-name", "pagina.html", "--format", "json", "-"},
                                  "<p>Indien u vragen heeft, bel ons.</p>");
  CHECK(r.out.find("\"format\":\"html\"") != std::string::npos);
  CHECK(r.out.find("\"text\":\"Indien\"") != std::string::npos);
}

TEST_CASE("bad documents in a run: a clear Dutch error each, exit 2, and every other file still checked",
          "[documents][cli]") {
  test::TempDir dir;
  dir.write("a-goed.txt", "Indien u vragen heeft, kunt u ons bellen.\n");
  dir.write("kapot.docx", std::string("PK\x03\x04", 4) + "dit is geen zip meer");
  dir.write("kapot.pdf", "%PDF-1.7\nhier houdt het op");
  dir.write("scan.pdf.txt", "page\nimage 40 40 515 760\n");
  dir.write("tekst.pdf.txt", "page\ntext 72 100 11 Indien u wilt, kunt u bellen.\n");
  const auto make_pdf = [&](const std::string& description, const std::string& out) {
    const std::string command = std::string("'") + HELDER_MAKE_TEST_PDF + "' '" + (dir.path() / description).string() +
                                "' '" + (dir.path() / out).string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    fs::remove(dir.path() / description);
  };
  make_pdf("scan.pdf.txt", "scan.pdf");
  make_pdf("tekst.pdf.txt", "tekst.pdf");
  REQUIRE(std::system(("cd '" + dir.path().string() +
                       "' && qpdf --encrypt geheim eigenaar 256 -- tekst.pdf beveiligd.pdf && rm tekst.pdf")
                          .c_str()) == 0);
  dir.write("leeg.md", "");
  REQUIRE(std::system(("cd '" + dir.path().string() + "' && pandoc -f markdown -t docx -o leeg.docx leeg.md && rm leeg.md")
                          .c_str()) == 0);

  const auto r = test::run_helder({"check", ".", "--format", "json"}, "", dir.path());
  CHECK(r.exit_code == 2);
  const auto json = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> errors;
  std::size_t good_findings = 0;
  for (const auto& f : json["files"]) {
    const std::string name = fs::path(f["file"].get<std::string>()).filename().string();
    if (f["error"].is_string()) errors[name] = f["error"].get<std::string>();
    if (name == "a-goed.txt") good_findings = f["findings"].size();
  }
  CHECK(good_findings >= 1);  // the good letter is checked as always
  CHECK_THAT(errors["kapot.docx"], Catch::Contains("Word") && Catch::Contains("beschadigd"));
  CHECK_THAT(errors["kapot.pdf"], Catch::Contains("beschadigd"));
  CHECK_THAT(errors["beveiligd.pdf"], Catch::Contains("wachtwoord"));
  CHECK_THAT(errors["scan.pdf"], Catch::Contains("scan"));
  CHECK_THAT(errors["leeg.docx"], Catch::Contains("geen tekst"));
  CHECK(errors.size() == 5);
  // In text, each error is on standard error with the file's name.
  const auto text = test::run_helder({"check", "."}, "", dir.path());
  CHECK(text.err.find("kapot.docx: fout: ") != std::string::npos);
  CHECK(text.out.find("a-goed.txt:1:1: warning:") != std::string::npos);
}
