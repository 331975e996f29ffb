// File paths as URIs (RFC 3986): for the language server's document URIs and SARIF's artifact locations.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace helder {

// `path` with every byte except the unreserved characters and "/" percent-encoded ("mijn brief.md" ->
// "mijn%20brief.md"): a relative URI reference when `path` is relative.
std::string percent_encoded_path(std::string_view path);

// "file:///abs/path", made absolute and normalised first.
std::string file_uri(const std::filesystem::path& path);

}  // namespace helder
