// `helder check`: files in, reports out. Files are checked side by side and reported in input order as soon
// as each is ready, so memory does not grow with the number of files.
#include "baseline.hpp"
#include "cli.hpp"
#include "inputs.hpp"
#include "progress.hpp"
#include "report_outputs.hpp"
#include "unified_diff.hpp"

#include <helder/check.hpp>
#include <helder/engine.hpp>
#include <helder/fix.hpp>
#include <helder/limits.hpp>
#include <helder/report.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

namespace fs = std::filesystem;

namespace helder::cli {

namespace {

std::optional<Severity> fail_threshold(const std::string& fail_on) {
  if (fail_on == "none") return std::nullopt;
  return severity_from_string(fail_on);
}

bool fixable_format(Format f) { return f == Format::PlainText || f == Format::Markdown; }

// The fixes a machine may apply (fix.hpp) to a checked file; none for files helder cannot write back.
std::vector<Replacement> machine_fixes(FileReport& report, const Engine& engine) {
  if (report.error || report.source.empty()) return {};
  std::vector<Replacement> fixes =
      select_fixes(report.findings, [&](const Finding& f) { return machine_applicable(f, engine.config()); });
  if (fixes.empty()) return {};
  if (!fixable_format(report.format)) {
    report.notes.push_back(fmt::format("helder past alleen tekst- en Markdown-bestanden aan, geen {}-bestanden. "
                                       "Verbeter de tekst in het programma waarin u hem schrijft.",
                                       to_string(report.format)));
    return {};
  }
  if (report.encoding != "UTF-8") {
    report.notes.push_back("helder past dit bestand niet aan, want het is geen UTF-8 (maar " + report.encoding +
                           "). Sla het op als UTF-8 en probeer het opnieuw.");
    return {};
  }
  return fixes;
}

// Applies the fixes, writes the file atomically and checks it again, so the report shows what is left.
void fix_one(const std::string& path, FileReport& report, const Engine& engine) {
  const std::vector<Replacement> fixes = machine_fixes(report, engine);
  if (fixes.empty()) return;
  std::string fixed = apply_replacements(report.source, fixes);
  if (report.bom_bytes) fixed.insert(0, "\xEF\xBB\xBF");
  try {
    write_file_atomically(path, fixed);
  } catch (const std::exception& e) {
    report.error = e.what();
    return;
  }
  FileReport after = check_bytes(std::move(fixed), report.path, path, engine);
  after.notes.insert(after.notes.begin(), fixes.size() == 1 ? "1 verbetering toegepast."
                                                            : std::to_string(fixes.size()) + " verbeteringen toegepast.");
  report = std::move(after);
}

// From this much input on, a check is worth extra copies of the spelling dictionary (about 0.5 s of work).
constexpr std::uintmax_t large_run_bytes = 512 * 1024;

// One checked file waiting for its turn in the output.
struct Slot {
  bool ready = false;
  FileReport report;
  std::string diff;  // --fix --dry-run
  std::uintmax_t bytes = 0;
  std::vector<std::optional<std::string>> rendered;  // each report format's text, made by the worker
  // A long text (longer than a section) is checked by the main thread when its turn comes, its findings
  // written as each section is done (check.hpp's FileParts): they are never all in memory.
  std::optional<std::string> long_text;  // the file's bytes, still to check
  fs::path name;
};

// Where the findings of a long text go as each section is done: to the reports, in order.
struct LongText final : FileParts {
  LongText(ReportOutputs& outputs, Reporter* summary_table, std::optional<Severity> threshold, int& status,
           Progress& progress)
      : outputs(outputs), summary_table(summary_table), threshold(threshold), status(status), progress(progress) {}
  void begin(FileReport& report) override {
    begun = true;
    progress.finish();  // a message never shares the progress line
    for (const std::string& n : report.notes) std::cerr << report.path << ": let op: " << n << '\n';
    outputs.file_begin(report);
    if (summary_table) summary_table->file_begin(report);
  }
  void findings(FileReport& report, std::vector<Finding>&& findings) override {
    if (threshold && status != exit_problem)
      for (const Finding& f : findings)
        if (f.severity >= *threshold) status = exit_findings;
    outputs.file_findings(report, findings);
    if (summary_table) summary_table->file_findings(report, findings);
  }
  ReportOutputs& outputs;
  Reporter* summary_table;
  std::optional<Severity> threshold;
  int& status;
  Progress& progress;
  bool begun = false;
};

}  // namespace

int run_check(Session& session, const CheckOptions& options) {
  std::vector<FileReport> failed;
  std::vector<std::string> paths = options.paths;
  if (!options.files_from.empty()) {
    std::string error;
    const std::optional<std::string> list =
        options.files_from == "-" ? std::optional<std::string>(read_stdin()) : read_bytes(options.files_from, error);
    if (!list) {
      error_line(fmt::format("{}: {}", options.files_from, error));
      return exit_problem;
    }
    if (list->size() > limits::input_limit(*list)) {  // read_bytes stopped there: the rest is not read
      error_line(fmt::format("{}: de lijst met bestanden is groter dan {}. Splits de lijst en start helder voor elk deel.",
                             options.files_from, limits::size_text(limits::input_limit(*list))));
      return exit_problem;
    }
    for (std::string& p : split_file_list(*list, options.null_separated)) paths.push_back(std::move(p));
  }
  if (paths.empty()) {
    error_line("geen bestanden om te controleren. Noem bestanden of mappen, of gebruik --files-from.");
    return exit_problem;
  }
  std::vector<std::string> inputs = collect_inputs(paths, failed);
  if (options.shard) {
    // Plain variables, not a structured binding: lambdas capture those only from clang 16 on (the fuzz preset).
    const unsigned index = options.shard->first, count = options.shard->second;
    std::erase_if(inputs, [&](const std::string& p) { return p != "-" && !in_shard(p, index, count); });
    std::erase_if(failed, [&](const FileReport& r) { return !in_shard(r.path, index, count); });
  }
  const bool reads_stdin = std::find(inputs.begin(), inputs.end(), "-") != inputs.end();
  if (options.fix && reads_stdin && !options.dry_run) {
    error_line("--fix werkt niet met standaardinvoer (-): helder kan daar niets terugschrijven.");
    return exit_problem;
  }
  if (reads_stdin && options.files_from == "-") {
    error_line("standaardinvoer kan niet tegelijk de lijst met bestanden en een bestand zijn.");
    return exit_problem;
  }
  int status = failed.empty() ? exit_clean : exit_problem;

  std::optional<Baseline> baseline;
  if (!options.baseline.empty()) {
    try {
      baseline = Baseline::load(options.baseline);
    } catch (const std::exception& e) {
      error_line(e.what());
      return exit_problem;
    }
  }

  // Engines first (configuration errors stop the run before any work), in input order.
  std::vector<std::shared_ptr<Engine>> engines;
  engines.reserve(inputs.size());
  for (const std::string& in : inputs) engines.push_back(session.engine_for(in == "-" ? fs::current_path() : fs::path(in)));
  RunInfo run;
  run.color = options.color;
  run.summary = options.summary;
  {
    std::vector<const Engine*> seen;
    auto add_rules = [&](const Engine& e) {
      if (std::find(seen.begin(), seen.end(), &e) != seen.end()) return;
      seen.push_back(&e);
      for (RuleDescription& d : e.describe_rules())
        if (std::none_of(run.rules.begin(), run.rules.end(),
                         [&](const RuleDescription& r) { return r.config.id == d.config.id; }))
          run.rules.push_back(std::move(d));
    };
    if (engines.empty()) add_rules(*session.engine_for(fs::current_path()));
    for (const auto& e : engines) add_rules(*e);
  }

  // With --fix --dry-run standard output holds the diff; reports go only to --output files.
  const std::string stdout_format = options.fix && options.dry_run ? "" : options.format;
  std::optional<ReportOutputs> outputs;
  try {
    outputs.emplace(stdout_format, options.outputs);
  } catch (const std::exception& e) {
    error_line(e.what());
    return exit_problem;
  }
  // --summary with a machine format on standard output: the table goes to standard error.
  std::unique_ptr<Reporter> summary_table;
  if (options.summary && stdout_format != "text") {
    summary_table = make_reporter("text", std::cerr);
    RunInfo table_only = run;
    table_only.summary_only = true;
    table_only.color = false;
    summary_table->begin(table_only);
  }

  std::uintmax_t total_bytes = 0;
  std::vector<std::uintmax_t> sizes(inputs.size(), 0);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    std::error_code ec;
    if (inputs[i] != "-")
      if (const std::uintmax_t size = fs::file_size(inputs[i], ec); !ec) sizes[i] = size;
    total_bytes += sizes[i];
  }

  // Files side by side, reported in input order. Workers run at most `window` files ahead of the output,
  // so a slow file early in the list does not make the others pile up in memory.
  unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(std::max<std::size_t>(inputs.size(), 1))));
  unsigned threads_per_file = 1;
  // A large run gives every thread its own copy of the spelling dictionary (loading one takes about 0.12 s:
  // a small run shares one), and the paragraphs of a long file may go to all threads: when one worker is left
  // with the last long file, the other helps (on the BWB archive, --jobs 2 went from 1.5x to 1.7x --jobs 1).
  if (options.jobs > 1 && total_bytes >= large_run_bytes) {
    session.services()->words->open_spellers(options.jobs);
    threads_per_file = options.jobs;
  }
  // --fix needs all findings of a file at once, and a baseline filters and records them per file.
  const bool streams_long_texts = !options.fix && !baseline && options.write_baseline.empty();
  // Ahead of the output: always `window` files; more small ones, up to `wide_window` files and `ahead_limit`
  // bytes, so that the other workers go on while one works through a long file (a file's report waits in memory
  // until the files before it are written).
  const std::size_t window = std::size_t{4} * jobs, wide_window = std::size_t{32} * jobs;
  constexpr std::uintmax_t ahead_limit = 4u << 20;
  std::uintmax_t ahead_bytes = 0;  // taken and not yet written
  std::vector<Slot> slots(inputs.size());
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next_to_take = 0, next_to_emit = 0;
  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] {
          return next_to_take >= inputs.size() || next_to_take < next_to_emit + window ||
                 (next_to_take < next_to_emit + wide_window && ahead_bytes + sizes[next_to_take] <= ahead_limit);
        });
        if (next_to_take >= inputs.size()) return;
        i = next_to_take++;
        ahead_bytes += sizes[i];
      }
      const std::string& in = inputs[i];
      const std::string shown = in == "-" ? (options.stdin_name.empty() ? "<stdin>" : options.stdin_name) : in;
      Slot done;
      std::string error;
      std::optional<std::string> bytes = in == "-" ? std::optional<std::string>(read_stdin()) : read_bytes(in, error);
      if (!bytes) {
        done.report.path = shown;
        done.report.error = error;
      } else if (streams_long_texts && bytes->size() > limits::section_bytes) {
        done.bytes = bytes->size();
        done.report.path = shown;
        done.name = in == "-" ? fs::path(options.stdin_name) : fs::path(in);
        done.long_text = std::move(*bytes);
      } else {
        done.bytes = bytes->size();
        const fs::path name = in == "-" ? fs::path(options.stdin_name) : fs::path(in);
        done.report = check_bytes(std::move(*bytes), shown, name, *engines[i], threads_per_file);
        if (options.fix && options.dry_run) {
          const std::vector<Replacement> fixes = machine_fixes(done.report, *engines[i]);
          done.diff = unified_diff(shown, done.report.source, fixes);
        } else if (options.fix) {
          fix_one(in, done.report, *engines[i]);
        }
      }
      // The report's text is made here, side by side with the other files; the main thread only writes it.
      // A baseline filters the findings first, in input order, on the main thread.
      if (!baseline && !done.long_text) done.rendered = outputs->render(done.report);
      std::lock_guard lock(mutex);
      done.ready = true;
      slots[i] = std::move(done);
      changed.notify_all();
    }
  };
  outputs->begin(run);  // before the workers: they render with what begin() set up
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);

  const bool text_on_terminal = options.format == "text" && !stdout_format.empty();
  Progress progress(inputs.size(), text_on_terminal && inputs.size() > 1 && isatty(STDERR_FILENO));
  const std::optional<Severity> threshold = fail_threshold(options.fail_on);
  std::optional<BaselineWriter> baseline_writer;
  if (!options.write_baseline.empty()) baseline_writer.emplace();
  auto emit = [&](FileReport& r, std::vector<std::optional<std::string>>&& rendered) {
    if (baseline) baseline->filter(r);
    if (baseline_writer) baseline_writer->add(r);
    if (r.error) status = exit_problem;
    progress.finish();  // a message never shares the progress line
    for (const std::string& n : r.notes) std::cerr << r.path << ": let op: " << n << '\n';
    if (r.error && options.format == "text") std::cerr << r.path << ": fout: " << *r.error << '\n';
    if (threshold && status != exit_problem)
      for (const Finding& f : r.findings)
        if (f.severity >= *threshold) status = exit_findings;
    outputs->file(r, std::move(rendered));
    if (summary_table) summary_table->file(r);
  };
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Slot slot;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return slots[i].ready; });
      slot = std::move(slots[i]);
      slots[i] = Slot{};
      next_to_emit = i + 1;
      ahead_bytes -= sizes[i];
      changed.notify_all();
    }
    if (!slot.diff.empty()) std::cout << slot.diff;
    if (slot.long_text) {
      LongText parts(*outputs, summary_table.get(), threshold, status, progress);
      FileReport report = check_bytes(std::move(*slot.long_text), slot.report.path, slot.name, *engines[i],
                                      std::max(1u, options.jobs), &parts);
      if (!parts.begun) {
        emit(report, {});  // refused before any findings: an error, an empty file
      } else {
        if (report.error) status = exit_problem;
        outputs->file_end(report);
        if (summary_table) summary_table->file_end(report);
      }
    } else {
      emit(slot.report, std::move(slot.rendered));
    }
    progress.file_done(slot.bytes);
  }
  for (std::thread& t : threads) t.join();
  progress.finish();
  for (FileReport& r : failed) emit(r, {});

  for (const auto& e : engines) {
    for (const std::string& m : e->take_messages()) error_line(m);
    if (e->rules_failed()) status = exit_problem;
  }
  try {
    outputs->end();
    if (summary_table) summary_table->end();
    if (baseline_writer) {
      baseline_writer->write(options.write_baseline);
      std::cerr << fmt::format("helder: {} {} in de basislijn {}.\n", baseline_writer->size(),
                               baseline_writer->size() == 1 ? "melding" : "meldingen", options.write_baseline.string());
    }
  } catch (const std::exception& e) {
    error_line(e.what());
    return exit_problem;
  }
  if (baseline) {
    std::cerr << fmt::format("helder: {} {} uit de basislijn overgeslagen", baseline->matched(),
                             baseline->matched() == 1 ? "melding" : "meldingen");
    if (const std::size_t gone = baseline->gone(); gone)
      std::cerr << fmt::format("; {} {} uit de basislijn {} er niet meer: die zijn opgelost", gone,
                               gone == 1 ? "melding" : "meldingen", gone == 1 ? "is" : "zijn");
    std::cerr << ".\n";
  }
  session.save_word_answers();
  return status;
}

}  // namespace helder::cli
