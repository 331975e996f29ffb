// Reporters: terminal text (compiler style) and JSON, and what other formats share with them.
#include "reporters/reporters.hpp"

#include <helder/report.hpp>
#include <helder/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace helder {

namespace {

const char* colour_of(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;35m";
    case Severity::Info: return "\x1b[1;36m";
    case Severity::Hint: return "\x1b[1;32m";
  }
  return "";
}

// Number of code points in a UTF-8 string.
std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The first `count` code points after skipping `skip` code points.
std::string_view char_slice(std::string_view s, std::size_t skip, std::size_t count) {
  std::size_t i = 0, chars = 0;
  while (i < s.size() && chars < skip) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++chars;
  }
  const std::size_t begin = i;
  chars = 0;
  while (i < s.size() && chars < count) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++chars;
  }
  return s.substr(begin, i - begin);
}

std::string without_tabs(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

}  // namespace

Counts count(const std::vector<FileReport>& reports) {
  Tally t;
  for (const FileReport& r : reports) t.add(r);
  return t.counts;
}

std::optional<DocumentPosition> document_position(const FileReport& report, std::uint32_t byte) {
  if (report.origins.empty()) return std::nullopt;
  auto after = std::upper_bound(report.origins.begin(), report.origins.end(), byte,
                                [](std::uint32_t b, const Origin& o) { return b < o.start; });
  if (after == report.origins.begin()) return std::nullopt;
  const Origin& o = *(after - 1);
  DocumentPosition p;
  p.paragraph = o.paragraph;
  p.page = o.page;
  const std::uint32_t from = std::min<std::uint32_t>(o.start, static_cast<std::uint32_t>(report.source.size()));
  const std::uint32_t to = std::min<std::uint32_t>(byte, static_cast<std::uint32_t>(report.source.size()));
  p.offset = static_cast<std::uint32_t>(char_count(std::string_view(report.source).substr(from, to - from)));
  return p;
}

void write_text(std::ostream& out, const FileReport& report, bool color) {
  if (report.findings.empty()) return;
  write_text(out, report, LineIndex(report.source), report.findings, color);
}

void write_text(std::ostream& out, const FileReport& report, const LineIndex& lines,
                std::span<const Finding> findings, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  const char* green = color ? "\x1b[32m" : "";
  constexpr std::size_t window = 100;  // characters of the line shown around the finding
  for (const Finding& f : findings) {
    const LineIndex::Position start = lines.to_char_position(f.start);
    const LineIndex::Position end = lines.to_char_position(f.end);
    out << bold << report.path << ':' << start.line + 1 << ':' << start.column + 1 << ":" << reset << ' '
        << (color ? colour_of(f.severity) : "") << to_string(f.severity) << ':' << reset << ' ' << bold << f.message
        << reset << " [" << f.rule_id << "]";
    // A Word or PDF file: line:col count in the extracted text; say where that is in the document itself.
    if (const std::optional<DocumentPosition> d = document_position(report, f.start))
      out << (d->page ? fmt::format(" (pagina {})", d->page) : fmt::format(" (alinea {})", d->paragraph));
    out << '\n';

    const std::string_view line = std::string_view(report.source)
                                      .substr(lines.line_start(start.line),
                                              lines.line_end(start.line) - lines.line_start(start.line));
    const std::size_t line_chars = char_count(line);
    const std::size_t first = start.column > 20 && line_chars > window ? start.column - 20 : 0;
    const std::string shown = without_tabs(char_slice(line, first, window));
    const std::size_t shown_chars = char_count(shown);
    const std::size_t mark_from = start.column - first;
    const std::size_t mark_to =
        std::min(shown_chars, end.line == start.line ? std::max<std::size_t>(end.column - first, mark_from + 1)
                                                     : shown_chars);
    const std::string gutter = fmt::format("{:>5}", start.line + 1);
    out << gutter << " | " << (first > 0 ? "…" : "") << shown << (first + window < line_chars ? "…" : "") << '\n';
    out << std::string(gutter.size(), ' ') << " | " << (first > 0 ? " " : "") << std::string(mark_from, ' ') << green
        << '^' << std::string(mark_to > mark_from + 1 ? mark_to - mark_from - 1 : 0, '~') << reset << '\n';
    for (const Replacement& r : f.fixes)
      out << std::string(gutter.size(), ' ') << " = " << "voorstel: " << (r.text.empty() ? "(weglaten)" : r.text)
          << '\n';
  }
}

void write_text_summary(std::ostream& out, const std::vector<FileReport>& reports, bool color) {
  Tally t;
  for (const FileReport& r : reports) t.add(r);
  write_text_summary(out, t, color);
}

void write_text_summary(std::ostream& out, const Tally& tally, bool color) {
  const Counts& c = tally.counts;
  const char* bold = color ? "\x1b[1m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  std::vector<std::string> parts;
  if (c.errors) parts.push_back(fmt::format("{} {}", c.errors, c.errors == 1 ? "fout" : "fouten"));
  if (c.warnings)
    parts.push_back(fmt::format("{} {}", c.warnings, c.warnings == 1 ? "waarschuwing" : "waarschuwingen"));
  if (c.infos) parts.push_back(fmt::format("{} {}", c.infos, c.infos == 1 ? "tip" : "tips"));
  if (c.hints) parts.push_back(fmt::format("{} {}", c.hints, c.hints == 1 ? "hint" : "hints"));
  const std::size_t files = tally.files;
  const std::string where = fmt::format("{} {}", files, files == 1 ? "bestand" : "bestanden");
  if (parts.empty()) {
    out << bold << "Geen meldingen in " << where << '.' << reset << '\n';
  } else {
    std::string list = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) list += (i + 1 == parts.size() ? " en " : ", ") + parts[i];
    out << bold << list << " in " << where << '.' << reset << '\n';
  }
  if (c.failed_files)
    out << c.failed_files << (c.failed_files == 1 ? " bestand kon" : " bestanden konden") << " niet worden gecontroleerd.\n";
}

namespace {

void write_position(JsonWriter& w, const LineIndex& lines, std::uint32_t byte) {
  const LineIndex::Position p = lines.to_char_position(byte);
  w.begin_object().field("column", std::uint64_t{p.column} + 1).field("line", std::uint64_t{p.line} + 1).end_object();
}

double one_decimal(double x) { return std::round(x * 10) / 10; }

void write_readability(JsonWriter& w, const Readability& r) {
  w.begin_object()
      .field("flesch_douma", one_decimal(r.flesch_douma))
      .field("leesindex_a", one_decimal(r.leesindex_a))
      .field("level", r.level())
      .field("sentences", std::uint64_t{r.sentences})
      .field("syllables", std::uint64_t{r.syllables})
      .field("words", std::uint64_t{r.words})
      .end_object();
}

}  // namespace

// Keys in sorted order: the order nlohmann::json's objects had, so the output did not change with the writer.
void write_finding(JsonWriter& w, const FileReport& r, const LineIndex& lines, const Finding& f, bool jsonl_line) {
  const std::uint32_t shift = r.bom_bytes;  // offsets count in the file as it is on disk
  w.begin_object();
  if (const std::optional<DocumentPosition> d = document_position(r, f.start)) {
    w.key("document").begin_object().field("offset", std::uint64_t{d->offset});
    if (d->page) w.field("page", std::uint64_t{d->page});
    if (d->paragraph) w.field("paragraph", std::uint64_t{d->paragraph});
    w.end_object();
  }
  w.field("end", std::uint64_t{f.end} + shift);
  if (jsonl_line) w.field("file", r.path);
  w.key("fixes").begin_array();
  for (const Replacement& x : f.fixes)
    w.begin_object()
        .field("end", std::uint64_t{x.end} + shift)
        .field("replacement", x.text)
        .field("start", std::uint64_t{x.start} + shift)
        .end_object();
  w.end_array();
  w.field("id", f.id).field("message", f.message);
  w.key("range").begin_object();
  w.key("end");
  write_position(w, lines, f.end);
  w.key("start");
  write_position(w, lines, f.start);
  w.end_object();
  w.field("rule", f.rule_id).field("severity", to_string(f.severity)).field("start", std::uint64_t{f.start} + shift);
  w.field("text", std::string_view(r.source).substr(f.start, f.end - f.start));
  if (jsonl_line) w.field("type", "finding");
  w.end_object();
}

void write_file(JsonWriter& w, const FileReport& r, FileJson kind) {
  write_file_head(w, r, kind, r.findings.size());
  if (kind == FileJson::WithFindings && !r.findings.empty()) {
    const LineIndex lines(r.source);
    for (const Finding& f : r.findings) write_finding(w, r, lines, f, false);
  }
  write_file_tail(w, r, kind);
}

void write_file_head(JsonWriter& w, const FileReport& r, FileJson kind, std::size_t finding_count) {
  const bool line = kind == FileJson::JsonlLine;
  w.begin_object();
  if (line) w.field("bom_bytes", std::uint64_t{r.bom_bytes});
  w.field("encoding", r.encoding);
  w.key("error");
  if (r.error) w.value(*r.error); else w.null();
  w.field("file", r.path);
  if (line) w.field("findings", std::uint64_t{finding_count});
  else w.key("findings").begin_array();
}

void write_file_tail(JsonWriter& w, const FileReport& r, FileJson kind) {
  const bool line = kind == FileJson::JsonlLine;
  if (!line) w.end_array();
  w.field("format", to_string(r.format));
  w.key("notes").begin_array();
  for (const std::string& n : r.notes) w.value(n);
  w.end_array();
  if (line) {
    w.key("origins").begin_array();
    for (const Origin& o : r.origins)
      w.begin_array()
          .value(std::uint64_t{o.start})
          .value(std::uint64_t{o.paragraph})
          .value(std::uint64_t{o.page})
          .end_array();
    w.end_array();
    w.key("paragraphs").begin_array();
    for (const FileReport::ParagraphScore& p : r.paragraphs)
      w.begin_array()
          .value(std::uint64_t{p.start})
          .value(std::uint64_t{p.end})
          .value(std::uint64_t{p.readability.sentences})
          .value(std::uint64_t{p.readability.words})
          .value(one_decimal(p.readability.flesch_douma))
          .end_array();
    w.end_array();
  }
  if (r.readability) {
    w.key("readability");
    write_readability(w, *r.readability);
  }
  if (line) w.field("source", r.source).field("type", "file");
  w.end_object();
}

std::string dump_json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Tally::add(const FileReport& r) {
  ++files;
  if (r.error) ++counts.failed_files;
  add_findings(r.findings);
}

void Tally::add_findings(std::span<const Finding> findings) {
  for (const Finding& f : findings) {
    switch (f.severity) {
      case Severity::Error: ++counts.errors; break;
      case Severity::Warning: ++counts.warnings; break;
      case Severity::Info: ++counts.infos; break;
      case Severity::Hint: ++counts.hints; break;
    }
  }
}

namespace {

// The documented JSON format (docs/json-format.md), written file by file, one compact line per file: a large
// run (thousands of files, hundreds of thousands of findings) never holds one big JSON tree in memory.
class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(std::ostream& out) : out_(out) {}
  void begin(const RunInfo&) override {
    out_ << "{\n\"tool\": \"helder\",\n\"version\": " << nlohmann::json(version()).dump()
         << ",\n\"schema\": 1,\n\"files\": [";
  }
  void file(const FileReport& r) override { file_rendered(r, *render(r)); }
  std::optional<std::string> render(const FileReport& r) const override {
    std::string text;
    JsonWriter w(text);
    write_file(w, r, FileJson::WithFindings);
    return text;
  }
  void file_rendered(const FileReport& r, std::string&& text) override {
    tally_.add(r);
    out_ << (tally_.files == 1 ? "\n" : ",\n") << text;
  }

  // A long text: its findings are written as they come, through one writer kept open for the file.
  void file_begin(const FileReport& r) override {
    part_.clear();
    writer_.emplace(part_);
    lines_.emplace(r.source);
    write_file_head(*writer_, r, FileJson::WithFindings, 0);
    out_ << (tally_.files == 0 ? "\n" : ",\n") << part_;
  }
  void file_findings(const FileReport& r, std::span<const Finding> findings) override {
    tally_.add_findings(findings);
    for (const Finding& f : findings) {
      part_.clear();
      write_finding(*writer_, r, *lines_, f, false);
      out_ << part_;
    }
  }
  void file_end(FileReport& r) override {
    tally_.add(r);  // the file; its findings were counted as they came
    part_.clear();
    write_file_tail(*writer_, r, FileJson::WithFindings);
    out_ << part_;
    writer_.reset();
    lines_.reset();
  }
  void end() override {
    const Counts& c = tally_.counts;
    const nlohmann::json summary = {{"files", tally_.files}, {"failed_files", c.failed_files},
                                    {"errors", c.errors},    {"warnings", c.warnings},
                                    {"info", c.infos},       {"hints", c.hints}};
    out_ << "\n],\n\"summary\": " << summary.dump() << "\n}\n";
  }

 private:
  std::ostream& out_;
  Tally tally_;
  std::string part_;
  std::optional<JsonWriter> writer_;  // writes into part_
  std::optional<LineIndex> lines_;
};

}  // namespace

void write_json(std::ostream& out, const std::vector<FileReport>& reports) {
  JsonReporter reporter(out);
  reporter.begin(RunInfo{});
  for (const FileReport& r : reports) reporter.file(r);
  reporter.end();
}

std::unique_ptr<Reporter> reporters::make_json(std::ostream& out) { return std::make_unique<JsonReporter>(out); }

std::string analysis_to_json(const std::string& path, std::string_view source, const DocumentAnalysis& analysis) {
  const SourceMap& map = analysis.read.map;
  auto src_end = [&](std::uint32_t text_end, std::uint32_t text_start) {
    return text_end > text_start ? map.to_source_end(text_end) : map.to_source(text_start);
  };
  static constexpr const char* block_names[] = {"paragraph", "heading", "list_item", "quote", "table_cell"};
  nlohmann::json paragraphs = nlohmann::json::array();
  for (const DocumentParagraph& placed : analysis.paragraphs) {
    const ParagraphAnalysis& p = *placed;
    const Range range = placed.range;
    nlohmann::json sentences = nlohmann::json::array();
    for (std::size_t i = 0; i < p.sentences.size(); ++i) {
      const helder_sentence& s = p.sentences[i];
      const std::uint32_t start = map.to_source(range.start + s.start);
      const std::uint32_t end = src_end(range.start + s.end, range.start + s.start);
      const Readability r = readability(1, s.word_count, p.letter_words[i], s.syllable_count);
      nlohmann::json passives = nlohmann::json::array();
      for (const PassiveConstruction& pc : p.passives)
        if (pc.sentence == i)
          passives.push_back({{"auxiliary", p.text.substr(pc.auxiliary.start, pc.auxiliary.end - pc.auxiliary.start)},
                              {"participle",
                               p.text.substr(pc.participle.start, pc.participle.end - pc.participle.start)},
                              {"start", map.to_source(range.start + std::min(pc.auxiliary.start, pc.participle.start))},
                              {"end", map.to_source_end(range.start + std::max(pc.auxiliary.end, pc.participle.end))}});
      sentences.push_back({{"start", start},
                           {"end", end},
                           {"text", p.text.substr(s.start, s.end - s.start)},
                           {"words", s.word_count},
                           {"syllables", s.syllable_count},
                           {"passive", !passives.empty()},
                           {"passives", passives},
                           {"flesch_douma", std::round(r.flesch_douma * 10) / 10},
                           {"leesindex_a", std::round(r.leesindex_a * 10) / 10}});
    }
    paragraphs.push_back({{"kind", block_names[static_cast<int>(p.kind)]},
                          {"start", map.to_source(range.start)},
                          {"end", src_end(range.end, range.start)},
                          {"sentences", sentences}});
  }
  std::string readability_text;
  JsonWriter readability_writer(readability_text);
  write_readability(readability_writer, analysis.readability);
  nlohmann::json out = {{"file", path},
                        {"bytes", source.size()},
                        {"paragraphs", paragraphs},
                        {"readability", nlohmann::json::parse(readability_text)}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace helder
