// Session: the shared set-up of a helder run (see session.hpp).
#include <helder/session.hpp>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace fs = std::filesystem;

namespace helder {

namespace {

std::optional<fs::path> user_config_path() {
  const std::optional<fs::path> dir = user_config_dir();
  return dir ? std::optional<fs::path>(*dir / "config.toml") : std::nullopt;
}

std::vector<fs::path> split_path_list(const char* list) {
  std::vector<fs::path> out;
  if (!list) return out;
  std::stringstream s(list);
  std::string item;
  while (std::getline(s, item, ':'))
    if (!item.empty()) out.emplace_back(item);
  return out;
}

}  // namespace

Session::Session(SessionOptions options) : options_(std::move(options)), layout_(InstallLayout::detect()) {}

void Session::say(const std::string& message) const {
  if (options_.report) options_.report(message);
}

std::shared_ptr<const LanguageServices> Session::services() {
  std::lock_guard lock(mutex_);
  if (!services_) {
    WordServicePaths paths = WordServicePaths::defaults(layout_.data_dir());
    // For machines with the dictionaries elsewhere (and for tests of a missing dictionary).
    if (const char* h = std::getenv("HELDER_HUNSPELL")) {
      paths.hunspell_aff = std::string(h) + ".aff";
      paths.hunspell_dic = std::string(h) + ".dic";
    }
    if (const char* h = std::getenv("HELDER_HYPHENATION")) paths.hyphenation = h;
    services_ = LanguageServices::load(layout_.data_dir(), paths, options_.word_answers);
    for (const std::string& p : services_->problems) say(p);
  }
  return services_;
}

bool Session::has_new_word_answers() {
  if (options_.word_answers.empty()) return false;
  std::lock_guard lock(mutex_);
  return services_ && services_->words && services_->words->new_answers() > 0;
}

std::size_t Session::save_word_answers() {
  if (!has_new_word_answers()) return 0;
  std::shared_ptr<const LanguageServices> loaded;
  {
    std::lock_guard lock(mutex_);
    loaded = services_;
  }
  return loaded->words->save_answers(options_.word_answers);
}

std::string Session::config_key(const fs::path& checked) const {
  if (!options_.config_file.empty()) return options_.config_file;
  const std::optional<fs::path> found = find_project_config(checked.empty() ? fs::current_path() : checked);
  return found ? found->string() : std::string();
}

std::shared_ptr<Engine> Session::engine_for(const fs::path& checked) {
  const std::string key = config_key(checked);
  // The configuration loads outside the lock; set_adjust() and forget_engines() may come meanwhile (the
  // language server's main thread), so the adjustment is copied under the lock, and an engine made from a
  // configuration that changed in the meantime is used for this call but not kept.
  std::function<void(Config&)> adjust;
  std::uint64_t generation;
  {
    std::lock_guard lock(mutex_);
    if (auto it = engines_.find(key); it != engines_.end()) return it->second;
    adjust = options_.adjust;
    generation = generation_;
  }
  ConfigRequest request;
  request.checked_path = checked;
  if (!options_.config_file.empty()) request.config_file = fs::path(options_.config_file);
  request.pack_dirs = {layout_.pack_dir()};
  request.user_config = user_config_path();
  Config config = load_config(request);
  config.editor = options_.editor;
  config.suggestions = options_.suggestions;
  if (adjust) adjust(config);
  for (const std::string& n : config.notes) say(n);
  std::shared_ptr<const LanguageServices> shared = services();
  std::lock_guard lock(mutex_);
  if (auto it = engines_.find(key); it != engines_.end()) return it->second;
  load_plugins(config);
  std::vector<std::string> messages;
  auto engine = std::make_shared<Engine>(std::move(config), shared, plugins_, messages);
  for (const std::string& m : messages) say(m);
  if (generation == generation_) engines_.emplace(key, engine);
  return engine;
}

Config Session::pack_config(const fs::path& folder) {
  ConfigRequest request;
  request.pack_folder = folder;
  request.pack_dirs = {layout_.pack_dir()};
  request.user_config = user_config_path();
  Config config = load_config(request);
  config.editor = options_.editor;
  config.suggestions = options_.suggestions;
  return config;
}

std::shared_ptr<Engine> Session::make_engine(Config config, std::vector<std::string>& messages) {
  std::shared_ptr<const LanguageServices> shared = services();
  std::lock_guard lock(mutex_);
  load_plugins(config);
  return std::make_shared<Engine>(std::move(config), shared, plugins_, messages);
}

void Session::forget_engines() {
  std::lock_guard lock(mutex_);
  engines_.clear();
  ++generation_;
}

void Session::set_adjust(std::function<void(Config&)> adjust) {
  std::lock_guard lock(mutex_);
  options_.adjust = std::move(adjust);
  engines_.clear();
  ++generation_;
}

void Session::load_plugins(const Config& config) {
  std::vector<std::pair<fs::path, PluginOrigin>> dirs{{layout_.plugin_dir, PluginOrigin::Builtin}};
  for (const fs::path& d : split_path_list(std::getenv("HELDER_PLUGIN_PATH"))) dirs.emplace_back(d, PluginOrigin::Environment);
  for (const std::string& d : options_.plugin_dirs) dirs.emplace_back(d, PluginOrigin::CommandLine);
  for (const fs::path& d : config.plugin_dirs) dirs.emplace_back(d, PluginOrigin::UserConfig);
  for (const fs::path& d : config.project_plugin_dirs) dirs.emplace_back(d, PluginOrigin::Project);
  std::vector<std::string> messages;
  const PluginIsolation isolation{layout_.plugin_worker, options_.plugin_limits};
  const std::string own = fs::weakly_canonical(layout_.plugin_dir).string();
  for (const auto& [d, origin] : dirs) {
    const std::string key = fs::weakly_canonical(d).string();
    if (std::find(loaded_dirs_.begin(), loaded_dirs_.end(), key) != loaded_dirs_.end()) continue;
    const bool isolated = options_.isolate_plugins == SessionOptions::Isolation::All ||
                          (options_.isolate_plugins == SessionOptions::Isolation::Foreign && key != own);
    if (origin == PluginOrigin::Project) {
      load_project_plugins(d, isolated ? &isolation : nullptr, messages);
      continue;
    }
    loaded_dirs_.push_back(key);
    const std::size_t before = plugins_.plugins().size();
    plugins_.load_directory(d, messages, isolated ? &isolation : nullptr);
    for (std::size_t i = before; i < plugins_.plugins().size(); ++i)
      sources_.push_back(PluginSource{plugins_.plugins()[i]->path(), origin, true, plugins_.plugins()[i]->name(), {}});
  }
  for (const std::string& m : messages) say(m);
}

void Session::load_project_plugins(const fs::path& dir, const PluginIsolation* isolation,
                                   std::vector<std::string>& messages) {
  // The trust check reads the trust file again each time: a folder trusted while the language server runs
  // loads with the next configuration it reads. Nothing of an untrusted library is loaded, not even to look.
  const FolderVerdict verdict = check_project_plugin_folder(dir, trust_file_path());
  auto tell = [&](const std::string& message) {
    if (!said_untrusted_.insert(message).second) return;
    if (options_.report_untrusted) options_.report_untrusted(message);
    else say(message);
  };
  if (!verdict.problem.empty()) tell(verdict.problem);
  for (const TrustVerdict& v : verdict.libraries) {
    const auto known = std::find_if(sources_.begin(), sources_.end(), [&](const PluginSource& s) {
      return s.library == v.library;
    });
    if (known != sources_.end() && known->trusted) continue;  // loaded (or tried) before
    PluginSource source{v.library, PluginOrigin::Project, v.trusted, {}, v.problem};
    if (!v.trusted) {
      if (verdict.problem.empty()) tell(v.problem);
    } else {
      const std::size_t before = messages.size();
      if (plugins_.load_file(v.library, messages, isolation)) source.plugin = plugins_.plugins().back()->name();
      else if (messages.size() > before) source.problem = messages.back();
    }
    if (known != sources_.end()) *known = std::move(source);
    else sources_.push_back(std::move(source));
  }
}

std::vector<PluginSource> Session::plugin_sources() {
  std::lock_guard lock(mutex_);
  return sources_;
}

}  // namespace helder
