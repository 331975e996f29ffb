// Configuration: rule packs (rules/<pack>/pack.toml), the project's .helder.toml and the user's own
// configuration, merged into the effective settings of every rule.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

// A rule's options (a TOML table); defined in host/src/option_table.hpp, opaque to users of this header.
struct OptionTable;

enum class Severity : std::uint8_t { Hint = 1, Info = 2, Warning = 3, Error = 4 };

std::string_view to_string(Severity s);                      // "hint", "info", "warning", "error"
std::optional<Severity> severity_from_string(std::string_view s);  // the reverse; nullopt otherwise

// A configuration file that cannot be used: the message starts with "file:line:col: ".
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::filesystem::path& file, std::uint32_t line, std::uint32_t column, const std::string& what);
  const std::filesystem::path& file() const { return file_; }
  std::uint32_t line() const { return line_; }
  std::uint32_t column() const { return column_; }
  const std::string& description() const { return description_; }

 private:
  std::filesystem::path file_;
  std::uint32_t line_, column_;
  std::string description_;
};

// A text that shows what a rule does (`examples` in a rule table of a pack), checked by `helder rules test`.
struct RuleExample {
  std::string text;                 // the text to check, as plain text
  std::vector<std::string> expect;  // the texts the rule marks in it, in the order of the text; empty: none
  std::string pack;                 // the pack that wrote the example (it may add examples to a base pack's rule)
  std::filesystem::path file;       // where the example is written: file, line and column (1-based)
  std::uint32_t line = 0, column = 0;
};

// The settings of one rule, after merging its pack(s) and the project's configuration.
struct RuleConfig {
  std::string id;       // "rijksoverheid.sentence-length"
  std::string pack;     // "rijksoverheid"
  std::string kind;     // "complexity.sentence-length": plugin name, a dot, the check kind
  bool enabled = true;
  bool editor_only = false;  // enabled = "editor": runs in the editor (LSP), not in `helder check` by default
  Severity severity = Severity::Warning;
  bool autofix = true;  // `helder check --fix` may apply its fixes (when a finding has exactly one)
  std::string summary;  // one line, Dutch
  std::filesystem::path documentation;  // Markdown file, Dutch; may be empty
  std::shared_ptr<const OptionTable> options;  // everything in the rule's table that is not a setting above
  std::vector<RuleExample> examples;  // never an option: the plugin does not see them

  bool runs(bool in_editor) const { return enabled && (!editor_only || in_editor); }
};

struct Config {
  std::vector<std::filesystem::path> files;  // configuration files that were read, in order
  std::vector<std::string> packs;            // packs in load order (a base pack before the pack that extends it)
  std::string target_level = "B1";           // the reading level the texts aim for
  std::vector<RuleConfig> rules;             // in pack order
  std::set<std::string> accept;              // words never flagged (lower case)
  std::set<std::string> reject;              // words always flagged (lower case)
  // [lexicon] of packs and .helder.toml: files that extend the Dutch lexicon (host/data/lexicon-nl formats),
  // and fixed names (laws, organisations, programmes) whose words rules leave alone.
  std::vector<std::filesystem::path> lexicon_words;
  std::vector<std::filesystem::path> lexicon_verbs;
  std::vector<std::filesystem::path> lexicon_irregular_verbs;
  std::vector<std::string> names;
  std::vector<std::filesystem::path> plugin_dirs;  // trusted locations only (the user's own file)
  // plugin_paths of a project's .helder.toml (or --config): loaded only when the user trusts the folder and its
  // libraries are unchanged (`helder trust`, plugin_trust.hpp).
  std::vector<std::filesystem::path> project_plugin_dirs;
  std::vector<std::string> notes;            // Dutch messages about the configuration (ignored settings, ...)
  bool editor = false;  // set by the caller: true in the language server, or `helder check --editor`
  bool suggestions = false;  // set by the caller: slow suggestions wanted (`helder check --suggestions`)

  const RuleConfig* find_rule(std::string_view id) const;
};

struct ConfigRequest {
  std::filesystem::path checked_path;         // .helder.toml is searched from here upwards
  std::optional<std::filesystem::path> config_file;  // --config: use this file, do not search
  std::vector<std::filesystem::path> pack_dirs;      // where packs are found (built-in first)
  std::optional<std::filesystem::path> user_config;  // the user's own file (trusted: may name plugin dirs)
  // `helder rules test PACKDIR`: load this pack folder (and the packs it extends, found beside it first) instead
  // of a project's file; of the user's own file only `plugin_paths` is read.
  std::optional<std::filesystem::path> pack_folder;
};

// Walks up from `start` (a file or directory) to the first directory holding .helder.toml.
std::optional<std::filesystem::path> find_project_config(const std::filesystem::path& start);

// How `helder rules test` compares an example's expected text with the text a rule marks: runs of spaces, tabs
// and line breaks count as one space, and spaces at either end do not count. Everything else must be equal.
std::string collapse_spaces(std::string_view text);

// Reads and merges everything. Throws ConfigError.
Config load_config(const ConfigRequest& request);

}  // namespace helder
