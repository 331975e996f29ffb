// Applying fixes: which suggested replacements a machine may apply, applying them, and writing a file
// without ever leaving it half written.
#pragma once

#include <helder/engine.hpp>

#include <filesystem>
#include <functional>
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

// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk, with the
// permissions of the old file, then renamed over it. On any error the old file is untouched and a Dutch
// std::runtime_error is thrown.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace helder
