// The engine: analyses a text (paragraphs, sentences, tokens, word data, readability) and runs the
// configured rules from their plugins over it. Knows nothing of terminals, JSON or LSP.
#pragma once

#include <helder/config.hpp>
#include <helder/lexicon.hpp>
#include <helder/plugin_abi.h>
#include <helder/plugin_loader.hpp>
#include <helder/reader.hpp>
#include <helder/reading_level.hpp>
#include <helder/segmentation.hpp>
#include <helder/word_services.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace helder {

// Where the program finds its plugins and data: next to the executable, the same in the build tree
// and in the install tree (bin/, lib/helder/plugins/, share/helder/; the plugin worker in lib/helder/).
struct InstallLayout {
  std::filesystem::path plugin_dir;
  std::filesystem::path share_dir;
  std::filesystem::path plugin_worker;  // lib/helder/helder-plugin-worker
  std::filesystem::path pack_dir() const { return share_dir / "rules"; }
  std::filesystem::path data_dir() const { return share_dir / "data"; }
  static InstallLayout detect();
};

// The language services every engine shares: the abbreviation list, the segmenter, the word services.
struct LanguageServices {
  std::shared_ptr<const AbbreviationList> abbreviations;
  std::unique_ptr<Segmenter> segmenter;
  std::unique_ptr<WordServices> words;
  std::shared_ptr<const Lexicon> lexicon;  // host/data/lexicon-nl; empty (with a problem) when it cannot be read
  std::vector<std::string> problems;  // Dutch messages: missing dictionaries and the like

  // `word_answers`: a file of Hunspell's answers kept between runs (WordServices::load_answers); empty for none.
  static std::shared_ptr<const LanguageServices> load(const std::filesystem::path& data_dir,
                                                      const WordServicePaths& word_paths,
                                                      const std::filesystem::path& word_answers = {});
};

struct Readability {
  std::uint32_t sentences = 0;
  std::uint32_t words = 0;         // words, numbers, abbreviations and acronyms
  std::uint32_t letter_words = 0;  // words with letters (the syllables are counted over these)
  std::uint32_t syllables = 0;
  double flesch_douma = 0;  // 206.84 - 0.93 * words/sentence - 77 * syllables/word
  double leesindex_a = 0;   // 195 - 2 * words/sentence - 66.67 * syllables/word
  // The CEFR level the scores map to (reading_level.hpp); "" for a text without sentences.
  std::string_view level() const { return sentences ? cefr_name(cefr_index(flesch_douma)) : std::string_view(); }
};
Readability readability(std::uint32_t sentences, std::uint32_t words, std::uint32_t letter_words,
                        std::uint32_t syllables);

// A passive construction: the auxiliary and the participle (bytes into the paragraph text).
struct PassiveConstruction {
  std::uint32_t sentence = 0;  // index into ParagraphAnalysis::sentences
  Range auxiliary;
  Range participle;
};

// A finding of a rule as the plugin gave it: bytes into its paragraph's text.
// How often each finding id (a 64-bit hash of rule and text) was given so far: the occurrence number that
// makes equal findings' ids unique. Open addressing on the hashes, so a finding costs no allocation here.
class OccurrenceCounts {
 public:
  // The number of earlier occurrences of `hash`; counts this one.
  std::uint32_t next(std::uint64_t hash);

 private:
  std::vector<std::uint64_t> keys_;  // 0: a free slot (the hash 0 itself is counted in zero_)
  std::vector<std::uint32_t> counts_;
  std::size_t size_ = 0;
  std::uint32_t zero_ = 0;
};

struct LocalFinding {
  std::uint32_t rule = 0;       // index of the rule in its engine
  std::uint32_t paragraph = 0;  // index into DocumentAnalysis::paragraphs
  std::uint32_t start = 0;
  std::uint32_t end = 0;
  std::uint32_t severity = HELDER_SEVERITY_RULE;
  std::string message;
  struct Fix {
    std::uint32_t start = 0, end = 0;
    std::string text;
    bool needs_review = false;
  };
  std::vector<Fix> fixes;
};

// The analysis of one block of prose. Offsets are bytes into `text`. The same analysis may be shared
// by two versions of a document (see ParagraphCache), so it does not know where it lies in the document.
struct ParagraphAnalysis {
  BlockKind kind = BlockKind::Paragraph;
  std::string text;
  std::vector<helder_token> tokens;        // `lower` points into the word services' cache
  std::vector<helder_sentence> sentences;
  std::vector<std::uint32_t> letter_words;  // per sentence
  std::vector<PassiveConstruction> passives;
  std::vector<helder_construction> passive_view;  // the same, as plugins see them

  // The findings of the paragraph rules, kept for the next check when the analysis is cached.
  // Only the thread that owns the ParagraphCache touches them.
  mutable std::uint64_t findings_engine = 0;  // Engine::serial() they were made by; 0: none
  mutable std::vector<LocalFinding> findings;
  // The findings of the rules that read the paragraph in context (HELDER_SCOPE_PARAGRAPH_IN_CONTEXT), kept with
  // the paragraphs before it that they were read with: valid while those are the same.
  mutable std::uint64_t context_findings_engine = 0;
  mutable std::vector<std::weak_ptr<const ParagraphAnalysis>> context_of;
  mutable std::vector<LocalFinding> context_findings;
};

// A paragraph in its document.
struct DocumentParagraph {
  Range range;  // bytes into DocumentAnalysis::read.text
  std::shared_ptr<const ParagraphAnalysis> analysis;
  const ParagraphAnalysis* operator->() const { return analysis.get(); }
  const ParagraphAnalysis& operator*() const { return *analysis; }
};

struct DocumentAnalysis {
  ReadText read;  // analysed text, blocks, source map, directives
  std::vector<DocumentParagraph> paragraphs;
  Readability readability;
  bool cached = false;  // made with a ParagraphCache: check() keeps paragraph findings for the next time
};

// Keeps the analysis of paragraphs between checks of one document (the language server has one per open
// buffer): a paragraph whose text did not change is not segmented, looked up or checked again. Holds the
// paragraphs of the last analysis only. Use one cache from one thread at a time.
class ParagraphCache {
 public:
  std::size_t size() const { return entries_.size(); }
  std::size_t hits() const { return hits_; }      // paragraphs reused by the last analysis
  std::size_t misses() const { return misses_; }  // paragraphs analysed again by the last analysis
  void clear() { entries_.clear(); }

 private:
  friend class Engine;
  std::unordered_map<std::string, std::shared_ptr<const ParagraphAnalysis>> entries_;
  std::size_t hits_ = 0, misses_ = 0;
};

struct Replacement {
  std::uint32_t start = 0;  // bytes into the source
  std::uint32_t end = 0;
  std::string text;
  bool needs_review = false;  // the plugin says: a person must choose (HELDER_FIX_NEEDS_REVIEW)
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::Warning;
  std::uint32_t start = 0;  // bytes into the source (UTF-8)
  std::uint32_t end = 0;
  std::string message;  // Dutch
  std::vector<Replacement> fixes;
  std::string id;  // stable across runs and unrelated edits: rule, text and occurrence
  // The same id as numbers ("<16 hex digits of id_hash>-<id_occurrence>"), for tables keyed by it; 0/0 when the
  // finding did not come from Engine::check (read back from a report).
  std::uint64_t id_hash = 0;
  std::uint32_t id_occurrence = 0;
};

// What `helder rules` and `helder dump-config` show of a rule.
struct RuleDescription {
  RuleConfig config;
  std::string plugin;          // "complexity"
  std::string plugin_version;
  std::string effective_options;  // TOML, defaults included
  std::string problem;            // why the rule does not run; empty when it runs
};

class Rule;

class FeatureCache;

class Engine {
 public:
  // Creates every enabled rule of `config` from the plugins in `plugins`. Rules whose plugin or kind
  // is missing, or whose options are wrong, are left out with a message in `messages`.
  Engine(Config config, std::shared_ptr<const LanguageServices> services, const PluginRegistry& plugins,
         std::vector<std::string>& messages);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Config& config() const { return config_; }
  const LanguageServices& services() const { return *services_; }

  // Thread-safe (a cache belongs to one thread at a time). `threads`: how many threads analyze() and check()
  // may use for the paragraphs that are new to them (the caller's included); with much new text (the first
  // check of a long letter) they work side by side. Open as many spellers (WordServices::open_spellers).
  DocumentAnalysis analyze(std::string_view source, Format format, ParagraphCache* cache = nullptr,
                           std::size_t threads = 1) const;
  // The same for a text a reader has already read (a document file's extracted text: read_document).
  DocumentAnalysis analyze(ReadText read, ParagraphCache* cache = nullptr, std::size_t threads = 1) const;
  // `skipped` and `marks`: bytes into `text`.
  ParagraphAnalysis analyze_paragraph(std::string_view text, BlockKind kind, std::span<const Range> skipped,
                                      std::span<const Mark> marks = {}) const;
  // The lexicon of this engine: the host's, extended by the [lexicon] files of the configuration.
  const Lexicon& lexicon() const { return *lexicon_; }
  // Findings in source order. Thread-safe. A rule that fails is disabled; see take_messages().
  std::vector<Finding> check(const DocumentAnalysis& analysis, std::string_view source,
                             std::size_t threads = 1) const;

  // A long text, analysed and checked section by section, so that memory does not grow with the text: a
  // section is a run of whole paragraphs of at most `section_bytes` (limits::section_bytes; one longer
  // paragraph is a section of its own), ended at a heading when one comes in its second half. Document rules
  // (undefined abbreviations, reading level, ...) see one section as their document. `section` is called once
  // per section, in text order, with the section's analysis (its paragraphs only; `read` is the whole text)
  // and its findings in source order; finding ids are unique over the whole text. Returns the readability of
  // the whole text. A text of one section gets the same findings as analyze() and check().
  using SectionSink = std::function<void(const DocumentAnalysis& section, std::vector<Finding>&& findings)>;
  Readability check_in_sections(ReadText read, std::string_view source, std::size_t section_bytes,
                                std::size_t threads, const SectionSink& section) const;

  std::vector<RuleDescription> describe_rules() const;
  // Messages about rules that were disabled while running (Dutch); each is returned once.
  std::vector<std::string> take_messages() const;
  // True when a configured rule does not run: its plugin or kind is missing, its options are wrong, or
  // it failed while running. `helder check` then ends with exit code 2, so CI never passes silently
  // without a rule it was told to run.
  bool rules_failed() const;
  // Unique per engine in this process (paragraph findings cached by one engine are not another's).
  std::uint64_t serial() const { return serial_; }

 private:
  // `context`: the first paragraphs of the unit are only read (scope paragraph in context).
  void run_rule(std::size_t rule, const std::vector<helder_paragraph>& views, std::size_t first,
                std::size_t count, std::vector<LocalFinding>& out, std::size_t context = 0) const;
  // check(), with the occurrence counts of finding ids kept by the caller (check_in_sections: over sections).
  std::vector<Finding> check(const DocumentAnalysis& analysis, std::string_view source, std::size_t threads,
                             OccurrenceCounts& seen_ids) const;

  Config config_;
  std::uint64_t serial_;
  std::shared_ptr<const LanguageServices> services_;
  std::shared_ptr<const Lexicon> lexicon_;
  // The features of an extended lexicon_ (a pack's word lists) by word id, packed (see token_features.hpp): the
  // word services keep those of the shared lexicon with each word form, this engine those of its own.
  std::unique_ptr<FeatureCache> features_;
  std::vector<std::vector<std::string>> names_;  // the configuration's fixed names, split into words
  std::vector<std::unique_ptr<Rule>> rules_;
  std::vector<RuleDescription> left_out_;
  mutable std::mutex messages_mutex_;
  mutable std::vector<std::string> messages_;
  struct HostContext;
  std::unique_ptr<HostContext> host_context_;
  std::unique_ptr<helder_host> host_;
};

}  // namespace helder
