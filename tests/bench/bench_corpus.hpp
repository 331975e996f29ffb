// What the benchmarks share: a corpus folder, with a .tar.xz unpacked once into the temp folder.
#pragma once

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace helder::bench {

// A .tar.xz is unpacked once into the temp folder (kept for later runs); a folder is used as it is.
inline std::filesystem::path unpacked(const std::filesystem::path& source) {
  namespace fs = std::filesystem;
  if (!source.string().ends_with(".tar.xz")) return source;
  const fs::path target = fs::temp_directory_path() / ("helder-bench-" + source.stem().stem().string());
  if (!fs::exists(target / ".complete")) {
    fs::create_directories(target);
    const std::string command = fmt::format("tar -xJf '{}' -C '{}' && touch '{}/.complete'", source.string(),
                                            target.string(), target.string());
    if (std::system(command.c_str()) != 0) throw std::runtime_error("cannot unpack " + source.string());
  }
  return target;
}

}  // namespace helder::bench
