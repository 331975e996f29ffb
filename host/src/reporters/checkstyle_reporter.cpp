// The checkstyle XML report (Jenkins warnings-ng, reviewdog, SonarQube imports), written file by file.
#include "reporters.hpp"

#include <pugixml.hpp>

namespace helder {

namespace {

// Checkstyle knows error, warning and info (and ignore); a hint is the mildest of these.
const char* severity_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info:
    case Severity::Hint: return "info";
  }
  return "warning";
}

class CheckstyleReporter final : public Reporter {
 public:
  explicit CheckstyleReporter(std::ostream& out) : out_(out) {}

  void begin(const RunInfo&) override {
    started_ = true;
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  }

  // Every file gets its <file> element, also without findings: the consumer then knows it was checked.
  void file(const FileReport& r) override {
    if (!started_) begin(RunInfo{});
    pugi::xml_document doc;
    pugi::xml_node file = doc.append_child("file");
    file.append_attribute("name") = xml_safe(r.path).c_str();
    if (r.error) {
      pugi::xml_node error = file.append_child("error");
      error.append_attribute("line") = 1;
      error.append_attribute("severity") = "error";
      error.append_attribute("message") = xml_safe(*r.error).c_str();
      error.append_attribute("source") = "helder";
    } else if (!r.findings.empty()) {
      const LineIndex lines(r.source);
      for (const Finding& f : r.findings) {
        const LineIndex::Position start = lines.to_char_position(f.start);  // column in characters
        pugi::xml_node error = file.append_child("error");
        error.append_attribute("line") = start.line + 1;
        error.append_attribute("column") = start.column + 1;
        error.append_attribute("severity") = severity_of(f.severity);
        error.append_attribute("message") = xml_safe(f.message).c_str();
        error.append_attribute("source") = xml_safe("helder." + f.rule_id).c_str();
      }
    }
    file.print(out_, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
    out_.flush();
  }

  void end() override {
    if (!started_) begin(RunInfo{});
    out_ << "</checkstyle>\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<Reporter> reporters::make_checkstyle(std::ostream& out) {
  return std::make_unique<CheckstyleReporter>(out);
}

}  // namespace helder
