// Reporters: findings as compiler-style terminal text or as JSON, and the analysis as JSON.
#pragma once

#include <helder/engine.hpp>
#include <helder/text.hpp>

#include <optional>
#include <ostream>
#include <string>
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
};

struct Counts {
  std::size_t errors = 0, warnings = 0, infos = 0, hints = 0, failed_files = 0;
};
Counts count(const std::vector<FileReport>& reports);

// `file:line:col: severity: message [rule]`, the line and the words underlined. Colour only when asked.
void write_text(std::ostream& out, const FileReport& report, bool color);
void write_text_summary(std::ostream& out, const std::vector<FileReport>& reports, bool color);
// The documented JSON format (docs/json-format.md).
void write_json(std::ostream& out, const std::vector<FileReport>& reports);
// `helder analyze --format json`: paragraphs, sentences and readability with byte offsets into the source.
std::string analysis_to_json(const std::string& path, std::string_view source, const DocumentAnalysis& analysis);

}  // namespace helder
