// What the server answers about one checked document version: diagnostics, hovers, the reading level
// (code lens, inlay hint) and code actions. Pure functions of a CheckResult; no I/O, no locks.
#pragma once

#include <helder/engine.hpp>
#include <helder/lsp/jsonrpc.hpp>
#include <helder/lsp/protocol.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace helder::lsp {

// The outcome of checking one version of a document. Immutable once finished; shared between the
// worker that made it and the requests that read it. Not movable: `positions` views `text`.
struct CheckResult {
  CheckResult() = default;
  CheckResult(const CheckResult&) = delete;
  CheckResult& operator=(const CheckResult&) = delete;

  std::string uri;
  std::int64_t version = 0;
  std::string text;  // the source all offsets refer to
  Format format = Format::PlainText;
  PositionEncoding encoding = PositionEncoding::Utf16;
  std::shared_ptr<const Engine> engine;      // null when the configuration is broken
  std::optional<DocumentAnalysis> analysis;  // null likewise
  std::vector<Finding> findings;             // source order, after the minimum-severity filter
  std::uint32_t long_sentence = 25;          // words: the sentence-length rule's warning_above
  std::string problem;                       // Dutch: why nothing was checked (a configuration error)
  std::string result_id;                     // for pull diagnostics
  std::optional<PositionMap> positions;

  // Call once the fields above are set.
  void finish() { positions.emplace(text, encoding); }
  const Finding* find(std::string_view id) const;
};

// What a diagnostic says besides its range, as JSON text, kept by finding id between the checks of one
// document: after a keystroke nearly every finding is the same one, and only its range is written again.
// One per document; only the thread that checks the document uses it.
class DiagnosticCache {
 public:
  // Appends everything after the range of `f`'s diagnostic ({"range":...,<this>}).
  void append(std::string& out, const CheckResult& r, const Finding& f);
  // Forgets the findings that were not written since the last call (they are gone from the document).
  void sweep();

 private:
  struct Entry {
    std::string rule_id, message;
    Severity severity = Severity::Warning;
    std::string json;
    bool used = false;
    std::size_t position = static_cast<std::size_t>(-1);  // in order_; -1: not in the last diagnostics
  };
  // By Finding::id, as its two numbers (a string key cost a hash of the id and a compare per diagnostic per
  // keystroke); a finding without them (id_hash 0) is keyed by the hash of its id string.
  struct Key {
    std::uint64_t hash;
    std::uint32_t occurrence;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const { return k.hash ^ (std::size_t{k.occurrence} * 0x9E3779B97F4A7C15ull); }
  };
  std::unordered_map<Key, Entry, KeyHash> entries_;
  // The entries in the order of the last diagnostics. The next check mostly has the same findings in the same
  // order, so append() finds them by walking this list; the map (a cache miss per lookup in a large map) is only
  // asked for a finding that is new or moved, and the walk goes on after it.
  std::vector<std::pair<Key, Entry*>> order_, next_order_;
  std::size_t cursor_ = 0;
  std::map<std::string, std::string, std::less<>> hrefs_;  // documentation link per rule
  std::uint64_t engine_ = 0;                        // Engine::serial() the entries were made with
};

// The diagnostics as the text of a JSON array (made without a JSON tree: this runs after every keystroke).
// The second form writes into `out` (cleared first), so that a caller can keep one buffer for every check, and
// reuses what `cache` kept of the findings of the last check.
std::string diagnostics(const CheckResult& r);
void diagnostics(const CheckResult& r, std::string& out, DiagnosticCache* cache = nullptr);
json diagnostic(const CheckResult& r, const Finding& f);
// Appends `s` as a JSON string, quotes included; invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string& out, std::string_view s);

// "Leesniveau B2 (doel B1) - Flesch-Douma 48 - 3 zinnen boven 25 woorden".
std::string reading_level_line(const CheckResult& r);
json code_lenses(const CheckResult& r);
json inlay_hints(const CheckResult& r, const json& range);

// A Hover for the finding(s) under the position, else for the sentence there; null elsewhere.
json hover(const CheckResult& r, const json& position);

// What code actions need beyond the result.
struct ActionContext {
  bool document_changes = false;  // the client applies documentChanges (versioned edits)
  bool create_files = false;      // ... including CreateFile
  std::filesystem::path project_config;            // the .helder.toml that gets accepted words
  std::optional<std::string> project_config_text;  // its text (the editor's buffer if open); nullopt: missing
  std::optional<std::int64_t> project_config_version;  // set when the editor has it open
  std::function<std::string(std::string_view)> lower;  // lower case as the engine compares words
  // Spelling suggestions (Hunspell); the spelling rule leaves them out while the writer types.
  std::function<std::vector<std::string>(std::string_view)> suggestions;
};
json code_actions(const CheckResult& r, const json& params, const ActionContext& context);

}  // namespace helder::lsp
