// A plugin in its own process: the host side of helder-plugin-worker (host/worker/plugin_worker.cpp).
//
// The worker loads one plugin library and runs its checks; every call the plugin makes into helder_host
// and helder_options comes back over the socket and is answered here, by the same functions an
// in-process plugin calls. create() and check() have the signatures of helder_check_kind's, so a rule
// does not care where its plugin runs. A worker that crashes, hangs past the time limit, grows past the
// memory limit or sends garbage is stopped; from then on every call fails with a Dutch message.
#pragma once

#include <helder/plugin_abi.h>
#include <helder/plugin_loader.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace helder {

class PluginProcess {
 public:
  struct Kind {
    std::string name, summary;
    std::uint32_t scope = 0;
    std::uint32_t context_sentences = 0;
  };
  struct Descriptor {
    std::uint32_t abi_major = 0, abi_minor = 0;
    std::string name, version;
    std::vector<Kind> kinds;
  };

  // Starts `worker` for `plugin` and reads what the plugin is. Returns nullptr when the worker cannot start or
  // refuses the plugin; `messages` then says why (Dutch, the same messages as the in-process loader's).
  static std::shared_ptr<PluginProcess> start(const std::filesystem::path& worker, const std::filesystem::path& plugin,
                                              const IsolationLimits& limits, std::vector<std::string>& messages);
  ~PluginProcess();
  PluginProcess(const PluginProcess&) = delete;
  PluginProcess& operator=(const PluginProcess&) = delete;

  const Descriptor& descriptor() const { return descriptor_; }

  // As helder_check_kind::create and ::check. `*rule` is an id of the rule in the worker.
  helder_status create(std::size_t kind, const helder_host* host, const helder_options* options,
                       const helder_errors* errors, void** rule);
  helder_status check(const void* rule, const helder_unit* unit, const helder_sink* sink, const helder_errors* errors);
  void destroy(void* rule);

  bool alive() const;
  std::intptr_t pid() const { return pid_; }

 private:
  PluginProcess() = default;
  // Runs one request: sends it, answers calls, passes findings to `sink`; returns the reply's body.
  // On failure stops the worker and returns false with `failure_` set.
  bool request(std::uint8_t type, const std::string& body, std::uint8_t reply, const helder_host* host,
               const helder_options* options, const helder_sink* sink, std::string& reply_body);
  void stop(const std::string& why);  // kills and reaps the worker
  std::string exit_reason();          // after the connection broke: how the worker ended

  mutable std::mutex mutex_;
  int fd_ = -1;
  std::intptr_t pid_ = -1;
  IsolationLimits limits_;
  Descriptor descriptor_;
  std::filesystem::path plugin_;
  std::unordered_map<std::uint64_t, const helder_host*> hosts_;  // per rule id: the host it was made with
  std::string failure_;  // why the worker was stopped; empty while it runs
};

}  // namespace helder
