// A session: what a run of `helder` needs once (install layout, language services, plugins) and one
// engine per configuration file. Shared by the CLI and the language server.
#pragma once

#include <helder/config.hpp>
#include <helder/engine.hpp>
#include <helder/plugin_loader.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace helder {

struct SessionOptions {
  std::string config_file;                // --config: use this file, do not search for .helder.toml
  std::vector<std::string> plugin_dirs;   // --plugin-dir
  bool editor = false;                    // also run the rules meant for the editor (enabled = "editor")
  bool suggestions = false;               // slow suggestions (spelling) in the findings: --suggestions
  // Which plugins run in a process of their own (helder-plugin-worker): none, those outside helder's own
  // plugin directory (the default of the language server), or all. --isolate-plugins
  enum class Isolation { None, Foreign, All };
  Isolation isolate_plugins = Isolation::None;
  IsolationLimits plugin_limits;          // --plugin-timeout, --plugin-memory
  // Applied to every configuration after loading (the language server's client settings).
  std::function<void(Config&)> adjust;
  // Where messages for the user go (Dutch): missing dictionaries, broken plugins, configuration notes.
  std::function<void(const std::string&)> report;
};

class Session {
 public:
  explicit Session(SessionOptions options);

  const InstallLayout& layout() const { return layout_; }
  std::shared_ptr<const LanguageServices> services();

  // The engine for the configuration that applies to `checked` (a file or directory): --config, else the
  // nearest .helder.toml upwards, else the defaults. Cached per configuration file. Throws ConfigError.
  std::shared_ptr<Engine> engine_for(const std::filesystem::path& checked);
  // The configuration file that applies to `checked`, or empty for the defaults.
  std::string config_key(const std::filesystem::path& checked) const;
  // Forgets every engine (configuration files changed); the next engine_for() reads them again.
  void forget_engines();
  void set_adjust(std::function<void(Config&)> adjust);

 private:
  void load_plugins(const Config& config);
  void say(const std::string& message) const;

  SessionOptions options_;
  InstallLayout layout_;
  std::mutex mutex_;
  std::shared_ptr<const LanguageServices> services_;
  PluginRegistry plugins_;
  std::vector<std::string> loaded_dirs_;
  std::map<std::string, std::shared_ptr<Engine>> engines_;
  std::uint64_t generation_ = 0;  // counts forget_engines() and set_adjust(): engines made before are not kept
};

}  // namespace helder
