// The HTML report (make_reporter("html")): escaping, findings that overlap, files that could not be read,
// multibyte text, and a real run over the letters. The page in a real browser: tests/reports/.
#include "test_support.hpp"

#include <helder/check.hpp>
#include <helder/report.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>

using namespace helder;
namespace fs = std::filesystem;

namespace {

std::string render(const RunInfo& run, const std::vector<FileReport>& reports) {
  std::ostringstream out;
  const std::unique_ptr<Reporter> reporter = make_reporter("html", out);
  REQUIRE(reporter);
  reporter->begin(run);
  for (const FileReport& r : reports) reporter->file(r);
  reporter->end();
  return out.str();
}

std::string unescape(std::string s) {
  static const std::pair<std::string_view, std::string_view> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto* e = std::find_if(std::begin(entities), std::end(entities),
                                 [&](const auto& p) { return s.compare(i, p.first.size(), p.first) == 0; });
    if (e == std::end(entities)) {
      out += s[i++];
    } else {
      out += e->second;
      i += e->first.size();
    }
  }
  return out;
}

// A highlighted piece of text: the panel it links to, the findings covering it, its text.
struct Segment {
  std::string link;
  std::vector<std::string> findings;
  std::string text;
};

std::vector<Segment> segments(const std::string& html) {
  static const std::regex mark(
      R"re(<a class="markering" href="#([^"]+)"><mark class="[^"]*" data-findings="([^"]*)">([^<]*)</mark></a>)re");
  std::vector<Segment> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), mark); it != std::sregex_iterator(); ++it) {
    Segment s{(*it)[1], {}, unescape((*it)[3])};
    std::istringstream ids(unescape((*it)[2]));
    for (std::string id; ids >> id;) s.findings.push_back(id);
    out.push_back(std::move(s));
  }
  return out;
}

// The text of a finding's highlight segments, joined.
std::string highlighted(const std::vector<Segment>& all, const std::string& id) {
  std::string text;
  for (const Segment& s : all)
    if (std::find(s.findings.begin(), s.findings.end(), id) != s.findings.end()) text += s.text;
  return text;
}

// The section of the n-th document (1-based): finding ids are unique within a document only.
std::string document_section(const std::string& html, std::size_t n) {
  const std::size_t start = html.find("<section class=\"document\" id=\"d" + std::to_string(n) + "\"");
  if (start == std::string::npos) return {};
  return html.substr(start, html.find("</section>", start) - start);
}

// The panel (list item) with this HTML id.
std::string panel(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return {};
  const std::size_t start = html.rfind("<li", at);
  return html.substr(start, html.find("</li>", at) - start);
}

Finding finding(std::string id, std::uint32_t start, std::uint32_t end, std::string message,
                Severity severity = Severity::Warning) {
  Finding f;
  f.rule_id = "test.rule";
  f.severity = severity;
  f.start = start;
  f.end = end;
  f.message = std::move(message);
  f.id = std::move(id);
  return f;
}

std::uint32_t offset_of(const std::string& text, std::string_view part) {
  const std::size_t at = text.find(part);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(at);
}

const Engine& letters_engine() {
  static test::TempDir dir;
  static const Config config = test::config_from("", dir.path());
  static std::vector<std::string> messages;
  static const Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  return engine;
}

}  // namespace

TEST_CASE("html report: text, paths, messages and rule texts never become markup", "[html-report]") {
  FileReport r;
  r.path = "map/<b>\"brief\" & 'x'\xff.txt";
  r.source = "Zie <script>alert(\"x\")</script> & 'dit'.\n";
  Finding f = finding("abc\"><script>-0", offset_of(r.source, "<script>"), offset_of(r.source, "alert"),
                      "Let op: <img src=x onerror=alert(1)> & \"meer\"");
  f.rule_id = "test.<rule>";
  f.fixes.push_back({f.start, f.end, "</mark><script>", false});
  r.findings.push_back(f);
  RunInfo run;
  RuleDescription rule;
  rule.config.id = "test.<rule>";
  rule.config.summary = "Gebruik geen <em>HTML</em>";
  run.rules.push_back(rule);

  const std::string html = render(run, {r});
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  CHECK(lower.find("<script") == std::string::npos);
  CHECK(lower.find("<img") == std::string::npos);
  CHECK(lower.find("<em>") == std::string::npos);
  CHECK(html.find("<b>\"brief") == std::string::npos);
  CHECK(html.find("\">&lt;script&gt;</mark></a>alert(&quot;") != std::string::npos);
  CHECK(html.find("alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;dit&#39;.") != std::string::npos);
  CHECK(html.find("map/&lt;b&gt;&quot;brief&quot; &amp; &#39;x&#39;\xEF\xBF\xBD.txt") != std::string::npos);
  CHECK(html.find("\xff") == std::string::npos);  // not UTF-8: replaced, never copied
  CHECK(html.find("Let op: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;meer&quot;") != std::string::npos);
  CHECK(html.find("Gebruik geen &lt;em&gt;HTML&lt;/em&gt;") != std::string::npos);
  CHECK(html.find("<ins>&lt;/mark&gt;&lt;script&gt;</ins>") != std::string::npos);
  CHECK(html.find("<html lang=\"nl\">") != std::string::npos);
  // The finding id itself is escaped in the attribute and still finds its words.
  CHECK(highlighted(segments(html), "abc\"><script>-0") == "<script>");
}

TEST_CASE("html report: overlapping and nested findings are cut into segments", "[html-report]") {
  FileReport r;
  r.path = "brief.txt";
  r.source = "De aanvraag wordt door ons indien nodig beoordeeld.\n";
  const std::string& s = r.source;
  const std::uint32_t sentence_end = offset_of(s, "\n");
  r.findings = {
      finding("zin-0", 0, sentence_end, "De hele zin"),
      finding("leeg-0", 3, 3, "Hier ontbreekt iets", Severity::Info),
      finding("passief-0", offset_of(s, "wordt"), offset_of(s, " indien"), "Lijdende vorm"),
      finding("ons-indien-0", offset_of(s, "ons"), offset_of(s, " beoordeeld"), "Ons indien nodig", Severity::Error),
      finding("indien-0", offset_of(s, "indien"), offset_of(s, " nodig"), "Schrijf als", Severity::Hint),
  };
  const std::string html = render(RunInfo{}, {r});
  const std::vector<Segment> all = segments(html);

  for (const Finding& f : r.findings) {
    INFO(f.id);
    CHECK(highlighted(all, f.id) == s.substr(f.start, f.end - f.start));
  }
  // "ons" lies under three findings, "indien" under three others; segments never repeat text.
  std::string joined;
  for (const Segment& seg : all) joined += seg.text;
  CHECK(joined == s.substr(0, sentence_end));
  const auto on = [&](std::string_view text) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const Segment& seg) { return seg.text == text; });
    REQUIRE(it != all.end());
    std::vector<std::string> ids = it->findings;
    std::sort(ids.begin(), ids.end());
    return std::make_pair(ids, it->link);
  };
  const auto [ons_ids, ons_link] = on("ons");
  CHECK(ons_ids == std::vector<std::string>{"ons-indien-0", "passief-0", "zin-0"});
  const auto [indien_ids, indien_link] = on("indien");
  CHECK(indien_ids == std::vector<std::string>{"indien-0", "ons-indien-0", "zin-0"});
  // A click goes to the innermost finding's panel, which links to the others on the same words.
  const std::string indien_panel = panel(html, indien_link);
  CHECK(indien_panel.find("Schrijf als") != std::string::npos);
  CHECK(indien_panel.find("Ons indien nodig") != std::string::npos);
  CHECK(indien_panel.find("De hele zin") != std::string::npos);
  CHECK(panel(html, ons_link).find("<p class=\"bericht\">Ons indien nodig") != std::string::npos);
  // The finding without words gets a sign that links to its panel, and the panel exists.
  const std::size_t pin = html.find("<a class=\"punt\"");
  REQUIRE(pin != std::string::npos);
  const std::size_t href = html.find("href=\"#", pin) + 7;
  CHECK(panel(html, html.substr(href, html.find('"', href) - href)).find("Hier ontbreekt iets") != std::string::npos);
  // Every panel links back to an anchor in the text.
  for (std::size_t n = 1; n <= r.findings.size(); ++n)
    CHECK(html.find("id=\"d1-f" + std::to_string(n) + "-t\"") != std::string::npos);
}

TEST_CASE("html report: a file that could not be read shows its Dutch error, and files stream", "[html-report]") {
  const Engine& engine = letters_engine();
  const FileReport broken = check_bytes(std::string("\x7f" "ELF\0\0\0\x01\x02", 9), "kapot.txt", "kapot.txt", engine);
  REQUIRE(broken.error);
  const FileReport good = check_bytes("Indien u vragen heeft, kunt u ons bellen.\n", "goed.txt", "goed.txt", engine);
  REQUIRE_FALSE(good.error);
  REQUIRE_FALSE(good.findings.empty());

  std::ostringstream out;
  const std::unique_ptr<Reporter> reporter = make_reporter("html", out);
  RunInfo run;
  run.rules = engine.describe_rules();
  reporter->begin(run);
  reporter->file(broken);
  // Each file is written when it arrives: its section is there before the next file or the end.
  CHECK(out.str().find("kapot.txt</h2>") != std::string::npos);
  reporter->file(good);
  CHECK(out.str().find("goed.txt</h2>") != std::string::npos);
  CHECK(out.str().find("</html>") == std::string::npos);
  reporter->end();
  const std::string html = out.str();

  std::string error_html;
  for (char c : *broken.error) error_html += c == '\'' ? "&#39;" : c == '"' ? "&quot;" : std::string(1, c);
  // In the file's own section, and again in the list at the end.
  const std::size_t first = html.find(error_html);
  REQUIRE(first != std::string::npos);
  CHECK(html.find("Dit bestand is niet gecontroleerd.") < first);
  const std::size_t list = html.find("<h3>Niet gecontroleerd</h3>");
  REQUIRE(list != std::string::npos);
  CHECK(html.find(error_html, list) != std::string::npos);
  CHECK(html.find("helder heeft 2 bestanden gecontroleerd.") != std::string::npos);
  // The rule that found "Indien" is in the totals table with its count.
  CHECK(html.find("<code>rijksoverheid.officialese</code></th>") != std::string::npos);
  // Its panel says why, from the rule's summary and its Dutch page.
  CHECK(html.find("Ambtelijke woorden maken een brief stijf en moeilijk.") != std::string::npos);
  // The fix is shown in its sentence.
  CHECK(html.find("<del>Indien</del> <ins>Als</ins> u vragen heeft, kunt u ons bellen.") != std::string::npos);
}

TEST_CASE("html report: multibyte text is never cut inside a character", "[html-report]") {
  SECTION("offsets inside a character are moved to its start") {
    FileReport r;
    r.path = "één.txt";
    r.source = "Één café „hier”.\n";
    // Byte 1 lies inside "É", byte 9 inside the second "é".
    r.findings = {finding("binnen-0", 1, 9, "Midden in een teken")};
    const std::string html = render(RunInfo{}, {r});
    CHECK(highlighted(segments(html), "binnen-0") == "Één caf");
    CHECK(html.find("<h2 id=\"d1-kop\">één.txt</h2>") != std::string::npos);
  }
  SECTION("a real check of Dutch text with accents and curly quotes") {
    const Engine& engine = letters_engine();
    const FileReport r = check_bytes(
        "Indien u één „café” bezoekt, wordt uw aanvraag middels het formulier beoordeeld. Wij verzoeken u "
        "vriendelijk doch dringend om de betaling vóór 1 mei te voldoen.\n",
        "café.txt", "café.txt", engine);
    REQUIRE(r.findings.size() >= 3);
    const std::string html = render(RunInfo{}, {r});
    const std::vector<Segment> all = segments(html);
    for (const Finding& f : r.findings) {
      INFO(f.rule_id << ": " << r.source.substr(f.start, f.end - f.start));
      CHECK(highlighted(all, f.id) == r.source.substr(f.start, f.end - f.start));
    }
  }
}

TEST_CASE("html report: the letters, every finding highlighted, the reading level per paragraph", "[html-report]") {
  const Engine& engine = letters_engine();
  std::vector<FileReport> reports;
  for (const char* name : {"kamerbrief-2023-03-31-reflectie-verkiezingsuitslag.txt",
                           "sg-brief-2024-01-12-aan-informateur.md"}) {
    const fs::path file = fs::path(HELDER_SHARED_DIR) / "corpus" / "letters" / name;
    reports.push_back(check_bytes(test::read_file(file), file.string(), file, engine));
    REQUIRE_FALSE(reports.back().findings.empty());
  }
  RunInfo run;
  run.rules = engine.describe_rules();
  const std::string html = render(run, reports);

  std::map<std::string, std::size_t> per_rule;
  for (std::size_t d = 0; d < reports.size(); ++d) {
    const FileReport& r = reports[d];
    const std::vector<Segment> all = segments(document_section(html, d + 1));
    REQUIRE_FALSE(all.empty());
    for (const Finding& f : r.findings) {
      INFO(f.rule_id << " " << f.id);
      CHECK(highlighted(all, f.id) == r.source.substr(f.start, f.end - f.start));
      ++per_rule[f.rule_id];
    }
    // One bar per paragraph with sentences, each linking to an anchor in the text.
    const std::string doc = "d" + std::to_string(d + 1);
    std::size_t bars = 0;
    for (std::size_t i = 0; i < r.paragraphs.size(); ++i) {
      if (!r.paragraphs[i].readability.sentences) continue;
      ++bars;
      const std::string anchor = doc + "-a" + std::to_string(i + 1);
      CHECK(html.find("<a href=\"#" + anchor + "\"><rect") != std::string::npos);
      CHECK(html.find("<span id=\"" + anchor + "\"></span>") != std::string::npos);
    }
    CHECK(bars > 10);
  }
  // The B1 line lies at Flesch-Douma 60 (a 120-high chart: y = 60).
  CHECK(html.find("y1=\"60\" y2=\"60\"") != std::string::npos);
  // The totals per rule.
  for (const auto& [rule, n] : per_rule) {
    INFO(rule);
    const std::size_t row = html.find("<tr><th scope=\"row\"><code>" + rule + "</code></th>");
    REQUIRE(row != std::string::npos);
    const std::string tr = html.substr(row, html.find("</tr>", row) - row);
    CHECK(tr.find("<td class=\"getal\">" + std::to_string(n) + "</td>") != std::string::npos);
  }
  // Self-contained: nothing is loaded from elsewhere.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
}

TEST_CASE("html report: a long document in paragraphs, a finding across paragraphs", "[html-report]") {
  FileReport r;
  r.path = "lang.txt";
  constexpr std::size_t kParagraphs = 3000;
  for (std::size_t i = 0; i < kParagraphs; ++i) {
    const auto start = static_cast<std::uint32_t>(r.source.size());
    r.source += "Alinea " + std::to_string(i + 1) + ": indien u wilt, kunt u ons bellen.\n\n";
    const std::uint32_t word = start + offset_of(r.source.substr(start), "indien");
    r.findings.push_back(finding("indien-" + std::to_string(i), word, word + 6, "Schrijf als"));
    FileReport::ParagraphScore score;
    score.start = start;
    score.end = static_cast<std::uint32_t>(r.source.size()) - 2;
    score.readability = readability(1, 9, 8, 12 + static_cast<std::uint32_t>(i % 7));
    r.paragraphs.push_back(score);
  }
  // From the middle of paragraph 10 to the middle of paragraph 12: highlighted in three blocks.
  const std::uint32_t from = r.paragraphs[9].start + 3, to = r.paragraphs[11].start + 12;
  r.findings.push_back(finding("over-alineas-0", from, to, "Over drie alinea's"));
  std::sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });

  const std::string html = render(RunInfo{}, {r});
  const std::vector<Segment> all = segments(html);
  for (const Finding& f : r.findings) {
    INFO(f.id);
    REQUIRE(highlighted(all, f.id) == r.source.substr(f.start, f.end - f.start));
  }
  // Each paragraph is its own block with its first line number, and each has its bar in the chart.
  CHECK(html.find("id=\"d1-b3000\" data-regel=\"5999\"") != std::string::npos);
  CHECK(html.find("<a href=\"#d1-a3000\"><rect") != std::string::npos);
  std::size_t spread = 0;  // segments of the finding across paragraphs
  for (const Segment& s : all)
    spread += std::find(s.findings.begin(), s.findings.end(), "over-alineas-0") != s.findings.end();
  CHECK(spread >= 5);  // split at two block starts and at the findings inside
}
