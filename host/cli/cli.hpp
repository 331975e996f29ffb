// What the `helder` commands share: exit codes, messages on standard error, reading input, and the options
// of each command (one file per command in this folder).
#pragma once

#include <helder/session.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace helder::cli {

constexpr int exit_clean = 0;
constexpr int exit_findings = 1;
constexpr int exit_problem = 2;  // usage, configuration or input errors

// "helder: message" on standard error.
void error_line(const std::string& message);
// Colour on standard output: "always", "never", or "auto" (a terminal, without NO_COLOR or TERM=dumb).
bool use_color(const std::string& mode);
// The whole file; nullopt with a Dutch `error` when it cannot be read. Both stop one byte after
// limits::input_limit (256 MiB of text, 1 GiB of a document file): a result that long is too large.
std::optional<std::string> read_bytes(const std::filesystem::path& path, std::string& error);
std::string read_stdin();

// `--output FORMAT=FILE`, parsed.
struct OutputRequest {
  std::string format;
  std::filesystem::path file;
};

struct CheckOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::vector<OutputRequest> outputs;
  std::string fail_on = "warning";
  unsigned jobs = 1;
  std::string stdin_name;
  bool color = false;
  bool fix = false;
  bool dry_run = false;
  bool summary = false;
  std::string files_from;  // a file with one path a line ("-": standard input)
  bool null_separated = false;
  std::optional<std::pair<unsigned, unsigned>> shard;  // (I, N), 1 <= I <= N
  std::filesystem::path baseline;
  std::filesystem::path write_baseline;
};

int run_check(Session& session, const CheckOptions& options);                 // check_command.cpp
int run_merge(Session& session, const std::vector<std::string>& inputs, const std::string& format,
              const std::vector<OutputRequest>& outputs, bool color);            // merge_command.cpp
int run_analyze(Session& session, const std::string& path, const std::string& stdin_name);  // analyze_command.cpp
int run_rules(Session& session, const std::string& format);                      // rules_command.cpp
int run_explain(Session& session, const std::string& rule_id);                   // rules_command.cpp
int run_rules_test(Session& session, const std::string& pack_dir, const std::string& format);  // rules_test_command.cpp
int run_dump_config(Session& session, const std::string& path);                  // dump_config_command.cpp
int run_trust(const std::string& path);                                          // trust_command.cpp
int run_untrust(const std::string& path);                                        // trust_command.cpp
int run_init(SessionOptions options, const std::string& folder);                 // init_command.cpp

}  // namespace helder::cli
