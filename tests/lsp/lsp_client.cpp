// A minimal LSP client over pipes (see lsp_client.hpp).
#include "lsp_client.hpp"

#include <helder/lsp/protocol.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace helder::test {

namespace fs = std::filesystem;
using json = nlohmann::json;

Child spawn_with_pipes(std::vector<std::string> argv_strings, const std::vector<std::string>& env,
                       const fs::path& cwd) {
  signal(SIGPIPE, SIG_IGN);  // a child that exits without reading its input must not kill the test
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
    posix_spawn_file_actions_addclose(&actions, fd);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  std::vector<char*> argv;
  for (std::string& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    const std::string_view entry(*e);
    if (entry.starts_with("NO_COLOR=") || entry.starts_with("XDG_CONFIG_HOME=")) continue;
    env_strings.emplace_back(entry);
  }
  // A test that gives the child a configuration folder of its own (XDG_CONFIG_HOME in `env`) gets that one: the
  // first entry of a name is the one getenv() finds.
  if (std::none_of(env.begin(), env.end(), [](const std::string& e) { return e.starts_with("XDG_CONFIG_HOME="); }))
    env_strings.push_back("XDG_CONFIG_HOME=/nonexistent-helder-test-config");
  env_strings.insert(env_strings.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);

  pid_t pid;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (rc != 0) {
    for (int fd : {in_pipe[1], out_pipe[0], err_pipe[0]}) close(fd);
    throw std::runtime_error("cannot start " + argv_strings.front() + ": " + std::strerror(rc));
  }
  return Child{pid, in_pipe[1], out_pipe[0], err_pipe[0]};
}

LspProcess::LspProcess(const Options& options) {
  std::vector<std::string> argv{options.binary};
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  argv.push_back("lsp");
  argv.insert(argv.end(), options.lsp_args.begin(), options.lsp_args.end());
  // The server keeps its word cache in XDG_CACHE_HOME: a folder of this process's own, unless the test gives one,
  // so that no test reads what another wrote (nor the user's own cache).
  std::vector<std::string> env = options.env;
  if (std::none_of(env.begin(), env.end(), [](const std::string& e) { return e.starts_with("XDG_CACHE_HOME="); })) {
    std::string dir = (fs::temp_directory_path() / "helder-lsp-cache-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) throw std::runtime_error("mkdtemp");
    cache_dir_ = dir;
    env.push_back("XDG_CACHE_HOME=" + dir);
  }
  const Child child = spawn_with_pipes(std::move(argv), env, options.cwd);
  pid_ = child.pid;
  in_ = child.in;
  out_ = child.out;
  err_ = child.err;
  err_reader_ = std::thread([this] {
    char buffer[4096];
    ssize_t n;
    while ((n = read(err_, buffer, sizeof buffer)) > 0) {
      std::lock_guard lock(err_mutex_);
      err_text_.append(buffer, static_cast<std::size_t>(n));
    }
  });
}

LspProcess::~LspProcess() {
  close_input();
  if (wait(std::chrono::milliseconds(2000)) == -1) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (err_reader_.joinable()) err_reader_.join();
  if (out_ >= 0) close(out_);
  if (err_ >= 0) close(err_);
  std::error_code ec;
  if (!cache_dir_.empty()) fs::remove_all(cache_dir_, ec);
}

void LspProcess::send(const json& message) {
  const std::string body = message.dump();
  send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
}

void LspProcess::send_raw(std::string_view bytes) {
  std::size_t done = 0;
  while (in_ >= 0 && done < bytes.size()) {
    const ssize_t n = write(in_, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
}

void LspProcess::close_input() {
  if (in_ >= 0) close(in_);
  in_ = -1;
}

std::optional<json> LspProcess::read_one(std::chrono::milliseconds timeout) {
  std::optional<std::string> body = read_body(timeout);
  if (!body) return std::nullopt;
  return json::parse(*body);
}

std::optional<std::string> LspProcess::receive_raw(std::chrono::milliseconds timeout) {
  if (!pending_.empty()) {
    std::string body = pending_.front().dump();
    pending_.erase(pending_.begin());
    return body;
  }
  return read_body(timeout);
}

std::optional<std::string> LspProcess::read_body(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const std::size_t header_end = buffer_.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      const std::string header = buffer_.substr(0, header_end);
      const std::size_t colon = header.find(':');
      if (header.rfind("Content-Length:", 0) != 0 || colon == std::string::npos)
        throw std::runtime_error("the server sent a bad header: " + header);
      const std::size_t length = std::stoul(header.substr(colon + 1));
      if (buffer_.size() >= header_end + 4 + length) {
        std::string body = buffer_.substr(header_end + 4, length);
        buffer_.erase(0, header_end + 4 + length);
        return body;
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline || out_ < 0) return std::nullopt;
    pollfd p{out_, POLLIN, 0};
    const int ready =
        poll(&p, 1, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count()) + 1);
    if (ready <= 0) continue;
    char chunk[65536];
    const ssize_t n = read(out_, chunk, sizeof chunk);
    if (n <= 0) {
      close(out_);
      out_ = -1;
      return std::nullopt;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::optional<json> LspProcess::receive(std::chrono::milliseconds timeout) {
  if (!pending_.empty()) {
    json m = std::move(pending_.front());
    pending_.erase(pending_.begin());
    return m;
  }
  return read_one(timeout);
}

std::optional<json> LspProcess::receive_if(const std::function<bool(const json&)>& match,
                                           std::chrono::milliseconds timeout) {
  for (auto it = pending_.begin(); it != pending_.end(); ++it)
    if (match(*it)) {
      json m = std::move(*it);
      pending_.erase(it);
      return m;
    }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return std::nullopt;
    std::optional<json> m = read_one(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    if (!m) return std::nullopt;
    if (match(*m)) return m;
    pending_.push_back(std::move(*m));
  }
}

int LspProcess::wait(std::chrono::milliseconds timeout) {
  if (exit_code_ != -1) return exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    const pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exit_code_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string LspProcess::error_output() {
  std::lock_guard lock(err_mutex_);
  return err_text_;
}

std::string uri_of(const fs::path& path) { return helder::lsp::uri_from_path(path); }

json utf16_position(std::string_view text, std::size_t offset) {
  std::uint32_t line = 0, character = 0;
  for (std::size_t i = 0; i < offset && i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const bool line_end = text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'));
    if (line_end) {
      ++line;
      character = 0;
    } else if (text[i] != '\r') {
      character += length == 4 ? 2 : 1;
    }
    i += length;
  }
  return {{"line", line}, {"character", character}};
}

}  // namespace helder::test
