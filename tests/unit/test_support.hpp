// Shared helpers for the tests: the real language services and plugins, temporary folders, and
// running the real `helder` binary.
#pragma once

#include <helder/engine.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace helder::test {

// The real services (Hunspell nl, hyph_nl_NL, the shipped data), loaded once per test run.
std::shared_ptr<const LanguageServices> language_services();
// The built-in plugins of the build tree, loaded through the real loader, once.
const PluginRegistry& builtin_plugins();
// Configuration with only the given packs dirs (built-in rules/ first) and a project file.
Config config_from(const std::string& project_toml, const std::filesystem::path& dir);

// A fresh folder under the system temp folder, removed afterwards.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built `helder` binary with `args`, feeding `input` on standard input, in `cwd`.
RunResult run_helder(const std::vector<std::string>& args, const std::string& input = {},
                     const std::filesystem::path& cwd = {}, const std::vector<std::string>& env = {});

std::string read_file(const std::filesystem::path& p);

// The texts of ../shared/corpus the corpus tests check: the 30 circulaires and the two letters, sorted.
std::vector<std::filesystem::path> corpus_files();


// A rule fixture's expected finding: ⟦words⟧{severity: part of the message} (tests/rules/README).
struct Expectation {
  std::uint32_t start, end;  // bytes into the clean text
  std::string severity;
  std::string message_part;
  bool used = false;
};
// Removes the marks from `annotated`; returns the clean text and fills `expected`. Throws on a broken mark.
std::string strip_marks(const std::string& annotated, std::vector<Expectation>& expected);

}  // namespace helder::test
