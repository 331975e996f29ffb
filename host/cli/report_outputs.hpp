// Where a run's reports go: the format on standard output and every `--output FORMAT=FILE`, each file
// written to a temporary file beside it and renamed into place only when the run is complete.
#pragma once

#include "cli.hpp"

#include <helder/fix.hpp>
#include <helder/report.hpp>

#include <fstream>
#include <memory>
#include <vector>

namespace helder::cli {

// A report file appears under its name only after commit(): until then the old file (if any) is untouched, and
// a run that ends early (an error, a signal) leaves no half-written report. The same writer as --fix uses.
using AtomicOutput = AtomicFile;

// Every reporter of the run; a file goes to each of them in turn.
class ReportOutputs {
 public:
  // `stdout_format` empty: nothing on standard output. Throws std::runtime_error for an unknown format or a
  // file that cannot be made.
  ReportOutputs(const std::string& stdout_format, const std::vector<OutputRequest>& outputs);
  void begin(const RunInfo& run);
  void file(const FileReport& report);
  // Each format's text for one file, made on any thread (after begin()); then written in input order by
  // file(report, texts).
  std::vector<std::optional<std::string>> render(const FileReport& report) const;
  void file(const FileReport& report, std::vector<std::optional<std::string>>&& texts);
  // A long text, its findings in parts (Reporter::file_begin).
  void file_begin(const FileReport& report);
  void file_findings(const FileReport& report, std::span<const Finding> findings);
  void file_end(FileReport& report);
  void end();  // writes the endings and renames the files into place

 private:
  std::vector<std::unique_ptr<AtomicOutput>> files_;
  std::vector<std::unique_ptr<Reporter>> reporters_;
  bool on_stdout_ = false;  // reporters_[0] writes to standard output
};

// "sarif=helder.sarif" -> {sarif, helder.sarif}; nullopt when malformed or the format is unknown.
std::optional<OutputRequest> parse_output_request(const std::string& text);

}  // namespace helder::cli
