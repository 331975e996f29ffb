// Benchmark: `helder check` as a CI job runs it over an archive: all 2,046 acts of ../shared/corpus/bwb-wet.tar.xz
// (or a folder given), with --jobs 1 and 2, writing JSON or JSON Lines. Prints files/s, MB/s and the peak memory
// of the process side by side (wait4's ru_maxrss), best of N runs.
//
// Then one large file of the acts one after another (110 MB unless said), as Markdown and as plain text, with its
// peak memory against the aim (4x the file + 100 MB).
//
// Usage: helder_archive_bench [corpus-dir-or-.tar.xz] [repeats] [MB of the large file; 0: none]
#include "bench_corpus.hpp"

#include <fmt/format.h>

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <chrono>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

extern char** environ;

namespace {

struct Run {
  double seconds = 0;
  long peak_kb = 0;
  int exit_code = -1;
};

// Runs helder with `args`, standard output to /dev/null, and measures the wall time and the peak memory.
Run run_helder(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::string binary = HELDER_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);  // notes of long texts
  const auto start = Clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start " + binary);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Run r;
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.peak_kb = usage.ru_maxrss;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const fs::path source = argc > 1 ? fs::path(argv[1]) : fs::path(HELDER_SHARED_DIR) / "corpus" / "bwb-wet.tar.xz";
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2;
    const std::size_t large_mb = argc > 3 ? static_cast<std::size_t>(std::max(0, std::atoi(argv[3]))) : 110;
    const fs::path corpus = helder::bench::unpacked(source);
    std::size_t files = 0;
    std::uintmax_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(corpus)) {
      const auto ext = e.path().extension();
      if (e.is_regular_file() && (ext == ".txt" || ext == ".md")) {
        ++files;
        bytes += e.file_size();
      }
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    fmt::print("archive: {} ({} files, {:.1f} MB), best of {} runs, release build recommended\n", corpus.string(),
               files, mb, repeats);
    fmt::print("{:<34} {:>9} {:>9} {:>9} {:>12}\n", "run", "seconds", "files/s", "MB/s", "peak memory");
    for (const char* format : {"json", "jsonl"}) {
      for (int jobs : {1, 2}) {
        Run best;
        best.seconds = 1e300;
        for (int i = 0; i < repeats; ++i) {
          const Run r = run_helder({"check", "--jobs", std::to_string(jobs), "--fail-on", "none", "--format", format,
                                    corpus.string()});
          if (r.seconds < best.seconds) best = r;
          best.peak_kb = std::max(best.peak_kb, r.peak_kb);
        }
        fmt::print("{:<34} {:>9.2f} {:>9.1f} {:>9.2f} {:>9.0f} MB{}\n",
                   fmt::format("--jobs {} --format {}", jobs, format), best.seconds, files / best.seconds,
                   mb / best.seconds, best.peak_kb / 1024.0,
                   best.exit_code == 0 ? "" : fmt::format("  (exit {})", best.exit_code));
      }
    }

    // One large file: the acts one after another (again from the start when they run out) up to `large_mb`,
    // as Markdown and as plain text. Checked in sections (limits::section_bytes), findings written as they come.
    if (large_mb > 0) {
      std::vector<fs::path> acts;
      for (const auto& e : fs::recursive_directory_iterator(corpus))
        if (e.is_regular_file() && e.path().extension() == ".md") acts.push_back(e.path());
      std::sort(acts.begin(), acts.end());
      std::string text;
      text.reserve(large_mb * 1'000'000 + (1 << 20));
      for (std::size_t i = 0; !acts.empty() && text.size() < large_mb * 1'000'000; i = (i + 1) % acts.size()) {
        std::ifstream in(acts[i], std::ios::binary);
        text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        text += "\n\n";
      }
      text.resize(std::min(text.size(), large_mb * 1'000'000));
      const fs::path dir = fs::temp_directory_path() / "helder-bench-large";
      fs::create_directories(dir);
      const double size_mb = static_cast<double>(text.size()) / 1e6;
      fmt::print("\none file of {:.0f} MB (the acts one after another); aim for peak memory: 4x the file + 100 MB "
                 "= {:.0f} MB\n", size_mb, 4 * size_mb + 100);
      fmt::print("{:<34} {:>9} {:>9} {:>9} {:>12}\n", "run", "seconds", "", "MB/s", "peak memory");
      for (const char* ext : {".md", ".txt"}) {
        const fs::path file = dir / (std::string("wetten") + ext);
        {
          std::ofstream out(file, std::ios::binary);
          out << text;
        }
        for (int jobs : {1, 2}) {
          const Run r = run_helder(
              {"check", "--jobs", std::to_string(jobs), "--fail-on", "none", "--format", "json", file.string()});
          fmt::print("{:<34} {:>9.2f} {:>9} {:>9.2f} {:>9.0f} MB{}\n",
                     fmt::format("{} --jobs {} --format json", ext, jobs), r.seconds, "", size_mb / r.seconds,
                     r.peak_kb * 1024.0 / 1e6, r.exit_code == 0 ? "" : fmt::format("  (exit {})", r.exit_code));
        }
        fs::remove(file);
      }
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "helder_archive_bench: {}\n", e.what());
    return 1;
  }
}
