// The `helder` program: parses the command line and hands each command to its file in host/cli/.
#include "cli/cli.hpp"
#include "cli/report_outputs.hpp"

#include <helder/config.hpp>
#include <helder/lsp/server.hpp>
#include <helder/report.hpp>
#include <helder/session.hpp>
#include <helder/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace fs = std::filesystem;
using namespace helder;
using namespace helder::cli;

// The language server's word cache: $XDG_CACHE_HOME/helder, else ~/.cache/helder; empty (none) without either.
fs::path default_word_cache() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "helder" / "woorden-nl.tsv";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".cache" / "helder" / "woorden-nl.tsv";
  return {};
}

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
  std::string isolate;
  app.add_option("--isolate-plugins", isolate,
                 "Laat plugins in een eigen proces werken, zodat een fout in een plugin helder niet stopt: none, "
                 "foreign (plugins van buiten helder zelf; standaard in de taalserver) of all")
      ->check(CLI::IsMember({"none", "foreign", "all"}));
  double plugin_timeout = 10;
  app.add_option("--plugin-timeout", plugin_timeout,
                 "Seconden die een plugin in een eigen proces per controle mag gebruiken (standaard 10)")
      ->check(CLI::Range(0.05, 3600.0));
  app.add_option("--plugin-memory", global.plugin_limits.memory_mb,
                 "Megabytes geheugen die een plugin in een eigen proces mag gebruiken (standaard 2048)")
      ->check(CLI::Range(16, 1 << 20));
  app.add_option("--color", color, "Kleur in de uitvoer: auto, always of never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--suggestions", global.suggestions,
               "Geef bij spelfouten voorstellen uit het woordenboek (trager: 0,05 tot 0,3 seconde per woord)");
  app.add_flag("--editor", global.editor,
               "Gebruik ook de regels die anders alleen in de editor werken (zoals moeilijke woorden)");

  std::string format = "text", stdin_name;
  std::vector<std::string> format_names(report_formats().begin(), report_formats().end());
  const std::string format_list = fmt::format("{}", fmt::join(format_names, ", "));
  CheckOptions check_options;
  check_options.jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> output_texts;
  std::string shard_text;
  auto* check = app.add_subcommand("check", "Controleer bestanden en mappen (- is standaardinvoer)");
  check->add_option("paths", check_options.paths, "Bestanden of mappen (.txt, .md, .html, .docx, .odt, .pdf)");
  check->add_option("--format", check_options.format, "Uitvoer op het scherm: " + format_list)
      ->check(CLI::IsMember(format_names));
  check->add_option("--output,-o", output_texts,
                    "Schrijf ook een rapport naar een bestand: FORMAAT=BESTAND, bijvoorbeeld sarif=helder.sarif "
                    "(mag vaker)")
      ->allow_extra_args(false);  // one FORMAT=FILE each time: paths may follow
  check->add_option("--fail-on", check_options.fail_on,
                    "Exitcode 1 vanaf dit niveau: error, warning, info, hint of none")
      ->check(CLI::IsMember({"error", "warning", "info", "hint", "none"}));
  check->add_option("--jobs,-j", check_options.jobs, "Aantal bestanden tegelijk")->check(CLI::PositiveNumber);
  check->add_flag("--fix", check_options.fix,
                  "Pas de verbeteringen toe die zeker zijn (één voorstel, regel met autofix) en controleer opnieuw");
  check->add_flag("--dry-run", check_options.dry_run,
                  "Met --fix: verander niets, maar toon de verbeteringen als diff");
  check->add_option("--stdin-name", check_options.stdin_name,
                    "Naam voor standaardinvoer; de extensie bepaalt het soort tekst (.md, .html, .docx, ...)");
  check->add_flag("--summary", check_options.summary,
                  "Toon per bestand woorden, zinnen, Flesch-Douma, niveau en meldingen per regel");
  check->add_option("--files-from", check_options.files_from,
                    "Lees de bestanden uit deze lijst: één pad per regel (- is standaardinvoer)");
  check->add_flag("-0,--null", check_options.null_separated, "Met --files-from: paden gescheiden door NUL-tekens");
  check->add_option("--shard", shard_text,
                    "Controleer alleen deel I van N (bijvoorbeeld 2/3): een vaste verdeling op pad, voor runs op "
                    "meer machines");
  std::string check_word_cache = "none";
  check->add_option("--word-cache", check_word_cache,
                    "Bewaar wat het woordenboek over elk woord zei in dit bestand; de volgende controle is dan sneller "
                    "(auto: ~/.cache/helder/woorden-nl.tsv, het bestand van de taalserver; standaard: none)");
  check->add_option("--baseline", check_options.baseline,
                    "Meld alleen wat niet in deze basislijn staat (gemaakt met --write-baseline)");
  check->add_option("--write-baseline", check_options.write_baseline,
                    "Schrijf alle meldingen van nu als basislijn naar dit bestand");

  std::vector<std::string> merge_inputs;
  std::string merge_format = "text";
  std::vector<std::string> merge_output_texts;
  auto* merge = app.add_subcommand("merge", "Voeg de JSON Lines-rapporten van delen (--shard) samen tot één rapport");
  merge->add_option("reports", merge_inputs, "Rapporten in JSON Lines (--format jsonl)")->required();
  merge->add_option("--format", merge_format, "Uitvoer op het scherm: " + format_list)
      ->check(CLI::IsMember(format_names));
  merge->add_option("--output,-o", merge_output_texts, "Schrijf ook een rapport naar een bestand: FORMAAT=BESTAND")
      ->allow_extra_args(false);

  std::string analyze_path;
  auto* analyze = app.add_subcommand("analyze", "Toon de analyse achter de meldingen (zinnen, woorden, leesbaarheid)");
  analyze->add_option("file", analyze_path, "Bestand (- is standaardinvoer)")->required();
  analyze->add_option("--format", format, "Uitvoer: json")->check(CLI::IsMember({"json"}));
  analyze->add_option("--stdin-name", stdin_name, "Naam voor standaardinvoer; .md betekent Markdown");

  auto* rules = app.add_subcommand("rules", "Toon alle regels");
  rules->add_option("--format", format, "Uitvoer: text of json")->check(CLI::IsMember({"text", "json"}));
  std::string rules_test_pack, rules_test_format = "text";
  auto* rules_test = rules->add_subcommand("test", "Controleer de voorbeelden bij de regels van een regelpakket");
  rules_test->add_option("pack", rules_test_pack, "De map van het pakket (zonder map: de pakketten van de configuratie)");
  rules_test->add_option("--format", rules_test_format, "Uitvoer: text of json")->check(CLI::IsMember({"text", "json"}));

  std::string rule_id;
  auto* explain = app.add_subcommand("explain", "Lees de uitleg bij een regel");
  explain->add_option("rule", rule_id, "De regel, bijvoorbeeld rijksoverheid.sentence-length")->required();

  std::string dump_path;
  auto* dump = app.add_subcommand("dump-config", "Toon de configuratie die helder gebruikt");
  dump->add_option("path", dump_path, "Bestand of map waarvoor de configuratie geldt");

  std::string trust_path, init_folder;
  auto* trust = app.add_subcommand("trust", "Vertrouw de plugins in een map, zodat een project ze mag laden");
  trust->add_option("folder", trust_path, "De map met plugins (.so)")->required();
  auto* untrust = app.add_subcommand("untrust", "Vertrouw de plugins in een map niet meer");
  untrust->add_option("folder", trust_path, "De map met plugins")->required();
  auto* init = app.add_subcommand("init", "Maak een .helder.toml met uitleg voor een project");
  init->add_option("folder", init_folder, "De map van het project (standaard: de map waarin u nu werkt)");

  auto* lsp = app.add_subcommand("lsp", "Start de taalserver (LSP) voor editors: via standaardinvoer en -uitvoer");
  bool lsp_stdio = true;  // the only transport; the flag is there because editors pass it
  lsp->add_flag("--stdio", lsp_stdio, "Praat via standaardinvoer en -uitvoer (dat doet de server altijd)");
  std::string word_cache;
  lsp->add_option("--word-cache", word_cache,
                  "Bestand waarin de server de antwoorden van het woordenboek bewaart, zodat hij de volgende keer "
                  "sneller start (standaard: ~/.cache/helder/woorden-nl.tsv); none: niet bewaren");
  lsp->allow_extras();  // editors add options of their own (--clientProcessId=...)

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_clean : exit_problem;
  }

  auto parse_outputs = [](const std::vector<std::string>& texts, std::vector<OutputRequest>& out) {
    for (const std::string& t : texts) {
      const std::optional<OutputRequest> r = parse_output_request(t);
      if (!r) {
        error_line(fmt::format("--output \"{}\": schrijf het als FORMAAT=BESTAND, bijvoorbeeld sarif=helder.sarif. "
                               "Formaten: {}.", t, fmt::join(report_formats(), ", ")));
        return false;
      }
      out.push_back(*r);
    }
    return true;
  };
  if (*check) {
    if (!parse_outputs(output_texts, check_options.outputs)) return exit_problem;
    if (!shard_text.empty()) {
      unsigned index = 0, count = 0;
      char slash = 0, rest = 0;
      if (std::sscanf(shard_text.c_str(), "%u%c%u%c", &index, &slash, &count, &rest) != 3 || slash != '/' ||
          count == 0 || index == 0 || index > count) {
        error_line(fmt::format("--shard \"{}\": schrijf het als I/N, met I van 1 tot en met N (bijvoorbeeld 2/3).",
                               shard_text));
        return exit_problem;
      }
      check_options.shard = std::pair{index, count};
    }
    if (check_options.dry_run && !check_options.fix) {
      error_line("--dry-run hoort bij --fix: gebruik --fix --dry-run.");
      return exit_problem;
    }
    if (check_options.paths.empty() && check_options.files_from.empty()) {
      error_line("noem de bestanden of mappen om te controleren, of gebruik --files-from LIJST.");
      return exit_problem;
    }
  }
  std::vector<OutputRequest> merge_outputs;
  if (*merge && !parse_outputs(merge_output_texts, merge_outputs)) return exit_problem;

  try {
    using Isolation = SessionOptions::Isolation;
    global.isolate_plugins = isolate == "all"       ? Isolation::All
                             : isolate == "foreign" ? Isolation::Foreign
                             : isolate == "none"    ? Isolation::None
                             : *lsp                 ? Isolation::Foreign
                                                    : Isolation::None;
    global.plugin_limits.timeout = std::chrono::milliseconds(static_cast<long>(plugin_timeout * 1000));
    if (*trust) finish(run_trust(trust_path));
    if (*untrust) finish(run_untrust(trust_path));
    if (*lsp) {
      if (word_cache != "none") global.word_answers = word_cache.empty() ? default_word_cache() : fs::path(word_cache);
      return helder::lsp::run(global);
    }
    global.report = error_line;
    if (*check && check_word_cache != "none")
      global.word_answers = check_word_cache == "auto" ? default_word_cache() : fs::path(check_word_cache);
    if (*init) finish(run_init(global, init_folder));
    Session session(global);
    check_options.color = use_color(color);
    if (*check) finish(run_check(session, check_options));
    if (*merge) finish(run_merge(session, merge_inputs, merge_format, merge_outputs, use_color(color)));
    if (*analyze) finish(run_analyze(session, analyze_path, stdin_name));
    if (*rules_test) finish(run_rules_test(session, rules_test_pack, rules_test_format));
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
