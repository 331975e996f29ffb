// Word services: syllables (libhyphen + Dutch vowel groups), spelling and compounds (Hunspell nl), frequency band.
#include <helder/word_services.hpp>

#include "nfc_normalizer.hpp"

#include <hunspell/hunspell.h>
#include <hunspell/hunspell.hxx>
#include <hyphen.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <fmt/format.h>
#include <helder/fix.hpp>
#include <helder/sdk.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

#include <dlfcn.h>
#include <elf.h>
#include <link.h>

namespace helder {

namespace {

// Transparent hash, so that maps keyed by std::string can be searched with a string_view without allocating.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

// A cache per word form, split into shards that each have their own reader/writer lock, so that threads looking
// up different words rarely touch the same lock. The map is node-based: a stored value never moves, so references
// to it stay valid for the lifetime of the cache. Values are never removed.
template <class Value>
class ShardedCache {
 public:
  // nullptr when the word form is not cached yet. A hit does not allocate.
  const Value* find(std::string_view key) const {
    Shard& shard = shard_for(key);
    std::shared_lock lock(shard.mutex);
    auto it = shard.map.find(key);
    return it == shard.map.end() ? nullptr : &it->second;
  }

  // As find(), with the stored key (both stay valid for the lifetime of the cache); `hash` is StringHash{}(key).
  std::pair<const std::string*, const Value*> find_entry(std::string_view key, std::size_t hash) const {
    Shard& shard = shards_[shard_of(hash)];
    std::shared_lock lock(shard.mutex);
    auto it = shard.map.find(key);
    return it == shard.map.end() ? std::pair<const std::string*, const Value*>{} : std::pair{&it->first, &it->second};
  }

  // Stores `value` unless another thread stored one for the same key first; returns the stored value.
  // `counted`: whether a new entry counts as added (an answer read from disk does not).
  const Value& insert(std::string_view key, Value value, bool counted = true) {
    Shard& shard = shard_for(key);
    std::unique_lock lock(shard.mutex);
    auto it = shard.map.find(key);
    if (it == shard.map.end()) {
      it = shard.map.emplace(std::string(key), std::move(value)).first;
      if (counted) added_.fetch_add(1, std::memory_order_relaxed);
    }
    return it->second;
  }

  // As insert(), with the value made under the shard's lock from the stored key, only when the key is new.
  template <class Make>
  const Value& insert_with(std::string_view key, Make&& make) {
    Shard& shard = shard_for(key);
    std::unique_lock lock(shard.mutex);
    auto it = shard.map.find(key);
    if (it == shard.map.end()) {
      it = shard.map.emplace(std::string(key), Value{}).first;
      it->second = make(it->first);
      added_.fetch_add(1, std::memory_order_relaxed);
    }
    return it->second;
  }

  // Calls `visit(key, value)` for every entry, one shard at a time (under that shard's lock).
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (Shard& shard : shards_) {
      std::shared_lock lock(shard.mutex);
      for (const auto& [key, value] : shard.map) visit(key, value);
    }
  }

  // How many entries were added since the counter was last taken.
  std::size_t take_added() { return added_.exchange(0, std::memory_order_relaxed); }
  std::size_t added() const { return added_.load(std::memory_order_relaxed); }

 private:
  static constexpr std::size_t shard_bits = 6;

  struct Shard {
    std::shared_mutex mutex;
    StringMap<Value> map;
  };

  // The map takes its bucket from the low bits of the hash; the shard comes from the high bits of a mixed hash,
  // so the two choices stay independent.
  static std::size_t shard_of(std::size_t hash) {
    const std::uint64_t mixed = static_cast<std::uint64_t>(hash) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(mixed >> (64 - shard_bits));
  }
  Shard& shard_for(std::string_view key) const { return shards_[shard_of(StringHash{}(key))]; }

  // mutable: find() is a const lookup that still takes a shard's lock.
  mutable std::array<Shard, std::size_t{1} << shard_bits> shards_;
  std::atomic<std::size_t> added_{0};
};

// Word ids: one number per string for the lifetime of the services. The strings live as keys of a sharded map
// (node-based: a key never moves); a flat table gives the key of an id. An id is published in the table before
// the shard's lock is released, so any thread that was given the id can read its text.
class Interner {
 public:
  std::uint32_t id(std::string_view word) {
    if (word.empty()) return 0;
    if (const std::uint32_t* found = ids_.find(word)) return *found;
    return ids_.insert_with(word, [&](const std::string& key) {
      const std::uint32_t id = next_.fetch_add(1, std::memory_order_relaxed);
      texts_.set(id, &key);
      return id;
    });
  }
  std::string_view text(std::uint32_t id) const {
    if (id == 0 || id >= next_.load(std::memory_order_acquire)) return {};
    const std::string* key = texts_.get(id);
    return key ? std::string_view(*key) : std::string_view();
  }

 private:
  ShardedCache<std::uint32_t> ids_;
  sdk::WordTable<const std::string*> texts_;
  std::atomic<std::uint32_t> next_{1};
};

bool readable_file(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  return in.good();
}

icu::UnicodeString nfc(std::string_view utf8) {
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = nfc_normalizer();
  if (!normalizer) return text;
  if (normalizer->isNormalized(text, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = normalizer->normalize(text, status);
  return U_SUCCESS(status) ? normalized : text;
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string nfc_utf8(std::string_view utf8) { return to_utf8(nfc(utf8)); }

const icu::Locale& dutch() {
  static const icu::Locale locale("nl");
  return locale;
}

// The form under which a word is looked up in the frequency list: the list spells "ij" as two letters and uses the
// straight apostrophe (a few entries carry the ligature; those are folded onto the two-letter form on loading).
std::string frequency_key(std::string_view lower) {
  std::string key;
  key.reserve(lower.size());
  for (std::size_t i = 0; i < lower.size();) {
    if (lower.substr(i, 2) == "\xC4\xB3") {  // U+0133 LATIN SMALL LIGATURE IJ
      key += "ij";
      i += 2;
    } else if (lower.substr(i, 3) == "\xE2\x80\x99") {  // U+2019 RIGHT SINGLE QUOTATION MARK
      key += '\'';
      i += 3;
    } else {
      key += lower[i++];
    }
  }
  return key;
}

// ---- Syllables -------------------------------------------------------------------------------------------------

// One letter of a lower-case word, for counting vowel nuclei: the base letter with accents folded (é -> e), and
// whether it carries a diaeresis (ë ï ö ü), which in Dutch spelling marks the start of a new syllable.
struct Letter {
  char base = 0;  // 'a'..'z' for Latin letters, 0 for any other letter
  bool diaeresis = false;
};

Letter classify(UChar32 c) {
  if (c >= 'a' && c <= 'z') return {static_cast<char>(c), false};
  switch (c) {
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE5: return {'a', false};  // à á â ã å
    case 0xE4: return {'a', true};                                                // ä
    case 0xE8: case 0xE9: case 0xEA: return {'e', false};                          // è é ê
    case 0xEB: return {'e', true};                                                // ë
    case 0xEC: case 0xED: case 0xEE: return {'i', false};                          // ì í î
    case 0xEF: return {'i', true};                                                // ï
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: return {'o', false};               // ò ó ô õ
    case 0xF6: return {'o', true};                                                // ö
    case 0xF9: case 0xFA: case 0xFB: return {'u', false};                          // ù ú û
    case 0xFC: return {'u', true};                                                // ü
    case 0xFD: return {'y', false};                                               // ý
    case 0xFF: return {'y', true};                                                // ÿ
    case 0xE7: return {'c', false};                                               // ç
    case 0xF1: return {'n', false};                                               // ñ
    default: return {0, false};
  }
}

bool is_vowel_base(char base) {
  return base == 'a' || base == 'e' || base == 'i' || base == 'o' || base == 'u' || base == 'y';
}

// Vowel letter groups that Dutch spelling reads as one sound, longest first. Without a diaeresis these are one
// nucleus: the trema rule of Dutch spelling marks exactly the sequences that should be read apart (naïef, ideeën).
// "ai" and "oi" are not native digraphs but occur in loans (training, e-mail, toilet) whose Dutch spelling writes a
// diaeresis when they are two syllables (maïs, egoïst). "eau" is for French loans (bureau, niveau).
constexpr std::array<std::string_view, 6> trigraphs = {"aai", "ooi", "oei", "eeu", "ieu", "eau"};
constexpr std::array<std::string_view, 14> digraphs = {"aa", "ee", "oo", "uu", "ie", "oe", "ou",
                                                      "au", "ei", "ij", "ui", "eu", "ai", "oi"};

// Number of vowel nuclei in letters[begin, end).
std::uint32_t count_nuclei(const std::vector<Letter>& letters, std::size_t begin, std::size_t end) {
  const auto is_vowel_at = [&](std::size_t k) {
    const char base = letters[k].base;
    if (!is_vowel_base(base)) return false;
    // A "u" after "q" is a consonant (consequent, quota).
    if (base == 'u' && k > begin && letters[k - 1].base == 'q') return false;
    // A "y" before a vowel at the start is a consonant (yoghurt).
    if (base == 'y' && k == begin && k + 1 < end && is_vowel_base(letters[k + 1].base)) return false;
    return true;
  };
  // A group matches when its letters after the first carry no diaeresis; the first one may (beëindigen: ë+i).
  const auto matches = [&](std::size_t k, std::string_view group) {
    if (k + group.size() > end) return false;
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (letters[k + i].base != group[i]) return false;
      if (i > 0 && letters[k + i].diaeresis) return false;
    }
    return true;
  };

  std::uint32_t nuclei = 0;
  std::size_t k = begin;
  while (k < end) {
    if (!is_vowel_at(k)) {
      ++k;
      continue;
    }
    ++nuclei;
    std::size_t length = 1;
    for (std::string_view group : trigraphs) {
      if (matches(k, group)) {
        length = group.size();
        break;
      }
    }
    if (length == 1) {
      for (std::string_view group : digraphs) {
        if (matches(k, group)) {
          length = group.size();
          break;
        }
      }
    }
    k += length;
  }
  return nuclei;
}

// ---- Compounds ---------------------------------------------------------------------------------------------------

// The words of compound-words-nl.tsv (see there): they decide how a compound is split.
struct CompoundWords {
  std::vector<std::string> probes;                  // two neutral nouns
  std::set<std::string, std::less<>> particles;    // never a first part
  std::set<std::string, std::less<>> suffixes;     // never a last part
};

// Frees what hnj_hyphen_hyphenate3 allocates for non-standard hyphenation.
struct HyphenationExtras {
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  std::size_t size = 0;
  ~HyphenationExtras() {
    if (rep != nullptr) {
      for (std::size_t i = 0; i < size; ++i) std::free(rep[i]);
      std::free(rep);
    }
    std::free(pos);
    std::free(cut);
  }
};

}  // namespace

// ---- Impl ------------------------------------------------------------------------------------------------------

struct WordServices::Impl {
  // Tells this object's entries in the threads' info() caches from those of another WordServices.
  const std::uint64_t serial = next_serial();
  static std::uint64_t next_serial() {
    static std::atomic<std::uint64_t> last{0};
    return ++last;
  }
  std::thread preloader;  // preload(): reads the dictionary; joined before anything else is torn down
  std::vector<std::string> problems;

  // Hunspell is not thread-safe: each loaded copy of the dictionary (a speller) has its own mutex. The first
  // is loaded on first use (reading nl.dic takes most of a short run's start-up, and many runs never ask about
  // spelling); open_spellers() loads more, so that threads checking paragraphs side by side need not wait on
  // one another (each copy holds about 18 MB).
  struct Speller {
    std::mutex mutex;
    std::unique_ptr<Hunspell> hunspell;
  };
  static constexpr std::size_t max_spellers = 8;
  std::array<Speller, max_spellers> spellers;
  std::atomic<std::size_t> speller_count{0};  // spellers[0, speller_count) are loaded; only grows
  std::mutex open_spellers_mutex;
  std::once_flag hunspell_once;
  WordServicePaths hunspell_paths;
  bool hunspell_files_found = false;
  Hunspell* dictionary();
  void open_hunspell();
  std::unique_ptr<Hunspell> load_dictionary() const;
  void open_spellers(std::size_t count);
  // Runs `ask` with a speller that no other thread uses at that moment.
  template <class Ask>
  auto with_speller(Ask&& ask) {
    std::size_t count = speller_count.load(std::memory_order_acquire);
    if (count == 0) {  // callers ask dictionary() first; this keeps a slip from dividing by zero
      if (dictionary() == nullptr) throw std::logic_error("helder: no dictionary loaded");
      count = speller_count.load(std::memory_order_acquire);
    }
    for (std::size_t i = 0; i < count; ++i) {
      std::unique_lock lock(spellers[i].mutex, std::try_to_lock);
      if (lock.owns_lock()) return ask(*spellers[i].hunspell);
    }
    // All busy: wait for one, spread over the threads.
    const std::size_t i = std::hash<std::thread::id>{}(std::this_thread::get_id()) % count;
    std::lock_guard lock(spellers[i].mutex);
    return ask(*spellers[i].hunspell);
  }
  // Encoding of the dictionary (its SET line). Debian's nl dictionary is UTF-8; another one is converted.
  std::string dictionary_encoding;
  bool dictionary_is_utf8 = true;

  // libhyphen does not document thread-safety for a shared dictionary: calls go through hyphen_mutex.
  HyphenDict* hyphenation = nullptr;
  bool hyphenation_latin1 = false;  // the patterns' encoding (named on their first line) is ISO-8859-1
  std::mutex hyphen_mutex;
  const char* hyphenation_encoding() const {
    return hyphenation->cset[0] != '\0' ? hyphenation->cset : "ISO-8859-1";
  }

  // Lower-case word form -> 1-based rank in the frequency list (1 is the most frequent). Read-only after loading.
  StringMap<std::uint32_t> frequency_rank;

  ShardedCache<WordInfo> info_cache;
  ShardedCache<int> spelling_cache;
  Interner words;
  // spelled_correctly() by word id: 0 not asked yet, 1 correct, 2 misspelled.
  sdk::WordTable<std::uint8_t> spelled_by_id;
  ShardedCache<std::vector<std::string>> compound_cache;
  // Compound probes ("fiets" + part + "fiets"): the same part recurs in many words ("-ing", "belasting").
  ShardedCache<int> probe_cache;
  ShardedCache<std::vector<std::string>> suggestion_cache;  // Hunspell needs 0.1-0.3 s per word: never twice

  ~Impl() {
    if (hyphenation != nullptr) hnj_hyphen_free(hyphenation);
    std::lock_guard lock(hunspell_lifetime_mutex());
    for (Speller& s : spellers) s.hunspell.reset();
  }

  // Hunspell keeps a table shared by all its instances, with a plain counter of the instances that use it:
  // instances must be made and destroyed one at a time, in the whole process (two made side by side leaked a
  // table under LeakSanitizer). Using them side by side is fine.
  static std::mutex& hunspell_lifetime_mutex() {
    static std::mutex mutex;
    return mutex;
  }

  void load_hunspell(const WordServicePaths& paths);
  void load_hyphenation(const WordServicePaths& paths);
  void load_frequency_list(const WordServicePaths& paths);
  void load_compound_words(const WordServicePaths& paths);
  CompoundWords compound_words;

  WordInfo compute_info(std::string_view word);
  const Lexicon* lexicon = nullptr;
  std::uint32_t count_syllables(const icu::UnicodeString& lower);
  std::uint32_t syllables_of_run(const icu::UnicodeString& run);
  std::uint32_t band_of(const std::string& lower) const;

  std::optional<std::string> to_dictionary(std::string_view utf8) const;
  std::string from_dictionary(const std::string& text) const;
  bool spell(std::string_view utf8);
  bool compound_part_allowed(std::string_view part, bool first, bool last);
  std::vector<std::string> split_compound(const std::string& word);
  std::vector<std::string> split_piece(std::string_view piece);
};

void WordServices::Impl::load_hunspell(const WordServicePaths& paths) {
  // Name the .dic first: it is the file people recognise as "the dictionary".
  for (const auto* path : {&paths.hunspell_dic, &paths.hunspell_aff}) {
    if (!readable_file(*path)) {
      problems.push_back("Het Nederlandse woordenboek is niet gevonden: " + path->string() +
                         ". Installeer het pakket hunspell-nl.");
      return;
    }
  }
  hunspell_paths = paths;
  hunspell_files_found = true;
}

Hunspell* WordServices::Impl::dictionary() {
  if (!hunspell_files_found) return nullptr;
  std::call_once(hunspell_once, [this] { open_hunspell(); });
  return spellers[0].hunspell.get();
}

std::unique_ptr<Hunspell> WordServices::Impl::load_dictionary() const {
  std::lock_guard lock(hunspell_lifetime_mutex());
  try {
    return std::make_unique<Hunspell>(hunspell_paths.hunspell_aff.string().c_str(),
                                      hunspell_paths.hunspell_dic.string().c_str());
  } catch (const std::exception&) {
    return nullptr;
  }
}

void WordServices::Impl::open_hunspell() {
  std::unique_ptr<Hunspell> hunspell = load_dictionary();
  if (hunspell == nullptr) return;
  const char* encoding = hunspell->get_dic_encoding();
  dictionary_encoding = encoding != nullptr ? encoding : "ISO8859-1";
  std::string folded;
  for (char c : dictionary_encoding) {
    if (c != '-' && c != '_') folded += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  dictionary_is_utf8 = folded == "UTF8";
  spellers[0].hunspell = std::move(hunspell);
  speller_count.store(1, std::memory_order_release);
}

void WordServices::Impl::open_spellers(std::size_t count) {
  count = std::min(count, max_spellers);
  std::lock_guard lock(open_spellers_mutex);
  if (dictionary() == nullptr) return;  // the first copy
  // One after another (see hunspell_lifetime_mutex); threads use each copy as soon as it is there.
  for (std::size_t next = speller_count.load(std::memory_order_acquire); next < count; ++next) {
    std::unique_ptr<Hunspell> copy = load_dictionary();
    if (copy == nullptr) return;
    spellers[next].hunspell = std::move(copy);
    speller_count.store(next + 1, std::memory_order_release);
  }
}

void WordServices::Impl::load_hyphenation(const WordServicePaths& paths) {
  if (!readable_file(paths.hyphenation)) {
    problems.push_back("Het Nederlandse afbreekwoordenboek is niet gevonden: " + paths.hyphenation.string() +
                       ". Installeer het pakket hyphen-nl.");
    return;
  }
  hyphenation = hnj_hyphen_load(paths.hyphenation.string().c_str());
  if (hyphenation == nullptr) {
    problems.push_back("Het Nederlandse afbreekwoordenboek kan niet worden gelezen: " + paths.hyphenation.string() +
                       ". Installeer het pakket hyphen-nl opnieuw.");
    return;
  }
  std::string name;
  for (const char* c = hyphenation_encoding(); *c != '\0'; ++c)
    if (*c != '-' && *c != '_') name.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(*c))));
  hyphenation_latin1 = name == "ISO88591" || name == "LATIN1";
}

void WordServices::Impl::load_frequency_list(const WordServicePaths& paths) {
  std::ifstream in;
  if (readable_file(paths.frequency_list)) in.open(paths.frequency_list, std::ios::binary);
  if (!in.is_open()) {
    problems.push_back("De lijst met veelgebruikte woorden is niet gevonden: " + paths.frequency_list.string() +
                       ". Installeer helder opnieuw.");
    return;
  }
  std::string line;
  std::uint32_t rank = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t space = line.find(' ');
    const std::string_view form = std::string_view(line).substr(0, space);
    if (form.empty()) continue;
    ++rank;
    // Keeps the first (best) rank when a form occurs twice after folding.
    frequency_rank.try_emplace(frequency_key(form), rank);
  }
  if (rank == 0) {
    problems.push_back("De lijst met veelgebruikte woorden is leeg: " + paths.frequency_list.string() +
                       ". Installeer helder opnieuw.");
  }
}

void WordServices::Impl::load_compound_words(const WordServicePaths& paths) {
  std::ifstream in;
  if (readable_file(paths.compound_words)) in.open(paths.compound_words, std::ios::binary);
  if (!in.is_open()) {
    problems.push_back("De lijst met woorden voor samenstellingen is niet gevonden: " + paths.compound_words.string() +
                       ". helder splitst dan geen samengestelde woorden. Installeer helder opnieuw.");
    return;
  }
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string word = line.substr(0, tab);
    const std::string_view role = tab == std::string::npos ? std::string_view() : std::string_view(line).substr(tab + 1);
    if (word.empty() || (role != "probe" && role != "particle" && role != "suffix")) {
      problems.push_back(fmt::format("{}:{}: schrijf een woord, een tab en probe, particle of suffix.",
                                     paths.compound_words.string(), number));
      continue;
    }
    if (role == "probe") compound_words.probes.push_back(word);
    if (role == "particle") compound_words.particles.insert(word);
    if (role == "suffix") compound_words.suffixes.insert(word);
  }
  if (compound_words.probes.size() != 2) {
    problems.push_back(fmt::format("{}: er moeten precies twee woorden met probe in staan, niet {}. helder splitst "
                                   "dan geen samengestelde woorden.", paths.compound_words.string(),
                                   compound_words.probes.size()));
    compound_words.probes.clear();
  }
}

std::uint32_t WordServices::Impl::band_of(const std::string& lower) const {
  const std::string key = frequency_key(lower);
  const auto it = frequency_rank.find(std::string_view(key));
  if (it == frequency_rank.end()) return 5;
  const std::uint32_t rank = it->second;
  if (rank <= 1000) return 1;
  if (rank <= 5000) return 2;
  if (rank <= 20000) return 3;
  if (rank <= 50000) return 4;
  return 5;
}

// Syllables of one run of letters (lower case, NFC). libhyphen splits the run at hyphenation points; inside each
// segment the vowel nuclei are counted, because hyphenation does not split every vowel sequence (i-dee, ra-di-o).
std::uint32_t WordServices::Impl::syllables_of_run(const icu::UnicodeString& run) {
  std::vector<UChar32> code_points;
  for (int32_t i = 0; i < run.length(); i = run.moveIndex32(i, 1)) {
    const UChar32 c = run.char32At(i);
    if (c == 0x133) {  // the ligature ĳ is the digraph ij
      code_points.push_back('i');
      code_points.push_back('j');
    } else {
      code_points.push_back(c);
    }
  }
  std::vector<Letter> letters;
  letters.reserve(code_points.size());
  for (UChar32 c : code_points) letters.push_back(classify(c));

  // Segment boundaries: indexes into code_points after which the word may be hyphenated.
  std::vector<std::size_t> cuts;
  if (hyphenation != nullptr && code_points.size() > 1) {
    // The dictionary names its encoding on its first line: ISO8859-1 for Debian's Dutch one. libhyphen reports
    // hyphens per byte, so only a conversion with one byte per code point is used (byte k is code point k); a word
    // with a letter outside the encoding is counted by vowel groups alone.
    std::string encoded;
    bool one_byte_each = true;
    if (hyphenation_latin1) {
      // Latin-1, as Debian's Dutch patterns are: a code point below 256 is its own byte. Done here: opening an ICU
      // converter by name for every new word cost more than the rest of the word's analysis.
      encoded.reserve(code_points.size());
      for (UChar32 c : code_points) {
        if (c < 0 || c > 0xFF) {
          one_byte_each = false;
          break;
        }
        encoded.push_back(static_cast<char>(c));
      }
    } else {
      icu::UnicodeString folded;
      for (UChar32 c : code_points) folded.append(c);
      encoded.assign(code_points.size() * 4 + 1, '\0');
      const int32_t length = folded.extract(0, folded.length(), encoded.data(),
                                            static_cast<uint32_t>(encoded.size()), hyphenation_encoding());
      // ICU writes the substitution character 0x1A for a letter the encoding lacks.
      one_byte_each = length == static_cast<int32_t>(code_points.size()) &&
                      encoded.find('\x1A') >= static_cast<std::size_t>(length);
      if (one_byte_each) encoded.resize(static_cast<std::size_t>(length));
    }
    if (one_byte_each) {
      std::vector<char> hyphens(encoded.size() + 5, '\0');
      HyphenationExtras extras;
      extras.size = encoded.size();
      int status = 0;
      {
        std::lock_guard lock(hyphen_mutex);
        // Hyphen minimums of 1: a syllable of one letter at either end still counts (i-dee, ra-di-o).
        status = hnj_hyphen_hyphenate3(hyphenation, encoded.c_str(), static_cast<int>(encoded.size()),
                                       hyphens.data(), nullptr, &extras.rep, &extras.pos, &extras.cut, 1, 1, 1, 1);
      }
      if (status == 0) {
        for (std::size_t k = 0; k + 1 < encoded.size(); ++k) {
          if ((hyphens[k] & 1) != 0) cuts.push_back(k + 1);
        }
      }
    }
  }
  cuts.push_back(letters.size());

  std::uint32_t syllables = 0;
  std::size_t begin = 0;
  for (std::size_t end : cuts) {
    if (end <= begin) continue;
    syllables += std::max<std::uint32_t>(1, count_nuclei(letters, begin, end));
    begin = end;
  }
  return syllables;
}

// Syllables of a whole word: the sum over its runs of letters (e-mail, auto's, AOW-uitkering); at least 1 when the
// word has a letter, 0 when it has none.
std::uint32_t WordServices::Impl::count_syllables(const icu::UnicodeString& lower) {
  std::uint32_t syllables = 0;
  bool has_letter = false;
  icu::UnicodeString run;
  const auto flush = [&] {
    if (run.isEmpty()) return;
    // A run without vowels ("s" in auto's) adds nothing; it belongs to the syllable before it.
    const std::uint32_t count = syllables_of_run(run);
    bool has_vowel = false;
    for (int32_t i = 0; i < run.length(); i = run.moveIndex32(i, 1)) {
      const UChar32 c = run.char32At(i);
      if (c == 0x133 || is_vowel_base(classify(c).base)) has_vowel = true;
    }
    if (has_vowel) syllables += count;
    run.remove();
  };
  for (int32_t i = 0; i < lower.length(); i = lower.moveIndex32(i, 1)) {
    const UChar32 c = lower.char32At(i);
    if (u_isalpha(c)) {
      has_letter = true;
      run.append(c);
    } else {
      flush();
    }
  }
  flush();
  return has_letter ? std::max<std::uint32_t>(1, syllables) : 0;
}

WordInfo WordServices::Impl::compute_info(std::string_view word) {
  icu::UnicodeString lower = nfc(word);
  lower.toLower(dutch());
  WordInfo info;
  info.lower = to_utf8(lower);
  info.word = words.id(info.lower);
  info.form = words.id(word);
  info.syllables = count_syllables(lower);
  info.frequency_band = band_of(info.lower);
  if (lexicon) info.features = lexicon->features(info.lower);  // once per word form, not per token
  return info;
}

// ---- Spelling and compounds --------------------------------------------------------------------------------------

std::optional<std::string> WordServices::Impl::to_dictionary(std::string_view utf8) const {
  if (dictionary_is_utf8) return std::string(utf8);
  const icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  // Up to 4 bytes per UTF-16 unit covers every legacy encoding Hunspell knows.
  std::string encoded(static_cast<std::size_t>(text.length()) * 4 + 1, '\0');
  const int32_t length = text.extract(0, text.length(), encoded.data(), static_cast<uint32_t>(encoded.size()),
                                      dictionary_encoding.c_str());
  if (length < 0 || static_cast<std::size_t>(length) >= encoded.size()) return std::nullopt;
  encoded.resize(static_cast<std::size_t>(length));
  // A letter the dictionary's encoding cannot hold becomes the substitution character: no such word in it.
  if (encoded.find('\x1A') != std::string::npos) return std::nullopt;
  return encoded;
}

std::string WordServices::Impl::from_dictionary(const std::string& text) const {
  if (dictionary_is_utf8) return text;
  return to_utf8(icu::UnicodeString(text.data(), static_cast<int32_t>(text.size()), dictionary_encoding.c_str()));
}

// Asks Hunspell about one word form (UTF-8, NFC), without caching.
bool WordServices::Impl::spell(std::string_view utf8) {
  const std::optional<std::string> encoded = to_dictionary(utf8);
  if (!encoded) return false;
  return with_speller([&](Hunspell& h) { return h.spell(*encoded); });
}

// Whether `part` (lower case, with any linking letters) may stand at its place in a compound. Hunspell nl marks
// which words may begin, continue or end a compound (COMPOUNDBEGIN/MIDDLE/END flags), and knows the forms with a
// linking "s" (verkiezings-). A plain spell() check would accept every short dictionary word ("ver", "gek", "pro")
// and split most words; instead the part is glued to a neutral noun that may both begin and end compounds, and
// Hunspell's own compound rules decide: "belasting" may begin (belastingfiets), "aangifte" may end (fietsaangifte),
// "uit" may not begin (uitfiets), so "uitkering" stays whole.
bool WordServices::Impl::compound_part_allowed(std::string_view part, bool first, bool last) {
  // CHECKCOMPOUNDDUP forbids a compound of twice the same word: use another neutral noun for the part "fiets".
  const std::string_view neutral = part == compound_words.probes[0] ? compound_words.probes[1] : compound_words.probes[0];
  std::string probe;
  if (!first) probe += neutral;
  probe += part;
  if (!last) probe += neutral;
  if (const int* cached = probe_cache.find(probe)) return *cached != 0;
  return probe_cache.insert(probe, spell(probe) ? 1 : 0) != 0;
}

// Splits one piece without hyphens in two: the longest first part for which Hunspell's compound rules allow both
// parts. Each part is at least 3 letters; the first may be followed by a linking "s", "e" or "en", which stays
// with it. The first part may be a compound itself ("kinderopvang" + "toeslag"): Hunspell nl accepts a compound
// where a compound part may stand, so a word of three parts splits in two as well. (An earlier search over all
// splits into any number of parts found none that this misses, in 14 MB of Dutch acts and the corpus, at many
// times the cost.) Returns an empty vector when there is no split.
std::vector<std::string> WordServices::Impl::split_piece(std::string_view piece) {
  constexpr std::size_t min_part = 3;     // code points, without linking letters
  constexpr std::size_t max_length = 60;  // code points; longer is not a word (Hunspell stops at 100 bytes)
  if (compound_words.probes.empty()) return {};  // without its word list (a broken installation) no split
  // Hunspell's compound rules want lower case at the joins (CHECKCOMPOUNDCASE); the parts returned keep the
  // writer's case. When lower-casing changes the length in bytes (rare letters), offsets would not match: no split.
  icu::UnicodeString lowered = icu::UnicodeString::fromUTF8(
      icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
  lowered.toLower(dutch());
  const std::string lower = to_utf8(lowered);
  if (lower.size() != piece.size()) return {};

  std::vector<std::size_t> offsets;  // byte offset of every code point, plus the end
  for (std::size_t i = 0; i < lower.size();) {
    offsets.push_back(i);
    UChar32 c = 0;
    int32_t next = static_cast<int32_t>(i);
    U8_NEXT(lower.data(), next, static_cast<int32_t>(lower.size()), c);
    i = static_cast<std::size_t>(next);
  }
  offsets.push_back(lower.size());
  const std::size_t n = offsets.size() - 1;
  if (n < 2 * min_part || n > max_length) return {};

  constexpr std::array<std::string_view, 4> links = {"", "s", "e", "en"};
  const auto text = [&](std::size_t from, std::size_t to) {
    return std::string_view(lower).substr(offsets[from], offsets[to] - offsets[from]);
  };
  // The first part runs from long to short; for each, the last part is asked about first: its answers are
  // shared by many words ("-ing", "-beleid"). "fiets" + "en" + "stalling": the linking letters as Hunspell
  // knows them with the word, or the word followed by linking letters its list does not spell out.
  std::vector<signed char> last_part(n + 1, -1);  // whether [k, n) may be the last part; -1 not asked yet
  const auto may_end = [&](std::size_t k) {
    if (last_part[k] < 0)
      last_part[k] = !compound_words.suffixes.contains(text(k, n)) && compound_part_allowed(text(k, n), false, true) ? 1 : 0;
    return last_part[k] == 1;
  };
  for (std::size_t j = n - min_part; j >= min_part; --j) {
    if (compound_words.particles.contains(text(0, j))) continue;
    for (std::string_view link : links) {
      const std::size_t end = j + link.size();
      if (end + min_part > n || text(j, end) != link || !may_end(end)) continue;
      if (compound_part_allowed(text(0, end), true, false) ||
          (!link.empty() && compound_part_allowed(text(0, j), true, false)))
        return {std::string(piece.substr(0, offsets[end])), std::string(piece.substr(offsets[end]))};
    }
  }
  return {};
}

std::vector<std::string> WordServices::Impl::split_compound(const std::string& word) {
  // A hyphenated compound (AOW-uitkering, zee-egel) is split at its hyphens first, and each piece may be a compound
  // itself. A piece of one or two letters (e-mail, make-up, ex-partner) makes the word one unit.
  std::vector<std::string_view> pieces;
  for (std::size_t begin = 0; begin <= word.size();) {
    std::size_t end = word.find('-', begin);
    if (end == std::string::npos) end = word.size();
    pieces.push_back(std::string_view(word).substr(begin, end - begin));
    begin = end + 1;
  }
  const auto code_points = [](std::string_view text) {
    // UTF-8 continuation bytes are 10xxxxxx; every other byte starts a code point.
    return std::count_if(text.begin(), text.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  };
  if (pieces.size() > 1 &&
      std::any_of(pieces.begin(), pieces.end(), [&](std::string_view piece) { return code_points(piece) < 3; })) {
    return {word};
  }
  std::vector<std::string> result;
  for (std::string_view piece : pieces) {
    std::vector<std::string> parts = split_piece(piece);
    if (parts.empty()) {
      result.emplace_back(piece);
    } else {
      for (auto& part : parts) result.push_back(std::move(part));
    }
  }
  if (result.size() < 2) return {word};
  return result;
}

// ---- WordServices ----------------------------------------------------------------------------------------------

WordServicePaths WordServicePaths::defaults(const std::filesystem::path& data_dir) {
  WordServicePaths paths;
  paths.hunspell_aff = "/usr/share/hunspell/nl.aff";
  paths.hunspell_dic = "/usr/share/hunspell/nl.dic";
  paths.hyphenation = "/usr/share/hyphen/hyph_nl_NL.dic";
  paths.frequency_list = data_dir / "frequency-nl.txt";
  paths.compound_words = data_dir / "compound-words-nl.tsv";
  return paths;
}

WordServices::WordServices(const WordServicePaths& paths) : impl_(std::make_unique<Impl>()) {
  impl_->load_hunspell(paths);
  impl_->load_hyphenation(paths);
  impl_->load_frequency_list(paths);
  impl_->load_compound_words(paths);
}

WordServices::~WordServices() {
  if (impl_->preloader.joinable()) impl_->preloader.join();
}

void WordServices::preload(const std::filesystem::path& answers) const {
  if (!impl_->hunspell_files_found || impl_->preloader.joinable()) return;
  impl_->preloader = std::thread([this, answers] {
    // The answers first (a few milliseconds): words they hold need not wait for the dictionary.
    if (!answers.empty()) load_answers(answers);
    impl_->dictionary();
  });
}

const std::vector<std::string>& WordServices::problems() const { return impl_->problems; }

namespace {

// Each thread keeps the word forms it looked up last in a small table of its own, by hash: a text repeats its
// words, and a hit needs no lock and no walk through the shared map. For one WordServices at a time (`serial`):
// the pointers are into that object's cache.
struct RecentWords {
  static constexpr std::size_t size = 4096;
  struct Entry {
    std::size_t hash = 0;
    const std::string* key = nullptr;
    const WordInfo* info = nullptr;
  };
  std::uint64_t serial = 0;
  std::array<Entry, size> entries{};
};

}  // namespace

const WordInfo& WordServices::info(std::string_view word) const {
  thread_local RecentWords recent;
  if (recent.serial != impl_->serial) {
    recent.entries.fill(RecentWords::Entry{});
    recent.serial = impl_->serial;
  }
  const std::size_t hash = StringHash{}(word);
  RecentWords::Entry& slot = recent.entries[hash & (RecentWords::size - 1)];
  if (slot.key != nullptr && slot.hash == hash && *slot.key == word) return *slot.info;
  if (const auto [key, cached] = impl_->info_cache.find_entry(word, hash); cached != nullptr) {
    slot = RecentWords::Entry{hash, key, cached};
    return *cached;
  }
  // Computed outside the cache's lock; when two threads race on a new word, the first stored result wins and
  // both get the same reference.
  return impl_->info_cache.insert(word, impl_->compute_info(word));
}

int WordServices::spelled_correctly(std::string_view word) const {
  if (!impl_->hunspell_files_found) return -1;
  // An answer from the cache (or from the disk, load_answers) needs no dictionary: it may still be loading.
  if (const int* cached = impl_->spelling_cache.find(word)) return *cached;
  if (impl_->dictionary() == nullptr) return -1;
  const std::string normalized = nfc_utf8(word);
  const int answer = normalized.empty() || impl_->spell(normalized) ? 1 : 0;
  return impl_->spelling_cache.insert(word, answer);
}

std::uint32_t WordServices::word_id(std::string_view word) const { return impl_->words.id(word); }

std::string_view WordServices::word_text(std::uint32_t id) const { return impl_->words.text(id); }

int WordServices::spelled_word(std::uint32_t id) const {
  if (const std::uint8_t known = impl_->spelled_by_id.get(id); known != 0) return known == 1 ? 1 : 0;
  const std::string_view text = word_text(id);
  if (text.empty()) return -1;
  const int answer = spelled_correctly(text);
  if (answer >= 0) impl_->spelled_by_id.set(id, answer == 1 ? 1 : 2);
  return answer;
}

std::vector<std::string> WordServices::suggestions(std::string_view word) const {
  if (impl_->dictionary() == nullptr) return {};
  if (const auto* cached = impl_->suggestion_cache.find(word)) return *cached;
  const std::optional<std::string> encoded = impl_->to_dictionary(nfc_utf8(word));
  if (!encoded || encoded->empty()) return impl_->suggestion_cache.insert(word, {});
  std::vector<std::string> raw;
  raw = impl_->with_speller([&](Hunspell& h) { return h.suggest(*encoded); });
  std::vector<std::string> result;
  result.reserve(raw.size());
  for (const auto& suggestion : raw) result.push_back(impl_->from_dictionary(suggestion));
  return impl_->suggestion_cache.insert(word, std::move(result));
}

void WordServices::open_spellers(std::size_t count) const { impl_->open_spellers(count); }

void WordServices::set_lexicon(const Lexicon* lexicon) { impl_->lexicon = lexicon; }
const Lexicon* WordServices::lexicon() const { return impl_->lexicon; }

std::vector<std::string> WordServices::compound_parts(std::string_view word) const {
  if (!impl_->hunspell_files_found) return {std::string(word)};
  if (const auto* cached = impl_->compound_cache.find(word)) return *cached;
  if (impl_->dictionary() == nullptr) return {std::string(word)};
  return impl_->compound_cache.insert(word, impl_->split_compound(nfc_utf8(word)));
}

// ---- Hunspell's answers on disk ---------------------------------------------------------------------------------
//
// One text file: a first line that says for which program and dictionary the answers hold, then one answer per
// line, fields split by tabs:
//   s <word> 0|1          spelled_correctly()
//   p <probe> 0|1         a compound probe (compound_part_allowed)
//   c <word> <part>...    compound_parts()
// A word with a tab or line break in it is not written. A line that does not parse is skipped; a file whose first
// line differs (another helder, another dictionary, another format) is not read at all.

namespace {

constexpr std::string_view kAnswersFormat = "helder-word-answers 1";
// About 5 MB, read in a few tens of milliseconds on the preloading thread. When the cache is full, the answers
// beyond it are not written (which ones is not chosen: it is a cache, a dropped word is asked again).
constexpr std::size_t kMaxAnswers = 200'000;

std::string file_identity(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return path.string() + " ?";
  const auto time = std::filesystem::last_write_time(path, ec);
  const auto ticks = ec ? 0 : static_cast<long long>(time.time_since_epoch().count());
  return fmt::format("{} {} {}", path.string(), size, ticks);
}

// The GNU build id of the running program (a hash the linker puts in it: the same for the same code, even when
// it is built again at another time or in a fresh CI job), in hex; empty when it has none.
std::string program_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) -> int {
        // The first object is the program itself.
        for (int h = 0; h < info->dlpi_phnum; ++h) {
          const ElfW(Phdr)& ph = info->dlpi_phdr[h];
          if (ph.p_type != PT_NOTE) continue;
          const char* at = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
          const char* end = at + ph.p_memsz;
          while (at + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, at, sizeof note);
            const char* name = at + sizeof note;
            const char* desc = name + ((note.n_namesz + 3) & ~3u);
            const char* next = desc + ((note.n_descsz + 3) & ~3u);
            if (next > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
              auto& hex = *static_cast<std::string*>(out);
              for (std::uint32_t i = 0; i < note.n_descsz; ++i)
                hex += fmt::format("{:02x}", static_cast<unsigned char>(desc[i]));
              return 1;
            }
            at = next;
          }
        }
        return 1;
      },
      &id);
  return id;
}

// The file a function of a shared library was loaded from ("" when unknown).
std::string library_of(const void* function) {
  Dl_info info{};
  return dladdr(function, &info) != 0 && info.dli_fname != nullptr ? info.dli_fname : "";
}

// A small file by what it holds (its name, size and a hash of its bytes), not its place or time: a fresh checkout
// gives every file a new time.
std::string content_identity(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return path.string() + " ?";
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a
  std::size_t size = 0;
  for (char c; in.get(c); ++size) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return fmt::format("{} {} {:016x}", path.filename().string(), size, hash);
}

bool writable_key(std::string_view key) {
  return !key.empty() && key.find_first_of("\t\n\r") == std::string_view::npos;
}

}  // namespace

std::string WordServices::answers_identity() const {
  if (!impl_->hunspell_files_found) return {};
  // The program: another helder may split compounds differently. By its build id, so that the same code built
  // again (a CI job builds helder afresh) keeps its answers; by its size and time when it has no build id.
  static const std::string program = [] {
    if (std::string id = program_build_id(); !id.empty()) return "build-id " + id;
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("?") : file_identity(exe);
  }();
  // Hunspell itself (an update may answer differently), and the dictionary.
  static const std::string hunspell = [] {
    const std::string library = library_of(reinterpret_cast<const void*>(&Hunspell_create));
    return library.empty() ? std::string("?") : file_identity(library);
  }();
  // The words that decide how compounds split are data (compound-words-nl.tsv): the answers of a split hold for
  // one version of that file.
  return fmt::format("{}\t{}\t{}\t{}\t{}\t{}", kAnswersFormat, program, hunspell,
                     file_identity(impl_->hunspell_paths.hunspell_aff), file_identity(impl_->hunspell_paths.hunspell_dic),
                     content_identity(impl_->hunspell_paths.compound_words));
}

namespace {

// Reads `file` and calls `answer(kind, key, fields)` for each line when its first line is `identity`.
template <class Answer>
std::size_t read_answers(const std::filesystem::path& file, const std::string& identity, Answer&& answer) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return 0;
  std::string line;
  if (!std::getline(in, line) || line != identity) return 0;
  std::size_t count = 0;
  std::vector<std::string_view> fields;
  while (std::getline(in, line)) {
    fields.clear();
    std::string_view rest(line);
    while (true) {
      const std::size_t tab = rest.find('\t');
      fields.push_back(rest.substr(0, tab));
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (fields.size() < 3 || fields[0].size() != 1 || fields[1].empty()) continue;
    if (answer(fields[0][0], fields[1], fields)) ++count;
  }
  return count;
}

}  // namespace

std::size_t WordServices::load_answers(const std::filesystem::path& file) const {
  const std::string identity = answers_identity();
  if (identity.empty()) return 0;
  Impl& impl = *impl_;
  const std::size_t count = read_answers(file, identity, [&](char kind, std::string_view key,
                                                             const std::vector<std::string_view>& fields) {
    if ((kind == 's' || kind == 'p') && fields.size() == 3 && (fields[2] == "0" || fields[2] == "1")) {
      (kind == 's' ? impl.spelling_cache : impl.probe_cache).insert(key, fields[2] == "1" ? 1 : 0, false);
      return true;
    }
    if (kind == 'c') {
      std::vector<std::string> parts(fields.begin() + 2, fields.end());
      if (std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) return false;
      impl.compound_cache.insert(key, std::move(parts), false);
      return true;
    }
    return false;
  });
  return count;
}

std::size_t WordServices::new_answers() const {
  return impl_->spelling_cache.added() + impl_->probe_cache.added() + impl_->compound_cache.added();
}

std::size_t WordServices::save_answers(const std::filesystem::path& file) const {
  const std::string identity = answers_identity();
  if (identity.empty()) return 0;
  Impl& impl = *impl_;
  impl.spelling_cache.take_added();
  impl.probe_cache.take_added();
  impl.compound_cache.take_added();
  std::string out = identity + "\n";
  std::size_t count = 0;
  auto add = [&](char kind, std::string_view key, auto&& write_value) {
    if (count >= kMaxAnswers || !writable_key(key)) return;
    out += kind;
    out += '\t';
    out += key;
    write_value();
    out += '\n';
    ++count;
  };
  impl.spelling_cache.for_each([&](const std::string& key, int value) {
    add('s', key, [&] { out += value ? "\t1" : "\t0"; });
  });
  impl.probe_cache.for_each([&](const std::string& key, int value) {
    add('p', key, [&] { out += value ? "\t1" : "\t0"; });
  });
  impl.compound_cache.for_each([&](const std::string& key, const std::vector<std::string>& parts) {
    if (parts.empty() || !std::all_of(parts.begin(), parts.end(), writable_key)) return;
    add('c', key, [&] {
      for (const std::string& part : parts) {
        out += '\t';
        out += part;
      }
    });
  });
  // Another server may have written answers this one does not know: keep them (the last writer wins otherwise).
  read_answers(file, identity, [&](char kind, std::string_view key, const std::vector<std::string_view>& fields) {
    const bool known = kind == 's'   ? impl.spelling_cache.find(key) != nullptr
                       : kind == 'p' ? impl.probe_cache.find(key) != nullptr
                       : kind == 'c' ? impl.compound_cache.find(key) != nullptr
                                     : true;
    if (known) return false;
    add(kind, key, [&] {
      for (std::size_t i = 2; i < fields.size(); ++i) {
        out += '\t';
        out += fields[i];
      }
    });
    return true;
  });
  if (count == 0) return 0;
  try {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    write_file_atomically(file, out);
  } catch (const std::exception&) {
    return 0;  // a cache that cannot be written only makes the next start slower
  }
  return count;
}

}  // namespace helder
