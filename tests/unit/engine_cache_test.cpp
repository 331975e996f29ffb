// The paragraph cache: an edit re-analyses only the paragraphs it touched, and a cached check gives
// exactly the findings of a check from scratch.
#include "test_support.hpp"

#include <helder/text.hpp>

#include <catch2/catch.hpp>

using namespace helder;
namespace fs = std::filesystem;

namespace {

std::string describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.rule_id + " " + std::to_string(f.start) + "-" + std::to_string(f.end) + " " + f.id + " " +
           std::string(to_string(f.severity)) + " " + f.message;
    for (const Replacement& r : f.fixes) out += " [" + std::to_string(r.start) + "-" + std::to_string(r.end) + " " + r.text + "]";
    out += '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("an edit re-analyses only the paragraph it touched", "[engine][cache]") {
  test::TempDir dir;
  std::vector<std::string> messages;
  Engine engine(test::config_from("", dir.path()), test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());

  std::string letter =
      test::read_file(fs::path(HELDER_SHARED_DIR) / "corpus" / "letters" / "sg-brief-2024-01-12-aan-informateur.md");
  ParagraphCache cache;
  const DocumentAnalysis first = engine.analyze(letter, Format::Markdown, &cache);
  const std::vector<Finding> first_findings = engine.check(first, letter);
  REQUIRE(first.paragraphs.size() > 10);
  CHECK(cache.hits() == 0);
  CHECK(cache.misses() == cache.size());
  CHECK(describe(first_findings) == describe(engine.check(engine.analyze(letter, Format::Markdown), letter)));

  // Type a sentence into a paragraph in the middle of the letter, before its second sentence.
  std::size_t middle = first.paragraphs.size() / 2;
  while (middle < first.paragraphs.size() && (first.paragraphs[middle]->kind != BlockKind::Paragraph ||
                                               first.paragraphs[middle]->sentences.size() < 2))
    ++middle;
  REQUIRE(middle < first.paragraphs.size());
  const DocumentParagraph& edited = first.paragraphs[middle];
  const std::uint32_t at = first.read.map.to_source(edited.range.start + edited->sentences[1].start);
  letter.insert(at, "Wij bellen u indien nodig. ");
  const DocumentAnalysis second = engine.analyze(letter, Format::Markdown, &cache);
  CHECK(cache.misses() == 1);
  CHECK(cache.hits() + cache.misses() >= second.paragraphs.size() - 2);  // repeated paragraphs count once
  const std::vector<Finding> cached = engine.check(second, letter);
  const std::vector<Finding> scratch = engine.check(engine.analyze(letter, Format::Markdown), letter);
  CHECK(describe(cached) == describe(scratch));
  // The new officialese word is found at the place where it was typed.
  CHECK(std::any_of(cached.begin(), cached.end(), [&](const Finding& f) {
    return f.rule_id == "rijksoverheid.officialese" && f.start == at + 13;
  }));

  // Untouched paragraphs share their analysis with the previous version.
  std::size_t shared = 0;
  for (const DocumentParagraph& p : second.paragraphs)
    for (const DocumentParagraph& q : first.paragraphs) shared += p.analysis == q.analysis ? 1 : 0;
  CHECK(shared >= second.paragraphs.size() - 1);
}

TEST_CASE("findings cached by one engine are not used by an engine with other settings", "[engine][cache]") {
  test::TempDir dir;
  std::vector<std::string> messages;
  Engine strict(test::config_from("[rules.\"rijksoverheid.sentence-length\"]\ninfo_above = 3\nwarning_above = 4\n",
                                  dir.path()),
                test::language_services(), test::builtin_plugins(), messages);
  Engine normal(test::config_from("", dir.path()), test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  const std::string text = "Wij sturen u deze brief over uw aanvraag.\n";
  ParagraphCache cache;
  const auto strict_findings = strict.check(strict.analyze(text, Format::PlainText, &cache), text);
  const auto normal_findings = normal.check(normal.analyze(text, Format::PlainText, &cache), text);
  CHECK(cache.hits() == 1);
  CHECK(std::count_if(strict_findings.begin(), strict_findings.end(),
                      [](const Finding& f) { return f.rule_id == "rijksoverheid.sentence-length"; }) == 1);
  CHECK(std::count_if(normal_findings.begin(), normal_findings.end(),
                      [](const Finding& f) { return f.rule_id == "rijksoverheid.sentence-length"; }) == 0);
}

TEST_CASE("a long letter checked side by side gives the findings of one thread", "[engine][cache][threads]") {
  test::TempDir dir;
  std::vector<std::string> messages;
  Config config = test::config_from("", dir.path());
  config.editor = true;  // the difficult-word rule too: it asks Hunspell most
  Engine engine(std::move(config), test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  engine.services().words->open_spellers(2);

  // Circulaires (well over the size from which threads are used), with one paragraph twice.
  std::string text;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(HELDER_SHARED_DIR) / "corpus" / "circulaires"))
    files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (std::size_t i = 0; text.size() < 50000 && i < files.size(); ++i) text += test::read_file(files[i]) + "\n\n";
  text += "Indien u vragen heeft, kunt u bellen.\n\nIndien u vragen heeft, kunt u bellen.\n";
  REQUIRE(text.size() > 40000);

  const std::string one = describe(engine.check(engine.analyze(text, Format::PlainText), text));
  CHECK(one.find("rijksoverheid.difficult-word") != std::string::npos);
  CHECK(describe(engine.check(engine.analyze(text, Format::PlainText, nullptr, 3), text, 3)) == one);

  ParagraphCache cache;
  const DocumentAnalysis cached = engine.analyze(text, Format::PlainText, &cache, 3);
  CHECK(cache.misses() == cache.size());
  CHECK(cached.paragraphs[cached.paragraphs.size() - 1].analysis == cached.paragraphs[cached.paragraphs.size() - 2].analysis);
  CHECK(describe(engine.check(cached, text, 3)) == one);
  // The second time every paragraph and its findings come from the cache.
  const DocumentAnalysis again = engine.analyze(text, Format::PlainText, &cache, 3);
  CHECK(cache.misses() == 0);
  CHECK(describe(engine.check(again, text, 3)) == one);
}
