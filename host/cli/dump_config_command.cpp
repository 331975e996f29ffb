// `helder dump-config [PATH]`: the effective configuration for a file or folder, defaults included, as TOML.
#include "cli.hpp"

#include <helder/engine.hpp>

#include <iostream>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string toml_list(const auto& items) {
  std::string out = "[";
  bool first = true;
  for (const auto& i : items) {
    out += (first ? "" : ", ") + toml_string(i);
    first = false;
  }
  return out + "]";
}

}  // namespace

int run_dump_config(Session& session, const std::string& path) {
  const auto engine = session.engine_for(path.empty() ? fs::current_path() : fs::path(path));
  const Config& c = engine->config();
  std::cout << "# De configuratie die helder gebruikt" << (path.empty() ? "" : " voor " + path) << ".\n";
  std::cout << "# Gelezen bestanden:\n";
  for (const fs::path& f : c.files) std::cout << "#   " << f.string() << '\n';
  std::cout << "packs = " << toml_list(c.packs) << '\n';
  std::cout << "target_level = " << toml_string(c.target_level) << '\n';
  std::vector<std::string> dirs;
  for (const fs::path& d : c.plugin_dirs) dirs.push_back(d.string());
  for (const fs::path& d : c.project_plugin_dirs) dirs.push_back(d.string());
  if (!c.project_plugin_dirs.empty())
    std::cout << "# De plugin-mappen van het project laden alleen als u ze vertrouwt (helder trust MAP).\n";
  std::cout << "plugin_paths = " << toml_list(dirs) << "\n\n";
  std::cout << "[vocabulary]\naccept = " << toml_list(c.accept) << "\nreject = " << toml_list(c.reject) << '\n';
  for (const RuleDescription& r : engine->describe_rules()) {
    std::cout << "\n[rules." << toml_string(r.config.id) << "]\n";
    std::cout << "# plugin " << r.plugin << (r.plugin_version.empty() ? "" : " " + r.plugin_version) << '\n';
    if (!r.problem.empty()) std::cout << "# werkt niet: " << r.problem << '\n';
    std::cout << "kind = " << toml_string(r.config.kind) << '\n';
    std::cout << "enabled = " << (!r.config.enabled ? "false" : r.config.editor_only ? "\"editor\"" : "true") << '\n';
    std::cout << "severity = " << toml_string(std::string(to_string(r.config.severity))) << '\n';
    std::cout << "autofix = " << (r.config.autofix ? "true" : "false") << '\n';
    std::cout << "summary = " << toml_string(r.config.summary) << '\n';
    if (!r.effective_options.empty()) std::cout << r.effective_options << '\n';
  }
  return exit_clean;
}

}  // namespace helder::cli
