// A minimal LSP client for the tests and the benchmark: starts the real `helder lsp` binary with pipes,
// sends framed messages, reads the server's messages with a timeout. Independent of the server's own
// framing code, so the tests do not check the server against itself.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace helder::test {

class LspProcess {
 public:
  struct Options {
    std::string binary;                  // the helder program
    std::vector<std::string> args;       // before "lsp" (global options such as --plugin-dir)
    std::vector<std::string> env;        // added to the environment ("NAME=value")
    std::filesystem::path cwd;
    std::vector<std::string> lsp_args{};  // after "lsp" (options of the lsp command, such as --word-cache)
  };
  explicit LspProcess(const Options& options);
  ~LspProcess();  // kills the server if it still runs
  LspProcess(const LspProcess&) = delete;
  LspProcess& operator=(const LspProcess&) = delete;

  void send(const nlohmann::json& message);
  void send_raw(std::string_view bytes);
  void close_input();

  // The next message, or nullopt when none arrives within `timeout` (or the server closed its output).
  std::optional<nlohmann::json> receive(std::chrono::milliseconds timeout);
  // The next message for which `match` is true; the others stay pending, in order, for later calls.
  std::optional<nlohmann::json> receive_if(const std::function<bool(const nlohmann::json&)>& match,
                                           std::chrono::milliseconds timeout);
  // The next message body as it came, not parsed (for the benchmark: parsing is the client's cost).
  std::optional<std::string> receive_raw(std::chrono::milliseconds timeout);
  // Messages received but not yet taken.
  std::vector<nlohmann::json>& pending() { return pending_; }

  // Waits for the server to end: its exit code, 128 + signal, or -1 when it still runs after `timeout`.
  int wait(std::chrono::milliseconds timeout);
  std::string error_output();  // what the server wrote to standard error so far

 private:
  std::optional<nlohmann::json> read_one(std::chrono::milliseconds timeout);
  std::optional<std::string> read_body(std::chrono::milliseconds timeout);

  int pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  int exit_code_ = -1;
  std::string buffer_;
  std::vector<nlohmann::json> pending_;
  std::mutex err_mutex_;
  std::string err_text_;
  std::thread err_reader_;
  std::filesystem::path cache_dir_;  // XDG_CACHE_HOME of the server when the test gave none; removed at the end
};

// A child process with its standard input, output and error on pipes (our ends; the caller closes them).
struct Child {
  int pid = -1;
  int in = -1, out = -1, err = -1;
};
// Starts `argv` (argv[0] is the program's path) in `cwd` (unless empty). The child gets our environment without
// the user's own helder configuration (XDG_CONFIG_HOME, unless `env` sets it) and colour hints (NO_COLOR), plus `env`
// ("NAME=value").
// Throws when it cannot be started.
Child spawn_with_pipes(std::vector<std::string> argv, const std::vector<std::string>& env,
                       const std::filesystem::path& cwd);

// The file URI of `path` (helder::lsp::uri_from_path, which has its own tests).
std::string uri_of(const std::filesystem::path& path);

// The LSP position of byte `offset` in UTF-16 code units, as an editor counts it: {"line", "character"}. Written
// apart from the server's own conversion, so that tests compare two counts. Lines end at "\n", "\r\n" or "\r".
nlohmann::json utf16_position(std::string_view text, std::size_t offset);

}  // namespace helder::test
