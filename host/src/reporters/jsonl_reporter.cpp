// The JSON Lines report: one compact JSON object per line, written as soon as it is known, for pipelines
// (jq, grep) and for `helder merge`, which reads the lines back into file reports.
//
// Two kinds of line, told apart by "type":
//   {"type":"finding","file":PATH, id, rule, severity, message, start, end, range, text, fixes[, document]}
//       one per finding, in file order and within a file in finding order; the keys after "file" are those
//       of a finding in `--format json` (docs/json-format.md), offsets and positions the same.
//   {"type":"file","file":PATH, format, encoding, notes, error[, readability], "findings":COUNT,
//    source, bom_bytes, origins, paragraphs}
//       one per file, after that file's findings (also for a file without findings or one that could not
//       be read); the keys are those of a file in `--format json`, with "findings" the number of findings
//       instead of the list, and what `helder merge` needs to rebuild the report (write_file: the
//       checked text, the byte order mark, where a document's text came from, the paragraph scores).
#include "reporters.hpp"

namespace helder {

namespace {

class JsonlReporter final : public Reporter {
 public:
  explicit JsonlReporter(std::ostream& out) : out_(out) {}

  void file(const FileReport& r) override { file_rendered(r, *render(r)); }
  std::optional<std::string> render(const FileReport& r) const override {
    std::string text;
    if (!r.findings.empty()) {
      const LineIndex lines(r.source);
      for (const Finding& f : r.findings) {
        JsonWriter w(text);
        write_finding(w, r, lines, f, true);
        text.push_back('\n');
      }
    }
    JsonWriter w(text);
    write_file(w, r, FileJson::JsonlLine);
    text.push_back('\n');
    return text;
  }
  void file_rendered(const FileReport&, std::string&& text) override {
    out_ << text;
    out_.flush();
  }

  // A long text: each finding's line as it comes, the file's line at the end.
  void file_begin(const FileReport& r) override {
    lines_.emplace(r.source);
    count_ = 0;
  }
  void file_findings(const FileReport& r, std::span<const Finding> findings) override {
    std::string text;
    for (const Finding& f : findings) {
      JsonWriter w(text);
      write_finding(w, r, *lines_, f, true);
      text.push_back('\n');
    }
    count_ += findings.size();
    out_ << text;
  }
  void file_end(FileReport& r) override {
    std::string text;
    JsonWriter w(text);
    write_file_head(w, r, FileJson::JsonlLine, count_);
    write_file_tail(w, r, FileJson::JsonlLine);
    text.push_back('\n');
    out_ << text;
    out_.flush();
    lines_.reset();
  }

  void end() override { out_.flush(); }

 private:
  std::ostream& out_;
  std::optional<LineIndex> lines_;
  std::size_t count_ = 0;
};

}  // namespace

std::unique_ptr<Reporter> reporters::make_jsonl(std::ostream& out) { return std::make_unique<JsonlReporter>(out); }

}  // namespace helder
