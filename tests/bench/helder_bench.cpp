// Benchmark: throughput of `helder check` (all default rules) against a bare ICU word-and-sentence break
// pass over the same text, in one run: ../shared/corpus (the letters and the circulaires) and the 2,046
// acts of ../shared/corpus/bwb-wet.tar.xz (unpacked once into the temp folder). Prints MB/s and the ratio;
// for the small corpus also the cost of running every plugin in a process of its own (--isolate-plugins all).
//
// Usage: helder_bench [corpus-dir-or-.tar.xz] [repeats]
#include "bench_corpus.hpp"

#include <helder/config.hpp>
#include <helder/engine.hpp>
#include <helder/text.hpp>

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace helder;
using Clock = std::chrono::steady_clock;

namespace {

struct Document {
  fs::path path;
  std::string text;
};

std::vector<Document> load_corpus(const fs::path& root) {
  std::vector<Document> docs;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    const auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".txt" && ext != ".md")) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    docs.push_back({e.path(), decode_input(s.str()).utf8});
  }
  std::sort(docs.begin(), docs.end(), [](const Document& a, const Document& b) { return a.path < b.path; });
  return docs;
}

// The baseline: ICU sentence and word breaking over UTF-8 text, nothing else.
std::size_t bare_icu_pass(const std::vector<Document>& docs) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> sentences(icu::BreakIterator::createSentenceInstance(icu::Locale("nl"), status));
  std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale("nl"), status));
  std::size_t boundaries = 0;
  for (const Document& d : docs) {
    UText* text = utext_openUTF8(nullptr, d.text.data(), static_cast<int64_t>(d.text.size()), &status);
    sentences->setText(text, status);
    for (int32_t b = sentences->first(); b != icu::BreakIterator::DONE; b = sentences->next()) ++boundaries;
    words->setText(text, status);
    for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) ++boundaries;
    utext_close(text);
  }
  if (U_FAILURE(status)) throw std::runtime_error("ICU failed");
  return boundaries;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

void run(const fs::path& source, int repeats, bool isolation = false);

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc > 1) {
      if (!fs::exists(argv[1])) {
        fmt::print(stderr, "usage: helder_bench [corpus-dir-or-.tar.xz] [repeats]\n{}: not found\n", argv[1]);
        return 2;
      }
      run(fs::path(argv[1]), argc > 2 ? std::max(1, std::atoi(argv[2])) : 5);
    } else {
      run(fs::path(HELDER_SHARED_DIR) / "corpus", 5, true);
      run(fs::path(HELDER_SHARED_DIR) / "corpus" / "bwb-wet.tar.xz", 2);
    }
  } catch (const std::exception& e) {
    fmt::print(stderr, "helder_bench: {}\n", e.what());
    return 1;
  }
  return 0;
}

namespace {

void run(const fs::path& source, int repeats, bool isolation) {
  const fs::path corpus = bench::unpacked(source);
  const std::vector<Document> docs = load_corpus(corpus);
  std::size_t bytes = 0;
  for (const Document& d : docs) bytes += d.text.size();
  const double mb = static_cast<double>(bytes) / 1e6;
  fmt::print("\ncorpus: {} ({} files, {:.2f} MB), {} repeats, best of each\n", source.string(), docs.size(), mb, repeats);

  // The engine exactly as `helder check` builds it: the default pack, the built-in plugins.
  // The benchmark sits next to `helder` in bin/, so it finds the same plugins and data.
  const InstallLayout real = InstallLayout::detect();
  ConfigRequest request;
  request.checked_path = corpus;
  request.pack_dirs = {real.pack_dir()};
  const Config config = load_config(request);
  PluginRegistry plugins;
  std::vector<std::string> messages;
  plugins.load_directory(real.plugin_dir, messages);
  const auto services = LanguageServices::load(real.data_dir(), WordServicePaths::defaults(real.data_dir()));
  Engine engine(config, services, plugins, messages);
  for (const std::string& m : messages) fmt::print("note: {}\n", m);

  double best_icu = 1e9, best_check = 1e9, first_check = 0;
  std::size_t boundaries = 0, findings = 0;
  for (int r = 0; r < repeats; ++r) {
    auto t = Clock::now();
    boundaries = bare_icu_pass(docs);
    best_icu = std::min(best_icu, seconds_since(t));

    t = Clock::now();
    findings = 0;
    for (const Document& d : docs) {
      const Format format = format_for_path(d.path);
      findings += engine.check(engine.analyze(d.text, format), d.text).size();
    }
    const double s = seconds_since(t);
    if (r == 0) first_check = s;  // cold: word caches empty
    best_check = std::min(best_check, s);
  }
  fmt::print("bare ICU word+sentence pass : {:8.2f} MB/s  ({} boundaries)\n", mb / best_icu, boundaries);
  fmt::print("helder check, first (cold)  : {:8.2f} MB/s\n", mb / first_check);
  fmt::print("helder check, warm caches   : {:8.2f} MB/s  ({} findings)\n", mb / best_check, findings);
  fmt::print("ratio check/ICU (warm)      : {:8.2f}x the time of the bare ICU pass\n", best_check / best_icu);

  // Two threads over the documents, as `--jobs 2` does (the ratio compares with the one-thread ICU pass).
  double best_two = 1e9;
  for (int r = 0; r < repeats; ++r) {
    const auto t = Clock::now();
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
      for (std::size_t i = next++; i < docs.size(); i = next++)
        engine.check(engine.analyze(docs[i].text, format_for_path(docs[i].path)), docs[i].text);
    };
    std::thread other(worker);
    worker();
    other.join();
    best_two = std::min(best_two, seconds_since(t));
  }
  fmt::print("helder check, 2 threads     : {:8.2f} MB/s  ({:.2f}x the time of the bare ICU pass)\n", mb / best_two,
             best_two / best_icu);

  // The program end to end, start-up and output included, one thread and two.
  for (int jobs : {1, 2}) {
    const std::string command = fmt::format("'{}' check --jobs {} --fail-on none --format json '{}' > /dev/null",
                                            HELDER_BINARY, jobs, corpus.string());
    const auto t = Clock::now();
    const int rc = std::system(command.c_str());
    const double s = seconds_since(t);
    fmt::print("helder check --jobs {} (process): {:8.2f} MB/s  ({:.3f} s, {:.2f}x the bare ICU pass, exit {})\n", jobs,
               mb / s, s, s / best_icu, rc);
  }
  // The same with `--word-cache`, the dictionary's answers of an earlier run (the first run writes them).
  {
    const fs::path cache = fs::temp_directory_path() / fmt::format("helder-bench-words-{}.tsv", ::getpid());
    const std::string command =
        fmt::format("'{}' check --jobs 1 --fail-on none --format json --word-cache '{}' '{}' > /dev/null",
                    HELDER_BINARY, cache.string(), corpus.string());
    int rc = std::system(command.c_str());
    const auto t = Clock::now();
    rc = rc != 0 ? rc : std::system(command.c_str());
    const double s = seconds_since(t);
    std::error_code ec;
    fs::remove(cache, ec);
    fmt::print("helder check --jobs 1 --word-cache, second run (process): {:8.2f} MB/s  ({:.3f} s, {:.2f}x the bare "
               "ICU pass, exit {})\n", mb / s, s, s / best_icu, rc);
  }
  if (!isolation) return;
  // Plugins in processes of their own (the editor's default for foreign plugins; here all four built-in ones):
  // every word form a plugin asks about crosses a socket once per worker (the worker caches the answers).
  for (const char* isolate : {"none", "all"}) {
    const std::string command =
        fmt::format("'{}' --isolate-plugins {} check --jobs 1 --fail-on none --format json '{}' > /dev/null",
                    HELDER_BINARY, isolate, corpus.string());
    double best = 1e9;
    int rc = 0;
    for (int r = 0; r < std::min(repeats, 3); ++r) {
      const auto t = Clock::now();
      rc = std::system(command.c_str());
      best = std::min(best, seconds_since(t));
    }
    fmt::print("--isolate-plugins {:<4} (process): {:8.2f} MB/s  ({:.3f} s, exit {})\n", isolate, mb / best, best, rc);
  }
}

}  // namespace
