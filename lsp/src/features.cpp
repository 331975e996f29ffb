// Diagnostics, hovers, the reading level and code actions of one checked document (see features.hpp).
#include "features.hpp"

#include <helder/lsp/edits.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

namespace helder::lsp {

namespace fs = std::filesystem;

const Finding* CheckResult::find(std::string_view id) const {
  for (const Finding& f : findings)
    if (f.id == id) return &f;
  return nullptr;
}

namespace {

std::string_view severity_word(Severity s) {
  switch (s) {
    case Severity::Error: return "fout";
    case Severity::Warning: return "waarschuwing";
    case Severity::Info: return "tip";
    case Severity::Hint: return "hint";
  }
  return "melding";
}

// Text from the writer, shown in Markdown: characters with a meaning there are escaped.
std::string md_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    if (std::string_view("\\`*_{}[]<>()#+-!|~").find(c) != std::string_view::npos) out += '\\';
    out += c == '\n' || c == '\r' ? ' ' : c;
  }
  return out;
}

// At most `max` bytes of `s`, cut at a character boundary, with "…" when cut.
std::string shorten(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "…";
}

std::string documentation_uri(const Engine& engine, std::string_view rule_id) {
  const RuleConfig* rule = engine.config().find_rule(rule_id);
  if (!rule || rule->documentation.empty()) return {};
  std::error_code ec;
  if (!fs::is_regular_file(rule->documentation, ec)) return {};
  return uri_from_path(rule->documentation);
}

const RuleConfig* rule_of(const CheckResult& r, std::string_view rule_id) {
  return r.engine ? r.engine->config().find_rule(rule_id) : nullptr;
}

struct SentenceAt {
  const ParagraphAnalysis* paragraph = nullptr;
  std::size_t index = 0;
  std::uint32_t start = 0, end = 0;  // bytes into the source
};

// The sentence whose source range holds `byte`.
std::optional<SentenceAt> sentence_at(const CheckResult& r, std::uint32_t byte) {
  if (!r.analysis) return std::nullopt;
  const SourceMap& map = r.analysis->read.map;
  for (const DocumentParagraph& p : r.analysis->paragraphs) {
    if (byte < map.to_source(p.range.start) || byte > map.to_source_end(p.range.end)) continue;
    for (std::size_t i = 0; i < p->sentences.size(); ++i) {
      const helder_sentence& s = p->sentences[i];
      const std::uint32_t start = map.to_source(p.range.start + s.start);
      const std::uint32_t end = map.to_source_end(p.range.start + s.end);
      if (byte >= start && byte < end) return SentenceAt{p.analysis.get(), i, start, end};
    }
  }
  return std::nullopt;
}

json text_edit(const PositionMap& positions, std::uint32_t start, std::uint32_t end, std::string text) {
  return json{{"range", positions.range_to_json(start, end)}, {"newText", std::move(text)}};
}

// A WorkspaceEdit with `edits` on one document; versioned when the client takes documentChanges.
json workspace_edit(const ActionContext& c, const std::string& uri, std::optional<std::int64_t> version, json edits) {
  if (c.document_changes) {
    return json{{"documentChanges",
                 json::array({json{{"textDocument", {{"uri", uri}, {"version", version ? json(*version) : json(nullptr)}}},
                                   {"edits", std::move(edits)}}})}};
  }
  return json{{"changes", {{uri, std::move(edits)}}}};
}

json action(std::string title, json diagnostics, json edit, bool preferred = false) {
  json a{{"title", std::move(title)}, {"kind", "quickfix"}, {"edit", std::move(edit)}};
  if (!diagnostics.empty()) a["diagnostics"] = std::move(diagnostics);
  if (preferred) a["isPreferred"] = true;
  return a;
}

// A word a project can accept: one token of letters, short, without markup.
bool acceptable_word(std::string_view w) {
  if (w.empty() || w.size() >= 64) return false;
  bool letter = false;
  for (const char c : w) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || std::string_view("*_`[]()<>#|\"\\").find(c) != std::string_view::npos) return false;
    if (std::isalpha(u) || u >= 0x80) letter = true;
  }
  return letter;
}

// Up to three spelling suggestions for `word`, with its capital kept.
std::vector<std::string> spelling_suggestions(std::string_view word, const ActionContext& c) {
  std::vector<std::string> out;
  if (!acceptable_word(word)) return out;
  const bool capital = word.front() >= 'A' && word.front() <= 'Z';
  std::vector<std::string> found = c.suggestions(word);
  if (found.empty() && capital) {  // Hunspell finds little for a capital at the start of a sentence
    std::string lower(word);
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    found = c.suggestions(lower);
  }
  for (std::string s : found) {
    if (capital && !s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    if (s == word || std::find(out.begin(), out.end(), s) != out.end()) continue;
    out.push_back(std::move(s));
    if (out.size() == 3) break;
  }
  return out;
}

std::uint32_t long_sentences(const CheckResult& r) {
  std::uint32_t n = 0;
  for (const DocumentParagraph& p : r.analysis->paragraphs)
    for (const helder_sentence& s : p->sentences)
      if (s.word_count > r.long_sentence) ++n;
  return n;
}

}  // namespace

json diagnostic(const CheckResult& r, const Finding& f) {
  json d{{"range", r.positions->range_to_json(f.start, f.end)},
         {"severity", diagnostic_severity(f.severity)},
         {"code", f.rule_id},
         {"source", "helder"},
         {"message", f.message},
         {"data", {{"id", f.id}}}};
  if (r.engine)
    if (std::string href = documentation_uri(*r.engine, f.rule_id); !href.empty())
      d["codeDescription"] = {{"href", std::move(href)}};
  return d;
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    // Runs of plain ASCII go in at once.
    static constexpr auto plain = [] {
      std::array<bool, 256> table{};
      for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
      return table;
    }();
    std::size_t run = i;
    while (run < s.size() && plain[static_cast<unsigned char>(s[run])]) ++run;
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // A whole, valid UTF-8 sequence is copied; anything else becomes U+FFFD.
    const std::size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    bool valid = length > 0 && i + length <= s.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (valid && length == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
    } else if (valid && length == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      valid = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (valid) {
      out.append(s.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

// Written directly, not through a JSON tree: a long letter has thousands of findings, and this runs
// after every keystroke.
std::string diagnostics(const CheckResult& r) {
  std::string out;
  diagnostics(r, out);
  return out;
}

namespace {

// Everything of a diagnostic after its range: severity, code, documentation, message and id. `hrefs` keeps the
// documentation link of each rule (looking one up asks the file system).
void append_diagnostic_tail(std::string& out, const CheckResult& r, const Finding& f,
                            std::map<std::string, std::string, std::less<>>& hrefs) {
  fmt::format_to(std::back_inserter(out), R"("severity":{},"code":)", diagnostic_severity(f.severity));
  append_json_string(out, f.rule_id);
  auto href = hrefs.find(f.rule_id);
  if (href == hrefs.end()) href = hrefs.emplace(f.rule_id, r.engine ? documentation_uri(*r.engine, f.rule_id) : "").first;
  if (!href->second.empty()) {
    out += R"(,"codeDescription":{"href":)";
    append_json_string(out, href->second);
    out += '}';
  }
  out += R"(,"source":"helder","message":)";
  append_json_string(out, f.message);
  out += R"(,"data":{"id":)";
  append_json_string(out, f.id);
  out += "}}";
}

}  // namespace

void DiagnosticCache::append(std::string& out, const CheckResult& r, const Finding& f) {
  const std::uint64_t engine = r.engine ? r.engine->serial() : 0;
  if (engine != engine_) {  // another configuration: other documentation links, maybe other rules
    entries_.clear();
    order_.clear();
    next_order_.clear();
    cursor_ = 0;
    hrefs_.clear();
    engine_ = engine;
  }
  const Key key = f.id_hash ? Key{f.id_hash, f.id_occurrence} : Key{std::hash<std::string>{}(f.id), ~0u};
  Entry* found = nullptr;
  if (cursor_ < order_.size() && order_[cursor_].first == key) {
    found = order_[cursor_++].second;
  } else {
    found = &entries_[key];
    if (found->position < order_.size()) cursor_ = found->position + 1;  // go on after it
  }
  Entry& e = *found;
  next_order_.emplace_back(key, found);
  // The id holds the rule and the words; the message can still differ (it may name words around them).
  if (e.json.empty() || e.severity != f.severity || e.message != f.message || e.rule_id != f.rule_id) {
    e.rule_id = f.rule_id;
    e.message = f.message;
    e.severity = f.severity;
    e.json.clear();
    append_diagnostic_tail(e.json, r, f, hrefs_);
  }
  e.used = true;
  out += e.json;
}

void DiagnosticCache::sweep() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (!it->second.used) {
      it = entries_.erase(it);
    } else {
      it->second.used = false;
      ++it;
    }
  }
  order_.swap(next_order_);
  next_order_.clear();
  cursor_ = 0;
  for (std::size_t i = 0; i < order_.size(); ++i) order_[i].second->position = i;
}

void diagnostics(const CheckResult& r, std::string& out, DiagnosticCache* cache) {
  out.clear();
  out.reserve(r.findings.size() * 320 + 2);
  out += '[';
  std::map<std::string, std::string, std::less<>> hrefs;  // without a cache: per rule, looked up once
  for (const Finding& f : r.findings) {
    if (out.size() > 1) out += ',';
    const LineIndex::Position start = r.positions->position(f.start);
    const LineIndex::Position end = f.end == f.start ? start : r.positions->position(f.end);
    // Written by hand: this runs for every diagnostic on every keystroke, and a format string costs more than
    // the four numbers.
    const auto number = [&out](std::uint32_t v) {
      char digits[16];
      const auto [end_of, ec] = std::to_chars(digits, digits + sizeof digits, v);
      out.append(digits, end_of);
    };
    out += R"({"range":{"start":{"line":)";
    number(start.line);
    out += R"(,"character":)";
    number(start.column);
    out += R"(},"end":{"line":)";
    number(end.line);
    out += R"(,"character":)";
    number(end.column);
    out += "}},";
    if (cache) cache->append(out, r, f);
    else append_diagnostic_tail(out, r, f, hrefs);
  }
  if (cache) cache->sweep();
  out += ']';
}

std::string reading_level_line(const CheckResult& r) {
  if (!r.analysis) return "Leesniveau onbekend: de configuratie van helder heeft een fout";
  const Readability& read = r.analysis->readability;
  if (read.sentences == 0) return "Leesniveau: nog geen zinnen";
  std::string line = fmt::format("Leesniveau {}", read.level());
  if (r.engine && !r.engine->config().target_level.empty()) line += fmt::format(" (doel {})", r.engine->config().target_level);
  line += fmt::format(" - Flesch-Douma {}", static_cast<long>(std::lround(read.flesch_douma)));
  const std::uint32_t n = long_sentences(r);
  if (n == 0) line += fmt::format(" - geen zinnen boven {} woorden", r.long_sentence);
  else line += fmt::format(" - {} {} boven {} woorden", n, n == 1 ? "zin" : "zinnen", r.long_sentence);
  return line;
}

json code_lenses(const CheckResult& r) {
  return json::array({json{{"range", r.positions->range_to_json(0, 0)},
                           {"command", {{"title", reading_level_line(r)}, {"command", ""}}}}});
}

json inlay_hints(const CheckResult& r, const json& range) {
  const std::uint32_t start = r.positions->offset(member(range, "start"));
  const std::uint32_t first_line_end = r.positions->lines().line_end(0);
  if (start > first_line_end) return json::array();
  return json::array({json{{"position", r.positions->to_json(first_line_end)},
                           {"label", reading_level_line(r)},
                           {"paddingLeft", true}}});
}

namespace {
std::string sentence_summary(const CheckResult& r, const SentenceAt& sentence);
}  // namespace

json hover(const CheckResult& r, const json& position) {
  const std::uint32_t byte = r.positions->offset(position);
  std::vector<const Finding*> here;
  for (const Finding& f : r.findings)
    if ((f.start <= byte && byte < f.end) || (f.start == f.end && f.start == byte)) here.push_back(&f);
  const std::optional<SentenceAt> sentence = sentence_at(r, byte);

  std::string md;
  if (!here.empty()) {
    std::uint32_t start = here.front()->start, end = here.front()->end;
    for (const Finding* f : here) {
      if (!md.empty()) md += "\n\n---\n\n";
      start = std::min(start, f->start);
      end = std::max(end, f->end);
      const RuleConfig* rule = rule_of(r, f->rule_id);
      md += fmt::format("**{}** ({}, {})\n\n", md_escape(f->message), f->rule_id, severity_word(f->severity));
      if (rule && !rule->summary.empty()) md += fmt::format("*Waarom?* {}\n\n", md_escape(rule->summary));
      if (!f->fixes.empty()) {
        std::string options;
        for (std::size_t i = 0; i < f->fixes.size() && i < 5; ++i)
          options += (i ? " of " : "") + fmt::format("\"{}\"", md_escape(f->fixes[i].text));
        md += fmt::format("*Beter:* {}\n\n", options);
        // The sentence with the first suggestion in it.
        const Replacement& fix = f->fixes.front();
        if (sentence && fix.start >= sentence->start && fix.end <= sentence->end && sentence->end - sentence->start < 600) {
          const std::string_view src = r.text;
          const std::string before(src.substr(sentence->start, fix.start - sentence->start));
          const std::string after(src.substr(fix.end, sentence->end - fix.end));
          md += fmt::format("*Zo wordt de zin:* {}**{}**{}\n\n", md_escape(before), md_escape(fix.text), md_escape(after));
        }
      }
      if (r.engine)
        if (const std::string href = documentation_uri(*r.engine, f->rule_id); !href.empty())
          md += fmt::format("[Meer over deze regel]({})\n", href);
    }
    // A finding about the whole sentence (its length): what else is in that sentence helps too.
    const bool whole_sentence = sentence && std::any_of(here.begin(), here.end(), [&](const Finding* f) {
      return f->start <= sentence->start && f->end >= sentence->end;
    });
    if (whole_sentence) md += "\n---\n\n" + sentence_summary(r, *sentence);
    return json{{"contents", {{"kind", "markdown"}, {"value", md}}}, {"range", r.positions->range_to_json(start, end)}};
  }
  if (!sentence) return nullptr;
  md = sentence_summary(r, *sentence);
  if (md.empty()) return nullptr;
  return json{{"contents", {{"kind", "markdown"}, {"value", md}}},
              {"range", r.positions->range_to_json(sentence->start, sentence->end)}};
}

namespace {

// Length, reading level and constructions of one sentence (Markdown); empty for a sentence without words.
std::string sentence_summary(const CheckResult& r, const SentenceAt& sentence) {
  std::string md;
  const ParagraphAnalysis& p = *sentence.paragraph;
  const helder_sentence& s = p.sentences[sentence.index];
  if (s.word_count == 0) return md;
  const ReadingScores scores = reading_scores(1, s.word_count, p.letter_words[sentence.index], s.syllable_count);
  md += fmt::format("**Deze zin:** {} {} - leesniveau {} (Flesch-Douma {})\n\n", s.word_count,
                    s.word_count == 1 ? "woord" : "woorden", cefr_name(cefr_index(scores.flesch_douma)),
                    static_cast<long>(std::lround(scores.flesch_douma)));
  if (s.word_count > r.long_sentence)
    md += fmt::format("De zin is lang: meer dan {} woorden. Maak er twee of drie zinnen van.\n\n", r.long_sentence);
  std::string passives;
  for (const PassiveConstruction& pc : p.passives) {
    if (pc.sentence != sentence.index) continue;
    const std::string_view text = p.text;
    passives += fmt::format("{}\"{} … {}\"", passives.empty() ? "" : ", ",
                            md_escape(text.substr(pc.auxiliary.start, pc.auxiliary.end - pc.auxiliary.start)),
                            md_escape(text.substr(pc.participle.start, pc.participle.end - pc.participle.start)));
  }
  if (!passives.empty()) md += fmt::format("**Lijdende vorm:** {}. Schrijf wie iets doet.\n\n", passives);
  std::map<std::string, int> rules;
  for (const Finding& f : r.findings)
    if (f.start >= sentence.start && f.start < sentence.end) ++rules[f.rule_id];
  if (!rules.empty()) {
    std::string list;
    for (const auto& [rule, n] : rules) {
      const RuleConfig* rc = rule_of(r, rule);
      list += fmt::format("\n- {} ({}x){}", rule, n, rc && !rc->summary.empty() ? ": " + md_escape(rc->summary) : "");
    }
    md += "**Meldingen in deze zin:**" + list + "\n";
  }
  return md;
}

}  // namespace

json code_actions(const CheckResult& r, const json& params, const ActionContext& c) {
  json out = json::array();
  const json& context = member(params, "context");
  if (const json* only = optional_member(context, "only"); only && only->is_array()) {
    const bool wanted = std::any_of(only->begin(), only->end(), [](const json& k) {
      return k.is_string() && (k == "quickfix" || k == "");
    });
    if (!wanted) return out;
  }
  // The findings the client asks about: by the id in each diagnostic's data; without diagnostics, those
  // in the range.
  std::vector<std::pair<const Finding*, json>> asked;
  if (const json* diags = optional_member(context, "diagnostics"); diags && diags->is_array()) {
    for (const json& d : *diags) {
      if (!d.is_object() || d.value("source", "") != "helder") continue;
      const json* data = optional_member(d, "data");
      if (!data || !data->is_object() || !data->contains("id") || !(*data)["id"].is_string()) continue;
      if (const Finding* f = r.find((*data)["id"].get<std::string>())) asked.emplace_back(f, d);
    }
  }
  if (asked.empty()) {
    const json& range = member(params, "range");
    const std::uint32_t start = r.positions->offset(member(range, "start"));
    const std::uint32_t end = r.positions->offset(member(range, "end"));
    for (const Finding& f : r.findings)
      if (f.start <= end && start <= f.end) asked.emplace_back(&f, diagnostic(r, f));
  }

  const PositionMap& pos = *r.positions;
  std::set<std::string> rules_done, words_done;
  for (const auto& [f, diag] : asked) {
    const json diags = json::array({diag});
    // 1. The suggested replacements. A spelling finding made while typing has none: they are asked now.
    std::vector<Replacement> fixes = f->fixes;
    const RuleConfig* rule = rule_of(r, f->rule_id);
    if (fixes.empty() && rule && rule->kind == "spelling.spelling" && c.suggestions)
      for (const std::string& s : spelling_suggestions(std::string_view(r.text).substr(f->start, f->end - f->start), c))
        fixes.push_back(Replacement{f->start, f->end, s});
    for (std::size_t i = 0; i < fixes.size(); ++i) {
      const Replacement& fx = fixes[i];
      const std::string old = shorten(std::string_view(r.text).substr(fx.start, fx.end - fx.start), 40);
      std::string title = fx.text.empty() ? fmt::format("Haal \"{}\" weg", old)
                                          : fmt::format("Vervang \"{}\" door \"{}\"", old, shorten(fx.text, 60));
      out.push_back(action(std::move(title), diags,
                           workspace_edit(c, r.uri, r.version, json::array({text_edit(pos, fx.start, fx.end, fx.text)})),
                           i == 0));
    }
    const bool first_of_rule = rules_done.insert(f->rule_id).second;
    // 2. Every finding of this rule with a suggestion, each with its first one (no overlaps).
    if (first_of_rule) {
      json edits = json::array();
      json fixed = json::array();
      std::uint32_t covered = 0;
      for (const Finding& g : r.findings) {
        if (g.rule_id != f->rule_id || g.fixes.empty()) continue;
        const Replacement& fx = g.fixes.front();
        if (!edits.empty() && fx.start < covered) continue;
        edits.push_back(text_edit(pos, fx.start, fx.end, fx.text));
        fixed.push_back(diagnostic(r, g));
        covered = fx.end;
      }
      if (const std::size_t n = edits.size(); n > 1)
        out.push_back(action(fmt::format("Verbeter alle {} meldingen van {} in dit document", n, f->rule_id),
                             std::move(fixed), workspace_edit(c, r.uri, r.version, std::move(edits))));
    }
    // 3. The word into the project's vocabulary.
    const std::string_view word = std::string_view(r.text).substr(f->start, f->end - f->start);
    if (acceptable_word(word) && !c.project_config.empty() && c.lower && words_done.insert(std::string(word)).second) {
      const std::string lower = c.lower(word);
      const std::string config_uri = uri_from_path(c.project_config);
      const std::string title = fmt::format("Voeg \"{}\" toe aan de woordenlijst van het project (.helder.toml)", word);
      if (!c.project_config_text) {
        if (c.document_changes && c.create_files) {
          json create{{"kind", "create"}, {"uri", config_uri}, {"options", {{"ignoreIfExists", true}}}};
          json edit{{"textDocument", {{"uri", config_uri}, {"version", nullptr}}},
                    {"edits", json::array({json{{"range", {{"start", {{"line", 0}, {"character", 0}}},
                                                           {"end", {{"line", 0}, {"character", 0}}}}},
                                                {"newText", new_config_with_word(lower)}}})}};
          out.push_back(action(title, diags, json{{"documentChanges", json::array({create, edit})}}));
        }
      } else {
        const VocabularyEdit v = add_accepted_word(*c.project_config_text, lower);
        if (v.outcome == VocabularyEdit::Outcome::Insert) {
          const PositionMap config_pos(*c.project_config_text, r.encoding);
          out.push_back(action(title, diags,
                               workspace_edit(c, config_uri, c.project_config_version,
                                              json::array({text_edit(config_pos, v.insertion.offset, v.insertion.offset,
                                                                     v.insertion.text)}))));
        }
      }
    }
    // 4. and 5. Switch the rule off for the paragraph or the document, with inline directives.
    if (first_of_rule && r.analysis) {
      const SourceMap& map = r.analysis->read.map;
      for (const DocumentParagraph& p : r.analysis->paragraphs) {
        const std::uint32_t start = map.to_source(p.range.start);
        const std::uint32_t end = map.to_source_end(p.range.end);
        // Not in a table: a directive would break it.
        if (f->start < start || f->start > end || p->kind == BlockKind::TableCell) continue;
        json edits = json::array();
        for (const Insertion& ins : disable_for_paragraph(r.text, r.format, start, end, f->rule_id))
          edits.push_back(text_edit(pos, ins.offset, ins.offset, ins.text));
        out.push_back(action(fmt::format("Zet {} uit voor deze alinea", f->rule_id), diags,
                             workspace_edit(c, r.uri, r.version, std::move(edits))));
        break;
      }
      const Insertion ins = disable_for_document(r.text, r.format, f->rule_id);
      out.push_back(action(fmt::format("Zet {} uit voor dit document", f->rule_id), diags,
                           workspace_edit(c, r.uri, r.version,
                                          json::array({text_edit(pos, ins.offset, ins.offset, ins.text)}))));
    }
  }
  return out;
}

}  // namespace helder::lsp
