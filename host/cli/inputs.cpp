// Collecting the files of a run, file lists and shards.
#include "inputs.hpp"

#include <helder/reader.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

bool checkable_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".markdown" || ext == ".html" || ext == ".htm" ||
         ext == ".xhtml" || ext == ".docx" || ext == ".odt" || ext == ".pdf";
}

}  // namespace

std::vector<std::string> collect_inputs(const std::vector<std::string>& paths, std::vector<FileReport>& missing) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") {
      out.push_back(p);
    } else if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        // Office's lock files ("~$brief.docx") are not documents.
        if (name.starts_with("~$")) continue;
        if (it->is_regular_file() && checkable_extension(it->path())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      FileReport r;
      r.path = p;
      r.error = "Dit bestand bestaat niet.";
      missing.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<std::string> split_file_list(std::string_view list, bool null_separated) {
  std::vector<std::string> out;
  const char separator = null_separated ? '\0' : '\n';
  while (!list.empty()) {
    const std::size_t end = std::min(list.find(separator), list.size());
    std::string_view item = list.substr(0, end);
    list.remove_prefix(std::min(end + 1, list.size()));
    if (!null_separated && item.ends_with('\r')) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

bool in_shard(std::string_view path, unsigned index, unsigned count) {
  // "./a.txt" and "a.txt" are one file: the hash is over the path in its plain form.
  const std::string plain = fs::path(path).lexically_normal().generic_string();
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: the same on every machine and every run
  for (unsigned char c : plain) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h % count == index - 1;
}

}  // namespace helder::cli
