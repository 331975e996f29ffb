// Loads rule plugins (shared libraries) with Boost.DLL through the versioned C boundary of plugin_abi.h.
#pragma once

#include <helder/plugin_abi.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

// A loaded plugin library. Rules made by it hold a shared_ptr to it, so no object made by a plugin
// outlives its library.
class LoadedPlugin {
 public:
  ~LoadedPlugin();
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::filesystem::path& path() const { return path_; }
  std::size_t kind_count() const { return descriptor_->kind_count; }
  const helder_check_kind& kind(std::size_t i) const;
  const helder_check_kind* find_kind(std::string_view name) const;

 private:
  friend class PluginRegistry;
  LoadedPlugin() = default;
  struct Library;
  std::unique_ptr<Library> library_;
  const helder_plugin* descriptor_ = nullptr;
  std::filesystem::path path_;
  std::string name_, version_;
};

class PluginRegistry {
 public:
  // Loads every "*.so" file in `dir` (not recursive). Problems go to `messages` (Dutch, naming the
  // plugin); a broken plugin never stops the others.
  void load_directory(const std::filesystem::path& dir, std::vector<std::string>& messages);
  // Loads one library; returns false (with a message) when it is refused.
  bool load_file(const std::filesystem::path& file, std::vector<std::string>& messages);

  std::shared_ptr<const LoadedPlugin> find(std::string_view plugin_name) const;
  const std::vector<std::shared_ptr<const LoadedPlugin>>& plugins() const { return plugins_; }

 private:
  std::vector<std::shared_ptr<const LoadedPlugin>> plugins_;
};

}  // namespace helder
