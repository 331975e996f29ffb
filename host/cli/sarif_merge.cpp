// Merging SARIF logs of shards: rules joined by id, results and notifications in path order.
#include "sarif_merge.hpp"

#include "report_outputs.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <set>

namespace helder::cli {

namespace {

using json = nlohmann::json;

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: dit rapport kan niet worden geopend.", path));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The path a result or notification is about, percent-decoded, to put them in the order of a whole run.
std::string path_of(const json& located) {
  const json* location = nullptr;
  if (located.contains("locations") && located["locations"].is_array() && !located["locations"].empty())
    location = &located["locations"][0];
  if (!location) return {};
  const std::string uri = location->value("/physicalLocation/artifactLocation/uri"_json_pointer, std::string());
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
      out += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

void sort_by_path(json& items) {
  std::vector<json> v(std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
  std::stable_sort(v.begin(), v.end(), [](const json& a, const json& b) { return path_of(a) < path_of(b); });
  items = json(std::move(v));
}

}  // namespace

bool is_sarif_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  // JSON Lines start with a complete object on the first line; a SARIF log names its version and runs.
  return head.find("\"version\": \"2.1.0\"") != std::string::npos || head.find("\"$schema\"") != std::string::npos;
}

void merge_sarif(const std::vector<std::string>& inputs, bool to_stdout, const std::vector<OutputRequest>& outputs) {
  json merged;
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  json results = json::array(), execution = json::array(), configuration = json::array();
  std::set<std::string> seen_configuration;
  bool successful = true;
  for (const std::string& path : inputs) {
    json log = json::parse(read_whole(path), nullptr, false);
    if (log.is_discarded() || !log.is_object() || !log.contains("runs") || !log["runs"].is_array())
      throw std::runtime_error(fmt::format("{}: dit is geen SARIF-rapport van helder check --format sarif.", path));
    for (json& run : log["runs"]) {
      if (merged.is_null()) {
        merged = {{"$schema", log.value("$schema", "https://json.schemastore.org/sarif-2.1.0.json")},
                  {"version", log.value("version", "2.1.0")},
                  {"runs", json::array({{{"tool", run.value("tool", json::object())},
                                         {"columnKind", run.value("columnKind", "unicodeCodePoints")}}})}};
      }
      for (json& rule : run.value("/tool/driver/rules"_json_pointer, json::array())) {
        const std::string id = rule.value("id", "");
        if (rule_index.emplace(id, rules.size()).second) rules.push_back(std::move(rule));
      }
      for (json& result : run.value("results", json::array())) {
        if (const auto i = rule_index.find(result.value("ruleId", "")); i != rule_index.end())
          result["ruleIndex"] = i->second;
        results.push_back(std::move(result));
      }
      for (json& invocation : run.value("invocations", json::array())) {
        successful = successful && invocation.value("executionSuccessful", true);
        for (json& n : invocation.value("toolExecutionNotifications", json::array())) execution.push_back(std::move(n));
        for (json& n : invocation.value("toolConfigurationNotifications", json::array()))
          if (seen_configuration.insert(n.dump()).second) configuration.push_back(std::move(n));
      }
    }
  }
  if (merged.is_null()) throw std::runtime_error("de rapporten bevatten geen SARIF-run.");
  sort_by_path(results);
  sort_by_path(execution);
  json& run = merged["runs"][0];
  run["tool"]["driver"]["rules"] = std::move(rules);
  run["results"] = std::move(results);
  json invocation = {{"executionSuccessful", successful}};
  if (!execution.empty()) invocation["toolExecutionNotifications"] = std::move(execution);
  if (!configuration.empty()) invocation["toolConfigurationNotifications"] = std::move(configuration);
  run["invocations"] = json::array({std::move(invocation)});
  const std::string text = merged.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
  std::vector<std::unique_ptr<AtomicOutput>> files;
  for (const OutputRequest& o : outputs) {
    files.push_back(std::make_unique<AtomicOutput>(o.file));
    files.back()->stream() << text;
  }
  if (to_stdout) std::cout << text;
  for (auto& f : files) f->commit();
}

}  // namespace helder::cli
