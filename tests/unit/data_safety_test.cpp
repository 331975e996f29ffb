// `helder check --fix` and the baseline writer never leave a file half written: the real binary on copies of
// letters is interrupted (SIGINT, SIGTERM at several moments, SIGXFSZ inside a write), runs into a full disk
// (RLIMIT_FSIZE with SIGXFSZ ignored, so write() fails with EFBIG; /dev/full), and every file is afterwards
// byte for byte either the original or the fixed version, with no temporary file left.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <thread>

extern char** environ;

namespace fs = std::filesystem;
namespace test = helder::test;
using Clock = std::chrono::steady_clock;

namespace {

// The letters with sure fixes (officialese with one plain replacement): a letter, a Kamerbrief, a Markdown letter.
const std::vector<fs::path>& letters() {
  static const std::vector<fs::path> files{
      fs::path(HELDER_SOURCE_DIR) / "examples" / "brief-parkeervergunning.txt",
      fs::path(HELDER_SHARED_DIR) / "corpus" / "letters" / "kamerbrief-2023-03-31-reflectie-verkiezingsuitslag.txt",
      fs::path(HELDER_SHARED_DIR) / "corpus" / "letters" / "sg-brief-2024-01-12-aan-informateur.md"};
  return files;
}

using Contents = std::map<std::string, std::string>;  // file name -> bytes

// `copies` copies of each letter in `dir` ("brief-00-0.txt", ...); returns what was written.
Contents copy_letters(const fs::path& dir, int copies) {
  fs::create_directories(dir);
  Contents written;
  for (int i = 0; i < copies; ++i)
    for (std::size_t k = 0; k < letters().size(); ++k) {
      const std::string name = "brief-" + std::to_string(i / 10) + std::to_string(i % 10) + "-" + std::to_string(k) +
                               letters()[k].extension().string();
      written[name] = test::read_file(letters()[k]);
      std::ofstream(dir / name, std::ios::binary) << written[name];
    }
  return written;
}

Contents contents_of(const fs::path& dir) {
  Contents out;
  for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = test::read_file(e.path());
  return out;
}

struct Run {
  int status = 0;  // as waitpid gives it
  std::string err;
};

struct SpawnOptions {
  std::optional<rlim_t> file_size_limit;  // RLIMIT_FSIZE, bytes
  bool ignore_xfsz = false;               // a write past the limit then fails with EFBIG instead of a signal
};

// Starts the real helder with `args` in `cwd`: standard input and output /dev/null, standard error a pipe.
// fork and exec, because the child needs its own resource limit and signal actions.
class Helder {
 public:
  Helder(const std::vector<std::string>& args, const fs::path& cwd, SpawnOptions options = {}) {
    std::vector<std::string> argv_strings{HELDER_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e)
      if (!std::string_view(*e).starts_with("XDG_CONFIG_HOME=") && !std::string_view(*e).starts_with("NO_COLOR="))
        env_strings.emplace_back(*e);
    env_strings.push_back("XDG_CONFIG_HOME=/nonexistent-helder-test-config");
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string dir = cwd.string();
    int err_pipe[2];
    REQUIRE(::pipe2(err_pipe, O_CLOEXEC) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      // Only async-signal-safe calls until exec.
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(err_pipe[1], 2);
      if (::chdir(dir.c_str()) != 0) ::_exit(126);
      sigset_t none;
      sigemptyset(&none);
      ::sigprocmask(SIG_SETMASK, &none, nullptr);
      for (int s : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::signal(s, SIG_DFL);
      const rlimit no_core{0, 0};  // a process ended by SIGXFSZ dumps core: not into the folder under test
      ::setrlimit(RLIMIT_CORE, &no_core);
      ::signal(SIGXFSZ, options.ignore_xfsz ? SIG_IGN : SIG_DFL);
      if (options.file_size_limit) {
        const rlimit limit{*options.file_size_limit, *options.file_size_limit};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
      }
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    ::close(err_pipe[1]);
    err_fd_ = err_pipe[0];
    err_reader_ = std::thread([this] {
      char buffer[4096];
      for (ssize_t n; (n = ::read(err_fd_, buffer, sizeof buffer)) > 0;) err_.append(buffer, static_cast<std::size_t>(n));
    });
  }
  ~Helder() {
    if (!waited_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  Helder(const Helder&) = delete;
  Helder& operator=(const Helder&) = delete;

  pid_t pid() const { return pid_; }
  Run wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    waited_ = true;
    err_reader_.join();
    ::close(err_fd_);
    return Run{status, err_};
  }
  // True when the child ended (then wait() returns at once).
  bool ended() {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid_;
  }

 private:
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string err_;
  std::thread err_reader_;
  bool waited_ = false;
};

std::string describe(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
  return "status " + std::to_string(status);
}

bool is_temporary(const std::string& name) { return name.starts_with('.') && name.find(".helder-") != std::string::npos; }

// Every file is its original or its fixed version, byte for byte; nothing else is in the folder. Returns how many
// were fixed.
std::size_t check_intact(const fs::path& dir, const Contents& originals, const Contents& fixed) {
  const Contents now = contents_of(dir);
  std::size_t fixed_count = 0;
  for (const auto& [name, bytes] : now) {
    INFO(name);
    CHECK_FALSE(is_temporary(name));
    const auto original = originals.find(name);
    REQUIRE(original != originals.end());
    const bool is_original = bytes == original->second;
    const bool is_fixed = bytes == fixed.at(name);
    CHECK((is_original || is_fixed));
    if (is_fixed && !is_original) ++fixed_count;
  }
  CHECK(now.size() == originals.size());
  return fixed_count;
}

// The fixed version of every copy: one uninterrupted run over the same files. Also how long that run took.
std::pair<Contents, Clock::duration> reference_run(const fs::path& dir, int copies) {
  copy_letters(dir, copies);
  const auto start = Clock::now();
  Helder helder({"check", "--fix", "--jobs", "2", "."}, dir);
  const Run run = helder.wait();
  const auto took = Clock::now() - start;
  INFO(run.err);
  REQUIRE(WIFEXITED(run.status));
  REQUIRE(WEXITSTATUS(run.status) == 1);  // findings without a sure fix are left
  const Contents fixed = contents_of(dir);
  for (const auto& [name, bytes] : fixed) REQUIRE_FALSE(is_temporary(name));
  return {fixed, took};
}

}  // namespace

TEST_CASE("data safety: SIGINT and SIGTERM at several moments of a --fix run leave every file whole",
          "[data-safety][cli]") {
  test::TempDir dir;
  constexpr int kCopies = 8;  // 24 letters
  const auto [fixed, took] = reference_run(dir.path() / "referentie", kCopies);
  int interrupted = 0, mid_run = 0;
  for (const auto& [signal, fraction] : {std::pair{SIGINT, 0.25}, {SIGTERM, 0.45}, {SIGINT, 0.65}, {SIGTERM, 0.85}}) {
    const fs::path run_dir = dir.path() / ("run-" + std::to_string(signal) + "-" + std::to_string(fraction));
    const Contents originals = copy_letters(run_dir, kCopies);
    Helder helder({"check", "--fix", "--jobs", "2", "."}, run_dir);
    std::this_thread::sleep_for(took * fraction);
    ::kill(helder.pid(), signal);
    const Run run = helder.wait();
    INFO(strsignal(signal) << " after " << fraction << " of the run: " << describe(run.status) << "\n" << run.err);
    if (WIFSIGNALED(run.status)) {
      CHECK(WTERMSIG(run.status) == signal);
      ++interrupted;
    } else {
      CHECK(WIFEXITED(run.status));  // it finished before the signal came
    }
    const std::size_t fixed_now = check_intact(run_dir, originals, fixed);
    if (WIFSIGNALED(run.status) && fixed_now > 0 && fixed_now < originals.size()) ++mid_run;
  }
  CHECK(interrupted > 0);
  CHECK(mid_run > 0);  // at least one signal came while some files were fixed and others not yet
}

TEST_CASE("data safety: a signal while a temporary file exists removes it, the file stays as it was",
          "[data-safety][cli]") {
  test::TempDir dir;
  constexpr int kCopies = 3;  // 9 letters: the first temporary file is usually caught
  const Contents fixed = reference_run(dir.path() / "referentie", kCopies).first;
  int caught = 0;
  for (const int signal : {SIGINT, SIGTERM}) {
    const fs::path run_dir = dir.path() / ("run-" + std::to_string(signal));
    const Contents originals = copy_letters(run_dir, kCopies);
    const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    REQUIRE(watch >= 0);
    REQUIRE(::inotify_add_watch(watch, run_dir.c_str(), IN_CREATE) >= 0);
    Helder helder({"check", "--fix", "--jobs", "2", "."}, run_dir);
    // When a temporary file appears, stop helder; if the file is still there (not yet renamed), the signal comes
    // now, while it exists. Otherwise let helder go on to the next one.
    bool sent = false;
    while (!sent && !helder.ended()) {
      pollfd p{watch, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      alignas(inotify_event) char events[8192];
      const ssize_t n = ::read(watch, events, sizeof events);
      for (ssize_t at = 0; at < n && !sent;) {
        const auto* event = reinterpret_cast<const inotify_event*>(events + at);
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        if (event->len == 0 || !is_temporary(event->name)) continue;
        ::kill(helder.pid(), SIGSTOP);
        siginfo_t info{};
        ::waitid(P_PID, static_cast<id_t>(helder.pid()), &info, WSTOPPED | WEXITED | WNOWAIT);
        if (info.si_code == CLD_STOPPED && fs::exists(run_dir / event->name)) {
          ::kill(helder.pid(), signal);
          sent = true;
          ++caught;
        }
        ::kill(helder.pid(), SIGCONT);
      }
    }
    ::close(watch);
    const Run run = helder.wait();
    INFO(strsignal(signal) << (sent ? " while a temporary file existed: " : " never sent: ") << describe(run.status)
                           << "\n" << run.err);
    if (sent) {
      REQUIRE(WIFSIGNALED(run.status));
      CHECK(WTERMSIG(run.status) == signal);
    }
    check_intact(run_dir, originals, fixed);
  }
  // On a disk where fsync takes time the window is wide and is always caught; on tmpfs it may slip through, and
  // the test above and SIGXFSZ below still hold.
  INFO("caught a temporary file " << caught << " times of 2");
  SUCCEED();
}

TEST_CASE("data safety: killed inside a write (SIGXFSZ), no temporary file is left and the file is whole",
          "[data-safety][cli]") {
  test::TempDir dir;
  const Contents originals = copy_letters(dir.path(), 1);
  // The first letter's fixed version is larger than 1 KB: the write that crosses the limit gets SIGXFSZ, whose
  // default action ends the process in the middle of writing the temporary file.
  Helder helder({"check", "--fix", "--jobs", "1", "."}, dir.path(), {1024, false});
  const Run run = helder.wait();
  INFO(describe(run.status) << "\n" << run.err);
  REQUIRE(WIFSIGNALED(run.status));
  CHECK(WTERMSIG(run.status) == SIGXFSZ);
  CHECK(contents_of(dir.path()) == originals);
}

TEST_CASE("data safety: a full disk during --fix: a clear error, exit code 2, every file as it was",
          "[data-safety][cli]") {
  test::TempDir dir;
  const Contents originals = copy_letters(dir.path(), 2);
  Helder helder({"check", "--fix", "--jobs", "2", "."}, dir.path(), {1024, true});
  const Run run = helder.wait();
  INFO(describe(run.status) << "\n" << run.err);
  REQUIRE(WIFEXITED(run.status));
  CHECK(WEXITSTATUS(run.status) == 2);
  CHECK_THAT(run.err, Catch::Contains("brief-00-0.txt: fout: ./brief-00-0.txt: kan niet schrijven (het bestand wordt "
                                      "groter dan het systeem toestaat). Het bestand is niet veranderd."));
  CHECK(contents_of(dir.path()) == originals);
}

namespace {

// A file helder writes (`first` writes it for one letter, `again` for three, which is far larger than 2 KB) on a
// full disk and killed in the middle of the write: the old file stays byte for byte, no temporary file is left.
struct WrittenFile {
  std::vector<std::string> first, again;  // helder's arguments
  std::string name;                       // the file, in the test folder
  std::string marker;                     // a piece of the first version's text
  std::string refusal;                    // what helder says on a full disk
};

void interrupted_writes_keep_the_old_file(const test::TempDir& dir, const WrittenFile& file,
                                          const std::function<void()>& nothing_else) {
  SECTION("a full disk: write() fails with EFBIG") {
    Helder helder(file.again, dir.path(), {2048, true});
    const Run run = helder.wait();
    INFO(describe(run.status) << "\n" << run.err);
    REQUIRE(WIFEXITED(run.status));
    CHECK(WEXITSTATUS(run.status) == 2);
    CHECK_THAT(run.err, Catch::Contains(file.refusal));
    nothing_else();
  }
  SECTION("killed by SIGXFSZ in the middle of the write") {
    Helder helder(file.again, dir.path(), {2048, false});
    const Run run = helder.wait();
    INFO(describe(run.status) << "\n" << run.err);
    REQUIRE(WIFSIGNALED(run.status));
    CHECK(WTERMSIG(run.status) == SIGXFSZ);
    nothing_else();
  }
}

// Writes `file` once and returns a check that it, and the letters, are as they were.
std::function<void()> written_once(const test::TempDir& dir, const WrittenFile& file, const fs::path& folder,
                                   const Contents& letters_before) {
  {
    Helder first(file.first, dir.path());
    const Run run = first.wait();
    INFO(run.err);
    REQUIRE(WIFEXITED(run.status));
  }
  const std::string old = test::read_file(dir.path() / file.name);
  REQUIRE(old.find(file.marker) != std::string::npos);
  return [&dir, file, folder, letters_before, old] {
    for (const auto& e : fs::directory_iterator(dir.path())) CHECK_FALSE(is_temporary(e.path().filename().string()));
    CHECK(test::read_file(dir.path() / file.name) == old);
    CHECK(contents_of(folder) == letters_before);
  };
}

}  // namespace

TEST_CASE("data safety: a report file (--output) on a full disk and killed inside the write keeps the old report",
          "[data-safety][cli]") {
  test::TempDir dir;
  const fs::path folder = dir.path() / "brieven";
  const Contents letters_before = copy_letters(folder, 1);
  const WrittenFile report{{"check", "--output", "sarif=rapport.sarif", "brieven/brief-00-0.txt"},
                           {"check", "--output", "sarif=rapport.sarif", "brieven"},
                           "rapport.sarif",
                           "\"version\": \"2.1.0\"",
                           "rapport.sarif"};
  interrupted_writes_keep_the_old_file(dir, report, written_once(dir, report, folder, letters_before));
}

TEST_CASE("data safety: the baseline writer on a full disk, on /dev/full and killed inside the write",
          "[data-safety][cli]") {
  test::TempDir dir;
  const fs::path folder = dir.path() / "brieven";
  const Contents letters_before = copy_letters(folder, 1);
  const WrittenFile baseline{{"check", "--write-baseline", "basislijn.json", "brieven/brief-00-0.txt"},
                             {"check", "--write-baseline", "basislijn.json", "brieven"},
                             "basislijn.json",
                             "\"baseline\": 1",
                             "helder: basislijn.json: kan niet schrijven (het bestand wordt groter dan het systeem "
                             "toestaat). Het bestand is niet veranderd."};
  const std::function<void()> nothing_else = written_once(dir, baseline, folder, letters_before);
  const std::string old = test::read_file(dir.path() / baseline.name);
  interrupted_writes_keep_the_old_file(dir, baseline, nothing_else);
  SECTION("/dev/full: a device is written into, and says the disk is full") {
    REQUIRE(fs::is_character_file("/dev/full"));
    Helder helder({"check", "--write-baseline", "/dev/full", "brieven"}, dir.path());
    const Run run = helder.wait();
    INFO(describe(run.status) << "\n" << run.err);
    REQUIRE(WIFEXITED(run.status));
    CHECK(WEXITSTATUS(run.status) == 2);
    CHECK_THAT(run.err, Catch::Contains("helder: /dev/full: kan niet schrijven (de schijf is vol)."));
    CHECK(fs::is_character_file("/dev/full"));
    nothing_else();
  }
  SECTION("a new baseline is an ordinary file: readable as any new file") {
    Helder helder({"check", "--write-baseline", "nieuw.json", "brieven"}, dir.path());
    const Run run = helder.wait();
    INFO(run.err);
    REQUIRE(WIFEXITED(run.status));
    CHECK(WEXITSTATUS(run.status) == 1);
    const mode_t mask = ::umask(022);
    ::umask(mask);
    struct stat st {};
    REQUIRE(::stat((dir.path() / "nieuw.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == (0666 & ~mask));
    CHECK(test::read_file(dir.path() / "nieuw.json").size() > old.size());
    nothing_else();
  }
}

TEST_CASE("data safety: --fix on a symbolic link fixes the file it points to and keeps the link", "[data-safety][cli]") {
  test::TempDir dir;
  const std::string letter = test::read_file(letters().front());
  fs::create_directories(dir.path() / "echt");
  std::ofstream(dir.path() / "echt" / "brief.txt", std::ios::binary) << letter;
  std::ofstream(dir.path() / "kopie.txt", std::ios::binary) << letter;
  fs::create_symlink("echt/brief.txt", dir.path() / "brief.txt");
  Helder helder({"check", "--fix", "brief.txt", "kopie.txt"}, dir.path());
  const Run run = helder.wait();
  INFO(describe(run.status) << "\n" << run.err);
  REQUIRE(WIFEXITED(run.status));
  CHECK(WEXITSTATUS(run.status) == 1);
  CHECK(fs::is_symlink(dir.path() / "brief.txt"));
  const std::string fixed = test::read_file(dir.path() / "kopie.txt");
  CHECK(fixed != letter);
  CHECK(test::read_file(dir.path() / "echt" / "brief.txt") == fixed);
  for (const auto& e : fs::directory_iterator(dir.path() / "echt")) CHECK(e.path().filename() == "brief.txt");
}
