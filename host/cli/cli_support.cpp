// Shared pieces of the `helder` commands: messages, colour, reading input.
#include "cli.hpp"

#include <helder/limits.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace helder::cli {

void error_line(const std::string& message) { std::cerr << "helder: " << message << '\n'; }

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
}

namespace {

// All of `in`, or one byte more than limits::input_limit allows: check_bytes then says it is too large, and
// an endless stream or a huge file is never held in memory.
// `expected`: the size of a file, when known: read into one allocation of that size (a long text is not held
// twice while the string grows).
std::string read_bounded(std::istream& in, std::uint64_t expected = 0) {
  std::string bytes;
  std::uint64_t limit = limits::max_file_bytes;
  if (expected) bytes.reserve(static_cast<std::size_t>(std::min(expected, limit) + 1));
  char chunk[1 << 16];
  while (bytes.size() <= limit) {
    in.read(chunk, static_cast<std::streamsize>(std::min<std::uint64_t>(sizeof chunk, limit + 1 - bytes.size())));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    const bool first = bytes.empty();
    bytes.append(chunk, got);
    if (first) limit = limits::input_limit(bytes);
  }
  return bytes;
}

}  // namespace

std::optional<std::string> read_bytes(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "Dit bestand kan niet worden geopend.";
    return std::nullopt;
  }
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  std::string bytes = read_bounded(in, ec ? 0 : size);
  if (in.bad()) {
    error = "Dit bestand kan niet worden gelezen.";
    return std::nullopt;
  }
  return bytes;
}

std::string read_stdin() {
  std::ios::sync_with_stdio(false);
  return read_bounded(std::cin);
}

}  // namespace helder::cli
