// Checking one file: its format (by content and name), its text (decoded, or extracted from a document
// file), the analysis and the findings, into a FileReport. Shared by `helder check`, tests and benchmarks.
#pragma once

#include <helder/engine.hpp>
#include <helder/report.hpp>

#include <filesystem>
#include <string>

namespace helder {

// `bytes`: the file as read. `name`: its name (or --stdin-name), for the format when the content does not
// tell. Errors (binary, damaged, encrypted, empty documents) end up in FileReport::error, in Dutch; this
// never throws for bad input. `threads` as in Engine::analyze.
FileReport check_bytes(std::string bytes, const std::string& shown_path, const std::filesystem::path& name,
                       const Engine& engine, unsigned threads = 1);

}  // namespace helder
