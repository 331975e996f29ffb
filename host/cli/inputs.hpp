// Which files a run checks: paths and folders from the command line or a list file, and a stable share of
// them for one shard of a run spread over several machines.
#pragma once

#include <helder/report.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace helder::cli {

// Files as given, folders recursively (every format helder reads; hidden entries skipped), in a stable
// order: each folder's files sorted by path. Paths that do not exist go to `missing` with a Dutch error.
std::vector<std::string> collect_inputs(const std::vector<std::string>& paths, std::vector<FileReport>& missing);

// A list of paths, one a line (empty lines skipped, a "\r" before "\n" removed) or separated by NUL bytes.
std::vector<std::string> split_file_list(std::string_view list, bool null_separated);

// True when `path` belongs to shard `index` of `count` (1-based): decided by a hash of the path alone, so a
// file stays in its shard however many other files there are.
bool in_shard(std::string_view path, unsigned index, unsigned count);

}  // namespace helder::cli
