// Applying fixes (see fix.hpp).
#include <helder/fix.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace helder {

bool machine_applicable(const Finding& finding, const Config& config) {
  if (finding.fixes.size() != 1 || finding.fixes.front().needs_review) return false;
  const RuleConfig* rule = config.find_rule(finding.rule_id);
  return rule && rule->autofix;
}

std::vector<Replacement> select_fixes(const std::vector<Finding>& findings,
                                      const std::function<bool(const Finding&)>& wanted) {
  std::vector<Replacement> out;
  for (const Finding& f : findings)
    if (wanted(f))
      for (const Replacement& r : f.fixes) out.push_back(r);
  std::stable_sort(out.begin(), out.end(), [](const Replacement& a, const Replacement& b) { return a.start < b.start; });
  std::vector<Replacement> kept;
  for (Replacement& r : out) {
    if (!kept.empty() && r.start < kept.back().end) continue;  // overlaps the previous one
    if (!kept.empty() && r.start == r.end && r.start == kept.back().start) continue;  // two inserts at one place
    kept.push_back(std::move(r));
  }
  return kept;
}

std::string apply_replacements(std::string_view source, const std::vector<Replacement>& replacements) {
  std::string out;
  out.reserve(source.size());
  std::size_t at = 0;
  for (const Replacement& r : replacements) {
    if (r.start < at || r.end > source.size() || r.start > r.end)
      throw std::logic_error("apply_replacements: replacements overlap or lie outside the text");
    out.append(source.substr(at, r.start - at));
    out.append(r.text);
    at = r.end;
  }
  out.append(source.substr(at));
  return out;
}

namespace {

// --- Temporary files and signals ------------------------------------------------------------------------
//
// A temporary file lives from mkstemp to rename. When SIGINT, SIGTERM, SIGHUP or SIGXFSZ (a write past
// RLIMIT_FSIZE) ends the process in between, the handler removes it and then lets the signal end the process
// as it would have. What the handler touches is async-signal-safe: lock-free atomics, unlink, raise.

constexpr std::array kHandledSignals{SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
constexpr std::size_t kTempSlots = 256;  // temporary files that exist at one moment: one per --jobs thread

struct TempSlot {
  std::atomic<int> state{0};  // kFree, kFilling (path being written), kLive (the handler may remove path)
  char path[PATH_MAX];
};
constexpr int kFree = 0, kFilling = 1, kLive = 2;
TempSlot temp_slots[kTempSlots];
std::atomic<int> creating{0};       // threads between mkstemp and publishing the name it made
std::atomic<bool> ending{false};    // a handled signal arrived: no new temporary files
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);

void remove_temporary_files(int signal) {
  ending.store(true);
  // A thread that made a file but has not published its name yet blocks the handled signals, so it is not
  // this one: wait for it (bounded, in case it never comes back).
  for (long spin = 0; creating.load() > 0 && spin < 200'000'000; ++spin) {
  }
  for (TempSlot& slot : temp_slots)
    if (slot.state.load() == kLive) ::unlink(slot.path);
  // SA_RESETHAND has put back the default action: the signal ends the process as it would have.
  ::raise(signal);
}

mode_t process_umask = 022;

// Once, on the first write: the handler for each handled signal whose action is the default (an ignored
// signal stays ignored; a program's own handler stays), and the umask, read without changing it (umask(2)
// sets it, which would race with other threads).
void prepare() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action {};
    action.sa_handler = remove_temporary_files;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    for (int signal : kHandledSignals) sigaddset(&action.sa_mask, signal);
    for (int signal : kHandledSignals) {
      struct sigaction old {};
      if (::sigaction(signal, nullptr, &old) == 0 && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
        ::sigaction(signal, &action, nullptr);
    }
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
      if (line.starts_with("Umask:")) process_umask = static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
  });
}

}  // namespace

namespace detail {

// A temporary file made with mkstemp, removed by the handler if a signal comes before release().
class TemporaryFile {
 public:
  // Makes the file from `pattern` (ending in XXXXXX); fd() < 0 and errno set when that fails.
  explicit TemporaryFile(std::string pattern) : path_(std::move(pattern)) {
    sigset_t handled, previous;
    sigemptyset(&handled);
    for (int signal : kHandledSignals) sigaddset(&handled, signal);
    ::pthread_sigmask(SIG_BLOCK, &handled, &previous);
    creating.fetch_add(1);
    if (ending.load()) {
      creating.fetch_sub(1);
      for (;;) ::pause();  // the process is ending; its handler runs on another thread
    }
    fd_ = ::mkstemp(path_.data());
    made_ = fd_ >= 0;
    const int error = errno;
    if (fd_ >= 0 && path_.size() < PATH_MAX) {
      for (std::size_t i = 0; i < kTempSlots; ++i) {
        int expected = kFree;
        if (!temp_slots[i].state.compare_exchange_strong(expected, kFilling)) continue;
        std::memcpy(temp_slots[i].path, path_.c_str(), path_.size() + 1);
        temp_slots[i].state.store(kLive);
        slot_ = static_cast<int>(i);
        break;
      }
    }
    creating.fetch_sub(1);
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    errno = error;
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (made_ && !released_) ::unlink(path_.c_str());
    forget();
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // Closes the file; false (errno set) when the last of its bytes could not be written.
  bool close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result == 0;
  }
  // The file was renamed: it is no longer temporary.
  void release() {
    released_ = true;
    forget();
  }

 private:
  void forget() {
    if (slot_ >= 0) temp_slots[slot_].state.store(kFree);
    slot_ = -1;
  }

  std::string path_;
  int fd_ = -1;
  int slot_ = -1;
  bool made_ = false;  // mkstemp made path_: only then is it ours to remove
  bool released_ = false;
};

}  // namespace detail

namespace {

using detail::TemporaryFile;

// Why a write failed, in Dutch for the common cases.
std::string reason(int error) {
  switch (error) {
    case ENOSPC: return "de schijf is vol";
    case EDQUOT: return "uw ruimte op de schijf is op";
    case EFBIG: return "het bestand wordt groter dan het systeem toestaat";
    case EACCES:
    case EPERM: return "u hebt geen toestemming om hier te schrijven";
    case EROFS: return "de schijf is alleen te lezen";
    case EIO: return "de schijf gaf een fout";
    case EISDIR: return "dit is een map";
    default: return std::strerror(error);
  }
}

bool write_all(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

// --- AtomicFile ------------------------------------------------------------------------------------------

// The bytes go to the file descriptor in blocks of 64 KiB; the first write error is kept (errno) and stops
// further writing.
class AtomicFile::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd), data_(1 << 16) { setp(data_.data(), data_.data() + data_.size()); }
  int error() const { return error_; }
  bool drain() {
    const std::string_view pending(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(data_.data(), data_.data() + data_.size());
    if (error_ == 0 && !write_all(fd_, pending)) error_ = errno == 0 ? EIO : errno;
    return error_ == 0;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  int fd_;
  std::vector<char> data_;
  int error_ = 0;
};

AtomicFile::AtomicFile(const fs::path& path) : path_(path) {
  prepare();
  // A symbolic link is followed: the file it points to gets the new bytes, and the link stays a link.
  std::error_code ec;
  target_ = path;
  if (fs::is_symlink(path, ec))
    if (fs::path resolved = fs::canonical(path, ec); !ec) target_ = resolved;
  struct stat old {};
  existed_ = ::stat(target_.c_str(), &old) == 0;
  if (existed_ && !S_ISREG(old.st_mode)) {
    // A device or a pipe (/dev/stdout, /dev/full, a FIFO): nothing to replace, the bytes go into it.
    direct_fd_ = ::open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (direct_fd_ < 0)
      throw std::runtime_error(fmt::format("{}: kan niet schrijven ({}).", path_.string(), reason(errno)));
  } else {
    const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    std::string name = ".";  // built step by step: GCC 12 warns falsely on "." + std::string
    name += target_.filename().string();
    name += ".helder-XXXXXX";
    temp_ = std::make_unique<TemporaryFile>((dir / name).string());
    if (temp_->fd() < 0) fail("kan geen tijdelijk bestand maken in de map", errno);
    // The new file gets the old one's permissions and (when allowed) owner; a new file those of any new file.
    if (existed_) {
      if (::fchmod(temp_->fd(), old.st_mode & 07777) != 0) fail("kan de rechten niet overnemen", errno);
      if (::fchown(temp_->fd(), old.st_uid, old.st_gid) != 0) {
        // Only root may give a file away; the file is then the writer's own, as an editor would leave it.
      }
    } else if (::fchmod(temp_->fd(), 0666 & ~process_umask) != 0) {
      fail("kan de rechten niet zetten", errno);
    }
  }
  buffer_ = std::make_unique<Buffer>(temp_ ? temp_->fd() : direct_fd_);
  stream_ = std::make_unique<std::ostream>(buffer_.get());
}

AtomicFile::~AtomicFile() {
  if (direct_fd_ >= 0) ::close(direct_fd_);
  // temp_ removes a temporary file that was never renamed.
}

void AtomicFile::fail(const char* what, int error) const {
  throw std::runtime_error(fmt::format("{}: {} ({}). {}", path_.string(), what, reason(error),
                                       existed_ ? "Het bestand is niet veranderd." : "Het bestand is niet gemaakt."));
}

void AtomicFile::commit() {
  if (committed_) throw std::logic_error("AtomicFile::commit called twice");
  committed_ = true;
  const bool written = buffer_->drain();
  if (direct_fd_ >= 0) {
    int error = written ? 0 : buffer_->error();
    if (::close(direct_fd_) != 0 && error == 0) error = errno;
    direct_fd_ = -1;
    if (error != 0)
      throw std::runtime_error(fmt::format("{}: kan niet schrijven ({}).", path_.string(), reason(error)));
    return;
  }
  if (!written) fail("kan niet schrijven", buffer_->error());
  if (::fsync(temp_->fd()) != 0) fail("kan niet naar de schijf schrijven", errno);
  if (!temp_->close()) fail("kan niet schrijven", errno);
  if (::rename(temp_->path().c_str(), target_.c_str()) != 0) fail("kan het bestand niet vervangen", errno);
  temp_->release();
  // The rename is on disk only when the folder is: without this, a power cut can bring the old file back.
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int error = dir_fd < 0 ? errno : 0;
  if (dir_fd >= 0) {
    if (::fsync(dir_fd) != 0) error = errno;
    ::close(dir_fd);
  }
  if (error != 0 && error != EINVAL && error != ENOTSUP)  // file systems that cannot sync a folder say so
    throw std::runtime_error(fmt::format("{}: de nieuwe versie is geschreven, maar de map kon niet naar de schijf "
                                         "worden geschreven ({}). Bij stroomuitval kan de oude versie terugkomen.",
                                         path_.string(), reason(error)));
}

void write_file_atomically(const fs::path& path, std::string_view bytes) {
  AtomicFile file(path);
  file.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  file.commit();
}

}  // namespace helder
