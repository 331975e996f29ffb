// `helder check --fix --dry-run`: what --fix would change, as a unified diff (as `diff -u` and git print it).
#pragma once

#include <helder/engine.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace helder::cli {

// The diff between `before` and `before` with `replacements` applied (sorted, not overlapping; byte offsets
// into `before`), with three lines of context; "" when nothing changes. `path` names both sides.
std::string unified_diff(const std::string& path, std::string_view before,
                         const std::vector<Replacement>& replacements);

}  // namespace helder::cli
