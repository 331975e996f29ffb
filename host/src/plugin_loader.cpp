// Loads rule plugins with Boost.DLL and checks their descriptor before any of their code runs.
#include <helder/plugin_loader.hpp>

#include "elf_symbols.hpp"
#include "plugin_process.hpp"

#include <boost/dll/shared_library.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>

namespace helder {

namespace fs = std::filesystem;

struct LoadedPlugin::Library {
  boost::dll::shared_library library;
};

LoadedPlugin::~LoadedPlugin() = default;

const helder_check_kind& LoadedPlugin::kind(std::size_t i) const {
  return *reinterpret_cast<const helder_check_kind*>(reinterpret_cast<const char*>(descriptor_->kinds) +
                                                     i * descriptor_->kind_stride);
}

const helder_check_kind* LoadedPlugin::find_kind(std::string_view name) const {
  for (std::size_t i = 0; i < kind_count(); ++i)
    if (kind(i).name && name == kind(i).name) return &kind(i);
  return nullptr;
}

std::intptr_t LoadedPlugin::process_id() const {
  return process_ && process_->alive() ? process_->pid() : 0;
}

std::size_t LoadedPlugin::kind_index(const helder_check_kind* kind) const {
  for (std::size_t i = 0; i < kind_count(); ++i)
    if (&this->kind(i) == kind) return i;
  return kind_count();
}

namespace {

// The smallest descriptor and kind this host understands: everything up to the last field of ABI 1.0.
constexpr std::size_t min_plugin_size = offsetof(helder_plugin, kind_stride) + sizeof(size_t);
constexpr std::size_t min_kind_size = offsetof(helder_check_kind, destroy) + sizeof(void*);

// Reads the ELF symbol table without loading the library: a plugin built for another ABI is refused
// before any of its code (static constructors included) runs.
std::vector<std::string> exported_symbols(const fs::path& file, std::string& error) {
  try {
    return elf_exported_symbols(file);
  } catch (const std::exception& e) {
    error = e.what();
    return {};
  }
}

}  // namespace

bool PluginRegistry::load_file(const fs::path& file, std::vector<std::string>& messages,
                               const PluginIsolation* isolation) {
  const std::string shown = file.filename().string();
  if (isolation && !isolation->worker.empty()) {
    // The worker checks the library as below, in its own process: a plugin that crashes while loading
    // does not take the host down either.
    std::shared_ptr<PluginProcess> process = PluginProcess::start(isolation->worker, file, isolation->limits, messages);
    if (!process) return false;
    const PluginProcess::Descriptor& d = process->descriptor();
    auto plugin = std::shared_ptr<LoadedPlugin>(new LoadedPlugin());
    plugin->path_ = file;
    plugin->name_ = d.name;
    plugin->version_ = d.version;
    for (const PluginProcess::Kind& k : d.kinds)
      plugin->remote_kinds_.push_back(helder_check_kind{sizeof(helder_check_kind), k.name.c_str(), k.summary.c_str(),
                                                        k.scope, nullptr, nullptr, nullptr, k.context_sentences});
    plugin->remote_descriptor_ = helder_plugin{sizeof(helder_plugin), d.abi_major, d.abi_minor, plugin->name_.c_str(),
                                               plugin->version_.c_str(), plugin->remote_kinds_.data(),
                                               plugin->remote_kinds_.size(), sizeof(helder_check_kind)};
    plugin->descriptor_ = &plugin->remote_descriptor_;
    plugin->process_ = std::move(process);
    if (find(plugin->name_)) {
      messages.push_back(fmt::format("Plugin {} is niet geladen: er is al een plugin met de naam \"{}\" geladen ({})",
                                     shown, plugin->name_, file.string()));
      return false;
    }
    plugins_.push_back(std::move(plugin));
    return true;
  }
  auto refuse = [&](const std::string& why) {
    messages.push_back(fmt::format("Plugin {} is niet geladen: {} ({})", shown, why, file.string()));
    return false;
  };

  std::string error;
  const std::vector<std::string> symbols = exported_symbols(file, error);
  if (!error.empty() || symbols.empty()) return refuse("dit is geen bruikbare gedeelde bibliotheek");
  if (std::find(symbols.begin(), symbols.end(), HELDER_PLUGIN_SYMBOL) == symbols.end()) {
    for (const std::string& s : symbols)
      if (s.rfind("helder_plugin_v", 0) == 0)
        return refuse(fmt::format("gebouwd voor plugin-ABI {}, deze helder ondersteunt ABI {}",
                                  s.substr(std::strlen("helder_plugin_v")), HELDER_ABI_MAJOR));
    return refuse(fmt::format("het symbool {} ontbreekt; is dit een helder-plugin?", HELDER_PLUGIN_SYMBOL));
  }

  auto plugin = std::shared_ptr<LoadedPlugin>(new LoadedPlugin());
  plugin->path_ = file;
  try {
    plugin->library_ = std::make_unique<LoadedPlugin::Library>();
    plugin->library_->library.load(file, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
    plugin->descriptor_ = &plugin->library_->library.get<const helder_plugin>(HELDER_PLUGIN_SYMBOL);
  } catch (const std::exception& e) {
    return refuse(fmt::format("laden mislukt: {}", e.what()));
  }
  const helder_plugin& d = *plugin->descriptor_;
  if (d.struct_size < min_plugin_size) return refuse("de beschrijving van de plugin is te klein (beschadigd?)");
  if (d.abi_major != HELDER_ABI_MAJOR)
    return refuse(fmt::format("gebouwd voor plugin-ABI {}, deze helder ondersteunt ABI {}", d.abi_major,
                              HELDER_ABI_MAJOR));
  if (!d.name || !*d.name) return refuse("de plugin heeft geen naam");
  if (d.kind_count > 0 && (!d.kinds || d.kind_stride < min_kind_size))
    return refuse("de lijst met soorten controles is ongeldig");
  for (std::size_t i = 0; i < d.kind_count; ++i) {
    const helder_check_kind& k = plugin->kind(i);
    if (k.struct_size < min_kind_size || !k.name || !k.create || !k.check || !k.destroy)
      return refuse(fmt::format("soort controle nummer {} is onvolledig", i + 1));
  }
  plugin->name_ = d.name;
  plugin->version_ = d.version ? d.version : "";
  if (find(plugin->name_))
    return refuse(fmt::format("er is al een plugin met de naam \"{}\" geladen", plugin->name_));
  plugins_.push_back(std::move(plugin));
  return true;
}

void PluginRegistry::load_directory(const fs::path& dir, std::vector<std::string>& messages,
                                    const PluginIsolation* isolation) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    messages.push_back(fmt::format("De plugin-map {} bestaat niet.", dir.string()));
    return;
  }
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".so") files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // a stable order, whatever the file system returns
  for (const fs::path& f : files) load_file(f, messages, isolation);
}

std::shared_ptr<const LoadedPlugin> PluginRegistry::find(std::string_view plugin_name) const {
  for (const auto& p : plugins_)
    if (p->name() == plugin_name) return p;
  return nullptr;
}

}  // namespace helder
