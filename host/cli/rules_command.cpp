// `helder rules` (every loaded rule) and `helder explain RULE` (a rule's Dutch documentation).
#include "cli.hpp"

#include <helder/engine.hpp>
#include <helder/plugin_trust.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

// The library a rule's plugin came from: the loaded plugin of that name, else a library of a project's folder
// that was refused as untrusted and is named like the plugin (good.so, libgood.so, libhelder-good.so: a refused
// library is never opened, so its real name is not known). nullptr when neither.
const PluginSource* source_of(const std::vector<PluginSource>& sources, const std::string& plugin) {
  for (const PluginSource& s : sources)
    if (s.plugin == plugin) return &s;
  for (const PluginSource& s : sources) {
    if (s.trusted) continue;
    std::string stem = s.library.stem().string();
    if (stem.starts_with("lib")) stem.erase(0, 3);
    if (stem.starts_with("helder-")) stem.erase(0, 7);
    if (stem == plugin) return &s;
  }
  return nullptr;
}

}  // namespace

int run_rules(Session& session, const std::string& format) {
  const auto engine = session.engine_for(fs::current_path());
  const std::vector<RuleDescription> rules = engine->describe_rules();
  const std::vector<PluginSource> sources = session.plugin_sources();
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const RuleDescription& r : rules) {
      const PluginSource* source = source_of(sources, r.plugin);
      out.push_back({{"id", r.config.id},
                     {"plugin", r.plugin},
                     {"origin", source ? nlohmann::json(origin_id(source->origin)) : nlohmann::json()},
                     {"trusted", source ? nlohmann::json(source->trusted) : nlohmann::json()},
                     {"library", source ? nlohmann::json(source->library.string()) : nlohmann::json()},
                     {"pack", r.config.pack},
                     {"kind", r.config.kind},
                     {"enabled", r.config.enabled && r.problem.empty()},
                     {"severity", std::string(to_string(r.config.severity))},
                     {"summary", r.config.summary},
                     {"problem", r.problem}});
    }
    std::cout << out.dump(2) << '\n';
    return exit_clean;
  }
  std::size_t width = 10;
  for (const RuleDescription& r : rules) width = std::max(width, r.config.id.size());
  std::cout << fmt::format("{:<{}}  {:<12} {:<18} {:<9} {:<14} {:<8} {}\n", "regel", width, "plugin", "herkomst",
                           "vertrouwd", "pakket", "niveau", "samenvatting");
  for (const RuleDescription& r : rules) {
    const bool editor_only = r.config.enabled && r.config.editor_only && !engine->config().editor;
    const std::string level = !r.config.enabled ? "uit"
                              : editor_only     ? "editor"
                                                : std::string(to_string(r.config.severity));
    const PluginSource* source = source_of(sources, r.plugin);
    std::cout << fmt::format("{:<{}}  {:<12} {:<18} {:<9} {:<14} {:<8} {}", r.config.id, width, r.plugin,
                             source ? origin_label(source->origin) : "-",
                             !source ? "-" : source->trusted ? "ja" : "nee", r.config.pack, level, r.config.summary);
    if (!r.problem.empty() && r.config.enabled && !editor_only) {
      if (source && !source->trusted)
        std::cout << " (werkt niet: de plugin is niet vertrouwd. Typ: "
                  << trust_command(fs::weakly_canonical(source->library.parent_path())) << ")";
      else
        std::cout << " (werkt niet: " << r.problem << ")";
    }
    std::cout << '\n';
  }
  return exit_clean;
}

int run_explain(Session& session, const std::string& rule_id) {
  const auto engine = session.engine_for(fs::current_path());
  const RuleConfig* rule = engine->config().find_rule(rule_id);
  if (!rule) {
    // Allow the short name when it is unique: "sentence-length".
    int matches = 0;
    for (const RuleConfig& r : engine->config().rules)
      if (r.id.size() > rule_id.size() && r.id.ends_with("." + rule_id)) {
        rule = &r;
        ++matches;
      }
    if (matches > 1) {
      error_line(fmt::format("\"{}\" past bij meer regels. Noem de hele naam, met het pakket ervoor.", rule_id));
      return exit_problem;
    }
  }
  if (!rule) {
    error_line(fmt::format("de regel \"{}\" bestaat niet. Met \"helder rules\" ziet u alle regels.", rule_id));
    return exit_problem;
  }
  std::string error;
  const std::optional<std::string> doc =
      rule->documentation.empty() ? std::nullopt : read_bytes(rule->documentation, error);
  if (!doc) {
    std::cout << rule->id << ": " << rule->summary << '\n';
    error_line(fmt::format("voor de regel {} is geen uitleg gevonden.", rule->id));
    return exit_clean;
  }
  std::cout << *doc;
  return exit_clean;
}

}  // namespace helder::cli
