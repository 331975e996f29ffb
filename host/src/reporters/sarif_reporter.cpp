// The SARIF 2.1.0 report (GitHub code scanning, GitLab, Azure DevOps, IDE viewers), written result by result.
#include "reporters.hpp"

#include <helder/uri.hpp>

#include <helder/version.hpp>

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

namespace helder {

namespace {

using nlohmann::json;

// Percent-encodes everything but the unreserved characters and "/" (RFC 3986), byte by byte: spaces, é,
// ":" (which would make "a:b.txt" look like a scheme) and "%" itself.
// The artifact as the user named it: an absolute path becomes a file: URI, anything else a relative URI
// reference against %SRCROOT% (the folder helder ran in), so code scanning matches it to the repository.
// Standard input without a --stdin-name ("<stdin>") lies in no folder.
json artifact_location(const std::string& path) {
  if (!path.empty() && path.front() == '/') return {{"uri", file_uri(path)}};
  json location = {{"uri", percent_encoded_path(path)}};
  if (path != "<stdin>") location["uriBaseId"] = "%SRCROOT%";
  return location;
}

const char* level_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info:
    case Severity::Hint: return "note";
  }
  return "warning";
}

// The first paragraph of prose of a Markdown page: headings, blank lines and code fences before it are
// skipped, its lines are joined with spaces.
std::string first_paragraph(const std::string& page) {
  std::istringstream in(page);
  std::string line, paragraph;
  bool in_fence = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    const std::string_view trimmed =
        first == std::string::npos ? std::string_view() : std::string_view(line).substr(first);
    if (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
      if (!paragraph.empty()) break;
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) continue;
    if (trimmed.empty() || trimmed.starts_with('#')) {
      if (!paragraph.empty()) break;
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += trimmed;
  }
  return paragraph;
}

std::optional<std::string> read_page(const std::filesystem::path& path) {
  if (path.empty()) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// SARIF's reportingDescriptor of one configured rule. Reads the rule's documentation page (once per run).
json rule_descriptor(const RuleDescription& rule) {
  const RuleConfig& c = rule.config;
  const std::size_t dot = c.id.find('.');
  json d = {{"id", c.id},
            {"name", dot == std::string::npos ? c.id : c.id.substr(dot + 1)},
            {"defaultConfiguration", {{"level", level_of(c.severity)}, {"enabled", rule.problem.empty()}}}};
  if (!c.summary.empty()) d["shortDescription"] = {{"text", c.summary}};
  if (const std::optional<std::string> page = read_page(c.documentation)) {
    if (const std::string first = first_paragraph(*page); !first.empty())
      d["fullDescription"] = {{"text", first}, {"markdown", first}};
    d["help"] = {{"text", *page}, {"markdown", *page}};
    d["helpUri"] = file_uri(c.documentation);
  }
  return d;
}

// Code points before each line start, so a byte offset becomes a character offset without walking the
// file again for every finding. Lives while one file is written.
class CharOffsets {
 public:
  CharOffsets(std::string_view text, const LineIndex& lines) : lines_(lines) {
    before_line_.reserve(lines.line_count());
    std::uint32_t chars = 0;
    for (std::uint32_t l = 0; l < lines.line_count(); ++l) {
      before_line_.push_back(chars);
      const std::uint32_t from = lines.line_start(l);
      const std::uint32_t to =
          l + 1 < lines.line_count() ? lines.line_start(l + 1) : static_cast<std::uint32_t>(text.size());
      for (std::uint32_t i = from; i < to; ++i) chars += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
  }
  std::uint32_t at(std::uint32_t byte) const {
    const LineIndex::Position p = lines_.to_char_position(byte);
    return before_line_[p.line] + p.column;
  }

 private:
  const LineIndex& lines_;
  std::vector<std::uint32_t> before_line_;
};

class SarifReporter final : public Reporter {
 public:
  explicit SarifReporter(std::ostream& out) : out_(out) {}

  void begin(const RunInfo& run) override {
    started_ = true;
    json rules = json::array();
    for (std::size_t i = 0; i < run.rules.size(); ++i) {
      const RuleDescription& rule = run.rules[i];
      rules.push_back(rule_descriptor(rule));
      rule_index_.emplace(rule.config.id, i);
      // A rule that should have run and did not (its plugin is missing or failed) is a configuration
      // problem of this run; rules switched off on purpose are only `enabled: false` above.
      if (!rule.problem.empty() && rule.config.runs(false))
        configuration_notes_.push_back(
            {{"level", "error"},
             {"message", {{"text", fmt::format("Regel {} werkt niet: {}.", rule.config.id, rule.problem)}}},
             {"associatedRule", {{"id", rule.config.id}, {"index", i}}}});
    }
    const json driver = {{"name", "helder"},
                         {"version", version()},
                         {"semanticVersion", version()},
                         {"language", "nl"},
                         {"rules", std::move(rules)}};
    out_ << "{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n\"version\": \"2.1.0\",\n"
            "\"runs\": [\n{\n\"tool\": "
         << dump_json({{"driver", driver}})
         << ",\n\"columnKind\": \"unicodeCodePoints\",\n\"results\": [";
  }

  void file(const FileReport& r) override {
    if (!started_) begin(RunInfo{});
    file_rendered(r, *render(r));
  }
  // The results of one file, separated by ",\n"; empty for a file without findings or one that failed.
  std::optional<std::string> render(const FileReport& r) const override {
    std::string text;
    if (r.error || r.findings.empty()) return text;
    const LineIndex lines(r.source);
    const CharOffsets chars(r.source, lines);
    const std::string artifact = dump_json(artifact_location(r.path));
    for (const Finding& f : r.findings) {
      if (!text.empty()) text.append(",\n");
      JsonWriter w(text);
      write_result(w, r, lines, chars, artifact, f);
    }
    return text;
  }
  void file_rendered(const FileReport& r, std::string&& text) override {
    if (r.error) {
      execution_notes_.push_back({{"level", "error"},
                                  {"message", {{"text", *r.error}}},
                                  {"locations", json::array({{{"physicalLocation",
                                                               {{"artifactLocation", artifact_location(r.path)}}}}})}});
      return;
    }
    if (text.empty()) return;
    out_ << (results_ == 0 ? "\n" : ",\n") << text;
    results_ += r.findings.size();
  }

  // A long text: its results as they come.
  void file_begin(const FileReport& r) override {
    if (!started_) begin(RunInfo{});
    lines_.emplace(r.source);
    chars_.emplace(r.source, *lines_);
    artifact_ = dump_json(artifact_location(r.path));
  }
  void file_findings(const FileReport& r, std::span<const Finding> findings) override {
    std::string text;
    for (const Finding& f : findings) {
      text.clear();
      text.append(results_ == 0 ? "\n" : ",\n");
      JsonWriter w(text);
      write_result(w, r, *lines_, *chars_, artifact_, f);
      out_ << text;
      ++results_;
    }
  }
  void file_end(FileReport& r) override {
    if (r.error) file_rendered(r, std::string());
    chars_.reset();
    lines_.reset();
  }

  void end() override {
    if (!started_) begin(RunInfo{});
    json invocation = {{"executionSuccessful", true}};
    if (!execution_notes_.empty()) invocation["toolExecutionNotifications"] = std::move(execution_notes_);
    if (!configuration_notes_.empty()) invocation["toolConfigurationNotifications"] = std::move(configuration_notes_);
    out_ << (results_ == 0 ? "" : "\n") << "],\n\"invocations\": " << dump_json(json::array({invocation}))
         << "\n}\n]\n}\n";
    out_.flush();
  }

 private:
  // One result, keys in sorted order (as nlohmann's objects wrote them before the streaming writer).
  void write_result(JsonWriter& w, const FileReport& r, const LineIndex& lines, const CharOffsets& chars,
                    std::string_view artifact, const Finding& f) const {
    const LineIndex::Position start = lines.to_char_position(f.start);
    const LineIndex::Position end = lines.to_char_position(f.end);
    const std::uint32_t offset = chars.at(f.start);
    w.begin_object();
    if (!f.fixes.empty()) {
      w.key("fixes").begin_array();
      for (const Replacement& x : f.fixes) {
        const std::uint32_t from = chars.at(x.start);
        w.begin_object().key("artifactChanges").begin_array().begin_object();
        w.key("artifactLocation").raw(artifact);
        w.key("replacements").begin_array().begin_object();
        w.key("deletedRegion").begin_object().field("charLength", std::uint64_t{chars.at(x.end) - from});
        w.field("charOffset", std::uint64_t{from}).end_object();
        w.key("insertedContent").begin_object().field("text", x.text).end_object();
        w.end_object().end_array().end_object().end_array();
        w.key("description").begin_object();
        w.field("text", x.text.empty() ? fmt::format("Laat \"{}\" weg.", r.source.substr(x.start, x.end - x.start))
                                       : fmt::format("Vervang door \"{}\".", x.text));
        w.end_object().end_object();
      }
      w.end_array();
    }
    w.field("level", level_of(f.severity));
    w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
    w.key("artifactLocation").raw(artifact);
    w.key("region").begin_object();
    w.field("charLength", std::uint64_t{chars.at(f.end) - offset}).field("charOffset", std::uint64_t{offset});
    w.field("endColumn", std::uint64_t{end.column} + 1).field("endLine", std::uint64_t{end.line} + 1);
    w.key("snippet").begin_object().field("text", std::string_view(r.source).substr(f.start, f.end - f.start));
    w.end_object();
    w.field("startColumn", std::uint64_t{start.column} + 1).field("startLine", std::uint64_t{start.line} + 1);
    w.end_object().end_object().end_object().end_array();
    w.key("message").begin_object().field("text", f.message).end_object();
    // The id hashes rule, text and occurrence, never the line: the fingerprint survives edits above it.
    if (!f.id.empty()) w.key("partialFingerprints").begin_object().field("helder/v1", f.id).end_object();
    // SARIF has three levels; helder's own severity keeps "info" and "hint" apart for `helder merge`.
    w.key("properties").begin_object();
    if (const std::optional<DocumentPosition> d = document_position(r, f.start)) {
      w.key("document").begin_object().field("offset", std::uint64_t{d->offset});
      if (d->page) w.field("page", std::uint64_t{d->page});
      if (d->paragraph) w.field("paragraph", std::uint64_t{d->paragraph});
      w.end_object();
    }
    w.field("severity", to_string(f.severity)).end_object();
    w.field("ruleId", f.rule_id);
    if (const auto i = rule_index_.find(f.rule_id); i != rule_index_.end()) w.field("ruleIndex", std::uint64_t{i->second});
    w.end_object();
  }

  std::ostream& out_;
  bool started_ = false;
  std::size_t results_ = 0;
  // The long text arriving in parts (file_begin).
  std::optional<LineIndex> lines_;
  std::optional<CharOffsets> chars_;
  std::string artifact_;
  std::map<std::string, std::size_t, std::less<>> rule_index_;
  json execution_notes_ = json::array();      // one per file that could not be read
  json configuration_notes_ = json::array();  // one per rule that could not run
};

}  // namespace

std::unique_ptr<Reporter> reporters::make_sarif(std::ostream& out) { return std::make_unique<SarifReporter>(out); }

}  // namespace helder
