// `helder rules test [PACKDIR]`: runs the examples of a pack's rules (`examples = [...]` in pack.toml) and
// reports, per rule, which ones the rule gets right. Each example is checked with its rule alone.
#include "cli.hpp"

#include <helder/engine.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

struct ExampleResult {
  const RuleExample* example = nullptr;
  std::vector<std::string> found;  // the texts the rule marked, in the order of the text
  bool passed = false;
};

struct RuleResult {
  const RuleConfig* rule = nullptr;
  bool defined_here = false;  // defined in a tested pack (not only given examples by one)
  std::string problem;        // why the rule does not run; empty when it runs
  std::vector<ExampleResult> examples;
  std::size_t passed() const {
    return static_cast<std::size_t>(
        std::count_if(examples.begin(), examples.end(), [](const ExampleResult& e) { return e.passed; }));
  }
};

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool same_texts(const std::vector<std::string>& expected, const std::vector<std::string>& found) {
  if (expected.size() != found.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (collapse_spaces(expected[i]) != collapse_spaces(found[i])) return false;
  return true;
}

// A path as the user gave it where possible: relative to the current folder when it lies below it.
std::string shown_path(const fs::path& p) {
  std::error_code ec;
  const fs::path relative = p.lexically_proximate(fs::current_path(ec));
  return !relative.empty() && *relative.begin() != ".." ? relative.string() : p.string();
}

// One line of at most `limit` characters (a long example text is shortened with "…").
std::string one_line(const std::string& text, std::size_t limit = 100) {
  std::string flat = collapse_spaces(text);
  std::size_t chars = 0, cut = 0;
  for (std::size_t i = 0; i < flat.size(); ++i) {
    if ((static_cast<unsigned char>(flat[i]) & 0xC0) == 0x80) continue;  // inside a UTF-8 character
    if (chars == limit) {
      cut = i;
      break;
    }
    ++chars;
  }
  return cut ? flat.substr(0, cut) + "…" : flat;
}

std::string quoted_list(const std::vector<std::string>& texts) {
  if (texts.empty()) return "niets";
  std::string out;
  for (const std::string& t : texts) out += (out.empty() ? "\"" : ", \"") + collapse_spaces(t) + "\"";
  return out;
}

// Runs the examples of `rule` that the tested packs wrote, with only that rule switched on.
RuleResult test_rule(Session& session, const Config& config, const RuleConfig& rule,
                     const std::vector<std::string>& packs) {
  RuleResult result;
  result.rule = &rule;
  result.defined_here = contains(packs, rule.pack);
  for (const RuleExample& e : rule.examples)
    if (contains(packs, e.pack)) result.examples.push_back({&e, {}, false});
  if (result.examples.empty()) return result;

  Config alone = config;
  for (RuleConfig& r : alone.rules) {
    r.enabled = r.id == rule.id;  // a rule the pack switches off, or leaves to the editor, is tested too
    r.editor_only = false;
  }
  std::vector<std::string> messages;
  const std::shared_ptr<Engine> engine = session.make_engine(std::move(alone), messages);
  for (const RuleDescription& d : engine->describe_rules())
    if (d.config.id == rule.id) result.problem = d.problem;
  for (const std::string& m : messages)
    if (m.find(rule.id) == std::string::npos) error_line(m);
  if (!result.problem.empty()) return result;

  for (ExampleResult& r : result.examples) {
    const std::string& text = r.example->text;
    for (const Finding& f : engine->check(engine->analyze(text, Format::PlainText), text))
      if (f.rule_id == rule.id && f.end <= text.size()) r.found.push_back(text.substr(f.start, f.end - f.start));
    r.passed = same_texts(r.example->expect, r.found);
  }
  for (const std::string& m : engine->take_messages()) result.problem += (result.problem.empty() ? "" : " ") + m;
  if (!result.problem.empty())
    for (ExampleResult& r : result.examples) r.passed = false;
  return result;
}

int print_text(const std::vector<std::string>& packs, const std::vector<RuleResult>& results) {
  std::size_t examples = 0, passed = 0, without = 0, broken = 0;
  std::cout << (packs.size() == 1 ? "Pakket " : "Pakketten ") << fmt::format("{}", fmt::join(packs, ", ")) << '\n';
  for (const RuleResult& r : results) {
    const std::string& id = r.rule->id;
    if (r.examples.empty()) {
      ++without;
      std::cout << fmt::format("{}: let op, deze regel heeft geen voorbeelden. Zet ze erbij met examples = "
                               "[{{ text = \"...\", expect = [\"...\"] }}].\n", id);
      continue;
    }
    examples += r.examples.size();
    passed += r.passed();
    if (!r.problem.empty()) {
      ++broken;
      std::cout << fmt::format("{}: FOUT, de regel werkt niet: {}{}", id, r.problem,
                               r.problem.ends_with('.') ? "" : ".");
      if (r.problem.find("niet geladen") != std::string::npos)
        std::cout << " Noem de map van de plugin met --plugin-dir MAP.";
      std::cout << '\n';
      continue;
    }
    const bool all = r.passed() == r.examples.size();
    std::cout << fmt::format("{}: {}{} van de {} voorbeelden goed.\n", id, all ? "" : "FOUT, ", r.passed(),
                             r.examples.size());
    for (const ExampleResult& e : r.examples) {
      if (e.passed) continue;
      std::cout << fmt::format("  {}:{}:{}: voorbeeld van {} gaat fout.\n", shown_path(e.example->file),
                               e.example->line, e.example->column, id);
      std::cout << "    tekst:    " << one_line(e.example->text) << '\n';
      std::cout << "    verwacht: " << quoted_list(e.example->expect) << '\n';
      std::cout << "    gevonden: " << quoted_list(e.found) << '\n';
    }
  }
  std::string summary = fmt::format("Samenvatting: {} van de {} voorbeelden goed", passed, examples);
  if (passed < examples) summary += fmt::format(", {} fout", examples - passed);
  summary += fmt::format(" ({} {}", results.size(), results.size() == 1 ? "regel" : "regels");
  if (without) summary += fmt::format(", {} zonder voorbeelden", without);
  if (broken) summary += fmt::format(", {} {} niet", broken, broken == 1 ? "werkt" : "werken");
  std::cout << summary << ").\n";
  return broken ? exit_problem : passed < examples ? exit_findings : exit_clean;
}

int print_json(const std::vector<std::string>& packs, const std::vector<RuleResult>& results) {
  nlohmann::json rules = nlohmann::json::array();
  std::size_t examples = 0, passed = 0;
  bool broken = false;
  for (const RuleResult& r : results) {
    nlohmann::json failures = nlohmann::json::array();
    for (const ExampleResult& e : r.examples)
      if (!e.passed)
        failures.push_back({{"file", e.example->file.string()},
                            {"line", e.example->line},
                            {"column", e.example->column},
                            {"text", e.example->text},
                            {"expect", e.example->expect},
                            {"found", e.found}});
    rules.push_back({{"id", r.rule->id},
                     {"pack", r.rule->pack},
                     {"examples", r.examples.size()},
                     {"passed", r.passed()},
                     {"problem", r.problem},
                     {"failures", std::move(failures)}});
    examples += r.examples.size();
    passed += r.passed();
    broken = broken || !r.problem.empty();
  }
  const nlohmann::json out{{"packs", packs},
                           {"rules", std::move(rules)},
                           {"examples", examples},
                           {"passed", passed},
                           {"failed", examples - passed}};
  std::cout << out.dump(2) << '\n';
  return broken ? exit_problem : passed < examples ? exit_findings : exit_clean;
}

}  // namespace

int run_rules_test(Session& session, const std::string& pack_dir, const std::string& format) {
  Config config;
  std::vector<std::string> packs;  // the packs whose examples are run
  if (!pack_dir.empty()) {
    config = session.pack_config(pack_dir);
    packs = {config.packs.back()};  // the pack in PACKDIR loads last, after the packs it extends
    // Every rule of the pack once, switched on: an option it does not know is an error of the pack.
    Config all = config;
    for (RuleConfig& r : all.rules) {
      r.enabled = r.pack == packs.front();
      r.editor_only = false;
    }
    std::vector<std::string> ignored;  // a rule that cannot run is reported with its examples
    session.make_engine(std::move(all), ignored);
  } else {
    config = session.engine_for(fs::current_path())->config();
    packs = config.packs;
  }

  std::vector<RuleResult> results;
  for (const RuleConfig& rule : config.rules) {
    RuleResult r = test_rule(session, config, rule, packs);
    if (r.defined_here || !r.examples.empty()) results.push_back(std::move(r));
  }
  return format == "json" ? print_json(packs, results) : print_text(packs, results);
}

}  // namespace helder::cli
