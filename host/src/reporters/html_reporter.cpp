// The HTML report: one self-contained page (no script, no external files) with every checked text, its
// findings highlighted, a panel per finding, the reading level per paragraph and the totals per rule.
#include "reporters.hpp"

#include <helder/version.hpp>

#include <fmt/format.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <map>

namespace helder {

namespace {

// Files that could not be checked are listed again at the end, up to this many: the list must not grow
// with the size of the run.
constexpr std::size_t kFailedListed = 100;
// Characters of a finding's own text quoted in its panel, and bytes of context on either side of a fix.
constexpr std::size_t kQuoteChars = 300;
constexpr std::uint32_t kContextBytes = 400;
// Links from a panel to the other findings on the same words.
constexpr std::size_t kOverlapLinks = 20;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The offset moved back to the first byte of the character it falls in (and into the text).
std::uint32_t char_boundary(std::string_view s, std::uint32_t byte) {
  std::size_t b = std::min<std::size_t>(byte, s.size());
  while (b > 0 && b < s.size() && is_continuation(s[b])) --b;
  return static_cast<std::uint32_t>(b);
}

// Appends `text` escaped for HTML text and attribute values: markup characters become entities and bytes
// that are not UTF-8 become U+FFFD, so nothing a user wrote can become markup or break the page.
void append_escaped(std::string& out, std::string_view text) {
  constexpr std::size_t kChunk = std::size_t{1} << 20;  // U8_NEXT counts in int32_t
  while (!text.empty()) {
    std::size_t size = std::min(text.size(), kChunk);
    while (size < text.size() && size > 0 && is_continuation(text[size])) --size;
    if (size == 0) size = std::min(text.size(), kChunk);
    const char* s = text.data();
    const auto length = static_cast<std::int32_t>(size);
    std::int32_t i = 0;
    while (i < length) {
      const char c = s[i];
      if (static_cast<unsigned char>(c) < 0x80) {
        switch (c) {
          case '&': out += "&amp;"; break;
          case '<': out += "&lt;"; break;
          case '>': out += "&gt;"; break;
          case '"': out += "&quot;"; break;
          case '\'': out += "&#39;"; break;
          default: out += c;
        }
        ++i;
        continue;
      }
      const std::int32_t start = i;
      UChar32 code_point = 0;
      U8_NEXT(s, i, length, code_point);
      if (code_point < 0)
        out += "\xEF\xBF\xBD";
      else
        out.append(s + start, static_cast<std::size_t>(i - start));
    }
    text.remove_prefix(size);
  }
}

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

// At most `chars` characters of `text`, with "…" when cut.
std::string shortened(std::string_view text, std::size_t chars) {
  std::size_t i = 0, n = 0;
  while (i < text.size() && n < chars) {
    ++i;
    while (i < text.size() && is_continuation(text[i])) ++i;
    ++n;
  }
  return i < text.size() ? std::string(text.substr(0, i)) + "…" : std::string(text);
}

// Dutch writes a decimal comma.
std::string score_text(double score) {
  std::string s = fmt::format("{:.1f}", score);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "Fout";
    case Severity::Warning: return "Waarschuwing";
    case Severity::Info: return "Tip";
    case Severity::Hint: return "Hint";
  }
  return "";
}

std::string counted(std::size_t n, std::string_view one, std::string_view more) {
  return fmt::format("{} {}", n, n == 1 ? one : more);
}

// "3 waarschuwingen en 1 tip"; empty when there are none.
std::string severity_counts(const Counts& c) {
  std::vector<std::string> parts;
  if (c.errors) parts.push_back(counted(c.errors, "fout", "fouten"));
  if (c.warnings) parts.push_back(counted(c.warnings, "waarschuwing", "waarschuwingen"));
  if (c.infos) parts.push_back(counted(c.infos, "tip", "tips"));
  if (c.hints) parts.push_back(counted(c.hints, "hint", "hints"));
  std::string list;
  for (std::size_t i = 0; i < parts.size(); ++i)
    list += (i == 0 ? "" : i + 1 == parts.size() ? " en " : ", ") + parts[i];
  return list;
}

// The lowest Flesch-Douma score that still counts as B1, taken from the mapping in reading_level.hpp.
double b1_lower_bound() {
  const int b1 = cefr_from_name("B1");
  double score = 100;
  while (score > 0 && cefr_index(score - 1) <= b1) --score;
  return score;
}

// The first paragraph of a Markdown section, as plain text: lines up to the next blank line or heading.
std::string first_paragraph(std::istream& in, const std::string& after_heading) {
  std::string line, paragraph;
  bool in_section = after_heading.empty();
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const bool heading = line.rfind('#', 0) == 0;
    if (!in_section) {
      in_section = heading && line.rfind(after_heading, 0) == 0;
      continue;
    }
    if (heading) {
      if (!paragraph.empty()) break;
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!paragraph.empty()) break;
      continue;
    }
    paragraph += (paragraph.empty() ? "" : " ") + line;
  }
  // Markdown emphasis and code marks mean nothing in plain text.
  std::erase_if(paragraph, [](char c) { return c == '*' || c == '`'; });
  return paragraph;
}

// Why a rule matters, from its Dutch page: the first paragraph under "## Waarom", else the first one.
std::string rule_page_reason(const std::filesystem::path& page) {
  if (page.empty()) return {};
  std::ifstream in(page);
  if (!in) return {};
  std::string reason = first_paragraph(in, "## Waarom");
  if (reason.empty()) {
    in.clear();
    in.seekg(0);
    reason = first_paragraph(in, "");
  }
  return reason;
}

constexpr std::string_view kStyle = R"css(
:root{--tekst:#1b1b1b;--zacht:#555;--rand:#ccc;--accent:#154273;--vlak:#f5f7fa;
--fout:#b00020;--fout-vlak:#ffd9d9;--waarschuwing:#a34a00;--waarschuwing-vlak:#ffe7a3;
--tip:#0b5cad;--tip-vlak:#d7eafd;--hint:#2e6b30;--hint-vlak:#dcf2dd}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:52rem;padding:1rem;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,
"Noto Sans",Arial,sans-serif;color:var(--tekst);background:#fff;overflow-wrap:break-word}
h1,h2,h3{line-height:1.25;color:var(--accent)}
h2,.blok,.citaat{overflow-wrap:anywhere}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.4rem;margin:2.5rem 0 .5rem;padding-top:1rem;border-top:3px solid var(--accent)}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:var(--accent)}
code{font-size:.9em;background:var(--vlak);padding:0 .2em;border-radius:3px}
.inleiding{color:var(--zacht)}
.cijfers{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0;padding:0;list-style:none}
.cijfers li{background:var(--vlak);border:1px solid var(--rand);border-radius:6px;padding:.3rem .6rem}
.cijfers b{display:block;font-size:.8rem;font-weight:normal;color:var(--zacht)}
.oordeel{font-weight:600}
.moeilijk{color:var(--fout)}
.notitie{color:var(--zacht);font-style:italic}
.fout-melding{border-left:4px solid var(--fout);background:var(--fout-vlak);padding:.5rem .75rem}
.grafiek{margin:1rem 0}
.grafiek svg{display:block;height:8rem;max-width:100%;border-left:1px solid var(--zacht);
border-bottom:1px solid var(--zacht);background:var(--vlak)}
.grafiek .makkelijk{fill:#2e7d32}
.grafiek .lastig{fill:#c25400}
.grafiek line{stroke:#1b1b1b;stroke-width:2;stroke-dasharray:6 4}
.grafiek figcaption{font-size:.9rem;color:var(--zacht)}
.tekst{border:1px solid var(--rand);border-radius:6px;padding:.75rem 1rem .75rem .25rem;background:#fff}
.blok{white-space:pre-wrap;margin:0;padding-left:2.75rem;position:relative;content-visibility:auto;
contain-intrinsic-size:auto 4em}
.blok::before{content:attr(data-regel);position:absolute;left:0;width:2.25rem;text-align:right;
font-size:.7rem;line-height:2.2;color:var(--zacht)}
a.markering{color:inherit;text-decoration:none}
mark{color:inherit;border-radius:2px;border-bottom:3px solid;padding:0;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.fout{background:var(--fout-vlak);border-color:var(--fout)}
mark.waarschuwing{background:var(--waarschuwing-vlak);border-color:var(--waarschuwing)}
mark.tip{background:var(--tip-vlak);border-color:var(--tip)}
mark.hint{background:var(--hint-vlak);border-color:var(--hint)}
mark.meer{background-image:linear-gradient(rgba(0,0,0,.13),rgba(0,0,0,.13));border-bottom-style:double;
border-bottom-width:4px}
a.markering:hover mark,a.markering:focus mark{outline:2px solid var(--accent)}
a.punt::before{content:"\25C6";color:var(--waarschuwing);font-size:.8em}
.meldingen{padding-left:1.5rem}
.melding{margin:.75rem 0;padding:.6rem .8rem;border:1px solid var(--rand);border-left:6px solid;
border-radius:6px;break-inside:avoid}
.melding.fout{border-left-color:var(--fout)}
.melding.waarschuwing{border-left-color:var(--waarschuwing)}
.melding.tip{border-left-color:var(--tip)}
.melding.hint{border-left-color:var(--hint)}
.melding:target{outline:3px solid var(--accent);background:var(--vlak)}
.melding p,.melding ul{margin:.3rem 0}
.kop{font-size:.9rem;color:var(--zacht)}
.bericht{font-weight:600}
.citaat{margin:.3rem 0;padding-left:.6rem;border-left:3px solid var(--rand);color:var(--zacht)}
del{color:var(--fout)}
ins{color:#1f6b22;text-decoration:none;font-weight:600;background:var(--hint-vlak)}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;margin-bottom:.3rem}
th,td{border-bottom:1px solid var(--rand);padding:.3rem .4rem;text-align:left;vertical-align:top}
thead th,tbody th code{white-space:nowrap}
td.getal,th.getal{text-align:right}
.tabel{overflow-x:auto}
footer{margin-top:3rem;font-size:.85rem;color:var(--zacht)}
@media (max-width:40rem){body{padding:.6rem;font-size:1rem}.blok::before{display:none}.blok{padding-left:0}
.tekst{padding:.5rem}}
@media print{body{max-width:none;font-size:10.5pt}a{color:inherit;text-decoration:none}.terug,.naar{display:none}
.blok{content-visibility:visible}h2{break-before:page;border-top:none}section:first-of-type h2{break-before:auto}
.melding:target{outline:none;background:none}}
)css";

// What the report needs of a configured rule, and its totals while files stream past.
struct RuleSummary {
  std::string summary;  // one line, Dutch
  std::string reason;   // first paragraph of the rule's page
  std::string problem;  // why the rule did not run
  std::size_t findings = 0;
  std::size_t files = 0;
};

struct FailedFile {
  std::string path, error;
};

class HtmlReporter final : public Reporter {
 public:
  explicit HtmlReporter(std::ostream& out) : out_(out) {}

  void begin(const RunInfo& run) override {
    for (const RuleDescription& r : run.rules) {
      RuleSummary& s = rules_[r.config.id];
      s.summary = r.config.summary;
      s.reason = rule_page_reason(r.config.documentation);
      s.problem = r.problem;
    }
    out_ << "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"helder "
         << escaped(version())
         << "\">\n<title>Rapport van helder: is de tekst helder?</title>\n<style>" << kStyle
         << "</style>\n</head>\n<body>\n<header>\n<h1>Rapport van helder</h1>\n"
            "<p class=\"inleiding\">helder kijkt of een tekst duidelijk is. Het doel is taalniveau B1: dat kan bijna "
            "iedereen lezen. Bij elke tekst ziet u het leesniveau en de meldingen. Klik op een gekleurd stuk tekst. "
            "Dan ziet u wat er beter kan.</p>\n<p class=\"naar\"><a href=\"#overzicht\">Naar het overzicht van alle "
            "meldingen</a></p>\n</header>\n<main>\n";
  }

  void file(const FileReport& r) override {
    tally_.add(r);
    std::string html;
    write_document(html, r, tally_.files);
    out_ << html;
    out_.flush();
  }

  void end() override {
    std::string html = "</main>\n<section id=\"overzicht\" aria-labelledby=\"overzicht-kop\">\n"
                       "<h2 id=\"overzicht-kop\">Overzicht</h2>\n<p>";
    const std::string found = severity_counts(tally_.counts);
    html += fmt::format("helder heeft {} gecontroleerd. ", counted(tally_.files, "bestand", "bestanden"));
    html += found.empty() ? "Er zijn geen meldingen." : "Er zijn " + found + ".";
    html += "</p>\n";
    write_rule_table(html);
    write_failed(html);
    html += "</section>\n<footer><p>Gemaakt door helder ";
    append_escaped(html, version());
    html += ". Meer uitleg over een regel: <code>helder explain REGEL</code>.</p></footer>\n</body>\n</html>\n";
    out_ << html;
    out_.flush();
  }

 private:
  // A finding as shown: its range snapped to characters, its number in the document (1-based, for ids).
  struct Shown {
    const Finding* finding = nullptr;
    std::uint32_t start = 0, end = 0;
    std::size_t number = 0;
    std::vector<std::size_t> overlapping;  // others on the same words (indices into the shown list)
  };

  void write_document(std::string& html, const FileReport& r, std::size_t doc) {
    const std::string id = fmt::format("d{}", doc);
    html += fmt::format("<section class=\"document\" id=\"{}\" aria-labelledby=\"{}-kop\">\n<h2 id=\"{}-kop\">", id,
                        id, id);
    append_escaped(html, r.path);
    html += "</h2>\n";
    for (const std::string& note : r.notes) {
      html += "<p class=\"notitie\">";
      append_escaped(html, note);
      html += "</p>\n";
    }
    if (r.error) {
      html += "<p class=\"fout-melding\">Dit bestand is niet gecontroleerd. ";
      append_escaped(html, *r.error);
      html += "</p>\n</section>\n";
      if (failed_.size() < kFailedListed) failed_.push_back({r.path, *r.error});
      return;
    }

    std::vector<Shown> shown = shown_findings(r);
    std::map<std::string_view, std::size_t> per_rule;
    Counts counts;
    for (const Shown& s : shown) {
      ++per_rule[s.finding->rule_id];
      switch (s.finding->severity) {
        case Severity::Error: ++counts.errors; break;
        case Severity::Warning: ++counts.warnings; break;
        case Severity::Info: ++counts.infos; break;
        case Severity::Hint: ++counts.hints; break;
      }
    }
    for (const auto& [rule, n] : per_rule) {
      RuleSummary& s = rules_[std::string(rule)];
      s.findings += n;
      ++s.files;
    }

    write_facts(html, r, counts, shown.size());
    write_chart(html, r, id);
    if (!r.source.empty()) {
      html += fmt::format("<h3>De tekst</h3>\n<p class=\"naar\"><a href=\"#{}-meldingen\">Naar de meldingen</a></p>\n"
                          "<div class=\"tekst\">\n",
                          id);
      write_text(html, r, id, shown);
      html += "</div>\n";
    }
    write_panels(html, r, id, shown);
    html += "</section>\n";
  }

  static std::vector<Shown> shown_findings(const FileReport& r) {
    std::vector<Shown> shown;
    shown.reserve(r.findings.size());
    for (const Finding& f : r.findings) {
      Shown s;
      s.finding = &f;
      s.start = char_boundary(r.source, f.start);
      s.end = std::max(s.start, char_boundary(r.source, f.end));
      shown.push_back(std::move(s));
    }
    std::stable_sort(shown.begin(), shown.end(), [](const Shown& a, const Shown& b) {
      return a.start != b.start ? a.start < b.start : a.end > b.end;  // outer before inner
    });
    for (std::size_t i = 0; i < shown.size(); ++i) shown[i].number = i + 1;
    return shown;
  }

  static void write_facts(std::string& html, const FileReport& r, const Counts& counts, std::size_t findings) {
    html += "<ul class=\"cijfers\">\n";
    const Readability read = r.readability.value_or(Readability{});
    if (read.sentences) {
      html += fmt::format("<li><b>Leesniveau</b>{}</li>\n<li><b>Flesch-Douma</b>{}</li>\n", read.level(),
                          score_text(read.flesch_douma));
    }
    html += fmt::format("<li><b>Woorden</b>{}</li>\n<li><b>Zinnen</b>{}</li>\n<li><b>Alinea's</b>{}</li>\n",
                        read.words, read.sentences, r.paragraphs.size());
    html += fmt::format("<li><b>Meldingen</b>{}</li>\n</ul>\n", findings);
    if (read.sentences) {
      const bool harder = cefr_index(read.flesch_douma) > cefr_from_name("B1");
      html += fmt::format("<p class=\"oordeel{}\">", harder ? " moeilijk" : "");
      html += harder ? fmt::format("Deze tekst is moeilijker dan B1: niveau {}.", read.level())
                     : fmt::format("Deze tekst past bij B1 of is makkelijker: niveau {}.", read.level());
      if (read.words < 50) html += " De tekst is kort: het niveau zegt dan weinig.";
      html += "</p>\n";
    }
    const std::string list = severity_counts(counts);
    html += list.empty() ? "<p>helder vond niets om te verbeteren.</p>\n" : "<p>helder vond " + list + ".</p>\n";
  }

  // Bars of Flesch-Douma per paragraph (higher is easier), the B1 bound as a dashed line. Each bar links to
  // its paragraph in the text.
  void write_chart(std::string& html, const FileReport& r, const std::string& id) const {
    std::size_t scored = 0, harder = 0;
    for (const FileReport::ParagraphScore& p : r.paragraphs) {
      if (!p.readability.sentences) continue;
      ++scored;
      if (p.readability.flesch_douma < b1_) ++harder;
    }
    if (scored == 0) return;
    constexpr double kTop = 120;  // scores above this (very easy text) are drawn as this
    constexpr int kBar = 10;      // user units per paragraph: 8 bar, 2 gap
    const std::size_t n = r.paragraphs.size();
    html += fmt::format(
        "<figure class=\"grafiek\">\n<svg viewBox=\"0 0 {} {}\" preserveAspectRatio=\"none\" "
        "style=\"width:{}px\" role=\"img\" aria-label=\"Leesniveau per alinea: {} van de {} alinea's zijn "
        "moeilijker dan B1.\">\n",
        n * kBar, kTop, std::min<std::size_t>(n * 24, 800) + 2, harder, scored);
    for (std::size_t i = 0; i < n; ++i) {
      const Readability& read = r.paragraphs[i].readability;
      if (!read.sentences) continue;
      const double height = std::clamp(read.flesch_douma, 1.0, kTop);
      html += fmt::format(
          "<a href=\"#{}-a{}\"><rect x=\"{}\" y=\"{:.1f}\" width=\"8\" height=\"{:.1f}\" class=\"{}\">"
          "<title>Alinea {}: Flesch-Douma {}, niveau {}</title></rect></a>\n",
          id, i + 1, i * kBar + 1, kTop - height, height, read.flesch_douma < b1_ ? "lastig" : "makkelijk", i + 1,
          score_text(read.flesch_douma), read.level());
    }
    html += fmt::format("<line x1=\"0\" x2=\"{}\" y1=\"{}\" y2=\"{}\" vector-effect=\"non-scaling-stroke\"/>\n",
                        n * kBar, kTop - b1_, kTop - b1_);
    html += fmt::format(
        "</svg>\n<figcaption>Leesniveau per alinea. Hoe hoger de balk, hoe makkelijker de alinea. De streepjeslijn is "
        "de grens van B1 (Flesch-Douma {}). Oranje balken zijn moeilijker dan B1: {} van de {}. Klik op een balk om "
        "de alinea te zien.</figcaption>\n</figure>\n",
        score_text(b1_), harder, scored);
  }

  // The source in blocks (split after blank lines, shown as written), cut into segments at every finding
  // boundary: each segment is one <mark> listing the findings that cover it, linked to the innermost one.
  void write_text(std::string& html, const FileReport& r, const std::string& id, std::vector<Shown>& shown) {
    const std::string_view src = r.source;
    const auto size = static_cast<std::uint32_t>(src.size());
    const LineIndex lines(src);

    std::vector<std::uint32_t> blocks{0};
    for (std::uint32_t i = 0; i < size; ++i) {
      if (src[i] != '\n') continue;
      // A line start after a blank line (only spaces, tabs and a carriage return) begins a new block.
      std::uint32_t j = i + 1;
      while (j < size && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r')) ++j;
      if (j < size && src[j] == '\n') {
        while (j < size && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r' || src[j] == '\n')) ++j;
        std::uint32_t line_start = j;
        while (line_start > 0 && src[line_start - 1] != '\n') --line_start;
        if (line_start < size) blocks.push_back(line_start);
        i = j > 0 ? j - 1 : j;
      }
    }

    std::vector<std::uint32_t> bounds(blocks);
    bounds.push_back(size);
    for (const Shown& s : shown) {
      bounds.push_back(s.start);
      bounds.push_back(s.end);
    }
    std::vector<std::uint32_t> paragraph_starts;
    for (const FileReport::ParagraphScore& p : r.paragraphs) {
      paragraph_starts.push_back(char_boundary(src, p.start));
      bounds.push_back(paragraph_starts.back());
    }
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

    std::vector<std::size_t> active;
    std::size_t next_block = 0, next_finding = 0, next_paragraph = 0;
    std::vector<std::size_t> paragraph_order(paragraph_starts.size());
    for (std::size_t i = 0; i < paragraph_order.size(); ++i) paragraph_order[i] = i;
    std::stable_sort(paragraph_order.begin(), paragraph_order.end(),
                     [&](std::size_t a, std::size_t b) { return paragraph_starts[a] < paragraph_starts[b]; });
    bool open = false;
    for (std::size_t k = 0; k < bounds.size(); ++k) {
      const std::uint32_t pos = bounds[k];
      if (next_block < blocks.size() && blocks[next_block] == pos) {
        if (open) html += "</p>\n";
        html += fmt::format("<p class=\"blok\" id=\"{}-b{}\" data-regel=\"{}\">", id, next_block + 1,
                            lines.line_of(pos) + 1);
        open = true;
        ++next_block;
      }
      std::erase_if(active, [&](std::size_t f) { return shown[f].end <= pos; });
      for (; next_paragraph < paragraph_order.size() && paragraph_starts[paragraph_order[next_paragraph]] <= pos;
           ++next_paragraph)
        html += fmt::format("<span id=\"{}-a{}\"></span>", id, paragraph_order[next_paragraph] + 1);
      for (; next_finding < shown.size() && shown[next_finding].start <= pos; ++next_finding) {
        const Shown& s = shown[next_finding];
        if (s.end > s.start) {
          html += fmt::format("<span id=\"{}-f{}-t\"></span>", id, s.number);
          active.push_back(next_finding);
        } else {
          // Nothing to colour: a small sign that links to the panel.
          html += fmt::format("<a class=\"punt\" id=\"{}-f{}-t\" href=\"#{}-f{}\" aria-label=\"melding {}\"></a>",
                              id, s.number, id, s.number, s.number);
        }
      }
      if (k + 1 == bounds.size()) break;
      flush_if_large(html);
      const std::string_view segment = src.substr(pos, bounds[k + 1] - pos);
      if (active.empty()) {
        append_escaped(html, segment);
        continue;
      }
      write_segment(html, id, shown, active, segment);
    }
    if (open) html += "</p>\n";
  }

  static void write_segment(std::string& html, const std::string& id, std::vector<Shown>& shown,
                            const std::vector<std::size_t>& active, std::string_view segment) {
    // The innermost finding (started last, ends first) gets the click; its panel links to the others here.
    std::size_t inner = active.front();
    Severity severity = shown[inner].finding->severity;
    for (std::size_t f : active) {
      const Shown& s = shown[f];
      severity = std::max(severity, s.finding->severity);
      if (s.start > shown[inner].start || (s.start == shown[inner].start && s.end < shown[inner].end)) inner = f;
    }
    for (std::size_t f : active) {
      std::vector<std::size_t>& others = shown[inner].overlapping;
      if (f != inner && std::find(others.begin(), others.end(), f) == others.end()) others.push_back(f);
    }
    html += fmt::format("<a class=\"markering\" href=\"#{}-f{}\"><mark class=\"{}{}\" data-findings=\"", id,
                        shown[inner].number, severity_class(severity), active.size() > 1 ? " meer" : "");
    for (std::size_t i = 0; i < active.size(); ++i) {
      if (i) html += ' ';
      const Shown& s = shown[active[i]];
      if (s.finding->id.empty())
        html += fmt::format("{}-f{}", id, s.number);
      else
        append_escaped(html, s.finding->id);
    }
    html += "\">";
    append_escaped(html, segment);
    html += "</mark></a>";
  }

  static std::string_view severity_class(Severity s) {
    switch (s) {
      case Severity::Error: return "fout";
      case Severity::Warning: return "waarschuwing";
      case Severity::Info: return "tip";
      case Severity::Hint: return "hint";
    }
    return "";
  }

  // A very long document is written in pieces, so the page is never held whole in memory.
  void flush_if_large(std::string& html) {
    constexpr std::size_t kPiece = std::size_t{1} << 20;
    if (html.size() < kPiece) return;
    out_ << html;
    html.clear();
  }

  void write_panels(std::string& html, const FileReport& r, const std::string& id, const std::vector<Shown>& shown) {
    if (shown.empty()) return;
    html += fmt::format("<h3 id=\"{}-meldingen\">Meldingen</h3>\n<ol class=\"meldingen\">\n", id);
    const LineIndex lines(r.source);
    for (const Shown& s : shown) {
      const Finding& f = *s.finding;
      const LineIndex::Position at = lines.to_char_position(s.start);
      html += fmt::format("<li class=\"melding {}\" id=\"{}-f{}\">\n<p class=\"kop\">{} · regel {}, teken {}",
                          severity_class(f.severity), id, s.number, severity_name(f.severity), at.line + 1,
                          at.column + 1);
      if (const std::optional<DocumentPosition> d = document_position(r, s.start)) {
        if (d->page) html += fmt::format(" · pagina {}", d->page);
        if (d->paragraph) html += fmt::format(" · alinea {} van het document", d->paragraph);
      }
      html += "</p>\n";
      if (s.end > s.start) {
        html += "<p class=\"citaat\">";
        append_escaped(html, shortened(std::string_view(r.source).substr(s.start, s.end - s.start), kQuoteChars));
        html += "</p>\n";
      }
      html += "<p class=\"bericht\">";
      append_escaped(html, f.message);
      html += "</p>\n";
      write_reason(html, f.rule_id);
      write_fixes(html, r, f);
      if (!s.overlapping.empty()) {
        html += "<p>Op deze woorden staan nog meer meldingen:";
        for (std::size_t i = 0; i < s.overlapping.size() && i < kOverlapLinks; ++i) {
          const Shown& o = shown[s.overlapping[i]];
          html += fmt::format(" <a href=\"#{}-f{}\">", id, o.number);
          append_escaped(html, shortened(o.finding->message, 60));
          html += "</a>";
        }
        if (s.overlapping.size() > kOverlapLinks)
          html += fmt::format(" en nog {}", s.overlapping.size() - kOverlapLinks);
        html += "</p>\n";
      }
      write_rule_line(html, f.rule_id);
      html += fmt::format("<p class=\"terug\"><a href=\"#{}-f{}-t\">Terug naar de tekst</a></p>\n</li>\n", id,
                          s.number);
      flush_if_large(html);
    }
    html += "</ol>\n";
  }

  // Why the rule matters: its page, else its summary.
  void write_reason(std::string& html, const std::string& rule_id) const {
    const auto rule = rules_.find(rule_id);
    const RuleSummary* s = rule == rules_.end() ? nullptr : &rule->second;
    if (s && !(s->reason.empty() && s->summary.empty())) {
      html += "<p><b>Waarom?</b> ";
      append_escaped(html, s->reason.empty() ? s->summary : s->reason);
      html += "</p>\n";
    }
  }

  void write_rule_line(std::string& html, const std::string& rule_id) const {
    const auto rule = rules_.find(rule_id);
    const RuleSummary* s = rule == rules_.end() ? nullptr : &rule->second;
    html += "<p class=\"kop\">Regel <code>";
    append_escaped(html, rule_id);
    html += "</code>";
    if (s && !s->summary.empty()) {
      html += ": ";
      append_escaped(html, s->summary);
    }
    html += "</p>\n";
  }

  // Each fix is an alternative: the sentence around it with the old words struck through and the new ones
  // after them; when the sentence cannot be found, the new words alone.
  static void write_fixes(std::string& html, const FileReport& r, const Finding& f) {
    if (f.fixes.empty()) return;
    html += f.fixes.size() == 1 ? "<p><b>Beter:</b></p>\n<ul>\n" : "<p><b>Beter, kies een van deze:</b></p>\n<ul>\n";
    const std::string_view src = r.source;
    for (const Replacement& x : f.fixes) {
      html += "<li>";
      const std::uint32_t start = char_boundary(src, x.start);
      const std::uint32_t end = std::max(start, char_boundary(src, x.end));
      if (x.start > src.size() || x.end > src.size() || x.start > x.end) {
        html += "<ins>";
        append_escaped(html, x.text);
        html += "</ins>";
      } else {
        const Context around = sentence_around(r, start, end);
        if (around.cut_front) html += "…";
        append_escaped(html, src.substr(around.from, start - around.from));
        if (end > start) {
          html += "<del>";
          append_escaped(html, src.substr(start, end - start));
          html += "</del>";
        }
        if (!x.text.empty()) {
          html += end > start ? " <ins>" : "<ins>";
          append_escaped(html, x.text);
          html += "</ins>";
        }
        append_escaped(html, src.substr(end, around.to - end));
        if (around.cut_back) html += "…";
        if (x.text.empty()) html += " <i>(weglaten)</i>";
      }
      if (x.needs_review) html += " <i>Kijk of dit goed past in uw zin.</i>";
      html += "</li>\n";
    }
    html += "</ul>\n";
  }

  struct Context {
    std::uint32_t from = 0, to = 0;
    bool cut_front = false, cut_back = false;  // the sentence goes on beyond what is shown
  };

  // The sentence holding [start, end): back to the end of the previous sentence and on to the end of this one,
  // within the paragraph and at most kContextBytes either way (cut at a space).
  static Context sentence_around(const FileReport& r, std::uint32_t start, std::uint32_t end) {
    const std::string_view src = r.source;
    constexpr std::string_view kEnds = ".?!";
    std::uint32_t low = 0, high = static_cast<std::uint32_t>(src.size());
    // Paragraphs are in text order: the last one starting at or before `start` is the one that may hold it.
    const auto after = std::upper_bound(r.paragraphs.begin(), r.paragraphs.end(), start,
                                        [](std::uint32_t b, const FileReport::ParagraphScore& p) { return b < p.start; });
    if (after != r.paragraphs.begin()) {
      const FileReport::ParagraphScore& p = *(after - 1);
      if (end <= p.end && p.end <= src.size()) {
        low = p.start;
        high = p.end;
      }
    }
    auto is_space = [&](std::uint32_t i) { return src[i] == ' ' || src[i] == '\n' || src[i] == '\t'; };
    auto sentence_starts = [&](std::uint32_t i) {  // the previous sentence ends just before i
      return i >= low + 2 && kEnds.find(src[i - 2]) != std::string_view::npos && is_space(i - 1);
    };
    Context c{start, end};
    while (c.from > low && !sentence_starts(c.from)) {
      if (start - c.from >= kContextBytes) {
        c.cut_front = true;
        while (c.from < start && !is_space(c.from)) ++c.from;
        break;
      }
      --c.from;
    }
    while (c.to < high && kEnds.find(src[c.to]) == std::string_view::npos) {
      if (c.to - end >= kContextBytes) {
        c.cut_back = true;
        while (c.to > end && !is_space(c.to)) --c.to;
        break;
      }
      ++c.to;
    }
    if (!c.cut_back && c.to < high) ++c.to;  // the full stop
    c.from = char_boundary(src, c.from);
    c.to = std::max(end, char_boundary(src, c.to));
    return c;
  }

  void write_rule_table(std::string& html) const {
    std::vector<std::pair<std::string, const RuleSummary*>> rows;
    for (const auto& [rule, s] : rules_) rows.emplace_back(rule, &s);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second->findings > b.second->findings; });
    if (rows.empty()) return;
    html += "<div class=\"tabel\"><table>\n<caption>Meldingen per regel</caption>\n<thead><tr><th scope=\"col\">Regel"
            "</th><th scope=\"col\">Wat de regel doet</th><th scope=\"col\" class=\"getal\">Meldingen</th>"
            "<th scope=\"col\" class=\"getal\">In bestanden</th></tr></thead>\n<tbody>\n";
    for (const auto& [rule, s] : rows) {
      html += "<tr><th scope=\"row\"><code>";
      append_escaped(html, rule);
      html += "</code></th><td>";
      append_escaped(html, s->summary);
      if (!s->problem.empty()) {
        html += " <strong>Niet gebruikt:</strong> ";
        append_escaped(html, s->problem);
      }
      html += fmt::format("</td><td class=\"getal\">{}</td><td class=\"getal\">{}</td></tr>\n", s->findings, s->files);
    }
    html += "</tbody>\n</table></div>\n";
  }

  void write_failed(std::string& html) const {
    if (tally_.counts.failed_files == 0) return;
    html += fmt::format("<h3>Niet gecontroleerd</h3>\n<p>{} niet controleren.</p>\n<ul>\n",
                        tally_.counts.failed_files == 1 ? "helder kon 1 bestand"
                                                        : fmt::format("helder kon {} bestanden",
                                                                      tally_.counts.failed_files));
    for (const FailedFile& f : failed_) {
      html += "<li><b>";
      append_escaped(html, f.path);
      html += "</b>: ";
      append_escaped(html, f.error);
      html += "</li>\n";
    }
    if (tally_.counts.failed_files > failed_.size())
      html += fmt::format("<li>en nog {} andere</li>\n", tally_.counts.failed_files - failed_.size());
    html += "</ul>\n";
  }

  std::ostream& out_;
  Tally tally_;
  std::map<std::string, RuleSummary, std::less<>> rules_;
  std::vector<FailedFile> failed_;  // the first kFailedListed only
  double b1_ = b1_lower_bound();
};

}  // namespace

std::unique_ptr<Reporter> reporters::make_html(std::ostream& out) { return std::make_unique<HtmlReporter>(out); }

}  // namespace helder
