// The engine: analysis of a text and the run of its rules through the plugin boundary.
#include <helder/engine.hpp>
#include <helder/text.hpp>

#include "option_table.hpp"
#include "parallel.hpp"
#include "passive.hpp"
#include "plugin_process.hpp"
#include "token_features.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <atomic>
#include <cctype>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

namespace helder {

namespace fs = std::filesystem;

InstallLayout InstallLayout::detect() {
  std::error_code ec;
  const fs::path exe = boost::dll::program_location(ec);
  const fs::path prefix = ec ? fs::current_path() : exe.parent_path().parent_path();
  return InstallLayout{prefix / HELDER_PLUGIN_DIR, prefix / HELDER_SHARE_DIR,
                       prefix / HELDER_LIB_DIR / "helder-plugin-worker"};
}

std::shared_ptr<const LanguageServices> LanguageServices::load(const fs::path& data_dir,
                                                               const WordServicePaths& word_paths,
                                                               const fs::path& word_answers) {
  auto services = std::make_shared<LanguageServices>();
  const fs::path abbreviations = data_dir / "abbreviations-nl.txt";
  std::error_code ec;
  if (fs::is_regular_file(abbreviations, ec)) {
    services->abbreviations = std::make_shared<AbbreviationList>(AbbreviationList::load(abbreviations));
  } else {
    services->abbreviations = std::make_shared<AbbreviationList>();
    services->problems.push_back(fmt::format(
        "De lijst met afkortingen is niet gevonden: {}. Zinnen kunnen verkeerd worden gesplitst.",
        abbreviations.string()));
  }
  std::shared_ptr<const SegmentationWords> segmentation_words;
  try {
    segmentation_words = std::make_shared<const SegmentationWords>(SegmentationWords::load(data_dir / "segmentation-nl.tsv"));
  } catch (const std::exception& e) {
    services->problems.push_back(fmt::format("{}. Zinnen kunnen verkeerd worden gesplitst.", e.what()));
  }
  services->segmenter = std::make_unique<Segmenter>(services->abbreviations, std::move(segmentation_words));
  services->words = std::make_unique<WordServices>(word_paths);
  services->words->preload(word_answers);  // the answers and the dictionary are read while the lexicon is
  for (const std::string& p : services->words->problems()) services->problems.push_back(p);
  try {
    services->lexicon = std::make_shared<const Lexicon>(Lexicon::load(data_dir / "lexicon-nl"));
    services->words->set_lexicon(services->lexicon.get());
  } catch (const LexiconError& e) {
    services->lexicon = std::make_shared<const Lexicon>();
    services->problems.push_back(fmt::format(
        "Het woordenboek van helder (woordsoorten en werkwoorden) kan niet worden gelezen: {}. Regels die "
        "woordsoorten gebruiken, vinden minder.", e.what()));
  }
  return services;
}

Readability readability(std::uint32_t sentences, std::uint32_t words, std::uint32_t letter_words,
                        std::uint32_t syllables) {
  const ReadingScores scores = reading_scores(sentences, words, letter_words, syllables);
  return Readability{sentences, words, letter_words, syllables, scores.flesch_douma, scores.leesindex_a};
}

// ---------------------------------------------------------------------------------------------------
// Options, read by a plugin through the C boundary. Every read is recorded for dump-config.

namespace {

// Every function a plugin calls is noexcept: an exception must never unwind through the plugin's frames (C, or
// C++ built with another compiler). Whatever goes wrong inside becomes the fallback answer.
template <class R, class F>
R guarded(R fallback, F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    return fallback;
  }
}

class OptionReader {
 public:
  // `pack_settings`: settings of the pack itself (target_level) that a rule may read as options when its own
  // table does not set them.
  OptionReader(std::shared_ptr<const OptionTable> table, std::map<std::string, std::string, std::less<>> pack_settings)
      : table_(std::move(table)), pack_settings_(std::move(pack_settings)) {}

  helder_options c_api() {
    return helder_options{sizeof(helder_options), this, &get_int, &get_double, &get_bool, &get_string, &array_size};
  }
  const std::string& error() const { return error_; }
  // Where the option of the wrong type stands in its file (when the error is one).
  const std::optional<toml::source_region>& wrong_place() const { return wrong_place_; }

  // An option in the rule's table that the rule never asked for: a typing error ("warnig_above") or an option of
  // another rule. Returns its key and the nearest option the rule does know ("" when none is near).
  std::optional<std::pair<toml::key, std::string>> unknown_option() const {
    if (!table_) return std::nullopt;
    for (const auto& [key, node] : table_->table) {
      if (asked_.contains(key.str())) continue;
      const std::vector<std::string_view> known(asked_.begin(), asked_.end());
      return std::pair{key, nearest_name(key.str(), known)};
    }
    return std::nullopt;
  }
  // The options as TOML: the configured table plus every default the rule read.
  std::string effective() const {
    toml::table out = table_ ? table_->table : toml::table{};
    for (const auto& [path, value] : defaults_)
      if (path.str().find_first_of(".[") == std::string_view::npos && !out.contains(path.str()))
        out.insert(path, value);
    std::ostringstream s;
    s << out;
    return s.str();
  }

 private:
  toml::node_view<const toml::node> at(std::string_view path) const {
    // Every option the rule asks for, set or not: what it knows (for the check of unknown options).
    asked_.emplace(path.substr(0, path.find_first_of(".[")));
    if (!table_) return {};
    return toml::at_path(table_->table, path);
  }
  void wrong_type(std::string_view path, std::string_view expected) {
    if (!error_.empty()) return;
    error_ = fmt::format("de instelling \"{}\" moet {} zijn", path, expected);
    // The place of the option's key: values copied while merging the configuration lose their own place.
    if (!table_) return;
    const std::string_view first = path.substr(0, path.find_first_of(".["));
    for (const auto& [key, node] : table_->table)
      if (key.str() == first && key.source().begin.line) wrong_place_ = key.source();
  }

  static OptionReader& self(void* c) { return *static_cast<OptionReader*>(c); }
  static std::string_view view(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }

  // Reads a scalar option of type T; records the default when the option is absent, and a Dutch error
  // (which disables the rule) when it has the wrong type.
  template <class T>
  static T read_scalar(void* c, helder_str path, T fallback, bool (toml::node::*has_type)() const noexcept,
                       std::string_view expected) {
    OptionReader& r = self(c);
    const auto node = r.at(view(path));
    if (!node) {
      r.defaults_.insert_or_assign(std::string(view(path)), fallback);
      return fallback;
    }
    if ((node.node()->*has_type)()) return *node.value<T>();
    r.wrong_type(view(path), expected);
    return fallback;
  }
  static int64_t get_int(void* c, helder_str path, int64_t fallback) noexcept {
    return guarded(fallback, [&] {
      return read_scalar<int64_t>(c, path, fallback, &toml::node::is_integer, "een geheel getal");
    });
  }
  static double get_double(void* c, helder_str path, double fallback) noexcept {
    return guarded(fallback, [&] { return read_scalar<double>(c, path, fallback, &toml::node::is_number, "een getal"); });
  }
  static int get_bool(void* c, helder_str path, int fallback) noexcept {
    return guarded(fallback, [&] {
      return read_scalar<bool>(c, path, fallback != 0, &toml::node::is_boolean, "true of false") ? 1 : 0;
    });
  }
  static helder_str get_string(void* c, helder_str path, helder_str fallback) noexcept {
    return guarded(fallback, [&] { return read_string(c, path, fallback); });
  }
  static helder_str read_string(void* c, helder_str path, helder_str fallback) {
    OptionReader& r = self(c);
    const auto node = r.at(view(path));
    if (!node) {
      if (auto it = r.pack_settings_.find(view(path)); it != r.pack_settings_.end()) fallback = helder_str{it->second.data(), it->second.size()};
      r.defaults_.insert_or_assign(std::string(view(path)), std::string(view(fallback)));
      const std::string& kept = r.strings_.emplace_back(view(fallback));
      return helder_str{kept.data(), kept.size()};
    }
    if (node.is_string()) {
      const std::string& kept = r.strings_.emplace_back(*node.value<std::string>());
      return helder_str{kept.data(), kept.size()};
    }
    r.wrong_type(view(path), "tekst");
    const std::string& kept = r.strings_.emplace_back(view(fallback));
    return helder_str{kept.data(), kept.size()};
  }
  static size_t array_size(void* c, helder_str path) noexcept {
    return guarded(std::size_t{0}, [&] {
      const auto node = self(c).at(view(path));
      if (const auto* a = node.as_array()) return a->size();
      return std::size_t{0};
    });
  }

  std::shared_ptr<const OptionTable> table_;
  std::map<std::string, std::string, std::less<>> pack_settings_;
  mutable std::set<std::string, std::less<>> asked_;  // first part of every option path the rule read
  toml::table defaults_;             // defaults the rule read, keyed by option path
  std::deque<std::string> strings_;  // views handed to the plugin stay valid: a deque never moves them
  std::string error_;
  std::optional<toml::source_region> wrong_place_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------------
// The word services, lent to plugins through helder_host.

struct Engine::HostContext {
  HostContext(const WordServices* w, const Config* c, const Lexicon* l) : words(w), config(c), lexicon(l) {}
  const WordServices* words;
  const Config* config;
  const Lexicon* lexicon;
  mutable std::mutex inflected_mutex;
  mutable std::unordered_map<std::string, std::string> inflected;  // node-based: views stay valid

  // Every function here is noexcept and catches everything (see guarded()): plugins call them from C frames.
  static const HostContext& of(void* c) { return *static_cast<const HostContext*>(c); }
  static std::string_view view(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }
  static helder_str str(std::string_view s) { return helder_str{s.data(), s.size()}; }

  static uint32_t syllables(void* c, helder_str word) noexcept {
    return guarded(0u, [&] { return of(c).words->syllables(view(word)); });
  }
  static int spelled_correctly(void* c, helder_str word) noexcept {
    return guarded(-1, [&] { return of(c).words->spelled_correctly(view(word)); });
  }
  static uint32_t frequency_band(void* c, helder_str word) noexcept {
    return guarded(5u, [&] { return of(c).words->frequency_band(view(word)); });
  }
  static void suggestions(void* c, helder_str word, void (*each)(void*, helder_str), void* user) noexcept {
    const auto list = guarded(std::vector<std::string>{}, [&] { return of(c).words->suggestions(view(word)); });
    for (const std::string& s : list) each(user, str(s));
  }
  static void compound_parts(void* c, helder_str word, void (*each)(void*, helder_str), void* user) noexcept {
    const auto list = guarded(std::vector<std::string>{}, [&] { return of(c).words->compound_parts(view(word)); });
    for (const std::string& s : list) each(user, str(s));
  }
  static int vocabulary(void* c, helder_str word) noexcept {
    return guarded(0, [&] {
      const HostContext& h = of(c);
      if (h.config->reject.empty() && h.config->accept.empty()) return 0;  // most projects: no lookup at all
      const std::string& lower = h.words->info(view(word)).lower;
      if (h.config->reject.count(lower)) return -1;
      if (h.config->accept.count(lower)) return 1;
      return 0;
    });
  }
  static helder_word lookup(void* c, helder_str word) noexcept {
    return guarded(helder_word{sizeof(helder_word), 0, 0, 0}, [&] {
      const WordFeatures f = of(c).lexicon->features(view(word));
      return helder_word{sizeof(helder_word), f.word_class, f.verb_form, f.lemma};
    });
  }
  static helder_str lemma_text(void* c, uint32_t lemma) noexcept {
    return guarded(str(""), [&] { return str(of(c).lexicon->lemma_text(lemma)); });
  }
  static uint32_t lemma_id(void* c, helder_str lemma) noexcept {
    return guarded(0u, [&] { return of(c).lexicon->lemma_id(view(lemma)); });
  }
  static uint32_t separable_verb(void* c, helder_str particle, uint32_t lemma) noexcept {
    return guarded(0u, [&] { return of(c).lexicon->separable_verb(view(particle), lemma); });
  }
  static helder_str verb_form(void* c, uint32_t lemma, uint32_t form) noexcept {
    return guarded(str(""), [&] { return str(of(c).lexicon->verb_form(lemma, form)); });
  }
  static helder_str inflect_adjective(void* c, helder_str adjective) noexcept {
    return guarded(str(""), [&] {
      const HostContext& h = of(c);
      std::lock_guard lock(h.inflected_mutex);
      auto it = h.inflected.find(std::string(view(adjective)));
      if (it == h.inflected.end())
        it = h.inflected.emplace(std::string(view(adjective)), helder::inflect_adjective(view(adjective))).first;
      return str(it->second);
    });
  }
  static uint32_t word_id(void* c, helder_str word) noexcept {
    return guarded(0u, [&] { return of(c).words->word_id(view(word)); });
  }
  static helder_str word_text(void* c, uint32_t id) noexcept {
    return guarded(str(""), [&] { return str(of(c).words->word_text(id)); });
  }
  static int spelled_word(void* c, uint32_t id) noexcept {
    return guarded(-1, [&] { return of(c).words->spelled_word(id); });
  }
};

// ---------------------------------------------------------------------------------------------------
// A rule: a check kind from a plugin, instantiated with its options.

class Rule {
 public:
  Rule(RuleConfig config, std::shared_ptr<const LoadedPlugin> plugin, const helder_check_kind* kind,
       std::map<std::string, std::string, std::less<>> pack_settings)
      : config_(std::move(config)), plugin_(std::move(plugin)), kind_(kind),
        kind_index_(plugin_->kind_index(kind)), options_(config_.options, std::move(pack_settings)) {}
  ~Rule() {
    if (!instance_) return;
    // Before plugin_ (and so the library, or its process) is released.
    if (PluginProcess* process = plugin_->process())
      process->destroy(instance_);
    else
      kind_->destroy(instance_);
  }
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;

  // Creates the plugin's rule object; returns an error message on failure.
  std::string create(const helder_host* host) {
    helder_options options = options_.c_api();
    std::string error;
    helder_errors errors{sizeof(helder_errors), &error, &collect_error};
    void* instance = nullptr;
    PluginProcess* process = plugin_->process();
    const helder_status status = process ? process->create(kind_index_, host, &options, &errors, &instance)
                                         : kind_->create(host, &options, &errors, &instance);
    if (!options_.error().empty()) {
      if (status == HELDER_OK && instance) process ? process->destroy(instance) : kind_->destroy(instance);
      return options_.error();
    }
    if (status != HELDER_OK || !instance) return error.empty() ? "de plugin kon de regel niet maken" : error;
    instance_ = instance;
    return {};
  }

  const RuleConfig& config() const { return config_; }
  const LoadedPlugin& plugin() const { return *plugin_; }
  helder_scope scope() const { return static_cast<helder_scope>(kind_->scope); }
  std::uint32_t context_sentences() const { return kind_context_sentences(*kind_); }
  bool disabled() const { return disabled_.load(std::memory_order_relaxed); }
  std::string effective_options() const { return options_.effective(); }
  std::optional<std::pair<toml::key, std::string>> unknown_option() const { return options_.unknown_option(); }
  const std::optional<toml::source_region>& wrong_option_place() const { return options_.wrong_place(); }

  // What a plugin emitted, copied: the plugin's memory is only borrowed for the duration of the call. Flat, kept
  // per thread and cleared after each call (no allocation per finding once the buffers have grown): the texts
  // (messages, replacements) in one buffer, each finding and fix with the place of its text in it.
  struct Emitted {
    struct Item {
      helder_finding finding;  // message and fixes not valid here: see message_at and first_fix
      std::size_t message_at, message_size, first_fix;
    };
    struct Fix {
      helder_fix fix;  // replacement not valid here: see text_at
      std::size_t text_at, text_size;
    };
    std::vector<Item> items;
    std::vector<Fix> fixes;
    std::string texts;
    std::string_view text(std::size_t at, std::size_t size) const { return std::string_view(texts).substr(at, size); }
    void clear() {
      items.clear();
      fixes.clear();
      texts.clear();
      if (texts.capacity() > (1u << 20)) {  // a large batch gives its memory back
        items.shrink_to_fit();
        fixes.shrink_to_fit();
        texts.shrink_to_fit();
      }
    }
  };

  // Runs the check; returns false with `error` set when the rule failed (threw, or broke the contract).
  bool run(const helder_unit& unit, Emitted& out, std::string& error) const {
    struct Collector {
      Emitted* out;
      std::string* error;
    } collector{&out, &error};
    // Copies a finding; throws only when memory runs out (the finding is then lost, the run goes on).
    static constexpr auto keep = [](Collector& col, const helder_finding* f) {
      if (!f || f->struct_size < offsetof(helder_finding, fix_stride) + sizeof(size_t)) {
        *col.error = "de plugin gaf een onvolledige melding";
        return;
      }
      Emitted& out = *col.out;
      const std::size_t first_fix = out.fixes.size();
      const std::size_t texts_before = out.texts.size();
      const auto add_text = [&](helder_str s) {
        const std::size_t at = out.texts.size();
        out.texts.append(view(s));
        return at;
      };
      for (size_t i = 0; i < f->fix_count; ++i) {
        // A plugin built for an older ABI minor has a smaller helder_fix: copy what it has, zero the rest.
        const char* from = reinterpret_cast<const char*>(f->fixes) + i * f->fix_stride;
        if (f->fix_stride < offsetof(helder_fix, flags) ||
            reinterpret_cast<const helder_fix*>(from)->struct_size < offsetof(helder_fix, flags)) {
          *col.error = "de plugin gaf een onvolledige verbetering";
          out.fixes.resize(first_fix);
          out.texts.resize(texts_before);
          return;
        }
        helder_fix fix{};
        std::memcpy(&fix, from, std::min<std::size_t>(sizeof fix, reinterpret_cast<const helder_fix*>(from)->struct_size));
        const std::size_t at = add_text(fix.replacement);
        fix.replacement = helder_str{nullptr, 0};
        out.fixes.push_back(Emitted::Fix{fix, at, out.texts.size() - at});
      }
      helder_finding copy = *f;
      copy.message = helder_str{nullptr, 0};
      copy.fixes = nullptr;
      copy.fix_count = f->fix_count;
      const std::size_t message_at = add_text(f->message);
      out.items.push_back(Emitted::Item{copy, message_at, out.texts.size() - message_at, first_fix});
    };
    auto emit = [](void* c, const helder_finding* f) noexcept {
      auto& col = *static_cast<Collector*>(c);
      if (!col.error->empty()) return;
      if (!guarded(false, [&] { keep(col, f); return true; })) *col.error = "er was geen geheugen meer voor de meldingen";
    };
    helder_sink sink{sizeof(helder_sink), &collector, emit};
    std::string plugin_error;
    helder_errors errors{sizeof(helder_errors), &plugin_error, &collect_error};
    PluginProcess* process = plugin_->process();
    const helder_status status = process ? process->check(instance_, &unit, &sink, &errors)
                                         : kind_->check(instance_, &unit, &sink, &errors);
    if (status != HELDER_OK) {
      error = plugin_error.empty() ? "de controle gaf een fout zonder uitleg" : plugin_error;
      return false;
    }
    return error.empty();
  }

  // Disables the rule for the rest of this run; returns true the first time.
  bool disable() const { return !disabled_.exchange(true); }

 private:
  static std::string_view view(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }
  static helder_str c_str(const std::string& s) { return helder_str{s.data(), s.size()}; }
  static void collect_error(void* c, helder_str message) noexcept {
    auto& error = *static_cast<std::string*>(c);
    if (error.empty()) guarded(0, [&] { error.assign(view(message)); return 0; });
  }

  RuleConfig config_;
  std::shared_ptr<const LoadedPlugin> plugin_;
  const helder_check_kind* kind_;
  std::size_t kind_index_;
  OptionReader options_;
  void* instance_ = nullptr;
  mutable std::atomic<bool> disabled_{false};
};

std::uint64_t next_engine_serial() {
  static std::atomic<std::uint64_t> serial{0};
  return ++serial;
}

// ---------------------------------------------------------------------------------------------------

Engine::Engine(Config config, std::shared_ptr<const LanguageServices> services, const PluginRegistry& plugins,
               std::vector<std::string>& messages)
    : config_(std::move(config)), serial_(next_engine_serial()), services_(std::move(services)) {
  lexicon_ = services_->lexicon ? services_->lexicon : std::make_shared<const Lexicon>();
  if (!config_.lexicon_words.empty() || !config_.lexicon_verbs.empty() || !config_.lexicon_irregular_verbs.empty()) {
    auto extended = std::make_shared<Lexicon>(*lexicon_);
    try {
      for (const auto& f : config_.lexicon_irregular_verbs) extended->add_irregular_verbs(f);
      for (const auto& f : config_.lexicon_verbs) extended->add_verbs(f);
      for (const auto& f : config_.lexicon_words) extended->add_words(f);
      lexicon_ = std::move(extended);
    } catch (const LexiconError& e) {
      messages.push_back(fmt::format("De uitbreiding van het woordenboek uit de configuratie is niet gebruikt: {}",
                                     e.what()));
    }
  }
  for (const std::string& name : config_.names) {
    std::vector<std::string> words;
    std::size_t from = 0;
    while (from < name.size()) {
      const std::size_t space = std::min(name.find(' ', from), name.size());
      if (space > from) words.push_back(name.substr(from, space - from));
      from = space + 1;
    }
    if (!words.empty()) names_.push_back(std::move(words));
  }
  if (lexicon_.get() != services_->words->lexicon()) features_ = std::make_unique<FeatureCache>(*lexicon_);
  host_context_ = std::make_unique<HostContext>(services_->words.get(), &config_, lexicon_.get());
  host_ = std::make_unique<helder_host>(helder_host{
      sizeof(helder_host), HELDER_ABI_MINOR, host_context_.get(), &HostContext::syllables,
      &HostContext::spelled_correctly, &HostContext::frequency_band, &HostContext::suggestions,
      &HostContext::compound_parts, &HostContext::vocabulary, (config_.editor || !config_.suggestions) ? 1u : 0u,
      &HostContext::lookup, &HostContext::lemma_text, &HostContext::lemma_id, &HostContext::separable_verb,
      &HostContext::verb_form, &HostContext::inflect_adjective, &HostContext::word_id, &HostContext::word_text,
      &HostContext::spelled_word});

  for (const RuleConfig& rc : config_.rules) {
    RuleDescription left_out{rc, {}, {}, {}, {}};
    const std::size_t dot = rc.kind.find('.');
    const std::string plugin_name = rc.kind.substr(0, dot);
    const std::string kind_name = rc.kind.substr(dot + 1);
    left_out.plugin = plugin_name;
    if (!rc.runs(config_.editor)) {
      left_out.problem = rc.enabled ? "werkt alleen in de editor (of met helder check --editor)"
                                    : "uitgeschakeld in de configuratie";
      left_out_.push_back(std::move(left_out));
      continue;
    }
    const std::shared_ptr<const LoadedPlugin> plugin = plugins.find(plugin_name);
    const helder_check_kind* kind = plugin ? plugin->find_kind(kind_name) : nullptr;
    if (!plugin || !kind) {
      left_out.problem = plugin ? fmt::format("plugin {} kent de controle \"{}\" niet", plugin_name, kind_name)
                                : fmt::format("plugin {} is niet geladen", plugin_name);
      messages.push_back(fmt::format("Regel {} werkt niet: {}.", rc.id, left_out.problem));
      left_out_.push_back(std::move(left_out));
      continue;
    }
    if (kind->scope > HELDER_SCOPE_PARAGRAPH_IN_CONTEXT) {
      left_out.problem = fmt::format("de controle \"{}\" leest de tekst op een manier die deze versie van helder niet "
                                     "kent (scope {}); werk helder bij",
                                     kind_name, kind->scope);
      left_out.plugin_version = plugin->version();
      messages.push_back(fmt::format("Regel {} (plugin {}) werkt niet: {}.", rc.id, plugin_name, left_out.problem));
      left_out_.push_back(std::move(left_out));
      continue;
    }
    auto rule = std::make_unique<Rule>(rc, plugin, kind,
                                       std::map<std::string, std::string, std::less<>>{{"target_level", config_.target_level}});
    // The file a setting of the rule comes from (a pack's, or the project's .helder.toml).
    auto file_of = [&](const toml::source_region& where) {
      return where.path && !where.path->empty() ? fs::path(*where.path)
             : config_.files.empty()           ? fs::path(".helder.toml")
                                               : config_.files.back();
    };
    if (std::string error = rule->create(host_.get()); !error.empty()) {
      // An option of the wrong type is an error of the configuration, with its place, as a typing error is.
      if (const auto& where = rule->wrong_option_place())
        throw ConfigError(file_of(*where), where->begin.line, where->begin.column,
                          fmt::format("regel {}: {}.", rc.id, error));
      left_out.problem = error;
      left_out.plugin_version = plugin->version();
      messages.push_back(fmt::format("Regel {} (plugin {}) werkt niet: {}.", rc.id, plugin_name, error));
      left_out_.push_back(std::move(left_out));
      continue;
    }
    // An option the rule does not know is an error of the configuration, with its place: a typing error must not
    // pass silently with the default in its place.
    if (const auto unknown = rule->unknown_option()) {
      const toml::source_region& where = unknown->first.source();
      throw ConfigError(file_of(where), where.begin.line, where.begin.column,
                        fmt::format("regel {} kent de instelling \"{}\" niet.{}", rc.id, unknown->first.str(),
                                    unknown->second.empty() ? std::string()
                                                            : fmt::format(" Bedoelde u \"{}\"?", unknown->second)));
    }
    rules_.push_back(std::move(rule));
  }
}

Engine::~Engine() = default;

bool Engine::rules_failed() const {
  for (const RuleDescription& d : left_out_)
    if (d.config.runs(config_.editor)) return true;
  for (const auto& rule : rules_)
    if (rule->disabled()) return true;
  return false;
}

std::vector<std::string> Engine::take_messages() const {
  std::lock_guard lock(messages_mutex_);
  return std::exchange(messages_, {});
}

std::vector<RuleDescription> Engine::describe_rules() const {
  std::vector<RuleDescription> out;
  for (const auto& rule : rules_)
    out.push_back(RuleDescription{rule->config(), rule->plugin().name(), rule->plugin().version(),
                                  rule->effective_options(),
                                  rule->disabled() ? "uitgeschakeld na een fout in de plugin" : ""});
  for (const RuleDescription& d : left_out_) {
    RuleDescription copy = d;
    if (copy.config.options) {
      std::ostringstream s;
      s << copy.config.options->table;
      copy.effective_options = s.str();
    }
    out.push_back(std::move(copy));
  }
  // In configuration order, whatever happened to each rule.
  std::vector<RuleDescription> ordered;
  for (const RuleConfig& rc : config_.rules)
    for (RuleDescription& d : out)
      if (d.config.id == rc.id) ordered.push_back(std::move(d));
  return ordered;
}

// ---------------------------------------------------------------------------------------------------
// Analysis.

namespace {

bool is_word_like(uint32_t kind) {
  return kind == HELDER_TOKEN_WORD || kind == HELDER_TOKEN_NUMBER || kind == HELDER_TOKEN_ABBREVIATION ||
         kind == HELDER_TOKEN_ACRONYM;
}

// The form of a token used for word lookups: a word broken at a line end ("verkiezings-\nuitslag")
// is joined, soft hyphens are dropped. Returns `text` itself when nothing changes (no allocation).
std::string_view lookup_form(std::string_view text, std::string& buffer) {
  // A plain loop: find_first_of calls memchr on its set once per character of the text.
  if (std::none_of(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\xC2'; }))
    return text;
  buffer.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xAD') {  // U+00AD soft hyphen
      ++i;
      continue;
    }
    if (c == '-' && i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r' || text[i + 1] == ' ')) {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == '\n' || text[j] == '\r' || text[j] == ' ')) ++j;
      if (j < text.size() && text[j] >= 'a' && text[j] <= 'z') {  // a hyphen that only broke the line
        i = j - 1;
        continue;
      }
    }
    if (c == '\n' || c == '\r' || c == ' ') continue;
    buffer.push_back(c);
  }
  return buffer;
}

}  // namespace

ParagraphAnalysis Engine::analyze_paragraph(std::string_view text, BlockKind kind,
                                            std::span<const Range> skipped, std::span<const Mark> marks) const {
  ParagraphAnalysis p;
  p.kind = kind;
  p.text = std::string(text);
  thread_local Segmentation seg;  // its vectors are reused from paragraph to paragraph
  services_->segmenter->segment_into(p.text, skipped, seg);
  const WordServices& words = *services_->words;

  p.tokens.reserve(seg.tokens.size());
  std::string buffer;
  for (const Token& t : seg.tokens) {
    helder_token out{sizeof(helder_token), static_cast<uint32_t>(t.kind), t.flags, t.start, t.end, 0, {nullptr, 0}, 0,
                     0, 0, 0, 0, 0};
    if (t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_ACRONYM || t.kind == HELDER_TOKEN_ABBREVIATION) {
      const std::string_view form = lookup_form(std::string_view(p.text).substr(t.start, t.end - t.start), buffer);
      const WordInfo& info = words.info(form);
      out.lower = helder_str{info.lower.data(), info.lower.size()};
      out.word = info.word;
      out.form = info.form;
      out.frequency_band = info.frequency_band;
      out.word_class = info.features.word_class;  // from the shared lexicon; annotate_tokens redoes an extended one
      out.verb_form = info.features.verb_form;
      out.lemma = info.features.lemma;
      if (t.kind == HELDER_TOKEN_ACRONYM) {
        // Read letter by letter: "CBS" is three syllables (see-bee-es).
        uint32_t letters = 0;
        for (char c : form) letters += (c >= 'A' && c <= 'Z') ? 1 : 0;
        out.syllables = std::max<uint32_t>(letters, info.syllables);
      } else {
        out.syllables = info.syllables;
      }
    }
    p.tokens.push_back(out);
  }

  p.sentences.reserve(seg.sentences.size());
  for (const SentenceSpan& s : seg.sentences) {
    helder_sentence out{sizeof(helder_sentence), s.start, s.end, s.first_token, s.token_count, 0, 0, 0};
    uint32_t letter_words = 0;
    for (uint32_t i = s.first_token; i < s.first_token + s.token_count; ++i) {
      const helder_token& t = p.tokens[i];
      if (!is_word_like(t.kind)) continue;
      ++out.word_count;
      if (t.kind != HELDER_TOKEN_NUMBER) {
        ++letter_words;
        out.syllable_count += t.syllables;
      }
    }
    p.letter_words.push_back(letter_words);
    p.sentences.push_back(out);
  }
  if (seg.tokens.capacity() > 65536) seg = Segmentation{};  // a huge paragraph's buffers are not kept
  annotate_tokens(p, *lexicon_, marks, names_, /*features_set=*/lexicon_.get() == words.lexicon(), features_.get());
  find_passives(p, *lexicon_);
  for (const PassiveConstruction& pc : p.passives) {
    ++p.sentences[pc.sentence].passive;
    p.passive_view.push_back(helder_construction{
        sizeof(helder_construction), pc.sentence, std::min(pc.auxiliary.start, pc.participle.start),
        std::max(pc.auxiliary.end, pc.participle.end), pc.auxiliary.start, pc.auxiliary.end, pc.participle.start,
        pc.participle.end});
  }
  return p;
}

namespace {

// What makes two paragraphs analyse the same: their text, block kind, skipped ranges and marks.
std::string cache_key(std::string_view text, BlockKind kind, std::span<const Range> skipped,
                      std::span<const Mark> marks) {
  std::string key;
  key.reserve(text.size() + 2 + skipped.size() * 8 + marks.size() * 9);
  key.push_back(static_cast<char>('0' + static_cast<int>(kind)));
  for (const Range& r : skipped) {
    key.append(reinterpret_cast<const char*>(&r.start), sizeof r.start);
    key.append(reinterpret_cast<const char*>(&r.end), sizeof r.end);
  }
  key.push_back('\x1E');
  for (const Mark& m : marks) {
    key.append(reinterpret_cast<const char*>(&m.range.start), sizeof m.range.start);
    key.append(reinterpret_cast<const char*>(&m.range.end), sizeof m.range.end);
    key.push_back(static_cast<char>(m.kind));
  }
  key.push_back('\x1F');
  key.append(text);
  return key;
}

}  // namespace

namespace {
// Less new text than this is analysed and checked on the caller's thread: a thread costs more than it saves.
constexpr std::size_t parallel_bytes = 16 * 1024;
}  // namespace

DocumentAnalysis Engine::analyze(std::string_view source, Format format, ParagraphCache* cache,
                                 std::size_t threads) const {
  return analyze(read_text(source, format), cache, threads);
}

namespace {
// A short line of its own that names a source, "Uit «Elke regio telt»": a word of the lexicon's quote-source
// class, then a title in quotation marks, and no sentence after it. A Kamerbrief sets an excerpt from a report
// apart like this (in the printed letter, in a box); in plain text nothing else marks it.
bool names_quoted_source(std::string_view line, const Lexicon& lexicon) {
  if (line.empty() || line.size() > 120 || line.find('\n') != std::string_view::npos) return false;
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return false;
  std::string first(line.substr(0, space));
  for (char& c : first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!lexicon.quote_source(first)) return false;
  static constexpr std::string_view opening[] = {"\xC2\xAB", "\xE2\x80\x9C", "\xE2\x80\x9E", "\"", "\xE2\x80\x98"};
  static constexpr std::string_view closing[] = {"\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x9D", "\"", "\xE2\x80\x99"};
  const std::string_view rest = line.substr(space + 1);
  for (std::size_t k = 0; k < std::size(opening); ++k) {
    const std::size_t open = rest.find(opening[k]);
    if (open == std::string_view::npos) continue;
    const std::size_t close = rest.find(closing[k], open + opening[k].size());
    // The title ends the line, or is followed by no more than a few words ("Uit «Elke regio telt» (Rli, 2023)").
    if (close != std::string_view::npos && close > open + opening[k].size() &&
        rest.substr(close).find_first_of(".!?") == std::string_view::npos)
      return true;
  }
  return false;
}

// The paragraph after a line that names its source is a quotation: rules leave quoted words alone.
void mark_quoted_excerpts(ReadText& read, const Lexicon& lexicon) {
  for (std::size_t i = 0; i + 1 < read.blocks.size(); ++i) {
    const Block& b = read.blocks[i];
    if (b.kind != BlockKind::Paragraph && b.kind != BlockKind::Heading) continue;
    const std::string_view line = std::string_view(read.text).substr(b.range.start, b.range.end - b.range.start);
    if (read.blocks[i + 1].kind == BlockKind::Paragraph && names_quoted_source(line, lexicon))
      read.blocks[i + 1].kind = BlockKind::Quote;
  }
}
}  // namespace

DocumentAnalysis Engine::analyze(ReadText read, ParagraphCache* cache, std::size_t threads) const {
  DocumentAnalysis doc;
  doc.read = std::move(read);
  mark_quoted_excerpts(doc.read, *lexicon_);
  doc.cached = cache != nullptr;
  const std::size_t count = doc.read.blocks.size();
  doc.paragraphs.resize(count);
  decltype(ParagraphCache::entries_) kept;
  if (cache) {
    cache->hits_ = cache->misses_ = 0;
    kept.reserve(count);
  }
  // First the paragraphs the cache has (or that came earlier in this document); the new ones are analysed
  // afterwards, side by side when there are many (the first check of a long letter).
  struct Todo {
    std::size_t block;
    std::vector<Range> relative;  // skipped ranges, relative to the block
    std::vector<Mark> marks;      // marks, relative to the block
    std::string key;              // cache key; empty without a cache
  };
  std::vector<Todo> todo;
  todo.reserve(count);  // todo_by_key views the keys in place: no reallocation
  std::unordered_map<std::string_view, std::size_t> todo_by_key;  // a new paragraph twice: analysed once
  std::vector<std::pair<std::size_t, std::size_t>> repeats;       // (block, todo index)
  for (std::size_t i = 0; i < count; ++i) {
    const Block& b = doc.read.blocks[i];
    doc.paragraphs[i].range = b.range;
    std::vector<Range> relative;
    for (const Range& r : b.skipped) relative.push_back(Range{r.start - b.range.start, r.end - b.range.start});
    std::vector<Mark> marks;
    for (const Mark& m : b.marks)
      marks.push_back(Mark{Range{m.range.start - b.range.start, m.range.end - b.range.start}, m.kind});
    if (!cache) {
      todo.push_back(Todo{i, std::move(relative), std::move(marks), {}});
      continue;
    }
    const std::string_view text = std::string_view(doc.read.text).substr(b.range.start, b.range.end - b.range.start);
    std::string key = cache_key(text, b.kind, relative, marks);
    if (auto it = kept.find(key); it != kept.end()) {
      doc.paragraphs[i].analysis = it->second;  // the same paragraph twice in one document
    } else if (auto old = cache->entries_.find(key); old != cache->entries_.end()) {
      doc.paragraphs[i].analysis = old->second;
      ++cache->hits_;
      kept.emplace(std::move(key), old->second);
    } else if (auto seen = todo_by_key.find(key); seen != todo_by_key.end()) {
      repeats.emplace_back(i, seen->second);
    } else {
      ++cache->misses_;
      todo.push_back(Todo{i, std::move(relative), std::move(marks), std::move(key)});
      todo_by_key.emplace(todo.back().key, todo.size() - 1);
    }
  }
  // Only a long stretch of new text is worth more threads.
  std::size_t new_bytes = 0;
  for (const Todo& t : todo) new_bytes += doc.read.blocks[t.block].range.end - doc.read.blocks[t.block].range.start;
  parallel_for(todo.size(), new_bytes >= parallel_bytes ? threads : 1, [&](std::size_t k) {
    const Block& b = doc.read.blocks[todo[k].block];
    const std::string_view text = std::string_view(doc.read.text).substr(b.range.start, b.range.end - b.range.start);
    doc.paragraphs[todo[k].block].analysis =
        std::make_shared<const ParagraphAnalysis>(analyze_paragraph(text, b.kind, todo[k].relative, todo[k].marks));
  });
  for (const auto& [block, k] : repeats) doc.paragraphs[block].analysis = doc.paragraphs[todo[k].block].analysis;
  if (cache)
    for (Todo& t : todo) kept.emplace(std::move(t.key), doc.paragraphs[t.block].analysis);

  uint32_t sentences = 0, words = 0, letter_words = 0, syllables = 0;
  for (const DocumentParagraph& dp : doc.paragraphs) {
    const ParagraphAnalysis& p = *dp.analysis;
    for (std::size_t i = 0; i < p.sentences.size(); ++i) {
      ++sentences;
      words += p.sentences[i].word_count;
      letter_words += p.letter_words[i];
      syllables += p.sentences[i].syllable_count;
    }
  }
  if (cache) cache->entries_ = std::move(kept);
  doc.readability = readability(sentences, words, letter_words, syllables);
  return doc;
}

Readability Engine::check_in_sections(ReadText read, std::string_view source, std::size_t section_bytes,
                                      std::size_t threads, const SectionSink& section) const {
  DocumentAnalysis doc;
  doc.read = std::move(read);
  mark_quoted_excerpts(doc.read, *lexicon_);
  const std::vector<Block>& blocks = doc.read.blocks;
  auto size_of = [&](std::size_t b) { return std::size_t{blocks[b].range.end - blocks[b].range.start}; };
  OccurrenceCounts seen;
  uint32_t sentences = 0, words = 0, letter_words = 0, syllables = 0;
  for (std::size_t first = 0; first < blocks.size();) {
    std::size_t last = first + 1, bytes = size_of(first);
    while (last < blocks.size() && bytes + size_of(last) <= section_bytes) bytes += size_of(last++);
    // A section ends before a heading in its second half, when there is one: a chapter stays together.
    if (last < blocks.size())
      for (std::size_t b = last - 1, kept = bytes; b > first && kept > section_bytes / 2; --b) {
        kept -= size_of(b);
        if (blocks[b].kind == BlockKind::Heading && kept > section_bytes / 2) {
          last = b;
          break;
        }
      }
    doc.paragraphs.assign(last - first, DocumentParagraph{});
    std::size_t new_bytes = 0;
    for (std::size_t b = first; b < last; ++b) new_bytes += size_of(b);
    parallel_for(last - first, new_bytes >= parallel_bytes ? threads : 1, [&](std::size_t k) {
      const Block& b = blocks[first + k];
      std::vector<Range> relative;
      for (const Range& r : b.skipped) relative.push_back(Range{r.start - b.range.start, r.end - b.range.start});
      std::vector<Mark> marks;
      for (const Mark& m : b.marks)
        marks.push_back(Mark{Range{m.range.start - b.range.start, m.range.end - b.range.start}, m.kind});
      const std::string_view text = std::string_view(doc.read.text).substr(b.range.start, b.range.end - b.range.start);
      doc.paragraphs[k].range = b.range;
      doc.paragraphs[k].analysis =
          std::make_shared<const ParagraphAnalysis>(analyze_paragraph(text, b.kind, relative, marks));
    });
    uint32_t s = 0, w = 0, lw = 0, sy = 0;
    for (const DocumentParagraph& dp : doc.paragraphs)
      for (std::size_t i = 0; i < dp->sentences.size(); ++i) {
        ++s;
        w += dp->sentences[i].word_count;
        lw += dp->letter_words[i];
        sy += dp->sentences[i].syllable_count;
      }
    doc.readability = readability(s, w, lw, sy);
    sentences += s, words += w, letter_words += lw, syllables += sy;
    section(doc, check(doc, source, threads, seen));
    doc.paragraphs.clear();
    first = last;
  }
  return readability(sentences, words, letter_words, syllables);
}

// ---------------------------------------------------------------------------------------------------
// Checking.

namespace {

std::string_view view_of(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }

helder_paragraph view_of(const ParagraphAnalysis& p) {
  return helder_paragraph{sizeof(helder_paragraph), static_cast<uint32_t>(p.kind),
                          helder_str{p.text.data(), p.text.size()}, p.sentences.data(), p.sentences.size(),
                          sizeof(helder_sentence), p.tokens.data(), p.tokens.size(), sizeof(helder_token),
                          p.passive_view.data(), p.passive_view.size(), sizeof(helder_construction)};
}

bool is_char_boundary(std::string_view text, uint32_t offset) {
  if (offset > text.size()) return false;
  if (offset == text.size()) return true;
  return (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

bool valid_range(std::string_view text, uint32_t start, uint32_t end) {
  return start <= end && end <= text.size() && is_char_boundary(text, start) && is_char_boundary(text, end);
}

uint64_t fnv1a(std::string_view s, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Is `rule_id` switched off at `position` (bytes into the analysed text) by an inline directive?
bool disabled_by_directive(const std::vector<Directive>& directives, const std::string& rule_id, uint32_t position) {
  bool disabled = false;
  for (const Directive& d : directives) {
    if (d.position > position) break;
    const bool applies =
        d.rules.empty() || std::find(d.rules.begin(), d.rules.end(), rule_id) != d.rules.end();
    if (applies) disabled = !d.enable;
  }
  return disabled;
}

// A message is one line: a match over a line end ("met betrekking\ntot") is quoted with a space, so a terminal
// line, an annotation or a JUnit attribute never breaks inside a message. Runs of white space become one space.
std::string one_line(std::string_view message) {
  // Most messages are one line already: no line break, tab or separator, no space at either end or twice. Those
  // are copied as they are, in one go.
  const auto plain = [&] {
    if (!message.empty() && (message.front() == ' ' || message.back() == ' ')) return false;
    for (std::size_t i = 0; i < message.size(); ++i) {
      const auto c = static_cast<unsigned char>(message[i]);
      if (c == '\n' || c == '\r' || c == '\t' || c == 0xE2 || c == 0xC2) return false;
      if (c == ' ' && message[i + 1] == ' ') return false;  // not the last byte: that is no space
    }
    return true;
  };
  if (plain()) return std::string(message);
  // The width of the white space at `i` (a line or paragraph separator is 2 or 3 bytes); 0 for another character.
  const auto space_at = [&](std::size_t i) -> std::size_t {
    const char c = message[i];
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') return 1;
    if (c == '\xE2' && (message.substr(i, 3) == "\u2028" || message.substr(i, 3) == "\u2029")) return 3;
    if (c == '\xC2' && message.substr(i, 2) == "\u0085") return 2;
    return 0;
  };
  std::string out;
  out.reserve(message.size());
  bool space = false;
  for (std::size_t i = 0; i < message.size();) {
    if (const std::size_t width = space_at(i)) {
      space = true;
      i += width;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    std::size_t end = i + 1;  // a run of other characters is copied at once
    while (end < message.size() && space_at(end) == 0) ++end;
    out.append(message, i, end - i);
    i = end;
  }
  return out;
}

}  // namespace

// Runs rule `r` over views[first, first + count); findings get paragraph indexes into `views`.
// A rule that fails is disabled (with a message) and its findings of this call are dropped. Messages are made
// one line here, once: a kept paragraph's findings are not made again after every keystroke.
void Engine::run_rule(std::size_t r, const std::vector<helder_paragraph>& views, std::size_t first,
                      std::size_t count, std::vector<LocalFinding>& out, std::size_t context) const {
  const Rule& rule = *rules_[r];
  if (rule.disabled()) return;
  const helder_unit unit{sizeof(helder_unit), views.data() + first, count, sizeof(helder_paragraph), context};
  // What the plugin emits is copied here first. Kept per thread and cleared: most calls give no finding.
  thread_local Rule::Emitted emitted;
  struct Clear {
    Rule::Emitted& emitted;
    ~Clear() { emitted.clear(); }  // also when this call ends early or throws
  } clear{emitted};  // empty here: the last call on this thread left it so
  std::string error;
  bool ok = rule.run(unit, emitted, error);
  // The contract: every range inside its paragraph, on character boundaries.
  for (std::size_t i = 0; ok && i < emitted.items.size(); ++i) {
    const Rule::Emitted::Item& item = emitted.items[i];
    const helder_finding& f = item.finding;
    if (f.paragraph >= unit.paragraph_count) {
      ok = false;
      error = fmt::format("de plugin gaf een melding in alinea {}, maar er zijn er {}", f.paragraph,
                          unit.paragraph_count);
      break;
    }
    const std::string_view text = view_of(unit.paragraphs[f.paragraph].text);
    bool fixes_ok = true;
    for (std::size_t k = item.first_fix; k < item.first_fix + f.fix_count; ++k)
      fixes_ok = fixes_ok && valid_range(text, emitted.fixes[k].fix.start, emitted.fixes[k].fix.end);
    if (!valid_range(text, f.start, f.end) || !fixes_ok) {
      ok = false;
      error = fmt::format("de plugin gaf een plek buiten de tekst (bytes {}-{} in een alinea van {} bytes)", f.start,
                          f.end, text.size());
    } else if (f.severity > HELDER_SEVERITY_ERROR) {
      ok = false;
      error = fmt::format("de plugin gaf een onbekend niveau ({})", f.severity);
    }
  }
  if (!ok) {
    if (rule.disable()) {
      std::lock_guard lock(messages_mutex_);
      messages_.push_back(
          fmt::format("Regel {} (plugin {}) is uitgeschakeld: {}.", rule.config().id, rule.plugin().name(), error));
    }
    return;
  }
  for (const Rule::Emitted::Item& item : emitted.items) {
    const helder_finding& f = item.finding;
    if (f.paragraph < context) continue;  // in a paragraph that was only read
    LocalFinding local{static_cast<uint32_t>(r), static_cast<uint32_t>(first + f.paragraph), f.start, f.end,
                       f.severity, one_line(emitted.text(item.message_at, item.message_size)), {}};
    if (f.fix_count > 0) local.fixes.reserve(f.fix_count);
    for (std::size_t k = item.first_fix; k < item.first_fix + f.fix_count; ++k) {
      const Rule::Emitted::Fix& fx = emitted.fixes[k];
      local.fixes.push_back(LocalFinding::Fix{fx.fix.start, fx.fix.end, std::string(emitted.text(fx.text_at, fx.text_size)),
                                              (fx.fix.flags & HELDER_FIX_NEEDS_REVIEW) != 0});
    }
    out.push_back(std::move(local));
  }
}

std::vector<Finding> Engine::check(const DocumentAnalysis& analysis, std::string_view source,
                                   std::size_t threads) const {
  OccurrenceCounts seen;
  return check(analysis, source, threads, seen);
}

std::uint32_t OccurrenceCounts::next(std::uint64_t hash) {
  if (hash == 0) return zero_++;
  if ((size_ + 1) * 2 > keys_.size()) {  // at most half full
    std::vector<std::uint64_t> keys = std::move(keys_);
    std::vector<std::uint32_t> counts = std::move(counts_);
    keys_.assign(keys.empty() ? 64 : keys.size() * 2, 0);
    counts_.assign(keys_.size(), 0);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == 0) continue;
      std::size_t slot = keys[i] & (keys_.size() - 1);
      while (keys_[slot] != 0) slot = (slot + 1) & (keys_.size() - 1);
      keys_[slot] = keys[i];
      counts_[slot] = counts[i];
    }
  }
  std::size_t slot = hash & (keys_.size() - 1);  // the hash is FNV-1a: its low bits are well mixed
  while (keys_[slot] != 0 && keys_[slot] != hash) slot = (slot + 1) & (keys_.size() - 1);
  if (keys_[slot] == 0) {
    keys_[slot] = hash;
    ++size_;
  }
  return counts_[slot]++;
}

std::vector<Finding> Engine::check(const DocumentAnalysis& analysis, std::string_view source, std::size_t threads,
                                   OccurrenceCounts& seen) const {
  std::vector<helder_paragraph> views;
  views.reserve(analysis.paragraphs.size());
  for (const DocumentParagraph& p : analysis.paragraphs) views.push_back(view_of(*p));

  // Paragraph rules see one paragraph at a time, so their results can be kept with a cached paragraph;
  // document rules see all paragraphs at once. The paragraphs without kept results are checked first, side by
  // side when there are many; a paragraph that occurs twice is checked once.
  std::vector<std::size_t> todo;
  // Per paragraph: its index into todo, or none when its findings are kept. Paragraphs that share one analysis
  // (the same text twice) share one entry: found by sorting the analyses, without a hash table.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> todo_of(views.size(), none);
  std::size_t new_bytes = 0;
  bool shared_todo = false;  // a text that occurs twice: its findings are read twice below
  {
    std::vector<std::pair<const ParagraphAnalysis*, std::size_t>> unchecked;  // (analysis, paragraph)
    unchecked.reserve(views.size());
    for (std::size_t i = 0; i < views.size(); ++i) {
      const ParagraphAnalysis& p = *analysis.paragraphs[i];
      if (!(analysis.cached && p.findings_engine == serial_)) unchecked.emplace_back(&p, i);
    }
    std::sort(unchecked.begin(), unchecked.end());
    std::vector<std::size_t> first_of(views.size(), none);  // the first paragraph with the same analysis
    for (std::size_t k = 0; k < unchecked.size(); ++k)
      first_of[unchecked[k].second] = k > 0 && unchecked[k - 1].first == unchecked[k].first
                                          ? first_of[unchecked[k - 1].second]
                                          : unchecked[k].second;
    for (std::size_t i = 0; i < views.size(); ++i) {
      if (first_of[i] == none) continue;
      if (first_of[i] == i) {
        todo_of[i] = todo.size();
        todo.push_back(i);
        new_bytes += analysis.paragraphs[i]->text.size();
      } else {
        todo_of[i] = todo_of[first_of[i]];
        shared_todo = true;
      }
    }
  }
  std::vector<std::vector<LocalFinding>> fresh(todo.size());
  parallel_for(todo.size(), new_bytes >= parallel_bytes ? threads : 1, [&](std::size_t k) {
    for (std::size_t r = 0; r < rules_.size(); ++r)
      if (rules_[r]->scope() == HELDER_SCOPE_PARAGRAPH) run_rule(r, views, todo[k], 1, fresh[k]);
  });
  if (analysis.cached) {
    for (std::size_t k = 0; k < todo.size(); ++k) {
      const ParagraphAnalysis& p = *analysis.paragraphs[todo[k]];
      p.findings = fresh[k];
      p.findings_engine = serial_;
    }
  }

  // Rules that read a paragraph in context (the sentences before it): kept per paragraph with the paragraphs they
  // read, so after an edit only the changed paragraph and the ones that read it are checked again.
  std::uint32_t context_sentences = 0;
  bool context_rules = false;
  for (const auto& rule : rules_)
    if (rule->scope() == HELDER_SCOPE_PARAGRAPH_IN_CONTEXT && !rule->disabled()) {
      context_rules = true;
      context_sentences = std::max(context_sentences, rule->context_sentences());
    }
  std::vector<std::size_t> context_start;  // per paragraph: the first paragraph of its context
  std::vector<std::size_t> context_todo;
  std::vector<std::size_t> context_todo_of;  // per paragraph: its index into context_todo, or none
  if (context_rules) {
    context_start.resize(views.size());
    context_todo_of.assign(views.size(), none);
    for (std::size_t i = 0; i < views.size(); ++i) {
      std::size_t start = i, sentences = 0;
      while (start > 0 && sentences < context_sentences) sentences += analysis.paragraphs[--start]->sentences.size();
      context_start[i] = start;
      const ParagraphAnalysis& p = *analysis.paragraphs[i];
      bool kept = analysis.cached && p.context_findings_engine == serial_ && p.context_of.size() == i - start;
      for (std::size_t k = start; kept && k < i; ++k)
        kept = p.context_of[k - start].lock() == analysis.paragraphs[k].analysis;
      if (!kept) {
        context_todo_of[i] = context_todo.size();
        context_todo.push_back(i);
      }
    }
  }
  std::vector<std::vector<LocalFinding>> context_fresh(context_todo.size());
  std::size_t context_bytes = 0;
  for (const std::size_t i : context_todo) context_bytes += analysis.paragraphs[i]->text.size();
  parallel_for(context_todo.size(), context_bytes >= parallel_bytes ? threads : 1, [&](std::size_t k) {
    const std::size_t i = context_todo[k], start = context_start[i];
    for (std::size_t r = 0; r < rules_.size(); ++r)
      if (rules_[r]->scope() == HELDER_SCOPE_PARAGRAPH_IN_CONTEXT)
        run_rule(r, views, start, i - start + 1, context_fresh[k], i - start);
  });
  if (analysis.cached) {
    for (std::size_t k = 0; k < context_todo.size(); ++k) {
      const std::size_t i = context_todo[k];
      const ParagraphAnalysis& p = *analysis.paragraphs[i];
      p.context_findings = context_fresh[k];
      p.context_of.clear();
      for (std::size_t c = context_start[i]; c < i; ++c) p.context_of.push_back(analysis.paragraphs[c].analysis);
      p.context_findings_engine = serial_;
    }
  }

  std::vector<LocalFinding> document_findings;
  if (!views.empty())
    for (std::size_t r = 0; r < rules_.size(); ++r)
      if (rules_[r]->scope() == HELDER_SCOPE_DOCUMENT) run_rule(r, views, 0, views.size(), document_findings);

  // The findings are sorted and filtered as small references; strings are copied only for the ones kept.
  // A finding read once (checked just now, for one paragraph) gives its strings to the result instead of a copy.
  struct Ref {
    const LocalFinding* local;
    uint32_t paragraph;
    uint32_t start, end;  // bytes into the source
    Severity severity;
    bool movable;
  };
  std::vector<Ref> refs;
  const WordServices& words = *services_->words;
  auto add = [&](const LocalFinding& f, std::size_t paragraph, bool movable) {
    const Rule& rule = *rules_[f.rule];
    if (rule.disabled()) return;  // failed on another paragraph: none of its findings count
    const DocumentParagraph& p = analysis.paragraphs[paragraph];
    const uint32_t text_start = p.range.start + f.start;
    if (!analysis.read.directives.empty() &&
        disabled_by_directive(analysis.read.directives, rule.config().id, text_start))
      return;
    // Words the project accepts are never flagged.
    if (!config_.accept.empty() && f.end - f.start < 64 &&
        config_.accept.count(words.info(std::string_view(p->text).substr(f.start, f.end - f.start)).lower))
      return;
    const uint32_t start = analysis.read.map.to_source(text_start);
    const uint32_t end = f.end > f.start ? analysis.read.map.to_source_end(p.range.start + f.end) : start;
    const Severity severity =
        f.severity == HELDER_SEVERITY_RULE ? rule.config().severity : static_cast<Severity>(f.severity);
    refs.push_back(Ref{&f, static_cast<uint32_t>(paragraph), start, end, severity, movable});
  };
  for (std::size_t i = 0; i < views.size(); ++i) {
    const ParagraphAnalysis& p = *analysis.paragraphs[i];
    const bool fresh_here = todo_of[i] != none;
    for (const LocalFinding& f : fresh_here ? fresh[todo_of[i]] : p.findings) add(f, i, fresh_here && !shared_todo);
    if (!context_rules) continue;
    const bool context_here = context_todo_of[i] != none;
    for (const LocalFinding& f : context_here ? context_fresh[context_todo_of[i]] : p.context_findings)
      add(f, i, context_here);
  }
  for (const LocalFinding& f : document_findings) add(f, f.paragraph, true);

  std::stable_sort(refs.begin(), refs.end(), [this](const Ref& a, const Ref& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end < b.end;
    return rules_[a.local->rule]->config().id < rules_[b.local->rule]->config().id;
  });
  // Two rules about exactly the same word: a tip (info, hint) gives way to a warning or error there.
  // ("desbetreffende" is officialese with a plain alternative; that it is also a rare word adds nothing.)
  // Longer ranges stay: a long paragraph and a long first sentence are two different pieces of advice.
  std::vector<Finding> findings;
  findings.reserve(refs.size());
  for (std::size_t i = 0; i < refs.size();) {
    std::size_t j = i;
    Severity strongest = Severity::Hint;
    for (; j < refs.size() && refs[j].start == refs[i].start && refs[j].end == refs[i].end; ++j)
      strongest = std::max(strongest, refs[j].severity);
    const std::string_view covered =
        refs[i].end <= source.size() ? source.substr(refs[i].start, refs[i].end - refs[i].start) : std::string_view();
    const bool one_word = std::none_of(covered.begin(), covered.end(),
                                       [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
    for (; i < j; ++i) {
      const Ref& ref = refs[i];
      if (one_word && ref.severity < strongest && ref.severity <= Severity::Info) continue;
      const LocalFinding& f = *ref.local;
      const uint32_t paragraph_start = analysis.paragraphs[ref.paragraph].range.start;
      Finding out;
      out.rule_id = rules_[f.rule]->config().id;
      out.severity = ref.severity;
      out.start = ref.start;
      out.end = ref.end;
      // Made one line when the rule gave it (run_rule). A finding read once is not read again: its strings move.
      LocalFinding* own = ref.movable ? const_cast<LocalFinding*>(ref.local) : nullptr;  // in fresh, not const
      out.message = own ? std::move(own->message) : f.message;
      out.fixes.reserve(f.fixes.size());
      for (const LocalFinding::Fix& fx : f.fixes) {
        const uint32_t s = analysis.read.map.to_source(paragraph_start + fx.start);
        const uint32_t e = fx.end > fx.start ? analysis.read.map.to_source_end(paragraph_start + fx.end) : s;
        out.fixes.push_back(
            Replacement{s, e, own ? std::move(const_cast<LocalFinding::Fix&>(fx).text) : fx.text, fx.needs_review});
      }
      findings.push_back(std::move(out));
    }
  }

  // Stable ids: the rule and the text it is about, plus the occurrence among equal ones.
  for (Finding& f : findings) {
    const std::string_view covered =
        f.end <= source.size() ? source.substr(f.start, f.end - f.start) : std::string_view();
    const uint64_t h = fnv1a(covered, fnv1a(f.rule_id));
    static constexpr char hex[] = "0123456789abcdef";
    char id[16 + 1 + 10];  // made here and copied once
    for (std::size_t k = 0; k < 16; ++k) id[k] = hex[(h >> (60 - 4 * k)) & 0xF];
    id[16] = '-';
    f.id_hash = h;
    f.id_occurrence = seen.next(h);
    const char* end = std::to_chars(id + 17, id + sizeof id, f.id_occurrence).ptr;
    f.id.assign(id, static_cast<std::size_t>(end - id));
  }
  return findings;
}

}  // namespace helder
