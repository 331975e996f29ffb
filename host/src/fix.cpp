// Applying fixes (see fix.hpp).
#include <helder/fix.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

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

void write_file_atomically(const fs::path& path, std::string_view bytes) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string name = ".";  // built step by step: GCC 12 warns falsely on "." + std::string
  name += path.filename().string();
  name += ".helder-XXXXXX";
  std::string temp = (dir / name).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0)
    throw std::runtime_error(fmt::format("{}: kan geen tijdelijk bestand maken in de map ({}). Het bestand is niet "
                                         "veranderd.", path.string(), std::strerror(errno)));
  auto fail = [&](const char* what) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error(fmt::format("{}: {} ({}). Het bestand is niet veranderd.", path.string(), what,
                                         std::strerror(error)));
  };
  struct stat old {};
  if (::stat(path.c_str(), &old) == 0 && ::fchmod(fd, old.st_mode & 07777) != 0) fail("kan de rechten niet overnemen");
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("kan niet schrijven");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) fail("kan niet naar de schijf schrijven");
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error(fmt::format("{}: kan niet schrijven ({}). Het bestand is niet veranderd.", path.string(),
                                         std::strerror(error)));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error(fmt::format("{}: kan het bestand niet vervangen ({}). Het bestand is niet veranderd.",
                                         path.string(), std::strerror(error)));
  }
}

}  // namespace helder
