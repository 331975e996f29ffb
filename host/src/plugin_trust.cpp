// Plugin trust: the trust file, SHA-256 of plugin libraries, and the check of a project's plugin folder.
#include <helder/plugin_trust.hpp>

#include <helder/config.hpp>
#include <helder/fix.hpp>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <toml++/toml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace helder {

namespace fs = std::filesystem;

std::string_view origin_id(PluginOrigin origin) {
  switch (origin) {
    case PluginOrigin::Builtin: return "builtin";
    case PluginOrigin::Environment: return "environment";
    case PluginOrigin::CommandLine: return "command-line";
    case PluginOrigin::UserConfig: return "user-config";
    case PluginOrigin::Project: return "project";
  }
  return "project";
}

std::string_view origin_label(PluginOrigin origin) {
  switch (origin) {
    case PluginOrigin::Builtin: return "ingebouwd";
    case PluginOrigin::Environment: return "HELDER_PLUGIN_PATH";
    case PluginOrigin::CommandLine: return "--plugin-dir";
    case PluginOrigin::UserConfig: return "eigen configuratie";
    case PluginOrigin::Project: return "project";
  }
  return "project";
}

std::optional<fs::path> user_config_dir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "helder";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "helder";
  return std::nullopt;
}

std::optional<fs::path> trust_file_path() {
  const std::optional<fs::path> dir = user_config_dir();
  if (!dir) return std::nullopt;
  return *dir / "trusted-plugins.toml";
}

std::string sha256_of_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(fmt::format("{} kan niet worden geopend ({})", file.string(), std::strerror(errno)));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw std::runtime_error(fmt::format("{} is geen gewoon bestand", file.string()));
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("helder kan geen SHA-256 berekenen (OpenSSL)");
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(fmt::format("{} kan niet worden gelezen ({})", file.string(), std::strerror(errno)));
    if (n == 0) break;
    if (EVP_DigestUpdate(context.get(), buffer, static_cast<std::size_t>(n)) != 1)
      throw std::runtime_error("helder kan geen SHA-256 berekenen (OpenSSL)");
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context.get(), digest, &size) != 1)
    throw std::runtime_error("helder kan geen SHA-256 berekenen (OpenSSL)");
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

std::vector<fs::path> plugin_libraries(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::error_code type_ec;
    if (entry.path().extension() == ".so" && entry.is_regular_file(type_ec)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string trust_command(const fs::path& dir) {
  const std::string text = dir.string();
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("/._-+,=:@", c) != nullptr;
  });
  if (plain) return "helder trust " + text;
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return "helder trust " + quoted + "'";
}

namespace {

// The key a folder is compared by: its canonical path when it exists, else the normal form of its absolute path.
fs::path folder_key(const fs::path& folder) {
  std::error_code ec;
  fs::path key = fs::weakly_canonical(folder, ec);
  if (ec) key = fs::absolute(folder, ec);
  return key.lexically_normal();
}

[[noreturn]] void fail(const fs::path& file, const toml::node& at, const std::string& what) {
  const toml::source_position p = at.source().begin;
  throw ConfigError(file, p.line, p.column, what);
}

std::string now_utc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

bool is_hex_digest(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(static_cast<unsigned char>(c)); });
}

}  // namespace

TrustStore TrustStore::read(const fs::path& file) {
  TrustStore store(file);
  std::error_code ec;
  if (!fs::exists(file, ec)) return store;
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    const toml::source_position p = e.source().begin;
    throw ConfigError(file, p.line, p.column, std::string(e.description()));
  }
  for (const auto& [key, node] : root) {
    if (key.str() != "folder") {
      const toml::source_position p = key.source().begin;
      throw ConfigError(file, p.line, p.column, fmt::format("onbekende sleutel \"{}\"; verwacht: [[folder]]", key.str()));
    }
    const toml::array* folders = node.as_array();
    if (!folders) fail(file, node, "\"folder\" moet een lijst van tabellen zijn: [[folder]]");
    for (const toml::node& item : *folders) {
      const toml::table* table = item.as_table();
      if (!table) fail(file, item, "elke [[folder]] moet een tabel zijn");
      TrustedFolder folder;
      bool has_path = false;
      for (const auto& [fk, fn] : *table) {
        if (fk.str() == "path") {
          const auto* path = fn.as_string();
          if (!path || path->get().empty()) fail(file, fn, "\"path\" moet een pad zijn (tekst)");
          folder.path = fs::path(path->get()).lexically_normal();
          has_path = true;
        } else if (fk.str() == "trusted_at") {
          std::ostringstream text;
          if (const auto* when = fn.as_date_time()) text << *when;
          else if (const auto* s = fn.as_string()) text << s->get();
          else fail(file, fn, "\"trusted_at\" moet een datum en tijd zijn");
          folder.trusted_at = text.str();
        } else if (fk.str() == "sha256") {
          const toml::table* hashes = fn.as_table();
          if (!hashes) fail(file, fn, "\"sha256\" moet een tabel zijn: [folder.sha256]");
          for (const auto& [name, hash] : *hashes) {
            const auto* digest = hash.as_string();
            if (!digest || !is_hex_digest(digest->get()))
              fail(file, hash, fmt::format("de SHA-256 van \"{}\" moet 64 tekens zijn (0-9, a-f)", name.str()));
            folder.sha256.emplace(std::string(name.str()), digest->get());
          }
        } else {
          const toml::source_position p = fk.source().begin;
          throw ConfigError(file, p.line, p.column,
                            fmt::format("onbekende sleutel \"{}\" in [[folder]]; gebruik path, trusted_at of sha256", fk.str()));
        }
      }
      if (!has_path) fail(file, item, "een [[folder]] zonder \"path\"");
      store.folders_.push_back(std::move(folder));
    }
  }
  return store;
}

const TrustedFolder* TrustStore::find(const fs::path& folder) const {
  const fs::path key = folder_key(folder);
  for (const TrustedFolder& f : folders_)
    if (f.path == key) return &f;
  return nullptr;
}

const TrustedFolder& TrustStore::trust(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw std::runtime_error(fmt::format("De map {} bestaat niet.", folder.string()));
  TrustedFolder record;
  record.path = fs::canonical(folder).lexically_normal();
  record.trusted_at = now_utc();
  for (const fs::path& library : plugin_libraries(record.path))
    record.sha256.emplace(library.filename().string(), sha256_of_file(library));
  untrust(record.path);
  folders_.push_back(std::move(record));
  return folders_.back();
}

bool TrustStore::untrust(const fs::path& folder) {
  const fs::path key = folder_key(folder);
  const auto removed = std::erase_if(folders_, [&](const TrustedFolder& f) { return f.path == key; });
  return removed > 0;
}

void TrustStore::write() const {
  toml::array folders;
  for (const TrustedFolder& f : folders_) {
    toml::table table;
    table.insert("path", f.path.string());
    // A TOML date-time when it has the form helder writes ("2026-01-05T10:00:00Z"), else as text.
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    char zone = 0;
    if (std::sscanf(f.trusted_at.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &zone) == 7 &&
        zone == 'Z')
      table.insert("trusted_at", toml::date_time{toml::date{static_cast<std::uint16_t>(y), static_cast<std::uint8_t>(mo),
                                                                static_cast<std::uint8_t>(d)},
                                                     toml::time{static_cast<std::uint8_t>(h), static_cast<std::uint8_t>(mi),
                                                                static_cast<std::uint8_t>(sec)},
                                                     toml::time_offset{}});
    else if (!f.trusted_at.empty())
      table.insert("trusted_at", f.trusted_at);
    toml::table hashes;
    for (const auto& [name, digest] : f.sha256) hashes.insert(name, digest);
    table.insert("sha256", std::move(hashes));
    folders.push_back(std::move(table));
  }
  toml::table root;
  if (!folders.empty()) root.insert("folder", std::move(folders));
  std::ostringstream out;
  out << "# Plugin-mappen die u vertrouwt. Een project mag zo'n map noemen (plugin_paths in .helder.toml).\n"
         "# helder laadt een plugin uit die map alleen als het bestand niet is veranderd: de SHA-256 hieronder\n"
         "# moet kloppen. Dit bestand wordt gemaakt door \"helder trust MAP\" en \"helder untrust MAP\".\n\n";
  out << toml::toml_formatter(root, toml::toml_formatter::default_flags & ~toml::format_flags::indentation) << '\n';
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("De map {} kan niet worden gemaakt ({}).", file_.parent_path().string(), ec.message()));
  write_file_atomically(file_, out.str());
}

FolderVerdict check_project_plugin_folder(const fs::path& dir, const std::optional<fs::path>& trust_file) {
  FolderVerdict verdict;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    verdict.problem = fmt::format("De plugin-map {} bestaat niet.", dir.string());
    return verdict;
  }
  const fs::path shown = folder_key(dir);
  const std::string command = trust_command(shown);
  const std::vector<fs::path> libraries = plugin_libraries(dir);
  auto refuse_all = [&](std::string problem) {
    verdict.problem = std::move(problem);
    for (const fs::path& l : libraries) verdict.libraries.push_back(TrustVerdict{l, false, verdict.problem});
    return verdict;
  };
  if (!trust_file)
    return refuse_all(fmt::format("De plugin-map {} is niet geladen. helder kan de lijst met vertrouwde plugins niet "
                                  "vinden, want HOME en XDG_CONFIG_HOME zijn niet gezet.",
                                  shown.string()));
  std::optional<TrustStore> store;
  try {
    store = TrustStore::read(*trust_file);
  } catch (const ConfigError& e) {
    return refuse_all(fmt::format("De plugin-map {} is niet geladen. De lijst met vertrouwde plugins is kapot: {}. "
                                  "Herstel of verwijder dat bestand, en typ daarna: {}",
                                  shown.string(), e.what(), command));
  }
  const TrustedFolder* trusted = store->find(dir);
  if (!trusted)
    return refuse_all(fmt::format("De plugin-map {} is niet geladen. Het project noemt deze map (plugin_paths), maar "
                                  "u vertrouwt haar nog niet. Een plugin is code die helder meteen uitvoert. Vertrouwt "
                                  "u de plugins in deze map? Typ dan: {}",
                                  shown.string(), command));
  for (const fs::path& library : libraries) {
    TrustVerdict v{library, false, {}};
    const std::string name = library.filename().string();
    const auto recorded = trusted->sha256.find(name);
    if (recorded == trusted->sha256.end()) {
      v.problem = fmt::format("Plugin {} is niet geladen: deze plugin is nieuw in de map {}. U hebt hem nog niet "
                              "vertrouwd. Vertrouwt u hem? Typ dan: {}",
                              name, shown.string(), command);
    } else {
      try {
        if (sha256_of_file(library) == recorded->second)
          v.trusted = true;
        else
          v.problem = fmt::format("Plugin {} is niet geladen: de plugin is veranderd sinds u de map {} vertrouwde. "
                                  "Vertrouwt u deze nieuwe versie? Typ dan: {}",
                                  name, shown.string(), command);
      } catch (const std::exception& e) {
        v.problem = fmt::format("Plugin {} is niet geladen: {}.", name, e.what());
      }
    }
    verdict.libraries.push_back(std::move(v));
  }
  return verdict;
}

}  // namespace helder
