// Plugin trust: the plugin folders the user trusts (`helder trust DIR`), each library with its SHA-256, kept in
// the user's own configuration folder (trusted-plugins.toml), and the check a folder named by a project passes
// before any of its libraries is loaded.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

// Where a plugin folder was named. Every origin but Project is trusted as a place (the user chose it);
// a project's folder loads only the libraries whose hash the user recorded with `helder trust`.
enum class PluginOrigin { Builtin, Environment, CommandLine, UserConfig, Project };
std::string_view origin_id(PluginOrigin origin);     // "builtin", "environment", "command-line", "user-config", "project"
std::string_view origin_label(PluginOrigin origin);  // Dutch, for people: "ingebouwd", "--plugin-dir", ...

// The user's own configuration folder: $XDG_CONFIG_HOME/helder, else $HOME/.config/helder; nullopt without either.
std::optional<std::filesystem::path> user_config_dir();
// The trust file in that folder: trusted-plugins.toml.
std::optional<std::filesystem::path> trust_file_path();

// The SHA-256 of a file's bytes (OpenSSL's libcrypto), as 64 lower-case hex digits. A symbolic link is followed.
// Throws std::runtime_error (Dutch) when the file cannot be read.
std::string sha256_of_file(const std::filesystem::path& file);

// The plugin libraries in `dir` as the loader takes them: every entry whose name ends in ".so", not recursive,
// sorted by name.
std::vector<std::filesystem::path> plugin_libraries(const std::filesystem::path& dir);

// `helder trust DIR`, as the user would type it: the path in single quotes when the shell needs them.
std::string trust_command(const std::filesystem::path& dir);

// One trusted folder: its canonical path and the hash of each library in it when it was trusted.
struct TrustedFolder {
  std::filesystem::path path;
  std::string trusted_at;                     // UTC, "2026-01-05T10:00:00Z"; for people
  std::map<std::string, std::string> sha256;  // file name ("libbzk.so") -> hex digest
};

// The trust file (TOML):
//   [[folder]]
//   path = "/home/anna/bzk-plugins"
//   trusted_at = 2026-01-05T10:00:00Z
//   [folder.sha256]
//   "libbzk.so" = "3a7bd3e2..."
// Not thread-safe; each reader reads its own copy.
class TrustStore {
 public:
  explicit TrustStore(std::filesystem::path file) : file_(std::move(file)) {}
  // Reads `file`; a file that does not exist is an empty store. Throws ConfigError (file:line:col) when broken.
  static TrustStore read(const std::filesystem::path& file);

  const std::filesystem::path& file() const { return file_; }
  const std::vector<TrustedFolder>& folders() const { return folders_; }
  // The record of `folder` (compared as canonical paths), or nullptr.
  const TrustedFolder* find(const std::filesystem::path& folder) const;
  // Records `folder` (it must exist) with the hash of every library in it now, replacing an earlier record.
  // Throws std::runtime_error (Dutch) when the folder or one of its libraries cannot be read.
  const TrustedFolder& trust(const std::filesystem::path& folder);
  // Forgets `folder`; false when it was not recorded.
  bool untrust(const std::filesystem::path& folder);
  // Writes the store atomically (temporary file, fsync, rename), creating the configuration folder if needed.
  void write() const;

 private:
  std::filesystem::path file_;
  std::vector<TrustedFolder> folders_;
};

// What the trust check says about one library of a project's plugin folder.
struct TrustVerdict {
  std::filesystem::path library;
  bool trusted = false;
  std::string problem;  // why it may not load (Dutch, ends with the command that trusts it); empty when trusted
};

// The trust check of a folder named by a project: reads the user's trust file, lists the folder's libraries and
// compares each hash with the recorded one. Nothing is loaded. `problem` is set (and every library untrusted)
// when the whole folder is refused: not trusted at all, or the trust file cannot be read.
struct FolderVerdict {
  std::string problem;
  std::vector<TrustVerdict> libraries;
};
FolderVerdict check_project_plugin_folder(const std::filesystem::path& dir,
                                          const std::optional<std::filesystem::path>& trust_file);

}  // namespace helder
