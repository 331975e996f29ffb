// Applying fixes: which suggested replacements a machine may apply, applying them, and writing a file
// without ever leaving it half written.
#pragma once

#include <helder/engine.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

// A finding whose fix `helder check --fix` (and "fix all" in the editor) may apply without a person
// choosing: its rule allows automatic fixes (`autofix`, on unless the pack turns it off) and it has exactly
// one fix (several fixes are alternatives to choose from).
bool machine_applicable(const Finding& finding, const Config& config);

// The fixes of the findings `wanted` accepts, in source order, without overlaps (the first one wins).
std::vector<Replacement> select_fixes(const std::vector<Finding>& findings,
                                      const std::function<bool(const Finding&)>& wanted);

// `source` with `replacements` (sorted, not overlapping) applied.
std::string apply_replacements(std::string_view source, const std::vector<Replacement>& replacements);

// Writes `bytes` to `path` atomically: a temporary file in the same folder (".NAME.helder-XXXXXX"), with
// the permissions and owner of the old file, flushed to disk, renamed over it, and then the folder flushed
// to disk too, so that the rename survives a power cut. On any error (a full disk, a write error) the
// temporary file is removed, the old file is untouched and a Dutch std::runtime_error is thrown. A symbolic
// link is followed (the link stays); a device or a pipe (/dev/stdout) is written into directly.
//
// Thread-safe. The first call installs a handler for SIGINT, SIGTERM, SIGHUP and SIGXFSZ (each only if its
// action is still the default) that removes the temporary files being written and then ends the process
// with the same signal: an interrupted run leaves each file either as it was or completely new. Only
// SIGKILL or a power cut can leave a temporary file; it is hidden, and helder never checks hidden files.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// The same for a file written in pieces (a report of many files): write to stream(), then commit() puts the
// file in place as write_file_atomically does. Until commit() the old file is untouched; a file that is
// destroyed without commit() (an error, an exception) leaves no trace, and a signal removes its temporary file
// as above. The constructor and commit() throw a Dutch std::runtime_error; a write error shows at commit().
namespace detail {
class TemporaryFile;
}

class AtomicFile {
 public:
  explicit AtomicFile(const std::filesystem::path& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  std::ostream& stream() { return *stream_; }
  void commit();

 private:
  class Buffer;
  [[noreturn]] void fail(const char* what, int error) const;
  std::filesystem::path path_, target_;
  bool existed_ = false;
  bool committed_ = false;
  int direct_fd_ = -1;  // a device or a pipe: written into directly
  std::unique_ptr<detail::TemporaryFile> temp_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::ostream> stream_;
};

}  // namespace helder
