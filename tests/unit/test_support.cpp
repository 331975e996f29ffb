// Shared helpers for the tests (see test_support.hpp).
#include "test_support.hpp"

#include "lsp_client.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>


namespace helder::test {

namespace fs = std::filesystem;

std::shared_ptr<const LanguageServices> language_services() {
  static const auto services = LanguageServices::load(fs::path(HELDER_SOURCE_DIR) / "host" / "data",
                                                      WordServicePaths::defaults(fs::path(HELDER_SOURCE_DIR) / "host" / "data"));
  return services;
}

const PluginRegistry& builtin_plugins() {
  static const PluginRegistry registry = [] {
    PluginRegistry r;
    std::vector<std::string> messages;
    r.load_directory(fs::path(HELDER_BUILD_DIR) / HELDER_PLUGIN_OUTPUT_DIR, messages);
    if (!messages.empty()) throw std::runtime_error("built-in plugins: " + messages.front());
    return r;
  }();
  return registry;
}

Config config_from(const std::string& project_toml, const fs::path& dir) {
  std::ofstream(dir / ".helder.toml") << project_toml;
  ConfigRequest request;
  request.checked_path = dir;
  request.config_file = dir / ".helder.toml";
  request.pack_dirs = {fs::path(HELDER_SOURCE_DIR) / "rules"};
  return load_config(request);
}

TempDir::TempDir() {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  path_ = fs::temp_directory_path() /
          ("helder-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path TempDir::write(const std::string& name, const std::string& content) const {
  const fs::path p = path_ / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const char* folder : {"circulaires", "letters"})
    for (const auto& e : fs::directory_iterator(fs::path(HELDER_SHARED_DIR) / "corpus" / folder))
      if (e.path().extension() == ".txt" || e.path().extension() == ".md") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

namespace {

std::string drain(int fd) {
  std::string out;
  char buffer[65536];
  ssize_t n;
  while ((n = read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

RunResult run_helder(const std::vector<std::string>& args, const std::string& input, const fs::path& cwd,
                     const std::vector<std::string>& env) {
  std::vector<std::string> argv{HELDER_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  const Child child = spawn_with_pipes(std::move(argv), env, cwd);

  RunResult result;
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < input.size()) {
      const ssize_t n = write(child.in, input.data() + done, input.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    close(child.in);
  });
  std::thread err_reader([&] { result.err = drain(child.err); });
  result.out = drain(child.out);
  err_reader.join();
  writer.join();
  close(child.out);
  close(child.err);
  int status = 0;
  waitpid(child.pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}


namespace {
constexpr std::string_view open_mark = "⟦";
constexpr std::string_view close_mark = "⟧";

}  // namespace

std::string strip_marks(const std::string& annotated, std::vector<Expectation>& expected) {
  std::string clean;
  std::vector<std::uint32_t> open;
  for (std::size_t i = 0; i < annotated.size();) {
    const std::string_view rest = std::string_view(annotated).substr(i);
    if (rest.starts_with(open_mark)) {
      open.push_back(static_cast<std::uint32_t>(clean.size()));
      i += open_mark.size();
    } else if (rest.starts_with(close_mark)) {
      if (open.empty()) throw std::runtime_error("⟧ without ⟦");
      i += close_mark.size();
      const std::size_t brace_end = annotated.find('}', i);
      if (annotated.compare(i, 1, "{") != 0 || brace_end == std::string::npos)
        throw std::runtime_error("⟧ must be followed by {severity}");
      const std::string spec = annotated.substr(i + 1, brace_end - i - 1);
      const std::size_t colon = spec.find(':');
      std::string part = colon == std::string::npos ? "" : spec.substr(colon + 1);
      part.erase(0, part.find_first_not_of(' '));
      expected.push_back(Expectation{open.back(), static_cast<std::uint32_t>(clean.size()), spec.substr(0, colon), part});
      open.pop_back();
      i = brace_end + 1;
    } else {
      clean.push_back(annotated[i++]);
    }
  }
  if (!open.empty()) throw std::runtime_error("⟦ without ⟧");
  return clean;
}


}  // namespace helder::test
