// Word ids (ABI minor 4): the host numbers every word form once (WordServices::word_id), gives each token the id
// of its lower-case form and of its form as written, and lends word_id / word_text / spelled_word to plugins.
// Rules match on ids instead of strings: the SDK's WordIdMap, WordIdSet and WordTable, and its own numbering for a
// host older than minor 4. Through the real services, the real loader and the test plugin good.so (kind
// "word-id"), in the host's process and in a worker process.
#include "test_support.hpp"

#include <helder/engine.hpp>
#include <helder/plugin_loader.hpp>
#include <helder/sdk.hpp>
#include <helder/word_services.hpp>

#include <catch2/catch.hpp>

#include <set>
#include <thread>

using namespace helder;
namespace fs = std::filesystem;

TEST_CASE("word ids: one id per string, dense, the same from every thread", "[wordids]") {
  const WordServices& words = *test::language_services()->words;
  CHECK(words.word_id("") == 0);
  CHECK(words.word_text(0).empty());
  const std::uint32_t a = words.word_id("proefwoordeen"), b = words.word_id("proefwoordtwee");
  CHECK(a != 0);
  CHECK(b != 0);
  CHECK(a != b);
  CHECK(words.word_id("proefwoordeen") == a);
  CHECK(words.word_text(a) == "proefwoordeen");
  CHECK(words.word_text(b) == "proefwoordtwee");
  // Case and spelling matter: ids are of strings, not of words.
  CHECK(words.word_id("Proefwoordeen") != a);
  // An id never given out has no text.
  CHECK(words.word_text(0xFFFFFFF0u).empty());

  // Two threads number the same new words at once: each string gets one id, and the ids are dense (no gaps
  // beyond what other strings took).
  std::vector<std::string> list;
  for (int i = 0; i < 2000; ++i) list.push_back("draadwoord" + std::to_string(i));
  std::vector<std::uint32_t> first(list.size()), second(list.size());
  std::thread other([&] {
    for (std::size_t i = 0; i < list.size(); ++i) second[i] = words.word_id(list[i]);
  });
  for (std::size_t i = 0; i < list.size(); ++i) first[i] = words.word_id(list[i]);
  other.join();
  CHECK(first == second);
  const std::set<std::uint32_t> distinct(first.begin(), first.end());
  CHECK(distinct.size() == list.size());
  CHECK(*distinct.rbegin() - *distinct.begin() < list.size() + 1000);
  for (std::size_t i = 0; i < list.size(); ++i) CHECK(words.word_text(first[i]) == list[i]);

  // Spelling by id answers as spelling by string, twice (the second time from the table).
  const std::uint32_t good = words.word_id("besluit"), bad = words.word_id("besluitt");
  for (int round = 0; round < 2; ++round) {
    CHECK(words.spelled_word(good) == words.spelled_correctly("besluit"));
    CHECK(words.spelled_word(good) == 1);
    CHECK(words.spelled_word(bad) == 0);
  }
  CHECK(words.spelled_word(0) == -1);
}

TEST_CASE("word ids: every word token carries the id of its lower-case form and of its form as written",
          "[wordids][engine]") {
  std::vector<std::string> messages;
  const test::TempDir dir;
  const Config config = test::config_from("", dir.path());
  const Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  const WordServices& words = *test::language_services()->words;
  const std::string text = "Het Besluit van de CBS-directeur staat vast, bijv. op 3 mei.\n\nEen verkiezings-\nuitslag.\n";
  const DocumentAnalysis analysis = engine.analyze(text, Format::PlainText);
  std::size_t checked = 0;
  for (const DocumentParagraph& p : analysis.paragraphs)
    for (const helder_token& t : p->tokens) {
      const std::string_view lower(t.lower.data, t.lower.size);
      if (lower.empty()) {
        CHECK(t.word == 0);
        CHECK(t.form == 0);
        continue;
      }
      ++checked;
      CHECK(t.word == words.word_id(lower));
      CHECK(words.word_text(t.word) == lower);
      const std::string_view written = std::string_view(p->text).substr(t.start, t.end - t.start);
      if (written == "verkiezings-\nuitslag")
        CHECK(words.word_text(t.form) == "verkiezingsuitslag");  // the line break joined, as for lookups
      else
        CHECK(words.word_text(t.form) == written);
    }
  CHECK(checked >= 12);
}

namespace {

struct WordIdRule {
  test::TempDir dir;
  std::vector<std::string> messages;
  PluginRegistry registry;
  std::unique_ptr<PluginIsolation> isolation;
  std::unique_ptr<Engine> engine;

  explicit WordIdRule(bool in_worker) {
    dir.write("packs/proef/pack.toml", "name = \"proef\"\n[rules.woord]\nkind = \"good.word-id\"\nword = \"besluit\"\n");
    const Config config = test::config_from("packs = [\"proef\"]\npack_paths = [\"packs\"]\n", dir.path());
    if (in_worker)
      isolation = std::make_unique<PluginIsolation>(
          PluginIsolation{InstallLayout::detect().plugin_worker, IsolationLimits{std::chrono::seconds(60), 2048}});
    registry.load_file(fs::path(HELDER_BROKEN_PLUGIN_DIR) / "good.so", messages, isolation.get());
    REQUIRE(messages.empty());
    engine = std::make_unique<Engine>(config, test::language_services(), registry, messages);
    REQUIRE(messages.empty());
  }
};

}  // namespace

TEST_CASE("word ids: a plugin finds its word by id and reads the host's texts and spelling by id, in the host's "
          "process and in its own", "[wordids][loader][isolation]") {
  const std::string text = "Besluit nu. Het besluit staat vast, maar de besluiten niet. Een besluitt is fout.\n";
  for (const bool in_worker : {false, true}) {
    INFO((in_worker ? "in a worker process" : "in the host's process"));
    WordIdRule rule(in_worker);
    if (in_worker) REQUIRE(rule.registry.find("good")->process_id() > 0);
    const std::vector<Finding> findings = rule.engine->check(rule.engine->analyze(text, Format::PlainText), text);
    REQUIRE(findings.size() == 2);  // "Besluit" and "besluit"; not "besluiten", not "besluitt"
    CHECK(text.substr(findings[0].start, findings[0].end - findings[0].start) == "Besluit");
    CHECK(findings[0].message == "Woord besluit, geschreven Besluit, spelling 1.");
    CHECK(text.substr(findings[1].start, findings[1].end - findings[1].start) == "besluit");
    CHECK(findings[1].message == "Woord besluit, geschreven besluit, spelling 1.");
  }
}

TEST_CASE("word ids: with a host older than minor 4 the SDK numbers the words itself", "[wordids][sdk]") {
  // A host of minor 3: its struct ends before word_id, and its tokens before `word`.
  helder_host old{};
  old.struct_size = offsetof(helder_host, word_id);
  old.abi_minor = 3;
  const sdk::Host host(&old);
  CHECK_FALSE(host.has_word_ids());
  const std::uint32_t a = host.word_id("oudwoord"), b = host.word_id("anderwoord");
  CHECK(a != 0);
  CHECK(a != b);
  CHECK(host.word_id("oudwoord") == a);
  CHECK(host.word_id("") == 0);
  CHECK(host.word_text(a) == "oudwoord");
  helder_token t{};
  t.struct_size = offsetof(helder_token, word);
  t.kind = HELDER_TOKEN_WORD;
  t.lower = helder_str{"oudwoord", 8};
  CHECK(host.word_of(t) == a);
  CHECK(host.form_of(t, "Oudwoord") == host.word_id("Oudwoord"));
  t.lower = helder_str{nullptr, 0};
  CHECK(host.word_of(t) == 0);
  // A token of a minor-4 host carries its ids; the SDK reads them as they are.
  helder_token now{};
  now.struct_size = sizeof(helder_token);
  now.lower = helder_str{"oudwoord", 8};
  now.word = 77;
  now.form = 78;
  CHECK(host.word_of(now) == 77);
  CHECK(host.form_of(now, "Oudwoord") == 78);
}

TEST_CASE("word ids: WordIdMap and WordIdSet find every key and nothing else", "[wordids][sdk]") {
  sdk::WordIdMap<std::uint32_t> map;
  CHECK(map.find(5) == nullptr);
  CHECK(map.empty());
  for (std::uint32_t id = 1; id <= 5000; id += 3) map[id] = id * 2;
  CHECK(map.size() == 1667);
  for (std::uint32_t id = 1; id <= 5003; ++id) {
    const bool inserted = id % 3 == 1 && id <= 5000;
    const std::uint32_t* v = map.find(id);
    if (inserted) {
      REQUIRE(v != nullptr);
      CHECK(*v == id * 2);
    } else {
      CHECK(v == nullptr);
    }
  }
  CHECK(map.find(0) == nullptr);  // 0 is no word
  map[4] += 1;
  CHECK(*map.find(4) == 9);
  CHECK(map.size() == 1667);
  sdk::WordIdSet set;
  set.insert(0);  // ignored
  set.insert(0xFFFFFFFEu);
  set.insert(12);
  CHECK(set.size() == 2);
  CHECK(set.contains(12));
  CHECK(set.contains(0xFFFFFFFEu));
  CHECK_FALSE(set.contains(0));
  CHECK_FALSE(set.contains(13));
}

TEST_CASE("word ids: a WordTable keeps a value per id, in any block, from several threads", "[wordids][sdk]") {
  const sdk::WordTable<std::uint8_t> table;
  CHECK(table.get(0) == 0);
  CHECK(table.get(4'000'000'000u) == 0);  // a block never made reads as zero
  table.set(1, 7);
  table.set(65'536, 8);  // the next block
  table.set(4'000'000'000u, 9);
  CHECK(table.get(1) == 7);
  CHECK(table.get(2) == 0);
  CHECK(table.get(65'536) == 8);
  CHECK(table.get(4'000'000'000u) == 9);
  // Two threads fill interleaved ids in the same new blocks.
  const sdk::WordTable<std::uint32_t> shared;
  auto fill = [&](std::uint32_t from) {
    for (std::uint32_t id = 200'000 + from; id < 400'000; id += 2) shared.set(id, id);
  };
  std::thread a(fill, 0), b(fill, 1);
  a.join();
  b.join();
  std::size_t wrong = 0;
  for (std::uint32_t id = 200'000; id < 400'000; ++id) wrong += shared.get(id) == id ? 0 : 1;
  CHECK(wrong == 0);
}

TEST_CASE("word ids: a word looked up in one word services and then in another gets each one's own answer",
          "[wordids][words]") {
  // info() keeps the forms a thread looked up last per WordServices; an object made after another one was
  // destroyed (often at the same address) must not see the old one's entries.
  const auto paths = WordServicePaths::defaults(fs::path(HELDER_SOURCE_DIR) / "host" / "data");
  const std::vector<std::string> forms = {"Besluit", "gemeente", "Woonplaats", "aanvraag"};
  for (int round = 0; round < 3; ++round) {
    auto services = std::make_unique<WordServices>(paths);
    services->word_id("eerst-een-ander-woord-" + std::to_string(round));  // other ids in each round
    for (int pass = 0; pass < 2; ++pass)  // the second pass is answered from the thread's table
      for (const std::string& form : forms) {
        const WordInfo& info = services->info(form);
        CHECK(info.form == services->word_id(form));
        CHECK(services->word_text(info.word) == info.lower);
        CHECK(info.lower == (form == "Besluit" ? "besluit" : form == "Woonplaats" ? "woonplaats" : form));
      }
    // Two objects side by side, looked up in turn (each statement on its own: the order of evaluation of the two
    // sides of a comparison is not fixed, and numbering a word is a side effect).
    const WordServices other(paths);
    other.word_id("nog-een-woord");
    other.word_id("en-nog-een");  // so that its ids differ from those of `services`
    const std::uint32_t other_form = other.info("Besluit").form;
    const std::uint32_t services_form = services->info("Besluit").form;
    CHECK(other_form == other.word_id("Besluit"));
    CHECK(services_form == services->word_id("Besluit"));
    CHECK(other.info("Besluit").word == other.word_id("besluit"));
    CHECK(other_form == 4);  // "nog-een-woord", "en-nog-een", "besluit", "Besluit"
    CHECK(services_form != other_form);
  }
}
