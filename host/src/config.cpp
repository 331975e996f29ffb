// Reads rule packs, the user's configuration and the project's .helder.toml, and merges them.
#include <helder/config.hpp>
#include <helder/text.hpp>

#include "nfc_normalizer.hpp"
#include "option_table.hpp"

#include <helder/reading_level.hpp>

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace helder {

namespace fs = std::filesystem;

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Hint: return "hint";
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "warning";
}

std::optional<Severity> severity_from_string(std::string_view s) {
  if (s == "hint") return Severity::Hint;
  if (s == "info") return Severity::Info;
  if (s == "warning") return Severity::Warning;
  if (s == "error") return Severity::Error;
  return std::nullopt;
}

ConfigError::ConfigError(const fs::path& file, std::uint32_t line, std::uint32_t column, const std::string& what)
    : std::runtime_error(fmt::format("{}:{}:{}: {}", file.string(), line, column, what)),
      file_(file),
      line_(line),
      column_(column),
      description_(what) {}

const RuleConfig* Config::find_rule(std::string_view id) const {
  for (const RuleConfig& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

namespace {

// ". Bedoelde u "packs"?" for a key near a known one; "" otherwise.
std::string did_you_mean(std::string_view typed, std::span<const std::string_view> known) {
  const std::string nearest = nearest_name(typed, known);
  return nearest.empty() ? std::string() : fmt::format(". Bedoelde u \"{}\"?", nearest);
}

[[noreturn]] void fail(const fs::path& file, const toml::node& at, const std::string& what) {
  const toml::source_position p = at.source().begin;
  // A node merged in from an include file carries that file's name.
  const fs::path where = at.source().path && !at.source().path->empty() ? fs::path(*at.source().path) : file;
  throw ConfigError(where, p.line, p.column, what);
}

[[noreturn]] void fail_at_key(const fs::path& file, const toml::key& key, const std::string& what) {
  const toml::source_position p = key.source().begin;
  throw ConfigError(file, p.line, p.column, what);
}

toml::table parse_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file, 1, 1, "dit bestand kan niet worden gelezen");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return toml::parse(buffer.str(), file.string());
  } catch (const toml::parse_error& e) {
    const toml::source_position p = e.source().begin;
    throw ConfigError(file, p.line, p.column, std::string(e.description()));
  }
}

std::string expect_string(const fs::path& file, const toml::node& n, std::string_view key) {
  if (const auto* s = n.as_string()) return s->get();
  fail(file, n, fmt::format("\"{}\" moet tekst zijn (tussen aanhalingstekens)", key));
}

std::string expect_level(const fs::path& file, const toml::node& node, std::string_view key) {
  std::string level = expect_string(file, node, key);
  if (cefr_from_name(level) < 0)
    fail(file, node, fmt::format("\"{}\" is \"{}\", maar moet een taalniveau zijn: A1, A2, B1, B2, C1 of C2", key, level));
  return level;
}

std::vector<std::string> expect_string_array(const fs::path& file, const toml::node& n, std::string_view key) {
  const auto* array = n.as_array();
  if (!array) fail(file, n, fmt::format("\"{}\" moet een lijst met tekst zijn, bijvoorbeeld [\"a\", \"b\"]", key));
  std::vector<std::string> out;
  for (const toml::node& item : *array) out.push_back(expect_string(file, item, key));
  return out;
}

// Vocabulary words are compared in lower case, as the word services give it: NFC, then ICU's Dutch lower case
// ("Één" -> "één", "IJSSEL" -> "ijssel").
std::string lower_word(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = nfc_normalizer();
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (nfc) {
    icu::UnicodeString normalized = nfc->normalize(text, status);
    if (U_SUCCESS(status)) text = std::move(normalized);
  }
  text.toLower(icu::Locale("nl"));
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Merges `from` into `into`: tables merge key by key, arrays are appended, other values are replaced.
// Packs use it for `include` files and for rules of a base pack that they extend, so a ministry adds
// words to a list without repeating it. The nodes are moved, not copied: a copy in toml++ loses its place in
// the file, and errors about a merged value (an example in an include file) must point into that file.
void merge_into(toml::table& into, toml::table&& from) {
  for (auto&& [key, node] : from) {
    toml::node* existing = into.get(key.str());
    if (existing && existing->is_table() && node.is_table()) {
      merge_into(*existing->as_table(), std::move(*node.as_table()));
    } else if (existing && existing->is_array() && node.is_array()) {
      for (toml::node& item : *node.as_array()) existing->as_array()->push_back(std::move(item));
    } else {
      // Erase first: insert_or_assign would keep the old key, and with it the place of the old value.
      into.erase(key.str());
      into.insert(key, std::move(node));
    }
  }
}

// The file a node was read from: a node merged in from an include file carries that file's name.
fs::path file_of(const fs::path& file, const toml::source_region& where) {
  return where.path && !where.path->empty() ? fs::path(*where.path) : file;
}

}  // namespace

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

// `examples = [{ text = "...", expect = ["..."] }, ...]` in a rule table of pack `pack`.
void read_examples(const fs::path& file, const toml::node& node, const std::string& pack,
                   std::vector<RuleExample>& out) {
  const auto* array = node.as_array();
  if (!array)
    fail(file, node, "\"examples\" moet een lijst met voorbeelden zijn, bijvoorbeeld "
                     "[{ text = \"Wij sturen u de brief.\", expect = [] }]");
  for (const toml::node& item : *array) {
    const auto* example = item.as_table();
    if (!example)
      fail(file, item,
           "een voorbeeld moet er zo uitzien: { text = \"de tekst\", expect = [\"wat de regel aanwijst\"] }");
    for (const auto& [key, value] : *example)
      if (key.str() != "text" && key.str() != "expect") {
        static constexpr std::string_view known[] = {"text", "expect"};
        const toml::source_position p = key.source().begin;
        throw ConfigError(file_of(file, key.source()), p.line, p.column,
                          fmt::format("onbekende sleutel \"{}\" in een voorbeeld; gebruik text en expect{}",
                                      key.str(), did_you_mean(key.str(), known)));
      }
    RuleExample e;
    e.pack = pack;
    e.file = file_of(file, item.source());
    e.line = item.source().begin.line;
    e.column = item.source().begin.column;
    const toml::node* text = example->get("text");
    if (!text) fail(file, item, "dit voorbeeld heeft geen \"text\": de tekst die de regel moet controleren");
    e.text = expect_string(file, *text, "text");
    if (collapse_spaces(e.text).empty()) fail(file, *text, "de \"text\" van dit voorbeeld is leeg");
    const toml::node* expect = example->get("expect");
    if (!expect)
      fail(file, item, "dit voorbeeld heeft geen \"expect\": de stukken tekst die de regel moet aanwijzen, "
                       "of [] als de regel niets mag vinden");
    const auto* expect_array = expect->as_array();
    if (!expect_array)
      fail(file, *expect, "\"expect\" moet een lijst met tekst zijn, bijvoorbeeld [\"ten behoeve van\"], of [] "
                          "als de regel niets mag vinden");
    const std::string whole = collapse_spaces(e.text);
    for (const toml::node& piece : *expect_array) {
      if (!piece.as_string())
        fail(file, piece, "\"expect\" moet een lijst met tekst zijn, bijvoorbeeld [\"ten behoeve van\"]");
      const std::string& wanted = piece.as_string()->get();
      if (collapse_spaces(wanted).empty()) fail(file, piece, "een tekst in \"expect\" is leeg");
      if (whole.find(collapse_spaces(wanted)) == std::string::npos)
        fail(file, piece, fmt::format("\"{}\" uit \"expect\" staat niet in de \"text\" van dit voorbeeld", wanted));
      e.expect.push_back(wanted);
    }
    out.push_back(std::move(e));
  }
}

// Applies one rule table (from a pack or a configuration file) to `rule`. `pack`: the pack whose file it is
// (empty for the user's and the project's configuration).
void apply_rule_table(const fs::path& file, const toml::table& table, RuleConfig& rule, bool in_pack,
                      const std::string& pack = {}) {
  auto options = rule.options ? std::make_shared<OptionTable>(*rule.options) : std::make_shared<OptionTable>();
  toml::table options_here;
  for (const auto& [key, node] : table) {
    const std::string_view k = key.str();
    if (k == "enabled") {
      if (const auto* b = node.as_boolean()) {
        rule.enabled = b->get();
        rule.editor_only = false;
      } else if (const auto* s = node.as_string(); s && s->get() == "editor") {
        rule.enabled = true;
        rule.editor_only = true;
      } else {
        fail(file, node, "\"enabled\" moet true, false of \"editor\" zijn");
      }
    } else if (k == "autofix") {
      const auto* b = node.as_boolean();
      if (!b) fail(file, node, "\"autofix\" moet true of false zijn");
      rule.autofix = b->get();
    } else if (k == "severity") {
      const std::string s = expect_string(file, node, k);
      if (s == "off") {
        rule.enabled = false;
      } else if (auto sev = severity_from_string(s)) {
        rule.severity = *sev;
      } else {
        fail(file, node, fmt::format("\"severity\" is \"{}\", maar moet error, warning, info, hint of off zijn", s));
      }
    } else if (k == "kind") {
      if (!in_pack) fail(file, node, "\"kind\" kan alleen in een regelpakket staan");
      rule.kind = expect_string(file, node, k);
      if (rule.kind.find('.') == std::string::npos)
        fail(file, node, "\"kind\" moet de vorm \"plugin.soort\" hebben, bijvoorbeeld \"complexity.sentence-length\"");
    } else if (k == "summary") {
      rule.summary = expect_string(file, node, k);
    } else if (k == "documentation") {
      rule.documentation = file.parent_path() / expect_string(file, node, k);
    } else if (k == "examples") {
      if (!in_pack) fail(file, node, "\"examples\" kan alleen in een regelpakket staan");
      read_examples(file, node, pack, rule.examples);
    } else {
      options_here.insert_or_assign(key, node);
    }
  }
  // In a pack, options merge (a pack that extends another adds to its lists); in a project's
  // configuration, a value replaces the pack's value.
  if (in_pack) {
    merge_into(options->table, std::move(options_here));
  } else {
    for (const auto& [key, node] : options_here) {
      options->table.erase(key.str());  // the key too: errors about the value point into this file
      options->table.insert(key, node);
    }
  }
  rule.options = std::move(options);
}

struct Loader {
  const ConfigRequest& request;
  Config config;
  std::vector<std::string> loading;  // packs being loaded, to find cycles

  std::optional<fs::path> find_pack(std::string_view name, const std::vector<fs::path>& extra_dirs) const {
    for (const auto* dirs : {&extra_dirs, &request.pack_dirs})
      for (const fs::path& dir : *dirs) {
        fs::path candidate = dir / std::string(name) / "pack.toml";
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) return candidate;
      }
    return std::nullopt;
  }

  RuleConfig* find_rule(std::string_view id) {
    for (RuleConfig& r : config.rules)
      if (r.id == id) return &r;
    return nullptr;
  }

  void load_pack(const fs::path& from_file, const toml::node& at, const std::string& name,
                 const std::vector<fs::path>& extra_dirs) {
    if (std::find(config.packs.begin(), config.packs.end(), name) != config.packs.end()) return;
    if (std::find(loading.begin(), loading.end(), name) != loading.end())
      fail(from_file, at, fmt::format("regelpakket \"{}\" breidt zichzelf uit (via \"extends\")", name));
    const std::optional<fs::path> file = find_pack(name, extra_dirs);
    if (!file) fail(from_file, at, fmt::format("regelpakket \"{}\" is niet gevonden", name));
    loading.push_back(name);
    toml::table pack = parse_file(*file);
    config.files.push_back(*file);
    // `include = ["list.toml"]`: more of the same pack in other files (long word lists), merged in.
    if (const toml::node* includes = pack.get("include")) {
      const std::vector<std::string> names = expect_string_array(*file, *includes, "include");
      for (const std::string& n : names) {
        const fs::path included = file->parent_path() / n;
        std::error_code ec;
        if (!fs::is_regular_file(included, ec))
          fail(*file, *includes, fmt::format("het bestand \"{}\" uit \"include\" bestaat niet", n));
        toml::table extra = parse_file(included);
        config.files.push_back(included);
        for (const auto& [key, node] : extra)
          if (key.str() != "rules") fail_at_key(included, key, "een include-bestand mag alleen [rules...] bevatten");
        merge_into(pack, std::move(extra));
      }
      pack.erase("include");
    }

    if (const toml::node* extends = pack.get("extends"))
      load_pack(*file, *extends, expect_string(*file, *extends, "extends"), extra_dirs);

    for (const auto& [key, node] : pack) {
      const std::string_view k = key.str();
      if (k == "name") {
        if (expect_string(*file, node, k) != name)
          fail(*file, node, fmt::format("\"name\" moet gelijk zijn aan de map van het pakket: \"{}\"", name));
      } else if (k == "extends" || k == "description") {
        expect_string(*file, node, k);
      } else if (k == "target_level") {
        config.target_level = expect_level(*file, node, k);
      } else if (k == "lexicon") {
        apply_lexicon(*file, node);
      } else if (k == "rules") {
        const auto* rules = node.as_table();
        if (!rules) fail(*file, node, "\"rules\" moet een tabel zijn: [rules.naam]");
        for (const auto& [rule_key, rule_node] : *rules) {
          const auto* rule_table = rule_node.as_table();
          if (!rule_table) fail(*file, rule_node, fmt::format("regel \"{}\" moet een tabel zijn", rule_key.str()));
          apply_pack_rule(*file, name, rule_key.str(), *rule_table, rule_node);
        }
      } else {
        static constexpr std::string_view known[] = {"name", "extends", "description", "target_level", "lexicon", "rules", "include"};
        fail_at_key(*file, key, fmt::format("onbekende sleutel \"{}\" in een regelpakket{}", k, did_you_mean(k, known)));
      }
    }
    loading.pop_back();
    config.packs.push_back(name);
  }

  // [lexicon]: words = [...], verbs = [...], irregular_verbs = [...] (files next to the configuration file) and
  // names = [...] (fixed names, as written).
  void apply_lexicon(const fs::path& file, const toml::node& node) {
    const auto* table = node.as_table();
    if (!table) fail(file, node, "\"lexicon\" moet een tabel zijn: [lexicon]");
    for (const auto& [lk, ln] : *table) {
      const std::string_view k = lk.str();
      std::vector<fs::path>* files = k == "words" ? &config.lexicon_words
                                     : k == "verbs" ? &config.lexicon_verbs
                                     : k == "irregular_verbs" ? &config.lexicon_irregular_verbs
                                     : nullptr;
      if (files) {
        for (const std::string& name : expect_string_array(file, ln, k)) {
          const fs::path path = fs::absolute(file.parent_path() / name);
          std::error_code ec;
          if (!fs::is_regular_file(path, ec))
            fail(file, ln, fmt::format("het bestand \"{}\" uit [lexicon] {} bestaat niet", name, k));
          files->push_back(path);
        }
      } else if (k == "names") {
        for (const std::string& name : expect_string_array(file, ln, k))
          if (!name.empty()) config.names.push_back(name);
      } else {
        static constexpr std::string_view known[] = {"words", "verbs", "irregular_verbs", "names"};
        fail_at_key(file, lk, fmt::format("onbekende sleutel \"{}\" in [lexicon]; gebruik words, verbs, "
                                          "irregular_verbs of names{}", k, did_you_mean(k, known)));
      }
    }
  }

  void apply_pack_rule(const fs::path& file, const std::string& pack, std::string_view key, const toml::table& table,
                       const toml::node& at) {
    if (key.find('.') != std::string_view::npos) {  // a rule of a base pack: change its settings
      RuleConfig* rule = find_rule(key);
      if (!rule) fail(file, at, fmt::format("regel \"{}\" bestaat niet in de pakketten die dit pakket uitbreidt", key));
      apply_rule_table(file, table, *rule, true, pack);
      return;
    }
    RuleConfig rule;
    rule.id = pack + "." + std::string(key);
    rule.pack = pack;
    if (find_rule(rule.id)) fail(file, at, fmt::format("regel \"{}\" staat twee keer in het pakket", rule.id));
    apply_rule_table(file, table, rule, true, pack);
    if (rule.kind.empty()) fail(file, at, fmt::format("regel \"{}\" heeft geen \"kind\"", rule.id));
    config.rules.push_back(std::move(rule));
  }

  // `helder rules test PACKDIR`: the pack in that folder, as a project gets it with pack_paths = [the folder
  // above] and packs = [the folder's name].
  Config load_pack_folder(const fs::path& folder) {
    fs::path dir = fs::absolute(folder).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();  // "rules/minbzk/"
    const fs::path file = dir / "pack.toml";
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
      throw ConfigError(dir, 1, 1, "in deze map staat geen pack.toml; noem de map van een regelpakket");
    const toml::table nowhere;
    load_pack(file, nowhere, dir.filename().string(), {dir.parent_path()});
    return std::move(config);
  }

  // Of the user's own file only `plugin_paths` (for `helder rules test PACKDIR`: the pack alone decides its rules).
  void load_plugin_paths(const fs::path& file) {
    const toml::table settings = parse_file(file);
    if (const toml::node* dirs = settings.get("plugin_paths"))
      for (const std::string& d : expect_string_array(file, *dirs, "plugin_paths"))
        config.plugin_dirs.push_back(fs::absolute(file.parent_path() / d));
  }

  // A user or project configuration file. Plugin directories of a file that is not trusted (a project's) go to
  // project_plugin_dirs, which load only after the trust check.
  void load_settings(const fs::path& file, bool trusted) {
    const toml::table settings = parse_file(file);
    config.files.push_back(file);
    std::vector<fs::path> extra_pack_dirs;
    if (const toml::node* dirs = settings.get("pack_paths"))
      for (const std::string& d : expect_string_array(file, *dirs, "pack_paths"))
        extra_pack_dirs.push_back(fs::absolute(file.parent_path() / d));
    if (const toml::node* packs = settings.get("packs")) {
      for (const std::string& p : expect_string_array(file, *packs, "packs")) load_pack(file, *packs, p, extra_pack_dirs);
    } else if (config.packs.empty()) {
      load_pack(file, settings, "rijksoverheid", extra_pack_dirs);  // the default pack
    }

    for (const auto& [key, node] : settings) {
      const std::string_view k = key.str();
      if (k == "packs" || k == "pack_paths") continue;
      if (k == "target_level") {
        config.target_level = expect_level(file, node, k);
      } else if (k == "plugin_paths") {
        const std::vector<std::string> dirs = expect_string_array(file, node, k);
        // A project's folders load only what the user trusted (helder trust): see Session::load_plugins.
        auto& into = trusted ? config.plugin_dirs : config.project_plugin_dirs;
        for (const std::string& d : dirs) into.push_back(fs::absolute(file.parent_path() / d));
      } else if (k == "lexicon") {
        apply_lexicon(file, node);
      } else if (k == "vocabulary") {
        const auto* vocabulary = node.as_table();
        if (!vocabulary) fail(file, node, "\"vocabulary\" moet een tabel zijn: [vocabulary]");
        for (const auto& [vk, vn] : *vocabulary) {
          if (vk.str() == "accept") {
            for (const std::string& w : expect_string_array(file, vn, "accept")) config.accept.insert(lower_word(w));
          } else if (vk.str() == "reject") {
            for (const std::string& w : expect_string_array(file, vn, "reject")) config.reject.insert(lower_word(w));
          } else {
            static constexpr std::string_view known[] = {"accept", "reject"};
            fail_at_key(file, vk, fmt::format("onbekende sleutel \"{}\" in [vocabulary]; gebruik accept of reject{}",
                                              vk.str(), did_you_mean(vk.str(), known)));
          }
        }
      } else if (k == "rules") {
        const auto* rules = node.as_table();
        if (!rules) fail(file, node, "\"rules\" moet een tabel zijn: [rules.\"pakket.regel\"]");
        for (const auto& [rk, rn] : *rules) {
          const auto* table = rn.as_table();
          if (!table) fail(file, rn, fmt::format("regel \"{}\" moet een tabel zijn", rk.str()));
          RuleConfig* rule = find_rule(rk.str());
          if (!rule) fail_at_key(file, rk, fmt::format("regel \"{}\" bestaat niet; \"helder rules\" toont alle regels", rk.str()));
          apply_rule_table(file, *table, *rule, false);
        }
      } else {
        static constexpr std::string_view known[] = {"packs", "pack_paths", "target_level", "plugin_paths",
                                                     "lexicon", "vocabulary", "rules"};
        fail_at_key(file, key, fmt::format("onbekende sleutel \"{}\"{}", k, did_you_mean(k, known)));
      }
    }
  }
};

}  // namespace

std::optional<fs::path> find_project_config(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  while (true) {
    fs::path candidate = dir / ".helder.toml";
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

Config load_config(const ConfigRequest& request) {
  Loader loader{request, {}, {}};
  if (request.user_config) {
    std::error_code ec;
    if (fs::is_regular_file(*request.user_config, ec)) {
      if (request.pack_folder)
        loader.load_plugin_paths(*request.user_config);
      else
        loader.load_settings(*request.user_config, true);
    }
  }
  if (request.pack_folder) return loader.load_pack_folder(*request.pack_folder);
  std::optional<fs::path> project = request.config_file;
  if (project) {
    std::error_code ec;
    if (!fs::is_regular_file(*project, ec))
      throw ConfigError(*project, 1, 1, "dit configuratiebestand bestaat niet");
  } else {
    project = find_project_config(request.checked_path.empty() ? fs::current_path() : request.checked_path);
  }
  if (project && !request.pack_folder) loader.load_settings(*project, false);
  if (loader.config.packs.empty()) {
    // No configuration chose a pack: the default pack.
    const toml::table empty;
    loader.load_pack(project.value_or("(standaard)"), empty, "rijksoverheid", {});
  }
  return std::move(loader.config);
}

}  // namespace helder
