// Loads rule plugins (shared libraries) with Boost.DLL through the versioned C boundary of plugin_abi.h.
#pragma once

#include <helder/plugin_abi.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

class PluginProcess;

// Limits for a plugin that runs in a process of its own.
struct IsolationLimits {
  std::chrono::milliseconds timeout{10'000};  // per check of one document (or paragraph)
  std::size_t memory_mb = 2048;               // resident memory of the plugin's process
};

// How plugins are loaded: in the host's process (`worker` empty), or each in a process of its own
// (helder-plugin-worker), where a crash, a hang or a leak stops only that plugin.
struct PluginIsolation {
  std::filesystem::path worker;
  IsolationLimits limits;
};

// The sentences of context a kind of scope HELDER_SCOPE_PARAGRAPH_IN_CONTEXT reads (ABI minor 3); 0 for a kind
// of an older layout.
inline std::uint32_t kind_context_sentences(const helder_check_kind& kind) {
  return kind.struct_size >= offsetof(helder_check_kind, context_sentences) + sizeof(kind.context_sentences)
             ? kind.context_sentences
             : 0;
}

// A loaded plugin library. Rules made by it hold a shared_ptr to it, so no object made by a plugin
// outlives its library.
class LoadedPlugin {
 public:
  ~LoadedPlugin();
  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  std::uint32_t abi_minor() const { return descriptor_->abi_minor; }
  const std::filesystem::path& path() const { return path_; }
  std::size_t kind_count() const { return descriptor_->kind_count; }
  const helder_check_kind& kind(std::size_t i) const;
  const helder_check_kind* find_kind(std::string_view name) const;
  std::size_t kind_index(const helder_check_kind* kind) const;
  // The plugin's own process, when it runs in one (its kinds then have no functions: the process runs them).
  PluginProcess* process() const { return process_.get(); }
  // The id of that process (0 when the plugin runs in the host's process, or its process was stopped).
  std::intptr_t process_id() const;

 private:
  friend class PluginRegistry;
  LoadedPlugin() = default;
  struct Library;
  std::unique_ptr<Library> library_;
  const helder_plugin* descriptor_ = nullptr;
  std::shared_ptr<PluginProcess> process_;
  helder_plugin remote_descriptor_{};            // for a plugin in its own process: what its worker said
  std::vector<helder_check_kind> remote_kinds_;
  std::filesystem::path path_;
  std::string name_, version_;
};

class PluginRegistry {
 public:
  // Loads every "*.so" file in `dir` (not recursive). Problems go to `messages` (Dutch, naming the
  // plugin); a broken plugin never stops the others. `isolation`: run each in a process of its own.
  void load_directory(const std::filesystem::path& dir, std::vector<std::string>& messages,
                      const PluginIsolation* isolation = nullptr);
  // Loads one library; returns false (with a message) when it is refused.
  bool load_file(const std::filesystem::path& file, std::vector<std::string>& messages,
                 const PluginIsolation* isolation = nullptr);

  std::shared_ptr<const LoadedPlugin> find(std::string_view plugin_name) const;
  const std::vector<std::shared_ptr<const LoadedPlugin>>& plugins() const { return plugins_; }

 private:
  std::vector<std::shared_ptr<const LoadedPlugin>> plugins_;
};

}  // namespace helder
