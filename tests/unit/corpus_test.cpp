// All default rules over the 30 ministry circulaires and the two real letters: nothing crashes, no rule is
// disabled, and every finding lies inside one sentence of its file.
#include "test_support.hpp"

#include <helder/text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace helder;
namespace fs = std::filesystem;

TEST_CASE("every finding on the circulaires and letters lies inside its sentence", "[corpus]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());

  const std::vector<fs::path> files = test::corpus_files();
  REQUIRE(files.size() == 32);

  std::size_t total = 0;
  for (const fs::path& file : files) {
    INFO(file.filename().string());
    const std::string source = decode_input(test::read_file(file)).utf8;
    const DocumentAnalysis analysis = engine.analyze(source, format_for_path(file));
    const std::vector<Finding> findings = engine.check(analysis, source);
    CHECK(engine.take_messages().empty());
    // Sentence spans in the source.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> sentences;
    for (const DocumentParagraph& p : analysis.paragraphs)
      for (const helder_sentence& s : p->sentences)
        sentences.emplace_back(analysis.read.map.to_source(p.range.start + s.start),
                               analysis.read.map.to_source_end(p.range.start + s.end));
    for (const Finding& f : findings) {
      const bool inside = std::any_of(sentences.begin(), sentences.end(), [&](const auto& s) {
        return s.first <= f.start && f.end <= s.second;
      });
      INFO(f.rule_id << " at bytes " << f.start << "-" << f.end << ": " << source.substr(f.start, f.end - f.start));
      CHECK(inside);
      CHECK(f.start < f.end);
    }
    total += findings.size();
  }
  CHECK(total > 1000);  // the default rules do find things in these texts
}
