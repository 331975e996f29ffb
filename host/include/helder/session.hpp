// A session: what a run of `helder` needs once (install layout, language services, plugins) and one
// engine per configuration file. Shared by the CLI and the language server.
#pragma once

#include <helder/config.hpp>
#include <helder/engine.hpp>
#include <helder/plugin_loader.hpp>
#include <helder/plugin_trust.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
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
  // Where the refusal of a plugin the user has not trusted goes (Dutch, names the `helder trust` command that
  // trusts it), once per message; the language server shows it in a window. Unset: `report`.
  std::function<void(const std::string&)> report_untrusted;
  // A file of Hunspell's answers kept between runs (the language server's word cache): read when the services
  // load, written by save_word_answers(). Empty: none.
  std::filesystem::path word_answers;
};

// Where a plugin library came from and whether it was trusted (`helder rules` shows it).
struct PluginSource {
  std::filesystem::path library;  // the .so file
  PluginOrigin origin = PluginOrigin::Builtin;
  bool trusted = false;  // trusted by place (every origin but Project) or by its recorded SHA-256
  std::string plugin;    // the name of the loaded plugin; empty when it was not loaded
  std::string problem;   // why an untrusted library was not loaded (Dutch)
};

class Session {
 public:
  explicit Session(SessionOptions options);

  const InstallLayout& layout() const { return layout_; }
  std::shared_ptr<const LanguageServices> services();
  // Writes the word answers (SessionOptions::word_answers) when there are new ones since the last time; returns
  // how many answers the file holds now, 0 when nothing was written. Never throws.
  std::size_t save_word_answers();
  // Whether there are answers save_word_answers() would write.
  bool has_new_word_answers();

  // The engine for the configuration that applies to `checked` (a file or directory): --config, else the
  // nearest .helder.toml upwards, else the defaults. Cached per configuration file. Throws ConfigError.
  std::shared_ptr<Engine> engine_for(const std::filesystem::path& checked);
  // The configuration of the pack in `folder` and the packs it extends, as a project that names it gets it (no
  // project file; of the user's own file only plugin_paths). For `helder rules test PACKDIR`. Throws ConfigError.
  Config pack_config(const std::filesystem::path& folder);
  // A new engine for a configuration the caller made (`helder rules test` runs one rule at a time): plugins
  // from the same places as engine_for(). Not cached; why a rule does not run goes to `messages`. Throws
  // ConfigError.
  std::shared_ptr<Engine> make_engine(Config config, std::vector<std::string>& messages);
  // The configuration file that applies to `checked`, or empty for the defaults.
  std::string config_key(const std::filesystem::path& checked) const;
  // Forgets every engine (configuration files changed); the next engine_for() reads them again.
  void forget_engines();
  void set_adjust(std::function<void(Config&)> adjust);
  // The plugin libraries loaded so far, and those of a project's folders that were refused as untrusted.
  std::vector<PluginSource> plugin_sources();

 private:
  void load_plugins(const Config& config);
  // A project's plugin folder: only the libraries that pass the trust check are loaded (plugin_trust.hpp).
  void load_project_plugins(const std::filesystem::path& dir, const PluginIsolation* isolation,
                            std::vector<std::string>& messages);
  void say(const std::string& message) const;

  SessionOptions options_;
  InstallLayout layout_;
  std::mutex mutex_;
  std::shared_ptr<const LanguageServices> services_;
  PluginRegistry plugins_;
  std::vector<std::string> loaded_dirs_;
  std::vector<PluginSource> sources_;
  std::set<std::string> said_untrusted_;  // refusals already reported
  std::map<std::string, std::shared_ptr<Engine>> engines_;
  std::uint64_t generation_ = 0;  // counts forget_engines() and set_adjust(): engines made before are not kept
};

}  // namespace helder
