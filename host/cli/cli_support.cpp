// Shared pieces of the `helder` commands: messages, colour, reading input.
#include "cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>

namespace helder::cli {

void error_line(const std::string& message) { std::cerr << "helder: " << message << '\n'; }

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
}

std::optional<std::string> read_bytes(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "Dit bestand kan niet worden geopend.";
    return std::nullopt;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = "Dit bestand kan niet worden gelezen.";
    return std::nullopt;
  }
  return bytes;
}

std::string read_stdin() {
  std::ios::sync_with_stdio(false);
  return std::string((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
}

}  // namespace helder::cli
