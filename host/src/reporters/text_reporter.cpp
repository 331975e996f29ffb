// The terminal report: findings in compiler style, the totals, and with --summary a table per file.
#include "reporters.hpp"

#include <fmt/format.h>

#include <map>
#include <sstream>

namespace helder {

namespace {

class TextReporter final : public Reporter {
 public:
  explicit TextReporter(std::ostream& out) : out_(out) {}
  void begin(const RunInfo& run) override { run_ = run; }
  void file(const FileReport& r) override {
    tally_.add(r);
    if (!run_.summary_only) write_text(out_, r, run_.color);
    if (run_.summary || run_.summary_only) rows_.push_back(row_of(r));
  }
  std::optional<std::string> render(const FileReport& r) const override {
    if (run_.summary_only) return std::string();
    std::ostringstream text;
    write_text(text, r, run_.color);
    return std::move(text).str();
  }
  void file_rendered(const FileReport& r, std::string&& text) override {
    tally_.add(r);
    out_ << text;
    if (run_.summary || run_.summary_only) rows_.push_back(row_of(r));
  }
  // A long text: its findings as they come.
  void file_begin(const FileReport& r) override {
    lines_.emplace(r.source);
    row_ = Row{r.path, std::nullopt, false, {}};
  }
  void file_findings(const FileReport& r, std::span<const Finding> findings) override {
    tally_.add_findings(findings);
    if (!run_.summary_only) write_text(out_, r, *lines_, findings, run_.color);
    for (const Finding& f : findings) ++row_.per_rule[f.rule_id];
  }
  void file_end(FileReport& r) override {
    tally_.add(r);  // the file; its findings were counted as they came
    row_.readability = r.readability;
    row_.failed = r.error.has_value();
    if (run_.summary || run_.summary_only) rows_.push_back(std::move(row_));
    lines_.reset();
  }

  void end() override {
    if (run_.summary || run_.summary_only) write_summary();
    if (!run_.summary_only) write_text_summary(out_, tally_, run_.color);
  }

 private:
  // One line of the --summary table (small: kept for every file until the end).
  struct Row {
    std::string path;
    std::optional<Readability> readability;
    bool failed = false;
    std::map<std::string, std::size_t> per_rule;
  };

  static Row row_of(const FileReport& r) {
    Row row{r.path, r.readability, r.error.has_value(), {}};
    for (const Finding& f : r.findings) ++row.per_rule[f.rule_id];
    return row;
  }

  void write_summary() {
    std::size_t width = 7;
    for (const Row& r : rows_) width = std::max(width, r.path.size());
    out_ << '\n'
         << fmt::format("{:<{}}  {:>8}  {:>6}  {:>12}  {:<6}  {:>9}\n", "bestand", width, "woorden", "zinnen",
                        "Flesch-Douma", "niveau", "meldingen");
    for (const Row& r : rows_) {
      std::size_t findings = 0;
      for (const auto& [rule, n] : r.per_rule) findings += n;
      if (r.failed) {
        out_ << fmt::format("{:<{}}  (niet gecontroleerd)\n", r.path, width);
        continue;
      }
      const Readability read = r.readability.value_or(Readability{});
      std::string score = read.sentences ? fmt::format("{:.1f}", read.flesch_douma) : "-";
      for (char& c : score)
        if (c == '.') c = ',';  // Dutch decimal comma
      out_ << fmt::format("{:<{}}  {:>8}  {:>6}  {:>12}  {:<6}  {:>9}\n", r.path, width, read.words, read.sentences,
                          score, read.sentences ? std::string(read.level()) : "-", findings);
      for (const auto& [rule, n] : r.per_rule) out_ << fmt::format("{:<{}}    {:>5}  {}\n", "", width, n, rule);
    }
    out_ << '\n';
  }

  std::ostream& out_;
  RunInfo run_;
  Tally tally_;
  std::vector<Row> rows_;
  Row row_;  // of the long text that is arriving in parts
  std::optional<LineIndex> lines_;
};

}  // namespace

std::unique_ptr<Reporter> reporters::make_text(std::ostream& out) { return std::make_unique<TextReporter>(out); }

}  // namespace helder
