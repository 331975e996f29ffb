// Baseline files: {"tool": "helder", "baseline": 1, "findings": [{"file", "rule", "fingerprint", "text"}]}.
#include "baseline.hpp"

#include <helder/fix.hpp>
#include <helder/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

namespace helder::cli {

std::string fingerprint(const Finding& finding) {
  const std::size_t dash = finding.id.rfind('-');
  return dash == std::string::npos ? finding.id : finding.id.substr(0, dash);
}

Baseline Baseline::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: de basislijn kan niet worden geopend.", file.string()));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("baseline", 0) != 1 || !j.contains("findings") ||
      !j["findings"].is_array())
    throw std::runtime_error(fmt::format(
        "{}: dit is geen basislijn van helder. Maak er een met --write-baseline.", file.string()));
  Baseline b;
  for (const nlohmann::json& e : j["findings"]) {
    if (!e.is_object() || !e.contains("file") || !e.contains("fingerprint") || !e["file"].is_string() ||
        !e["fingerprint"].is_string())
      throw std::runtime_error(fmt::format("{}: een melding in de basislijn mist \"file\" of \"fingerprint\".",
                                           file.string()));
    ++b.remaining_[e["file"].get<std::string>()][e["fingerprint"].get<std::string>()];
  }
  return b;
}

void Baseline::filter(FileReport& report) {
  checked_files_[report.path] = true;
  auto file = remaining_.find(report.path);
  if (file == remaining_.end()) return;
  std::erase_if(report.findings, [&](const Finding& f) {
    auto it = file->second.find(fingerprint(f));
    if (it == file->second.end() || it->second == 0) return false;
    --it->second;
    ++matched_;
    return true;
  });
}

std::size_t Baseline::gone() const {
  std::size_t n = 0;
  for (const auto& [file, entries] : remaining_)
    if (checked_files_.contains(file))
      for (const auto& [print, count] : entries) n += count;
  return n;
}

void BaselineWriter::add(const FileReport& report) {
  for (const Finding& f : report.findings)
    entries_.push_back(Entry{report.path, f.rule_id, fingerprint(f), report.source.substr(f.start, f.end - f.start)});
}

void BaselineWriter::write(const std::filesystem::path& file) const {
  // One finding a line: a baseline is committed to a repository and read in diffs.
  std::string out = "{\n\"tool\": \"helder\",\n\"version\": " + nlohmann::json(version()).dump() +
                    ",\n\"baseline\": 1,\n\"findings\": [";
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    const nlohmann::json line = {{"file", e.file}, {"rule", e.rule}, {"fingerprint", e.fingerprint}, {"text", e.text}};
    out += (i ? ",\n" : "\n") + line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += "\n]\n}\n";
  write_file_atomically(file, out);
}

}  // namespace helder::cli
