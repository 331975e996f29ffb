// The JUnit XML report (GitLab, Jenkins, Azure DevOps test views): a test suite per file, a test case per
// finding and per rule that found nothing, written suite by suite.
#include "reporters.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <set>

namespace helder {

std::string xml_safe(std::string_view s) {
  // Decodes UTF-8 by hand only to find what XML 1.0 cannot hold (pugixml escapes markup, but writes a
  // control character as "&#1;", which strict parsers reject); the rest is copied as it is.
  constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    char32_t cp = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    bool valid = length != 0 && i + length <= s.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      valid = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    // Overlong forms and surrogates are not UTF-8.
    if (valid) valid = !(length == 2 && cp < 0x80) && !(length == 3 && cp < 0x800) && !(length == 4 && cp < 0x10000);
    const bool allowed = valid && (cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                                   (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF));
    if (allowed) {
      out.append(s.substr(i, length));
      i += length;
    } else {
      out += replacement;
      i += valid ? length : 1;
    }
  }
  return out;
}

namespace {

// Written with pugixml one <testsuite> at a time: the escaping is the library's, and memory holds one file.
class JunitReporter final : public Reporter {
 public:
  explicit JunitReporter(std::ostream& out) : out_(out) {}

  void begin(const RunInfo& run) override {
    started_ = true;
    rules_.clear();
    for (const RuleDescription& rule : run.rules)
      if (rule.problem.empty()) rules_.push_back(rule.config.id);
    // The totals over all suites are optional for GitLab, Jenkins and Azure, which add up the suites
    // themselves; writing them here would mean keeping every suite until the end.
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"helder\">\n";
  }

  void file(const FileReport& r) override {
    if (!started_) begin(RunInfo{});
    const std::string path = xml_safe(r.path);
    pugi::xml_document doc;
    pugi::xml_node suite = doc.append_child("testsuite");
    suite.append_attribute("name") = path.c_str();
    if (r.error) {
      suite.append_attribute("tests") = 1;
      suite.append_attribute("failures") = 0;
      suite.append_attribute("errors") = 1;
      pugi::xml_node test = suite.append_child("testcase");
      test.append_attribute("name") = "bestand lezen";
      test.append_attribute("classname") = path.c_str();
      pugi::xml_node error = test.append_child("error");
      const std::string message = xml_safe(*r.error);
      error.append_attribute("message") = message.c_str();
      error.append_attribute("type") = "error";
      error.text() = fmt::format("{}: {}", path, message).c_str();
      suite.print(out_, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
      return;
    }
    // One test case per finding: Jenkins and Azure DevOps show only the first <failure> of a test case
    // (azure-pipelines-tasks#15130, karma-junit-reporter#9), and the JUnit schema allows one.
    // The rules that ran and found nothing here each pass a test case of their own.
    const std::vector<std::string> silent = silent_rules(r);
    suite.append_attribute("tests") = static_cast<unsigned long long>(r.findings.size() + silent.size());
    suite.append_attribute("failures") = static_cast<unsigned long long>(r.findings.size());
    suite.append_attribute("errors") = 0;
    const LineIndex lines(r.source);
    for (const Finding& f : r.findings) {
      const LineIndex::Position start = lines.to_char_position(f.start);
      const std::string where = fmt::format("{}:{}", start.line + 1, start.column + 1);
      pugi::xml_node test = suite.append_child("testcase");
      test.append_attribute("name") = xml_safe(fmt::format("{} ({})", f.rule_id, where)).c_str();
      test.append_attribute("classname") = path.c_str();
      pugi::xml_node failure = test.append_child("failure");
      const std::string message = xml_safe(f.message);
      failure.append_attribute("message") = message.c_str();
      failure.append_attribute("type") = std::string(to_string(f.severity)).c_str();
      const std::string_view text = std::string_view(r.source).substr(f.start, f.end - f.start);
      failure.text() = xml_safe(fmt::format("{}:{}: {}\n  \"{}\"", r.path, where, f.message, text)).c_str();
    }
    for (const std::string& rule : silent) {
      pugi::xml_node test = suite.append_child("testcase");
      test.append_attribute("name") = xml_safe(rule).c_str();
      test.append_attribute("classname") = path.c_str();
    }
    suite.print(out_, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
    out_.flush();
  }

  void end() override {
    if (!started_) begin(RunInfo{});
    out_ << "</testsuites>\n";
    out_.flush();
  }

 private:
  // The rules that ran and found nothing in this file, in configuration order.
  std::vector<std::string> silent_rules(const FileReport& r) const {
    std::set<std::string_view> found;
    for (const Finding& f : r.findings) found.insert(f.rule_id);
    std::vector<std::string> out;
    for (const std::string& rule : rules_)
      if (!found.contains(rule)) out.push_back(rule);
    return out;
  }

  std::ostream& out_;
  bool started_ = false;
  std::vector<std::string> rules_;  // the ids of the rules that run
};

}  // namespace

std::unique_ptr<Reporter> reporters::make_junit(std::ostream& out) { return std::make_unique<JunitReporter>(out); }

}  // namespace helder
