// The report formats behind make_reporter, one file each in this folder, and the pieces they share
// (internal to the host library).
#pragma once

#include <helder/report.hpp>
#include <helder/text.hpp>

#include "json_writer.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <ostream>

namespace helder {

// The JSON of one finding and of one file (docs/json-format.md), streamed; report.cpp. A JSON Lines finding
// line also has "file" and "type"; a JSON Lines file line has the number of findings instead of the list, and
// what `helder merge` needs to rebuild a FileReport: the checked text ("source"), "bom_bytes", "origins"
// ([start, paragraph, page]) and per paragraph [start, end, sentences, words, flesch_douma] ("paragraphs").
enum class FileJson { WithFindings, JsonlLine };
void write_finding(JsonWriter& w, const FileReport& report, const LineIndex& lines, const Finding& finding,
                   bool jsonl_line);
void write_file(JsonWriter& w, const FileReport& report, FileJson kind);
// write_file in three steps, for a long text whose findings come in parts (Reporter::file_begin): the head
// (up to the opening of the findings list; a JSON Lines line has `finding_count`), the findings
// (write_finding), and the tail. The same writer for all three.
void write_file_head(JsonWriter& w, const FileReport& report, FileJson kind, std::size_t finding_count);
void write_file_tail(JsonWriter& w, const FileReport& report, FileJson kind);
// Compact, invalid UTF-8 replaced.
std::string dump_json(const nlohmann::json& j);
// `s` with whatever XML 1.0 cannot hold (control characters, invalid UTF-8) replaced by U+FFFD, ready for
// pugixml, which escapes the markup characters; junit_reporter.cpp.
std::string xml_safe(std::string_view s);

namespace reporters {

std::unique_ptr<Reporter> make_text(std::ostream& out);        // text_reporter.cpp
std::unique_ptr<Reporter> make_json(std::ostream& out);        // report.cpp
std::unique_ptr<Reporter> make_jsonl(std::ostream& out);       // jsonl_reporter.cpp
std::unique_ptr<Reporter> make_sarif(std::ostream& out);       // sarif_reporter.cpp
std::unique_ptr<Reporter> make_junit(std::ostream& out);       // junit_reporter.cpp
std::unique_ptr<Reporter> make_github(std::ostream& out);      // github_reporter.cpp
std::unique_ptr<Reporter> make_checkstyle(std::ostream& out);  // checkstyle_reporter.cpp
std::unique_ptr<Reporter> make_html(std::ostream& out);        // html_reporter.cpp

}  // namespace reporters
}  // namespace helder
