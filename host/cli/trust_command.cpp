// `helder trust DIR` and `helder untrust DIR`: record or forget a plugin folder (with the SHA-256 of each
// library in it) in the user's trust file, so that a project may load its plugins (plugin_trust.hpp).
#include "cli.hpp"

#include <helder/config.hpp>
#include <helder/plugin_trust.hpp>

#include <fmt/format.h>

#include <iostream>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

// The trust file, read; nullopt (after a message) when there is none or it is broken.
std::optional<TrustStore> read_store() {
  const std::optional<fs::path> file = trust_file_path();
  if (!file) {
    error_line("helder weet niet waar uw eigen configuratie staat: HOME en XDG_CONFIG_HOME zijn niet gezet.");
    return std::nullopt;
  }
  try {
    return TrustStore::read(*file);
  } catch (const ConfigError& e) {
    std::cerr << e.what() << '\n';
    error_line(fmt::format("de lijst met vertrouwde plugins ({}) is kapot. Herstel of verwijder dat bestand, en "
                           "probeer het daarna opnieuw.",
                           file->string()));
    return std::nullopt;
  }
}

}  // namespace

int run_trust(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    error_line(fmt::format("de map {} bestaat niet.", path));
    return exit_problem;
  }
  if (!fs::is_directory(path, ec)) {
    error_line(fmt::format("{} is geen map. Noem de map waarin de plugins staan.", path));
    return exit_problem;
  }
  const fs::path dir = fs::canonical(path, ec);
  if (ec) {
    error_line(fmt::format("de map {} kan niet worden gelezen ({}).", path, ec.message()));
    return exit_problem;
  }
  if (plugin_libraries(dir).empty()) {
    error_line(fmt::format("in de map {} staan geen plugins (bestanden die eindigen op .so). helder heeft niets "
                           "vertrouwd.",
                           dir.string()));
    return exit_problem;
  }
  std::optional<TrustStore> store = read_store();
  if (!store) return exit_problem;
  const bool again = store->find(dir) != nullptr;
  try {
    const TrustedFolder& folder = store->trust(dir);
    store->write();
    std::cout << (again ? "Opnieuw vertrouwd: " : "Vertrouwd: ") << folder.path.string() << '\n';
    for (const auto& [name, digest] : folder.sha256) std::cout << "  " << name << "  sha256 " << digest << '\n';
    std::cout << "helder laadt deze plugins nu ook als een project de map noemt (plugin_paths in .helder.toml).\n"
                 "Verandert een plugin, of komt er een plugin bij? Dan laadt helder die pas als u de map opnieuw "
                 "vertrouwt.\n"
                 "Let op: een plugin is code die werkt met uw rechten. Vertrouw alleen plugins waarvan u weet wie ze "
                 "heeft gemaakt.\n"
                 "Opgeslagen in: "
              << store->file().string() << '\n';
  } catch (const std::exception& e) {
    error_line(e.what());
    return exit_problem;
  }
  return exit_clean;
}

int run_untrust(const std::string& path) {
  std::optional<TrustStore> store = read_store();
  if (!store) return exit_problem;
  std::error_code ec;
  fs::path shown = fs::weakly_canonical(path, ec);
  if (ec) shown = fs::absolute(path, ec);
  if (!store->untrust(path)) {
    error_line(fmt::format("de map {} stond niet in de lijst met vertrouwde plugins. Er is niets veranderd.",
                           shown.string()));
    return exit_problem;
  }
  try {
    store->write();
  } catch (const std::exception& e) {
    error_line(e.what());
    return exit_problem;
  }
  std::cout << "Niet meer vertrouwd: " << shown.string() << '\n'
            << "helder laadt de plugins uit deze map niet meer als een project de map noemt.\n";
  return exit_clean;
}

}  // namespace helder::cli
