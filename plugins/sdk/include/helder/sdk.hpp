// Header-only C++ SDK for helder rule plugins: wraps the C boundary of plugin_abi.h.
//
// A check kind is a class with
//   Kind(const helder::sdk::Host& host, const helder::sdk::Options& options);   // read options here, once
//   void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const;
// and a plugin exports its kinds with HELDER_PLUGIN (see plugins/complexity/plugin.cpp).
// Exceptions thrown by a constructor or by check() are caught here and reported to the host, which
// disables that rule and keeps running: exceptions never cross the boundary.
#pragma once

#include <helder/plugin_abi.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace helder::sdk {

// Maps and sets keyed by a word that are searched with a string_view, without building a std::string per token.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class Value>
using WordMap = std::unordered_map<std::string, Value, WordHash, std::equal_to<>>;
using WordSet = std::unordered_set<std::string, WordHash, std::equal_to<>>;

inline helder_str to_c(std::string_view s) { return helder_str{s.data(), s.size()}; }
inline std::string_view from_c(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }

// "word" between straight double quotes, as messages quote the words of the text. (Built step by step: GCC 12
// warns falsely on "\"" + std::string.)
inline std::string quoted(std::string_view word) {
  std::string result;
  result.reserve(word.size() + 2);
  result += '"';
  result += word;
  result += '"';
  return result;
}

// ---- Word ids (ABI minor 4) -------------------------------------------------------------------------------------
//
// The host gives every word form a number (helder_token.word and .form, helder_host.word_id). Equal ids are equal
// strings, and ids are small and dense, so a rule finds its words with an integer lookup (WordIdMap, WordIdSet)
// and keeps per-word answers in a flat table (WordTable) instead of hashing strings per token.

// A map from word id to V, built when the rule is made and read by every check (open addressing: one multiply
// and mostly one probe per lookup). Id 0 (no word) is never a key.
template <class V>
class WordIdMap {
 public:
  const V* find(std::uint32_t id) const {
    // A rule numbers its words when it is made, before the text it checks: most words of a text have higher ids
    // than any key, and are answered without touching the table.
    if (id == 0 || id > max_key_) return nullptr;
    for (std::size_t i = slot(id);; i = (i + 1) & mask_) {
      if (keys_[i] == id) return &values_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }
  V* find(std::uint32_t id) { return const_cast<V*>(static_cast<const WordIdMap&>(*this).find(id)); }
  bool contains(std::uint32_t id) const { return find(id) != nullptr; }
  // The value of `id`, added (value-initialised) when absent. `id` must not be 0.
  V& operator[](std::uint32_t id) {
    if (V* found = find(id)) return *found;
    if ((size_ + 1) * 2 > keys_.size()) grow();
    std::size_t i = slot(id);
    while (keys_[i] != 0) i = (i + 1) & mask_;
    keys_[i] = id;
    ++size_;
    if (id > max_key_) max_key_ = id;
    return values_[i];
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  std::size_t slot(std::uint32_t id) const {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void grow() {
    std::vector<std::uint32_t> keys = std::move(keys_);
    std::vector<V> values = std::move(values_);
    const std::size_t capacity = keys.empty() ? 16 : keys.size() * 2;
    keys_.assign(capacity, 0);
    values_.assign(capacity, V{});
    mask_ = capacity - 1;
    shift_ = 64;
    for (std::size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != 0) (*this)[keys[i]] = std::move(values[i]);
  }
  std::vector<std::uint32_t> keys_;
  std::vector<V> values_;
  std::size_t size_ = 0, mask_ = 0;
  std::uint32_t max_key_ = 0;  // 0 while empty
  unsigned shift_ = 64;
};

class WordIdSet {
 public:
  void insert(std::uint32_t id) {
    if (id != 0) map_[id] = 1;
  }
  bool contains(std::uint32_t id) const { return map_.contains(id); }
  std::size_t size() const { return map_.size(); }
  bool empty() const { return map_.empty(); }

 private:
  WordIdMap<char> map_;
};

// Per-word facts by word id, for a rule's own cache ("this form was judged correct"): readable and writable by
// any thread at any time without a lock (a rule is const while it checks, so set() is const too). Blocks of 64K
// entries are made as higher ids come, zeroed: an entry never set reads T{}. T is a small trivially copyable
// type (an integer, a pointer).
template <class T>
class WordTable {
  static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= 8);

 public:
  WordTable() : blocks_(static_cast<T**>(std::calloc(block_count, sizeof(T*)))) {
    if (blocks_ == nullptr) throw std::bad_alloc();
  }
  ~WordTable() {
    for (std::size_t b = 0; b < block_count; ++b) std::free(blocks_[b]);
    std::free(blocks_);
  }
  WordTable(const WordTable&) = delete;
  WordTable& operator=(const WordTable&) = delete;

  T get(std::uint32_t id) const {
    T* block = std::atomic_ref<T*>(blocks_[id >> block_bits]).load(std::memory_order_acquire);
    return block ? std::atomic_ref<T>(block[id & block_mask]).load(std::memory_order_acquire) : T{};
  }
  void set(std::uint32_t id, T value) const {
    std::atomic_ref<T>(block_of(id)[id & block_mask]).store(value, std::memory_order_release);
  }

 private:
  static constexpr unsigned block_bits = 16;
  static constexpr std::uint32_t block_mask = (1u << block_bits) - 1;
  static constexpr std::size_t block_count = std::size_t{1} << (32 - block_bits);
  T* block_of(std::uint32_t id) const {
    std::atomic_ref<T*> slot(blocks_[id >> block_bits]);
    T* block = slot.load(std::memory_order_acquire);
    if (block != nullptr) return block;
    T* fresh = static_cast<T*>(std::calloc(std::size_t{1} << block_bits, sizeof(T)));
    if (fresh == nullptr) throw std::bad_alloc();
    if (slot.compare_exchange_strong(block, fresh, std::memory_order_acq_rel)) return fresh;
    std::free(fresh);  // another thread made it first
    return block;
  }
  T** blocks_;  // calloc: the pages of pointers never used are never touched
};

namespace detail {
// Word ids made in the plugin, for a host older than ABI minor 4 (slower: a lock and a string hash per call).
class LocalWords {
 public:
  std::uint32_t id(std::string_view word) {
    if (word.empty()) return 0;
    std::lock_guard lock(mutex_);
    if (const auto it = ids_.find(word); it != ids_.end()) return it->second;
    texts_.emplace_back(word);
    const auto id = static_cast<std::uint32_t>(texts_.size());
    ids_.emplace(texts_.back(), id);
    return id;
  }
  std::string_view text(std::uint32_t id) {
    std::lock_guard lock(mutex_);
    return id == 0 || id > texts_.size() ? std::string_view() : std::string_view(texts_[id - 1]);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> ids_;
  std::deque<std::string> texts_;  // a deque never moves its elements
};
inline LocalWords& local_words() {
  static LocalWords words;
  return words;
}
}  // namespace detail

// Whether a token carries word ids (a host of ABI minor 4 or later).
inline bool token_has_word_ids(const helder_token& t) {
  return t.struct_size >= offsetof(helder_token, form) + sizeof(std::uint32_t);
}

// Reads options; every read is recorded by the host, defaults included.
class Options {
 public:
  explicit Options(const helder_options* c) : c_(c) {}
  std::int64_t integer(std::string_view path, std::int64_t fallback) const {
    return c_->get_int(c_->context, to_c(path), fallback);
  }
  double number(std::string_view path, double fallback) const {
    return c_->get_double(c_->context, to_c(path), fallback);
  }
  bool boolean(std::string_view path, bool fallback) const {
    return c_->get_bool(c_->context, to_c(path), fallback ? 1 : 0) != 0;
  }
  std::string string(std::string_view path, std::string_view fallback) const {
    return std::string(from_c(c_->get_string(c_->context, to_c(path), to_c(fallback))));
  }
  std::size_t array_size(std::string_view path) const { return c_->array_size(c_->context, to_c(path)); }

 private:
  const helder_options* c_;
};

// The word services of the host. Thread-safe.
class Host {
 public:
  explicit Host(const helder_host* c) : c_(c) {}
  unsigned syllables(std::string_view word) const { return c_->syllables(c_->context, to_c(word)); }
  // 1: correct, 0: misspelled, -1: no dictionary available.
  int spelled_correctly(std::string_view word) const { return c_->spelled_correctly(c_->context, to_c(word)); }
  unsigned frequency_band(std::string_view word) const { return c_->frequency_band(c_->context, to_c(word)); }
  std::vector<std::string> suggestions(std::string_view word) const {
    std::vector<std::string> out;
    c_->suggestions(c_->context, to_c(word), &collect, &out);
    return out;
  }
  // 1: accepted by the project's vocabulary, -1: rejected, 0: neither.
  int vocabulary(std::string_view word) const { return c_->vocabulary(c_->context, to_c(word)); }
  // True when slow extras (spelling suggestions) are not wanted: in the editor while typing, and in
  // `helder check` without --suggestions.
  bool quick() const {
    return c_->struct_size >= offsetof(helder_host, quick) + sizeof(std::uint32_t) && c_->quick != 0;
  }
  std::vector<std::string> compound_parts(std::string_view word) const {
    std::vector<std::string> out;
    c_->compound_parts(c_->context, to_c(word), &collect, &out);
    return out;
  }

  // The Dutch lexicon (ABI minor 2). With an older host every answer is "unknown": no class, no form.
  bool has_lexicon() const { return c_->struct_size >= offsetof(helder_host, inflect_adjective) + sizeof(void*); }
  // What the lexicon knows of one lower-case word form.
  helder_word lookup(std::string_view lower) const {
    if (!has_lexicon()) return helder_word{sizeof(helder_word), 0, 0, 0};
    return c_->lookup(c_->context, to_c(lower));
  }
  std::string_view lemma_text(std::uint32_t lemma) const {
    return has_lexicon() ? from_c(c_->lemma_text(c_->context, lemma)) : std::string_view();
  }
  std::uint32_t lemma_id(std::string_view lemma) const {
    return has_lexicon() ? c_->lemma_id(c_->context, to_c(lemma)) : 0;
  }
  std::uint32_t separable_verb(std::string_view particle, std::uint32_t lemma) const {
    return has_lexicon() ? c_->separable_verb(c_->context, to_c(particle), lemma) : 0;
  }
  // One form (a single HELDER_VERB_* bit) of a verb; "" when unknown.
  std::string_view verb_form(std::uint32_t lemma, std::uint32_t form) const {
    return has_lexicon() ? from_c(c_->verb_form(c_->context, lemma, form)) : std::string_view();
  }
  std::string_view inflect_adjective(std::string_view adjective) const {
    return has_lexicon() ? from_c(c_->inflect_adjective(c_->context, to_c(adjective))) : std::string_view();
  }

  // Word ids (ABI minor 4). With an older host the SDK numbers the words itself, so a rule has one code path.
  bool has_word_ids() const {
    return c_->abi_minor >= 4 && c_->struct_size >= offsetof(helder_host, spelled_word) + sizeof(void*);
  }
  // The id of a word (0 for ""), e.g. of a word in the rule's own lists, to compare with helder_token.word.
  std::uint32_t word_id(std::string_view word) const {
    return has_word_ids() ? c_->word_id(c_->context, to_c(word)) : detail::local_words().id(word);
  }
  std::string_view word_text(std::uint32_t id) const {
    return has_word_ids() ? from_c(c_->word_text(c_->context, id)) : detail::local_words().text(id);
  }
  // spelled_correctly() by id: 1 yes, 0 no, -1 no dictionary.
  int spelled(std::uint32_t id) const {
    if (has_word_ids()) return c_->spelled_word(c_->context, id);
    const std::string_view text = word_text(id);
    return text.empty() ? -1 : spelled_correctly(text);
  }
  // The id of a token's lower-case form (0 for a token without one).
  std::uint32_t word_of(const helder_token& t) const {
    if (token_has_word_ids(t)) return t.word;
    return t.lower.size == 0 ? 0 : word_id(from_c(t.lower));
  }
  // The id of a word token as written; `written` is its text in the paragraph (used with an older host only).
  std::uint32_t form_of(const helder_token& t, std::string_view written) const {
    if (token_has_word_ids(t)) return t.form;
    return t.lower.size == 0 ? 0 : word_id(written);
  }

 private:
  static void collect(void* user, helder_str s) {
    static_cast<std::vector<std::string>*>(user)->emplace_back(from_c(s));
  }
  const helder_host* c_;
};

// The names of the word classes and verb forms, as the lexicon files and rule options write them
// (host/data/lexicon-nl/README.md). One table for the host and every plugin.
struct NamedBits {
  std::string_view name;
  std::uint32_t bits;
};
inline constexpr NamedBits word_class_names[] = {
    {"article", HELDER_CLASS_ARTICLE},         {"determiner", HELDER_CLASS_DETERMINER},
    {"pronoun", HELDER_CLASS_PRONOUN},         {"preposition", HELDER_CLASS_PREPOSITION},
    {"conjunction", HELDER_CLASS_CONJUNCTION}, {"subordinator", HELDER_CLASS_SUBORDINATOR},
    {"relative", HELDER_CLASS_RELATIVE},       {"auxiliary", HELDER_CLASS_AUXILIARY},
    {"particle", HELDER_CLASS_PARTICLE},       {"negation", HELDER_CLASS_NEGATION},
    {"degree", HELDER_CLASS_DEGREE},           {"verb", HELDER_CLASS_VERB},
    {"adverb", HELDER_CLASS_ADVERB},           {"copula", HELDER_CLASS_COPULA},
    {"state", HELDER_CLASS_STATE},             {"numeral", HELDER_CLASS_NUMERAL},
    {"comparative", HELDER_CLASS_COMPARATIVE}, {"interjection", HELDER_CLASS_INTERJECTION},
    {"infinitive-marker", HELDER_CLASS_INFINITIVE_MARKER}};
inline constexpr NamedBits verb_form_names[] = {
    {"infinitive", HELDER_VERB_INFINITIVE},     {"present-1", HELDER_VERB_PRESENT_1},
    {"present-3", HELDER_VERB_PRESENT_3},       {"past-singular", HELDER_VERB_PAST_SINGULAR},
    {"past-plural", HELDER_VERB_PAST_PLURAL},   {"participle", HELDER_VERB_PARTICIPLE},
    {"finite", HELDER_VERB_FINITE},             {"perfect-zijn", HELDER_VERB_PERFECT_ZIJN},
    {"separable", HELDER_VERB_SEPARABLE},       {"guessed", HELDER_VERB_GUESSED}};
// The bits of a name in one of those tables; 0 when it has no such name.
template <std::size_t N>
constexpr std::uint32_t bits_named(const NamedBits (&table)[N], std::string_view name) {
  for (const NamedBits& n : table)
    if (n.name == name) return n.bits;
  return 0;
}

// Lexicon facts of a token (ABI minor 2); 0 when the host is older than that.
inline bool has_features(const helder_token& t) {
  return t.struct_size >= offsetof(helder_token, lemma) + sizeof(std::uint32_t);
}
inline std::uint32_t word_class(const helder_token& t) { return has_features(t) ? t.word_class : 0u; }
inline std::uint32_t verb_form(const helder_token& t) { return has_features(t) ? t.verb_form : 0u; }
inline std::uint32_t lemma(const helder_token& t) { return has_features(t) ? t.lemma : 0u; }
inline bool is_class(const helder_token& t, std::uint32_t classes) { return (word_class(t) & classes) != 0; }
// Words the writer did not choose: a quotation, link text, the title of a work, a fixed name.
inline bool is_quoted_or_named(const helder_token& t) {
  return (t.flags & (HELDER_TOKEN_IN_QUOTATION | HELDER_TOKEN_IN_LINK | HELDER_TOKEN_IN_TITLE | HELDER_TOKEN_IN_NAME)) != 0;
}

// A strided array view: the host's structs may be larger than this plugin's.
template <class T>
class Strided {
 public:
  Strided(const T* first, std::size_t count, std::size_t stride) : first_(first), count_(count), stride_(stride) {}
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const T& operator[](std::size_t i) const {
    return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(first_) + i * stride_);
  }
  class iterator {
   public:
    iterator(const Strided* s, std::size_t i) : s_(s), i_(i) {}
    const T& operator*() const { return (*s_)[i_]; }
    iterator& operator++() { ++i_; return *this; }
    bool operator!=(const iterator& o) const { return i_ != o.i_; }
   private:
    const Strided* s_;
    std::size_t i_;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, count_}; }

 private:
  const T* first_;
  std::size_t count_;
  std::size_t stride_;
};

class Paragraph {
 public:
  explicit Paragraph(const helder_paragraph& c) : c_(&c) {}
  std::string_view text() const { return from_c(c_->text); }
  helder_block_kind block_kind() const { return static_cast<helder_block_kind>(c_->block_kind); }
  Strided<helder_sentence> sentences() const { return {c_->sentences, c_->sentence_count, c_->sentence_stride}; }
  Strided<helder_token> tokens() const { return {c_->tokens, c_->token_count, c_->token_stride}; }
  // Passive constructions found by the host (empty with a host too old to give them).
  Strided<helder_construction> passives() const {
    if (c_->struct_size < offsetof(helder_paragraph, passive_stride) + sizeof(size_t)) return {nullptr, 0, 0};
    return {c_->passives, c_->passive_count, c_->passive_stride};
  }
  std::string_view text_of(const helder_token& t) const { return text().substr(t.start, t.end - t.start); }
  // True when every word of the sentence stands in a quotation: someone else's words, not the writer's.
  bool is_quoted(const helder_sentence& s) const {
    bool any = false;
    for (const helder_token& t : tokens_of(s)) {
      if (t.kind != HELDER_TOKEN_WORD) continue;
      if (!(t.flags & HELDER_TOKEN_IN_QUOTATION)) return false;
      any = true;
    }
    return any;
  }
  std::string_view text_of(const helder_sentence& s) const { return text().substr(s.start, s.end - s.start); }
  // The tokens of one sentence.
  Strided<helder_token> tokens_of(const helder_sentence& s) const {
    return {reinterpret_cast<const helder_token*>(reinterpret_cast<const char*>(c_->tokens) +
                                                  s.first_token * c_->token_stride),
            s.token_count, c_->token_stride};
  }

 private:
  const helder_paragraph* c_;
};

class Unit {
 public:
  explicit Unit(const helder_unit* c) : c_(c) {}
  std::size_t size() const { return c_->paragraph_count; }
  // Scope paragraph in context: the first context() paragraphs are only read (findings there are dropped).
  std::size_t context() const {
    return c_->struct_size >= offsetof(helder_unit, context) + sizeof(c_->context) ? c_->context : 0;
  }
  Paragraph operator[](std::size_t i) const {
    return Paragraph(*reinterpret_cast<const helder_paragraph*>(reinterpret_cast<const char*>(c_->paragraphs) +
                                                                i * c_->paragraph_stride));
  }

 private:
  const helder_unit* c_;
};

struct Fix {
  std::uint32_t start = 0;  // bytes into the paragraph text
  std::uint32_t end = 0;
  std::string replacement;
  // The fix may not fit the sentence: editors offer it, `helder check --fix` never applies it.
  bool needs_review = false;
};

class Findings {
 public:
  explicit Findings(const helder_sink* c) : c_(c) {}
  // start/end: bytes into the text of paragraph `paragraph` of the unit.
  void emit(std::size_t paragraph, std::uint32_t start, std::uint32_t end, std::string_view message,
            helder_severity severity = HELDER_SEVERITY_RULE, const std::vector<Fix>& fixes = {}) const {
    // The fixes as the ABI has them: on the stack for the usual few, no allocation per finding.
    constexpr std::size_t kOnStack = 8;
    helder_fix on_stack[kOnStack];
    std::vector<helder_fix> on_heap;
    helder_fix* c_fixes = on_stack;
    if (fixes.size() > kOnStack) {
      on_heap.resize(fixes.size());
      c_fixes = on_heap.data();
    }
    for (std::size_t i = 0; i < fixes.size(); ++i)
      c_fixes[i] = helder_fix{sizeof(helder_fix), fixes[i].start, fixes[i].end, to_c(fixes[i].replacement),
                              fixes[i].needs_review ? HELDER_FIX_NEEDS_REVIEW : 0u};
    helder_finding f{sizeof(helder_finding), static_cast<std::uint32_t>(paragraph), start, end,
                     static_cast<std::uint32_t>(severity), to_c(message), c_fixes, fixes.size(), sizeof(helder_fix)};
    c_->emit(c_->context, &f);
  }

 private:
  const helder_sink* c_;
};

namespace detail {

inline void report(const helder_errors* errors, std::string_view what) {
  if (errors && errors->report) errors->report(errors->context, to_c(what));
}

template <class Kind>
helder_status create(const helder_host* host, const helder_options* options, const helder_errors* errors,
                     void** rule) {
  try {
    *rule = new Kind(Host(host), Options(options));
    return HELDER_OK;
  } catch (const std::exception& e) {
    report(errors, e.what());
  } catch (...) {
    report(errors, "unknown exception in rule constructor");
  }
  *rule = nullptr;
  return HELDER_ERROR;
}

template <class Kind>
helder_status check(const void* rule, const helder_unit* unit, const helder_sink* sink, const helder_errors* errors) {
  try {
    Findings findings(sink);
    static_cast<const Kind*>(rule)->check(Unit(unit), findings);
    return HELDER_OK;
  } catch (const std::exception& e) {
    report(errors, e.what());
  } catch (...) {
    report(errors, "unknown exception in check");
  }
  return HELDER_ERROR;
}

template <class Kind>
void destroy(void* rule) {
  delete static_cast<Kind*>(rule);
}

}  // namespace detail

// Describes one check kind; use in a constexpr array passed to HELDER_PLUGIN.
// `context_sentences`: for HELDER_SCOPE_PARAGRAPH_IN_CONTEXT, how many sentences before the paragraph it reads.
template <class Kind>
constexpr helder_check_kind check_kind(const char* name, const char* summary, helder_scope scope,
                                       std::uint32_t context_sentences = 0) {
  return helder_check_kind{sizeof(helder_check_kind), name, summary, static_cast<std::uint32_t>(scope),
                           &detail::create<Kind>, &detail::check<Kind>, &detail::destroy<Kind>, context_sentences};
}

}  // namespace helder::sdk

// Exports the plugin's descriptor as the versioned data symbol the host looks for.
#define HELDER_PLUGIN(plugin_name, plugin_version, kinds_array)                                     \
  extern "C" __attribute__((visibility("default"))) const helder_plugin helder_plugin_v1 = {        \
      sizeof(helder_plugin),  HELDER_ABI_MAJOR, HELDER_ABI_MINOR, plugin_name, plugin_version,      \
      kinds_array,           sizeof(kinds_array) / sizeof(kinds_array[0]), sizeof(helder_check_kind)}
