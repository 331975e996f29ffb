// `helder merge`: the JSON Lines reports of several shards (`helder check --shard I/N --format jsonl`) into one
// report of any format. Each shard lists its files in path order, so the shards are merged file by file (a
// k-way merge): memory holds one file per shard, whatever the size of the archive.
#include "cli.hpp"
#include "report_outputs.hpp"
#include "sarif_merge.hpp"

#include <helder/engine.hpp>
#include <helder/report.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

// A line that is not what `helder check --format jsonl` writes.
struct MergeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Format format_from_name(const std::string& name) {
  for (Format f : {Format::PlainText, Format::Markdown, Format::Html, Format::Docx, Format::Odt, Format::Pdf})
    if (name == to_string(f)) return f;
  return Format::PlainText;
}

Finding finding_from_json(const nlohmann::json& j, std::uint32_t bom) {
  Finding f;
  f.id = j.at("id").get<std::string>();
  f.rule_id = j.at("rule").get<std::string>();
  f.severity = severity_from_string(j.at("severity").get<std::string>()).value_or(Severity::Warning);
  f.message = j.at("message").get<std::string>();
  f.start = j.at("start").get<std::uint32_t>() - bom;
  f.end = j.at("end").get<std::uint32_t>() - bom;
  for (const nlohmann::json& x : j.at("fixes"))
    f.fixes.push_back(Replacement{x.at("start").get<std::uint32_t>() - bom, x.at("end").get<std::uint32_t>() - bom,
                                  x.at("replacement").get<std::string>(), false});
  return f;
}

FileReport file_from_json(const nlohmann::json& j, const std::vector<nlohmann::json>& findings) {
  FileReport r;
  r.path = j.at("file").get<std::string>();
  r.format = format_from_name(j.value("format", "text"));
  r.encoding = j.value("encoding", "");
  r.notes = j.value("notes", std::vector<std::string>{});
  if (j.contains("error") && j["error"].is_string()) r.error = j["error"].get<std::string>();
  r.source = j.value("source", "");
  r.bom_bytes = j.value("bom_bytes", 0u);
  if (j.contains("readability")) {
    const nlohmann::json& x = j["readability"];
    Readability read;
    read.sentences = x.at("sentences").get<std::uint32_t>();
    read.words = read.letter_words = x.at("words").get<std::uint32_t>();
    read.syllables = x.at("syllables").get<std::uint32_t>();
    read.flesch_douma = x.at("flesch_douma").get<double>();
    read.leesindex_a = x.at("leesindex_a").get<double>();
    r.readability = read;
  }
  for (const nlohmann::json& o : j.value("origins", nlohmann::json::array()))
    r.origins.push_back(Origin{o.at(0).get<std::uint32_t>(), o.at(1).get<std::uint32_t>(), o.at(2).get<std::uint32_t>()});
  for (const nlohmann::json& p : j.value("paragraphs", nlohmann::json::array())) {
    FileReport::ParagraphScore s;
    s.start = p.at(0).get<std::uint32_t>();
    s.end = p.at(1).get<std::uint32_t>();
    s.readability.sentences = p.at(2).get<std::uint32_t>();
    s.readability.words = s.readability.letter_words = p.at(3).get<std::uint32_t>();
    s.readability.flesch_douma = p.at(4).get<double>();
    r.paragraphs.push_back(s);
  }
  for (const nlohmann::json& f : findings) r.findings.push_back(finding_from_json(f, r.bom_bytes));
  return r;
}

// One shard's report, read a file at a time.
class ShardReader {
 public:
  explicit ShardReader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw MergeError(fmt::format("{}: dit rapport kan niet worden geopend.", path));
  }
  // The next file with its findings; nullopt at the end.
  std::optional<FileReport> next() {
    std::vector<nlohmann::json> findings;
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      if (line.empty()) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object() || !j.contains("type"))
        throw MergeError(fmt::format("{}:{}: dit is geen regel van helder check --format jsonl.", path_, line_number_));
      try {
        if (j["type"] == "finding") {
          findings.push_back(std::move(j));
        } else if (j["type"] == "file") {
          if (!j.contains("source"))
            throw MergeError(fmt::format("{}:{}: de tekst van het bestand ontbreekt; maak het rapport opnieuw met "
                                         "deze versie van helder.", path_, line_number_));
          return file_from_json(j, findings);
        }
      } catch (const nlohmann::json::exception&) {
        throw MergeError(fmt::format("{}:{}: deze regel mist gegevens of heeft een verkeerd type.", path_, line_number_));
      }
    }
    if (!findings.empty())
      throw MergeError(fmt::format("{}: het rapport houdt halverwege op (meldingen zonder hun bestand).", path_));
    return std::nullopt;
  }

 private:
  std::string path_;
  std::ifstream in_;
  std::size_t line_number_ = 0;
};

}  // namespace

int run_merge(Session& session, const std::vector<std::string>& inputs, const std::string& format,
              const std::vector<OutputRequest>& outputs, bool color) {
  try {
    const std::size_t sarif_inputs =
        static_cast<std::size_t>(std::count_if(inputs.begin(), inputs.end(), [](const std::string& p) { return is_sarif_file(p); }));
    if (sarif_inputs > 0) {
      const bool only_sarif = std::all_of(outputs.begin(), outputs.end(), [](const OutputRequest& o) { return o.format == "sarif"; });
      if (sarif_inputs != inputs.size() || !only_sarif || (format != "sarif" && format != "text")) {
        error_line("SARIF-rapporten voegt helder alleen samen tot één SARIF-rapport (--format sarif): SARIF bevat de "
                   "tekst zelf niet. Wilt u een ander formaat? Maak de delen dan met --format jsonl.");
        return exit_problem;
      }
      // "text" is the default of --format: with SARIF in, SARIF goes out on standard output unless only files
      // were asked for.
      merge_sarif(inputs, format == "sarif" || outputs.empty(), outputs);
      return exit_clean;
    }
    std::vector<ShardReader> shards;
    shards.reserve(inputs.size());
    for (const std::string& in : inputs) shards.emplace_back(in);
    RunInfo run;
    run.color = color;
    run.rules = session.engine_for(fs::current_path())->describe_rules();
    ReportOutputs out(format, outputs);
    out.begin(run);
    std::vector<std::optional<FileReport>> heads;
    for (ShardReader& s : shards) heads.push_back(s.next());
    int status = exit_clean;
    for (;;) {
      std::optional<std::size_t> smallest;
      for (std::size_t i = 0; i < heads.size(); ++i)
        if (heads[i] && (!smallest || heads[i]->path < heads[*smallest]->path)) smallest = i;
      if (!smallest) break;
      const FileReport& r = *heads[*smallest];
      if (r.error) status = exit_problem;
      for (const Finding& f : r.findings)
        if (status == exit_clean && f.severity >= Severity::Warning) status = exit_findings;
      out.file(r);
      heads[*smallest] = shards[*smallest].next();
    }
    out.end();
    return status;
  } catch (const std::exception& e) {
    error_line(e.what());
    return exit_problem;
  }
}

}  // namespace helder::cli
