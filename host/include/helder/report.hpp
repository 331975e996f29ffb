// Reporters: what a check found, as terminal text, JSON, JSON Lines, SARIF, JUnit XML, GitHub workflow
// commands, checkstyle XML or a self-contained HTML page; and the analysis as JSON.
#pragma once

#include <helder/engine.hpp>
#include <helder/text.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

// Everything known about one checked file.
struct FileReport {
  std::string path;      // as the user gave it ("-" for standard input is shown as "<stdin>")
  std::string source;    // the text as UTF-8 (after conversion)
  std::string encoding;  // of the input
  std::uint32_t bom_bytes = 0;  // a UTF-8 byte order mark was removed: JSON offsets add it back
  std::vector<std::string> notes;  // Dutch: conversions, an empty file, ...
  std::optional<std::string> error;  // Dutch: why the file could not be checked
  std::vector<Finding> findings;
  std::optional<Readability> readability;
  Format format = Format::PlainText;
  std::vector<Origin> origins;  // document files (docx, odt, pdf): where stretches of `source` came from
  // Per paragraph of the analysis (blocks in text order), for reports that chart the reading level:
  // the paragraph's range in `source` (bytes) and its own readability.
  struct ParagraphScore {
    std::uint32_t start = 0, end = 0;
    Readability readability;
  };
  std::vector<ParagraphScore> paragraphs;
};

// Where a byte of a document file's extracted text lies in the document: its paragraph (docx, odt) or page
// (pdf), and the offset in characters from the start of that stretch. nullopt for text formats.
struct DocumentPosition {
  std::uint32_t paragraph = 0;  // 1-based; 0 for PDF
  std::uint32_t page = 0;       // 1-based; 0 for docx/odt
  std::uint32_t offset = 0;     // characters (code points) from the start of the paragraph or page
};
std::optional<DocumentPosition> document_position(const FileReport& report, std::uint32_t byte);

struct Counts {
  std::size_t errors = 0, warnings = 0, infos = 0, hints = 0, failed_files = 0;
};
Counts count(const std::vector<FileReport>& reports);
// Counts kept while files stream past.
struct Tally {
  std::size_t files = 0;
  Counts counts;
  void add(const FileReport& report);  // the file and its findings
  void add_findings(std::span<const Finding> findings);
};

// What every report may need to know about the run besides the files.
struct RunInfo {
  std::vector<RuleDescription> rules;  // every configured rule (SARIF's tool.driver.rules), in a stable order
  bool color = false;                  // terminal text only
  bool summary = false;                // `--summary`: the text format adds a table per file
  bool summary_only = false;           // the text format writes only that table (beside a machine format)
};

// One output format. Files arrive in input order, one at a time, as soon as each is checked: a reporter
// writes what it can at once and keeps no FileReport, so memory does not grow with the number of files.
// `end` writes what comes last (totals, closing brackets).
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin(const RunInfo& run) { (void)run; }
  virtual void file(const FileReport& report) = 0;
  virtual void end() = 0;
  // A format that writes each file on its own has a file's text made on a worker thread, next to the checks
  // of other files: render() reads only what begin() set up (it is const and safe on any thread), and
  // file_rendered() then writes that text in input order. A format that returns nothing from render() gets
  // file() instead.
  virtual std::optional<std::string> render(const FileReport& report) const {
    (void)report;
    return std::nullopt;
  }
  virtual void file_rendered(const FileReport& report, std::string&& text) {
    (void)text;
    file(report);
  }

  // A long text arrives in parts (check.hpp's FileParts), so that its findings are never all in memory:
  // file_begin with the report before any findings (path, source, notes), file_findings with each batch of
  // findings in source order, file_end with the report complete except for its findings (readability,
  // paragraph scores). A format that writes findings as they come (text, JSON, JSON Lines, SARIF) overrides all three;
  // the others keep the findings here and get file() at the end, with them.
  virtual void file_begin(const FileReport& report) {
    (void)report;
    pending_.clear();
  }
  virtual void file_findings(const FileReport& report, std::span<const Finding> findings) {
    (void)report;
    pending_.insert(pending_.end(), findings.begin(), findings.end());
  }
  virtual void file_end(FileReport& report) {
    std::swap(report.findings, pending_);
    file(report);
    std::swap(report.findings, pending_);
    pending_.clear();
  }

 private:
  std::vector<Finding> pending_;
};

// The formats `--format` and `--output FORMAT=FILE` accept: text, json, jsonl, sarif, junit, github,
// checkstyle, html.
const std::vector<std::string_view>& report_formats();
// nullptr for an unknown format. The reporter writes to `out`, which must outlive it.
std::unique_ptr<Reporter> make_reporter(std::string_view format, std::ostream& out);

// `file:line:col: severity: message [rule]`, the line and the words underlined. Colour only when asked.
void write_text(std::ostream& out, const FileReport& report, bool color);
// The same for some findings of the report (`lines`: of report.source).
void write_text(std::ostream& out, const FileReport& report, const LineIndex& lines,
                std::span<const Finding> findings, bool color);
void write_text_summary(std::ostream& out, const std::vector<FileReport>& reports, bool color);
void write_text_summary(std::ostream& out, const Tally& tally, bool color);
// The documented JSON format (docs/json-format.md).
void write_json(std::ostream& out, const std::vector<FileReport>& reports);
// `helder analyze --format json`: paragraphs, sentences and readability with byte offsets into the source.
std::string analysis_to_json(const std::string& path, std::string_view source, const DocumentAnalysis& analysis);

}  // namespace helder
