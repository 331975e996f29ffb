// The `helder` program: check, analyze, rules, explain, dump-config and lsp (the language server).
#include <helder/config.hpp>
#include <helder/engine.hpp>
#include <helder/fix.hpp>
#include <helder/lsp/server.hpp>
#include <helder/plugin_loader.hpp>
#include <helder/report.hpp>
#include <helder/session.hpp>
#include <helder/text.hpp>
#include <helder/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using namespace helder;

namespace {

constexpr int exit_clean = 0;
constexpr int exit_findings = 1;
constexpr int exit_problem = 2;  // usage, configuration or input errors


void error_line(const std::string& message) { std::cerr << "helder: " << message << '\n'; }

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && std::string_view(term) == "dumb");
}

std::optional<std::string> read_bytes(const fs::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "Dit bestand kan niet worden geopend.";
    return std::nullopt;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = "Dit bestand kan niet worden gelezen.";
    return std::nullopt;
  }
  return bytes;
}

std::string read_stdin() {
  std::ios::sync_with_stdio(false);
  return std::string((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
}

bool checkable_extension(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".txt" || ext == ".md" || ext == ".markdown" || ext == ".text";
}

// Files to check: files as given, directories recursively (text and Markdown files, hidden entries
// skipped), in a stable order.
std::vector<std::string> collect_inputs(const std::vector<std::string>& paths, std::vector<FileReport>& missing) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") {
      out.push_back(p);
    } else if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file() && checkable_extension(it->path())) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.push_back(p);
    } else {
      FileReport r;
      r.path = p;
      r.error = "Dit bestand bestaat niet.";
      missing.push_back(std::move(r));
    }
  }
  return out;
}

FileReport check_one(const std::string& shown_path, std::string bytes, Format format, const Engine& engine,
                     unsigned threads = 1) {
  FileReport report;
  report.path = shown_path;
  report.encoding = "UTF-8";
  if (bytes.empty()) {
    report.notes.push_back("Het bestand is leeg.");
    return report;
  }
  if (bytes.size() > (1u << 30)) {
    report.error = "Dit bestand is groter dan 1 GB. helder controleert zulke grote bestanden niet.";
    return report;
  }
  try {
    DecodedText decoded = decode_input(bytes);
    report.source = std::move(decoded.utf8);
    report.encoding = decoded.encoding;
    if (report.encoding == "UTF-8" && bytes.starts_with("\xEF\xBB\xBF")) report.bom_bytes = 3;
    if (!decoded.note.empty()) report.notes.push_back(decoded.note);
  } catch (const InputError& e) {
    report.error = e.what();
    return report;
  }
  const DocumentAnalysis analysis = engine.analyze(report.source, format, nullptr, threads);
  report.findings = engine.check(analysis, report.source, threads);
  report.readability = analysis.readability;
  return report;
}

std::optional<Severity> fail_threshold(const std::string& fail_on) {
  if (fail_on == "none") return std::nullopt;
  return severity_from_string(fail_on);
}

// Applies the fixes a machine may apply (fix.hpp) to the checked file, writes it atomically and checks it
// again, so the report shows what is left. The file is left alone when it is not UTF-8.
void fix_one(const std::string& path, FileReport& report, Format format, const Engine& engine) {
  if (report.error || report.source.empty()) return;
  const std::vector<Replacement> fixes =
      select_fixes(report.findings, [&](const Finding& f) { return machine_applicable(f, engine.config()); });
  if (fixes.empty()) return;
  if (report.encoding != "UTF-8") {
    report.notes.push_back("helder past dit bestand niet aan, want het is geen UTF-8 (maar " + report.encoding +
                           "). Sla het op als UTF-8 en probeer het opnieuw.");
    return;
  }
  std::string fixed = apply_replacements(report.source, fixes);
  if (report.bom_bytes) fixed.insert(0, "\xEF\xBB\xBF");
  try {
    write_file_atomically(path, fixed);
  } catch (const std::exception& e) {
    report.error = e.what();
    return;
  }
  FileReport after = check_one(report.path, std::move(fixed), format, engine);
  after.notes.insert(after.notes.begin(), fixes.size() == 1 ? "1 verbetering toegepast."
                                                            : std::to_string(fixes.size()) + " verbeteringen toegepast.");
  report = std::move(after);
}

// From this much input on, a check is worth extra copies of the spelling dictionary (about 0.5 s of work).
constexpr std::uintmax_t large_run_bytes = 512 * 1024;

int run_check(Session& session, const std::vector<std::string>& paths, const std::string& format,
              const std::string& fail_on, unsigned jobs, const std::string& stdin_name, bool color, bool fix) {
  std::vector<FileReport> failed;
  const std::vector<std::string> inputs = collect_inputs(paths, failed);
  if (fix && std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
    error_line("--fix werkt niet met standaardinvoer (-): helder kan daar niets terugschrijven.");
    return exit_problem;
  }
  int status = failed.empty() ? exit_clean : exit_problem;

  // Engines first (configuration errors stop the run before any work), in input order.
  std::vector<std::shared_ptr<Engine>> engines;
  for (const std::string& in : inputs) engines.push_back(session.engine_for(in == "-" ? fs::current_path() : fs::path(in)));

  std::vector<FileReport> reports(inputs.size());
  std::atomic<std::size_t> next{0};
  unsigned threads_per_file = 1;
  auto worker = [&] {
    for (std::size_t i = next++; i < inputs.size(); i = next++) {
      const std::string& in = inputs[i];
      std::string error;
      std::optional<std::string> bytes;
      if (in == "-") {
        bytes = read_stdin();
      } else {
        bytes = read_bytes(in, error);
      }
      const std::string shown = in == "-" ? (stdin_name.empty() ? "<stdin>" : stdin_name) : in;
      if (!bytes) {
        reports[i].path = shown;
        reports[i].error = error;
        continue;
      }
      const Format fmt = format_for_path(in == "-" ? fs::path(stdin_name) : fs::path(in));
      reports[i] = check_one(shown, std::move(*bytes), fmt, *engines[i], threads_per_file);
      if (fix) fix_one(in, reports[i], fmt, *engines[i]);
    }
  };
  // Files side by side. A large run gives every thread its own copy of the spelling dictionary (loading one
  // takes about 0.12 s: a small run shares one), and threads left over (fewer files than jobs) go to the
  // paragraphs of a long file.
  const unsigned requested = jobs;
  jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(inputs.size(), 1))));
  std::uintmax_t total_bytes = 0;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-")
      if (const std::uintmax_t size = fs::file_size(in, ec); !ec) total_bytes += size;
  }
  if (requested > 1 && total_bytes >= large_run_bytes) {
    session.services()->words->open_spellers(requested);
    threads_per_file = std::max(1u, requested / jobs);
  }
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();

  reports.insert(reports.end(), failed.begin(), failed.end());
  for (const auto& e : engines) {
    for (const std::string& m : e->take_messages()) error_line(m);
    if (e->rules_failed()) status = exit_problem;
  }

  const std::optional<Severity> threshold = fail_threshold(fail_on);
  for (const FileReport& r : reports) {
    if (r.error) status = exit_problem;
    for (const std::string& n : r.notes) std::cerr << r.path << ": let op: " << n << '\n';
    if (status != exit_problem && threshold)
      for (const Finding& f : r.findings)
        if (f.severity >= *threshold) status = exit_findings;
  }
  if (format == "json") {
    write_json(std::cout, reports);
  } else {
    for (const FileReport& r : reports) {
      if (r.error) std::cerr << r.path << ": fout: " << *r.error << '\n';
      write_text(std::cout, r, color);
    }
    write_text_summary(std::cout, reports, color);
  }
  return status;
}

int run_analyze(Session& session, const std::string& path, const std::string& stdin_name) {
  std::string error;
  std::optional<std::string> bytes = path == "-" ? std::optional<std::string>(read_stdin()) : read_bytes(path, error);
  if (!bytes) {
    error_line(path + ": " + error);
    return exit_problem;
  }
  std::string source;
  try {
    DecodedText decoded = decode_input(*bytes);
    if (!decoded.note.empty()) std::cerr << path << ": let op: " << decoded.note << '\n';
    source = std::move(decoded.utf8);
  } catch (const InputError& e) {
    error_line(path + ": " + e.what());
    return exit_problem;
  }
  const auto engine = session.engine_for(path == "-" ? fs::current_path() : fs::path(path));
  const Format format = format_for_path(path == "-" ? fs::path(stdin_name) : fs::path(path));
  std::cout << analysis_to_json(path == "-" ? (stdin_name.empty() ? "<stdin>" : stdin_name) : path, source,
                                engine->analyze(source, format));
  return exit_clean;
}

int run_rules(Session& session, const std::string& format) {
  const auto engine = session.engine_for(fs::current_path());
  const std::vector<RuleDescription> rules = engine->describe_rules();
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const RuleDescription& r : rules)
      out.push_back({{"id", r.config.id},
                     {"plugin", r.plugin},
                     {"pack", r.config.pack},
                     {"kind", r.config.kind},
                     {"enabled", r.config.enabled && r.problem.empty()},
                     {"severity", std::string(to_string(r.config.severity))},
                     {"summary", r.config.summary},
                     {"problem", r.problem}});
    std::cout << out.dump(2) << '\n';
    return exit_clean;
  }
  std::size_t width = 10;
  for (const RuleDescription& r : rules) width = std::max(width, r.config.id.size());
  std::cout << fmt::format("{:<{}}  {:<12} {:<14} {:<8} {}\n", "regel", width, "plugin", "pakket", "niveau",
                           "samenvatting");
  for (const RuleDescription& r : rules) {
    const bool editor_only = r.config.enabled && r.config.editor_only && !engine->config().editor;
    const std::string level = !r.config.enabled ? "uit"
                              : editor_only     ? "editor"
                                                : std::string(to_string(r.config.severity));
    std::cout << fmt::format("{:<{}}  {:<12} {:<14} {:<8} {}", r.config.id, width, r.plugin, r.config.pack, level,
                             r.config.summary);
    if (!r.problem.empty() && r.config.enabled && !editor_only) std::cout << " (werkt niet: " << r.problem << ")";
    std::cout << '\n';
  }
  return exit_clean;
}

int run_explain(Session& session, const std::string& rule_id) {
  const auto engine = session.engine_for(fs::current_path());
  const RuleConfig* rule = engine->config().find_rule(rule_id);
  if (!rule) {
    // Allow the short name when it is unique: "sentence-length".
    int matches = 0;
    for (const RuleConfig& r : engine->config().rules)
      if (r.id.size() > rule_id.size() && r.id.ends_with("." + rule_id)) {
        rule = &r;
        ++matches;
      }
    if (matches > 1) {
      error_line(fmt::format("\"{}\" past bij meer regels. Noem de hele naam, met het pakket ervoor.", rule_id));
      return exit_problem;
    }
  }
  if (!rule) {
    error_line(fmt::format("de regel \"{}\" bestaat niet. Met \"helder rules\" ziet u alle regels.", rule_id));
    return exit_problem;
  }
  std::string error;
  const std::optional<std::string> doc =
      rule->documentation.empty() ? std::nullopt : read_bytes(rule->documentation, error);
  if (!doc) {
    std::cout << rule->id << ": " << rule->summary << '\n';
    error_line(fmt::format("voor de regel {} is geen uitleg gevonden.", rule->id));
    return exit_clean;
  }
  std::cout << *doc;
  return exit_clean;
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string toml_list(const auto& items) {
  std::string out = "[";
  bool first = true;
  for (const auto& i : items) {
    out += (first ? "" : ", ") + toml_string(i);
    first = false;
  }
  return out + "]";
}

int run_dump_config(Session& session, const std::string& path) {
  const auto engine = session.engine_for(path.empty() ? fs::current_path() : fs::path(path));
  const Config& c = engine->config();
  std::cout << "# De configuratie die helder gebruikt" << (path.empty() ? "" : " voor " + path) << ".\n";
  std::cout << "# Gelezen bestanden:\n";
  for (const fs::path& f : c.files) std::cout << "#   " << f.string() << '\n';
  std::cout << "packs = " << toml_list(c.packs) << '\n';
  std::cout << "target_level = " << toml_string(c.target_level) << '\n';
  std::vector<std::string> dirs;
  for (const fs::path& d : c.plugin_dirs) dirs.push_back(d.string());
  std::cout << "plugin_paths = " << toml_list(dirs) << "\n\n";
  std::cout << "[vocabulary]\naccept = " << toml_list(c.accept) << "\nreject = " << toml_list(c.reject) << '\n';
  for (const RuleDescription& r : engine->describe_rules()) {
    std::cout << "\n[rules." << toml_string(r.config.id) << "]\n";
    std::cout << "# plugin " << r.plugin << (r.plugin_version.empty() ? "" : " " + r.plugin_version) << '\n';
    if (!r.problem.empty()) std::cout << "# werkt niet: " << r.problem << '\n';
    std::cout << "kind = " << toml_string(r.config.kind) << '\n';
    std::cout << "enabled = " << (!r.config.enabled ? "false" : r.config.editor_only ? "\"editor\"" : "true") << '\n';
    std::cout << "severity = " << toml_string(std::string(to_string(r.config.severity))) << '\n';
    std::cout << "autofix = " << (r.config.autofix ? "true" : "false") << '\n';
    std::cout << "summary = " << toml_string(r.config.summary) << '\n';
    if (!r.effective_options.empty()) std::cout << r.effective_options << '\n';
  }
  return exit_clean;
}

}  // namespace

// Ends the process once the work is done and written: freeing the dictionaries (Hunspell's word lists, the
// word caches) takes longer than a short check does, and the system takes the memory back at once.
[[noreturn]] void finish(int code) {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
}

int main(int argc, char** argv) {
  CLI::App app{"helder: controleert Nederlandse overheidsteksten op begrijpelijke taal (B1)."};
  app.set_version_flag("--version", std::string("helder ") + version());
  app.require_subcommand(1);
  SessionOptions global;
  std::string color = "auto";
  app.add_option("--config", global.config_file, "Gebruik dit configuratiebestand (zoek niet naar .helder.toml)");
  app.add_option("--plugin-dir", global.plugin_dirs, "Laad ook plugins uit deze map (mag vaker)");
  app.add_option("--color", color, "Kleur in de uitvoer: auto, always of never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--suggestions", global.suggestions,
               "Geef bij spelfouten voorstellen uit het woordenboek (trager: 0,05 tot 0,3 seconde per woord)");
  app.add_flag("--editor", global.editor,
               "Gebruik ook de regels die anders alleen in de editor werken (zoals moeilijke woorden)");

  std::vector<std::string> paths;
  std::string format = "text", fail_on = "warning", stdin_name;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  auto* check = app.add_subcommand("check", "Controleer bestanden en mappen (- is standaardinvoer)");
  check->add_option("paths", paths, "Bestanden of mappen")->required();
  check->add_option("--format", format, "Uitvoer: text of json")->check(CLI::IsMember({"text", "json"}));
  check->add_option("--fail-on", fail_on, "Exitcode 1 vanaf dit niveau: error, warning, info, hint of none")
      ->check(CLI::IsMember({"error", "warning", "info", "hint", "none"}));
  check->add_option("--jobs,-j", jobs, "Aantal bestanden tegelijk")->check(CLI::PositiveNumber);
  bool fix = false;
  check->add_flag("--fix", fix,
                  "Pas de verbeteringen toe die zeker zijn (één voorstel, regel met autofix) en controleer opnieuw");
  check->add_option("--stdin-name", stdin_name, "Naam voor standaardinvoer; .md betekent Markdown");

  std::string analyze_path;
  auto* analyze = app.add_subcommand("analyze", "Toon de analyse achter de meldingen (zinnen, woorden, leesbaarheid)");
  analyze->add_option("file", analyze_path, "Bestand (- is standaardinvoer)")->required();
  analyze->add_option("--format", format, "Uitvoer: json")->check(CLI::IsMember({"json"}));
  analyze->add_option("--stdin-name", stdin_name, "Naam voor standaardinvoer; .md betekent Markdown");

  auto* rules = app.add_subcommand("rules", "Toon alle regels");
  rules->add_option("--format", format, "Uitvoer: text of json")->check(CLI::IsMember({"text", "json"}));

  std::string rule_id;
  auto* explain = app.add_subcommand("explain", "Lees de uitleg bij een regel");
  explain->add_option("rule", rule_id, "De regel, bijvoorbeeld rijksoverheid.sentence-length")->required();

  std::string dump_path;
  auto* dump = app.add_subcommand("dump-config", "Toon de configuratie die helder gebruikt");
  dump->add_option("path", dump_path, "Bestand of map waarvoor de configuratie geldt");

  auto* lsp = app.add_subcommand("lsp", "Start de taalserver (LSP) voor editors: via standaardinvoer en -uitvoer");
  bool lsp_stdio = true;  // the only transport; the flag is there because editors pass it
  lsp->add_flag("--stdio", lsp_stdio, "Praat via standaardinvoer en -uitvoer (dat doet de server altijd)");
  lsp->allow_extras();  // editors add options of their own (--clientProcessId=...)

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_clean : exit_problem;
  }

  try {
    if (*lsp) return helder::lsp::run(global);
    global.report = error_line;
    Session session(global);
    if (*check) finish(run_check(session, paths, format, fail_on, jobs, stdin_name, use_color(color), fix));
    if (*analyze) finish(run_analyze(session, analyze_path, stdin_name));
    if (*rules) finish(run_rules(session, format));
    if (*explain) finish(run_explain(session, rule_id));
    if (*dump) finish(run_dump_config(session, dump_path));
  } catch (const ConfigError& e) {
    std::cerr << e.what() << '\n';
    return exit_problem;
  } catch (const std::exception& e) {
    error_line(e.what());
    return exit_problem;
  }
  return exit_problem;
}
