// File paths as URIs.
#include <helder/uri.hpp>

namespace helder {

std::string percent_encoded_path(std::string_view path) {
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    // Unreserved characters and the path separator stay; everything else (spaces, é, ...) is escaped.
    const bool unreserved = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[u >> 4];
      out += hex[u & 0xF];
    }
  }
  return out;
}

std::string file_uri(const std::filesystem::path& path) {
  return "file://" + percent_encoded_path(std::filesystem::absolute(path).lexically_normal().string());
}

}  // namespace helder
