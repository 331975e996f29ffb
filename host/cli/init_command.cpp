// `helder init [DIR]`: writes a commented .helder.toml for a project, generated from the rules helder loads
// now (so it is never out of date). Every setting is commented out: the file changes nothing until edited.
#include "cli.hpp"

#include <helder/config.hpp>
#include <helder/engine.hpp>
#include <helder/fix.hpp>
#include <helder/version.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <stdlib.h>
#include <unistd.h>

#include <iostream>
#include <sstream>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

// Longest line of prose in the file, in bytes (comments are wrapped at spaces).
constexpr std::size_t kLineWidth = 110;
// A list option is shown when it fits on one line of this many bytes; a longer one is only described.
constexpr std::size_t kShortList = 90;

// An empty configuration file, removed again: loading it gives the settings a new project file starts from
// (the packs and the user's own file, without the .helder.toml of a folder above).
class EmptyConfig {
 public:
  EmptyConfig() {
    std::string name = (fs::temp_directory_path() / "helder-init-XXXXXX").string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) throw std::runtime_error("helder kan geen tijdelijk bestand maken.");
    ::close(fd);
    path_ = name;
  }
  ~EmptyConfig() {
    std::error_code ec;
    fs::remove(path_, ec);
  }
  EmptyConfig(const EmptyConfig&) = delete;
  EmptyConfig& operator=(const EmptyConfig&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// `text` as comment lines ("# ..."), wrapped at spaces.
std::string comment(std::string_view text) {
  std::string out, line = "#";
  std::istringstream words{std::string(text)};
  std::string word;
  while (words >> word) {
    if (line.size() > 1 && line.size() + 1 + word.size() > kLineWidth) {
      out += line + '\n';
      line = "#";
    }
    line += ' ' + word;
  }
  return out + line + '\n';
}

// A TOML value on one line, strings in double quotes (as in the rest of the file).
std::string toml_text(const toml::node& node) {
  constexpr toml::format_flags flags = toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings &
                                       ~toml::format_flags::allow_multi_line_strings;
  std::ostringstream out;
  out << toml::toml_formatter(node, flags);
  return out.str();
}

std::string toml_key(std::string_view key) {
  const bool bare = !key.empty() && key.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                          "0123456789_-") == std::string_view::npos;
  return bare ? std::string(key) : toml_text(toml::value<std::string>(std::string(key)));
}

std::string toml_list(const std::vector<std::string>& items) {
  toml::array array;
  for (const std::string& i : items) array.push_back(i);
  return toml_text(array);
}

// One option of a rule as a commented-out line, or a comment that describes it when it is too long to show.
std::string option_line(std::string_view key, const toml::node& value) {
  if (const toml::array* array = value.as_array()) {
    const bool scalars = std::all_of(array->begin(), array->end(), [](const toml::node& n) {
      return !n.is_array() && !n.is_table();
    });
    const std::string text = toml_text(value);
    if (scalars && text.size() <= kShortList && text.find('\n') == std::string::npos)
      return fmt::format("# {} = {}\n", toml_key(key), text);
    return comment(fmt::format("{}: een lijst met {} {} uit het pakket, te lang voor hier (zie \"helder "
                               "dump-config\"). Een lijst hier vervangt de hele lijst van het pakket.",
                               key, array->size(), array->size() == 1 ? "item" : "items"));
  }
  if (value.is_table())
    return comment(fmt::format("{}: een tabel met instellingen uit het pakket (zie \"helder dump-config\").", key));
  const std::string text = toml_text(value);
  if (text.find('\n') != std::string::npos)
    return comment(fmt::format("{}: een tekst van meer regels uit het pakket (zie \"helder dump-config\").", key));
  return fmt::format("# {} = {}\n", toml_key(key), text);
}

std::string rule_block(const RuleDescription& r) {
  std::string out = "\n";
  out += comment(r.config.summary.empty() ? r.config.id : r.config.summary);
  if (!r.config.enabled) out += "# Deze regel staat nu uit.\n";
  else if (r.config.editor_only) out += "# Deze regel werkt alleen in de editor (of met helder check --editor).\n";
  else if (!r.problem.empty()) out += comment("Deze regel werkt nu niet: " + r.problem + ".");
  out += fmt::format("# Uitleg: helder explain {}\n", r.config.id);
  out += fmt::format("# [rules.{}]\n", toml_text(toml::value<std::string>(r.config.id)));
  out += fmt::format("# enabled = {}\n", !r.config.enabled ? "false" : r.config.editor_only ? "\"editor\"" : "true");
  out += fmt::format("# severity = \"{}\"\n", to_string(r.config.severity));
  if (!r.effective_options.empty()) {
    try {
      const toml::table options = toml::parse(r.effective_options);
      for (const auto& [key, value] : options) out += option_line(key.str(), value);
    } catch (const toml::parse_error&) {
      out += "# (de instellingen van deze regel kunnen hier niet worden getoond; zie \"helder dump-config\")\n";
    }
  }
  return out;
}

std::string project_file(const Engine& engine) {
  const Config& c = engine.config();
  std::string out;
  out += "# .helder.toml: de instellingen van helder voor de teksten in deze map en de mappen eronder.\n";
  out += fmt::format("# Gemaakt met \"helder init\" (helder {}).\n#\n", version());
  out += comment(
      "Alles in dit bestand staat nog uit: een regel die begint met # doet niets. Zo verandert dit bestand niets, "
      "totdat u het zelf aanpast. Wilt u een instelling gebruiken? Haal dan het # aan het begin van de regel weg. "
      "Kijk daarna met \"helder dump-config\" welke instellingen helder gebruikt.");
  out += "# Meer uitleg: docs/configuration.md, \"helder rules\" en \"helder explain REGEL\".\n\n";

  out += comment(fmt::format("De regelpakketten. Een pakket is een verzameling regels. Nu geladen: {}.",
                             fmt::join(c.packs, ", ")));
  out += "# packs = " + toml_list(c.packs) + "\n\n";
  out += "# Mappen met uw eigen regelpakketten, gezien vanaf deze map.\n";
  out += "# pack_paths = [\"helder-packs\"]\n\n";
  out += "# Het taalniveau waarop uw teksten mikken: A1, A2, B1, B2, C1 of C2.\n";
  out += "# target_level = " + toml_text(toml::value<std::string>(c.target_level)) + "\n\n";
  out += comment("Mappen met plugins: code die regels uitvoert. helder laadt een plugin uit zo'n map alleen als u de "
                 "map vertrouwt. Typ daarvoor: helder trust MAP");
  out += "# plugin_paths = [\"plugins\"]\n\n";

  out += "[vocabulary]\n";
  out += comment("Woorden die helder nooit meldt, bijvoorbeeld de naam van uw organisatie of een vakwoord dat klopt. "
                 "Zet ze tussen aanhalingstekens, met komma's ertussen: accept = [\"DigiD\", \"Omgevingswet\"]");
  out += "accept = []\n";
  out += comment("Woorden die helder altijd meldt, bijvoorbeeld een woord dat uw organisatie niet meer gebruikt.");
  out += "reject = []\n\n";

  out += "# " + std::string(kLineWidth - 2, '-') + "\n# De regels\n# " + std::string(kLineWidth - 2, '-') + "\n";
  out += comment(
      "Per regel ziet u wat de regel doet, en de instellingen die nu gelden. Wilt u iets veranderen? Haal dan het # "
      "weg voor de kop van de regel [rules.\"...\"] en voor de instelling die u verandert. Zonder de kop hoort de "
      "instelling niet bij de regel.");
  out += "#   enabled:  true (aan), false (uit) of \"editor\" (alleen in de editor)\n";
  out += "#   severity: \"error\", \"warning\", \"info\", \"hint\" of \"off\" (uit)\n";
  for (const RuleDescription& r : engine.describe_rules()) out += rule_block(r);
  return out;
}

}  // namespace

int run_init(SessionOptions options, const std::string& folder) {
  const fs::path dir = folder.empty() ? fs::current_path() : fs::path(folder);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    error_line(fmt::format("de map {} bestaat niet.", dir.string()));
    return exit_problem;
  }
  const fs::path target = dir / ".helder.toml";
  if (fs::exists(fs::symlink_status(target, ec))) {
    error_line(fmt::format("in {} staat al een .helder.toml. helder schrijft daar niet overheen. Wilt u opnieuw "
                           "beginnen? Haal het oude bestand dan eerst weg.",
                           dir.string()));
    return exit_problem;
  }
  const std::optional<fs::path> before = find_project_config(dir);

  const EmptyConfig empty;
  options.config_file = empty.path().string();
  Session session(std::move(options));
  const std::string text = project_file(*session.engine_for(dir));
  write_file_atomically(target, text);

  std::cout << fmt::format("helder heeft {} gemaakt.\n", target.string())
            << "Alle instellingen staan nog uit (er staat een # voor). Haal het # weg voor wat u wilt veranderen.\n"
               "Kijk daarna met \"helder dump-config\" welke instellingen helder gebruikt.\n";
  if (before)
    error_line(fmt::format("let op: tot nu toe gold {} voor deze map. Dat bestand geldt hier nu niet meer, want helder "
                           "gebruikt het eerste .helder.toml dat het vindt. Neem de instellingen die u nodig hebt over "
                           "in het nieuwe bestand.",
                           before->string()));
  return exit_clean;
}

}  // namespace helder::cli
