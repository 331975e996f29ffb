// Checking one file: its format (by content and name), its text (decoded, or extracted from a document
// file), the analysis and the findings, into a FileReport. Shared by `helder check`, tests and benchmarks.
#pragma once

#include <helder/engine.hpp>
#include <helder/report.hpp>

#include <filesystem>
#include <string>

namespace helder {

// `bytes`: the file as read. `name`: its name (or --stdin-name), for the format when the content does not
// tell. Errors (binary, damaged, encrypted, empty documents) end up in FileReport::error, in Dutch; this
// never throws for bad input. `threads` as in Engine::analyze.
//
// A text longer than limits::section_bytes is checked in sections (Engine::check_in_sections; the report gets
// a note that says so). With `parts`, the findings are not kept in the report but handed over as they are
// found, so that memory does not grow with them: the report (path, source, notes; no findings) goes to
// parts->begin before the first findings, each section's findings to parts->findings; the returned report
// then holds everything but the findings. Without `parts` the same findings end up in the report.
class FileParts {
 public:
  virtual ~FileParts() = default;
  virtual void begin(FileReport& report) = 0;
  virtual void findings(FileReport& report, std::vector<Finding>&& findings) = 0;
};
FileReport check_bytes(std::string bytes, const std::string& shown_path, const std::filesystem::path& name,
                       const Engine& engine, unsigned threads = 1, FileParts* parts = nullptr);

}  // namespace helder
