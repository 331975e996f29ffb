// The reports of a run: standard output and --output files, written atomically.
#include "report_outputs.hpp"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

namespace fs = std::filesystem;

namespace helder::cli {

std::optional<OutputRequest> parse_output_request(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) return std::nullopt;
  OutputRequest r{text.substr(0, eq), fs::path(text.substr(eq + 1))};
  const auto& known = report_formats();
  if (std::find(known.begin(), known.end(), r.format) == known.end()) return std::nullopt;
  return r;
}

ReportOutputs::ReportOutputs(const std::string& stdout_format, const std::vector<OutputRequest>& outputs) {
  on_stdout_ = !stdout_format.empty();
  if (on_stdout_) {
    auto reporter = make_reporter(stdout_format, std::cout);
    if (!reporter) throw std::runtime_error(fmt::format("onbekend formaat \"{}\".", stdout_format));
    reporters_.push_back(std::move(reporter));
  }
  for (const OutputRequest& o : outputs) {
    files_.push_back(std::make_unique<AtomicOutput>(o.file));
    auto reporter = make_reporter(o.format, files_.back()->stream());
    if (!reporter) throw std::runtime_error(fmt::format("onbekend formaat \"{}\".", o.format));
    reporters_.push_back(std::move(reporter));
  }
}

void ReportOutputs::begin(const RunInfo& run) {
  RunInfo to_file = run;
  to_file.color = false;  // colour codes belong on a terminal, never in a file
  for (std::size_t i = 0; i < reporters_.size(); ++i) reporters_[i]->begin(i == 0 && on_stdout_ ? run : to_file);
}

void ReportOutputs::file(const FileReport& report) {
  for (auto& r : reporters_) r->file(report);
}

std::vector<std::optional<std::string>> ReportOutputs::render(const FileReport& report) const {
  std::vector<std::optional<std::string>> texts;
  texts.reserve(reporters_.size());
  for (const auto& r : reporters_) texts.push_back(r->render(report));
  return texts;
}

void ReportOutputs::file(const FileReport& report, std::vector<std::optional<std::string>>&& texts) {
  for (std::size_t i = 0; i < reporters_.size(); ++i) {
    if (i < texts.size() && texts[i]) reporters_[i]->file_rendered(report, std::move(*texts[i]));
    else reporters_[i]->file(report);
  }
}

void ReportOutputs::file_begin(const FileReport& report) {
  for (auto& r : reporters_) r->file_begin(report);
}

void ReportOutputs::file_findings(const FileReport& report, std::span<const Finding> findings) {
  for (auto& r : reporters_) r->file_findings(report, findings);
}

void ReportOutputs::file_end(FileReport& report) {
  for (auto& r : reporters_) r->file_end(report);
}

void ReportOutputs::end() {
  for (auto& r : reporters_) r->end();
  std::cout.flush();
  for (auto& f : files_) f->commit();
}

}  // namespace helder::cli
