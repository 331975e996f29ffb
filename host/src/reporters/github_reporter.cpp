// GitHub Actions workflow commands (`::warning file=...::message`): findings become annotations on the
// pull request, one line per finding, written as each file arrives.
#include "reporters.hpp"

namespace helder {

namespace {

// As @actions/core escapes command data: "%" first, so the escapes it adds are not escaped again.
std::string escaped_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

// Property values end at "," and the properties end at "::", so those are escaped too.
std::string escaped_property(std::string_view s) {
  std::string out;
  for (const char c : escaped_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

const char* command_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info:
    case Severity::Hint: return "notice";
  }
  return "warning";
}

class GithubReporter final : public Reporter {
 public:
  explicit GithubReporter(std::ostream& out) : out_(out) {}

  void file(const FileReport& r) override {
    const std::string file = escaped_property(r.path);
    if (r.error) {
      out_ << "::error file=" << file << "::" << escaped_data(*r.error) << '\n';
      return;
    }
    if (r.findings.empty()) return;
    const LineIndex lines(r.source);
    for (const Finding& f : r.findings) {
      // Lines and columns 1-based, columns in characters; endColumn just after the last one.
      const LineIndex::Position start = lines.to_char_position(f.start);
      const LineIndex::Position end = lines.to_char_position(f.end);
      out_ << "::" << command_of(f.severity) << " file=" << file << ",line=" << start.line + 1;
      // GitHub accepts columns only on an annotation that stays on one line.
      if (start.line == end.line) out_ << ",col=" << start.column + 1;
      out_ << ",endLine=" << end.line + 1;
      if (start.line == end.line) out_ << ",endColumn=" << end.column + 1;
      out_ << ",title=" << escaped_property(f.rule_id) << "::" << escaped_data(f.message) << '\n';
    }
    out_.flush();  // annotations show up in the log while a long run goes on
  }

  void end() override { out_.flush(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Reporter> reporters::make_github(std::ostream& out) { return std::make_unique<GithubReporter>(out); }

}  // namespace helder
