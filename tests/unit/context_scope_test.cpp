// The scope "paragraph in context" (ABI minor 3): a rule reads one paragraph after the whole paragraphs before it
// that hold the sentences it asked for; only findings in its own paragraph count, and they are kept per paragraph
// and its context, so an edit checks again only the paragraphs that read the changed one. Through the real loader
// with the test plugin good.so (tests/plugins/good.cpp, kind "context-word").
#include "test_support.hpp"

#include <helder/engine.hpp>
#include <helder/plugin_loader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>

using namespace helder;
namespace fs = std::filesystem;

namespace {

struct Proef {
  test::TempDir dir;
  PluginRegistry registry;
  std::vector<std::string> messages;
  std::unique_ptr<Engine> engine;

  explicit Proef(const std::string& rules) {
    dir.write("packs/proef/pack.toml", "name = \"proef\"\n" + rules);
    const Config config = test::config_from("packs = [\"proef\"]\npack_paths = [\"packs\"]\n", dir.path());
    registry.load_file(fs::path(HELDER_BROKEN_PLUGIN_DIR) / "good.so", messages);
    REQUIRE(messages.empty());
    engine = std::make_unique<Engine>(config, test::language_services(), registry, messages);
  }
};

// Per finding: the paragraph's first word, the context it was read with, and the call that found it.
struct Seen {
  std::string paragraph;
  std::string context;  // "2 alinea's met 3 zinnen"
  std::string call;
};

std::vector<Seen> seen(const std::vector<Finding>& findings, const std::string& text) {
  static const std::regex message(R"(na (\d+ alinea's met \d+ zinnen); oproep (\d+)\.)");
  std::vector<Seen> out;
  for (const Finding& f : findings) {
    std::smatch m;
    REQUIRE(std::regex_search(f.message, m, message));
    const std::size_t start = text.rfind("\n\n", f.start);
    const std::size_t from = start == std::string::npos ? 0 : start + 2;
    out.push_back(Seen{text.substr(from, text.find(' ', from) - from), m[1], m[2]});
  }
  return out;
}

}  // namespace

TEST_CASE("context scope: a paragraph is read after whole paragraphs holding the sentences asked for, and only its "
          "own findings count", "[context][engine][loader]") {
  Proef proef("[rules.woord]\nkind = \"good.context-word\"\nword = \"proef\"\n");
  REQUIRE(proef.messages.empty());
  const std::string text =
      "Een zin met een proef.\n\n"
      "Twee zinnen hier. De tweede heeft een proef.\n\n"
      "Drie heeft een proef.\n\n"
      "Vier heeft ook een proef.\n";
  const auto findings = proef.engine->check(proef.engine->analyze(text, Format::PlainText), text);
  const std::vector<Seen> s = seen(findings, text);
  REQUIRE(s.size() == 4);  // one per paragraph: the ones found in context paragraphs were dropped
  CHECK(s[0].paragraph == "Een");
  CHECK(s[0].context == "0 alinea's met 0 zinnen");
  CHECK(s[1].paragraph == "Twee");
  CHECK(s[1].context == "1 alinea's met 1 zinnen");  // the start of the document: less than asked for
  CHECK(s[2].paragraph == "Drie");
  CHECK(s[2].context == "1 alinea's met 2 zinnen");
  CHECK(s[3].paragraph == "Vier");
  CHECK(s[3].context == "2 alinea's met 3 zinnen");  // whole paragraphs: the one sentence before was not enough
}

TEST_CASE("context scope: after an edit only the changed paragraph and the ones that read it are checked again",
          "[context][engine][loader][cache]") {
  Proef proef("[rules.woord]\nkind = \"good.context-word\"\nword = \"proef\"\n");
  const std::string first =
      "Een zin met een proef.\n\n"
      "Twee zinnen hier. De tweede heeft een proef.\n\n"
      "Drie heeft een proef.\n\n"
      "Vier heeft ook een proef.\n\n"
      "Vijf heeft nog een proef.\n";
  ParagraphCache cache;
  const Engine& engine = *proef.engine;
  const std::vector<Seen> before = seen(engine.check(engine.analyze(first, Format::PlainText, &cache), first), first);
  REQUIRE(before.size() == 5);

  // The same text again: every finding is kept.
  const std::vector<Seen> again = seen(engine.check(engine.analyze(first, Format::PlainText, &cache), first), first);
  for (std::size_t i = 0; i < 5; ++i) CHECK(again[i].call == before[i].call);

  // An edit in the last paragraph: only that one is read again.
  std::string edited = first;
  edited.replace(edited.find("Vijf heeft nog"), 14, "Vijf heeft toch");
  const std::vector<Seen> last = seen(engine.check(engine.analyze(edited, Format::PlainText, &cache), edited), edited);
  REQUIRE(last.size() == 5);
  for (std::size_t i = 0; i < 4; ++i) CHECK(last[i].call == before[i].call);
  CHECK(last[4].call != before[4].call);

  // An edit in the second paragraph: it, and the two after it that read it (two sentences back), are read again.
  edited.replace(edited.find("Twee zinnen hier"), 16, "Twee zinnen daar");
  const std::vector<Seen> second = seen(engine.check(engine.analyze(edited, Format::PlainText, &cache), edited), edited);
  REQUIRE(second.size() == 5);
  CHECK(second[0].call == last[0].call);
  CHECK(second[1].call != last[1].call);
  CHECK(second[2].call != last[2].call);  // reads "Twee" as context
  CHECK(second[3].call != last[3].call);  // reads "Drie" and "Twee"
  CHECK(second[4].call == last[4].call);  // reads "Vier" (1 sentence) and "Drie" (1): not "Twee"
  CHECK(second[4].context == "2 alinea's met 2 zinnen");
}

TEST_CASE("context scope: a rule of a scope this helder does not know is left out with a message",
          "[context][engine][loader]") {
  Proef proef("[rules.toekomst]\nkind = \"good.future-scope\"\n[rules.woord]\nkind = \"good.word\"\nword = \"proef\"\n");
  REQUIRE(proef.messages.size() == 1);
  CHECK_THAT(proef.messages[0], Catch::Contains("proef.toekomst") && Catch::Contains("werk helder bij"));
  const std::string text = "Een zin met een proef.\n";
  const auto findings = proef.engine->check(proef.engine->analyze(text, Format::PlainText), text);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == "proef.woord");
}
