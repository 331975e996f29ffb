// Tests for the word services: syllables, frequency bands, spelling, compounds, caching and the fallbacks.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <helder/word_services.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

const std::filesystem::path data_dir = std::filesystem::path(HELDER_SOURCE_DIR) / "host" / "data";

// Loading Hunspell nl takes a moment: the tests share one instance (it is thread-safe and caches only).
const helder::WordServices& shared_services() {
  static const helder::WordServices services(helder::WordServicePaths::defaults(data_dir));
  return services;
}

}  // namespace

TEST_CASE("word services load the Debian dictionaries and the shipped frequency list", "[words]") {
  const auto paths = helder::WordServicePaths::defaults(data_dir);
  CHECK(paths.hunspell_aff == "/usr/share/hunspell/nl.aff");
  CHECK(paths.hunspell_dic == "/usr/share/hunspell/nl.dic");
  CHECK(paths.hyphenation == "/usr/share/hyphen/hyph_nl_NL.dic");
  CHECK(paths.frequency_list == data_dir / "frequency-nl.txt");
  for (const auto& problem : shared_services().problems()) UNSCOPED_INFO(problem);
  CHECK(shared_services().problems().empty());
}

TEST_CASE("syllable counts of Dutch words", "[words]") {
  // Orthographic syllables, as the Woordenlijst hyphenates, with vowel sequences split as the brief asks
  // (ra-di-o, so-ci-aal).
  const std::vector<std::pair<std::string, std::uint32_t>> expected = {
      {"overheid", 3},          // o-ver-heid
      {"idee", 2},              // i-dee
      {"radio", 3},             // ra-di-o
      {"geïnteresseerd", 5},    // ge-ïn-te-res-seerd
      {"belangrijk", 3},        // be-lang-rijk
      {"maatregelen", 4},       // maat-re-ge-len
      {"bureau", 2},            // bu-reau
      {"museum", 3},            // mu-se-um
      {"verkiezingsuitslag", 5},  // ver-kie-zings-uit-slag
      {"zee", 1},
      {"regering", 3},          // re-ge-ring
      {"gemeente", 3},          // ge-meen-te
      {"burgemeester", 4},      // bur-ge-mees-ter
      {"wethouder", 3},         // wet-hou-der
      {"aanvraag", 2},          // aan-vraag
      {"ziekenhuis", 3},        // zie-ken-huis
      {"uitkering", 3},         // uit-ke-ring
      {"toeslagen", 3},         // toe-sla-gen
      {"verzekering", 4},       // ver-ze-ke-ring
      {"ondernemer", 4},        // on-der-ne-mer
      {"gezondheid", 3},        // ge-zond-heid
      {"zorgverzekeraar", 5},   // zorg-ver-ze-ke-raar
      {"koninkrijk", 3},        // ko-nink-rijk
      {"beëindigen", 4},        // be-ëin-di-gen
      {"ideeën", 3},            // i-dee-en
      {"reünie", 3},            // re-ü-nie
      {"coördinatie", 5},       // co-ör-di-na-tie
      {"financiële", 5},        // fi-nan-ci-ë-le
      {"informatie", 4},        // in-for-ma-tie
      {"organisatie", 5},       // or-ga-ni-sa-tie
      {"belastingaangifte", 6}, // be-las-ting-aan-gif-te
      {"kinderopvangtoeslag", 6},  // kin-der-op-vang-toe-slag
      {"woningbouw", 3},        // wo-ning-bouw
      {"ambtenaar", 3},         // amb-te-naar
      {"beleid", 2},            // be-leid
      {"niveau", 2},            // ni-veau
      {"theater", 3},           // the-a-ter
      {"reactie", 3},           // re-ac-tie
      {"januari", 4},           // ja-nu-a-ri
      {"pensioen", 3},          // pen-si-oen
      {"mooie", 2},             // mooi-e
      {"draaien", 2},           // draai-en
      {"nieuw", 1},
      {"eeuw", 1},
      {"bijeenkomst", 3},       // bij-een-komst
      {"training", 2},          // trai-ning
      {"e-mail", 2},            // e-mail
      {"auto's", 2},            // au-to's
      {"vrijdag", 2},           // vrij-dag
      {"huis", 1},
      {"straat", 1},
      {"geautomatiseerd", 6},   // ge-au-to-ma-ti-seerd
      {"consequent", 3},        // con-se-quent
      {"systeem", 2},           // sys-teem
      {"procedure", 4},         // pro-ce-du-re
      {"ministerie", 4},        // mi-nis-te-rie
      {"provincie", 3},         // pro-vin-cie
      {"sociaal", 3},           // so-ci-aal
      {"medewerker", 4},        // me-de-wer-ker
      {"verantwoordelijk", 5},  // ver-ant-woor-de-lijk
      {"waterschap", 3},        // wa-ter-schap
      {"Rijksoverheid", 4},     // rijks-o-ver-heid
      {"zeeën", 2},             // zee-en
      {"financieel", 4},        // fi-nan-ci-eel
      {"naïef", 2},             // na-ief
      {"ruïne", 3},             // ru-i-ne
      {"coöperatie", 5},        // co-ö-pe-ra-tie
      {"yoghurt", 2},           // yog-hurt
      {"toilet", 2},            // toi-let
      {"geüpdatet", 4},         // ge-üp-da-tet
      {"aanvraagformulier", 5}, // aan-vraag-for-mu-lier
      {"eigenaar", 3},          // ei-ge-naar
      {"situatie", 4},          // si-tu-a-tie
      {"individueel", 5},       // in-di-vi-du-eel
      {"eventueel", 4},         // e-ven-tu-eel
      {"uiteraard", 3},         // ui-ter-aard
      {"geëvalueerd", 5},       // ge-ë-va-lu-eerd
      {"hygiëne", 4},           // hy-gi-ë-ne
      {"België", 3},            // bel-gi-ë
      {"koeien", 2},            // koei-en
      {"realiseren", 5},        // re-a-li-se-ren
      {"initiatief", 5},        // i-ni-ti-a-tief
      {"ingenieur", 3},         // in-ge-nieur (libhyphen cuts ni-eur: a known miss)
      {"gemeentelijke", 5},     // ge-meen-te-lij-ke
      {"duurzaam", 2},          // duur-zaam
      {"poëzie", 3},            // po-ë-zie
      {"bioscoop", 3},          // bi-o-scoop
      {"theorie", 3},           // the-o-rie
  };
  REQUIRE(expected.size() >= 40);
  const auto& services = shared_services();
  std::size_t correct = 0;
  for (const auto& [word, syllables] : expected) {
    const std::uint32_t counted = services.syllables(word);
    if (counted == syllables) {
      ++correct;
    } else {
      WARN("syllable miss: " << word << " counted " << counted << ", expected " << syllables);
    }
  }
  // At least 95% right: a few loans and compounds may be read another way.
  INFO(correct << " of " << expected.size() << " right");
  CHECK(correct * 100 >= expected.size() * 95);
}

TEST_CASE("syllables of words without vowels or letters", "[words]") {
  const auto& services = shared_services();
  CHECK(services.syllables("hm") == 1);     // a word with a letter has at least one syllable
  CHECK(services.syllables("2024") == 0);   // no letter, no syllable
  CHECK(services.syllables("") == 0);
  CHECK(services.syllables("ZIEKENHUIS") == 3);
  CHECK(services.syllables("uitkering-aanvraag") == 5);  // uit-ke-ring-aan-vraag: the runs between hyphens add up
}

TEST_CASE("info lower-cases with ICU after NFC normalisation", "[words]") {
  const auto& services = shared_services();
  CHECK(services.lower("Overheid") == "overheid");
  CHECK(services.lower("ÉÉN") == "één");
  // "e" followed by U+0308 COMBINING DIAERESIS becomes the single code point ë.
  CHECK(services.lower("Financie\xCC\x88le") == "financiële");
  CHECK(services.syllables("Financie\xCC\x88le") == 5);
}

TEST_CASE("frequency bands follow the rank in the shipped list", "[words]") {
  const auto& services = shared_services();
  std::ifstream in(data_dir / "frequency-nl.txt");
  REQUIRE(in);
  std::vector<std::string> words;
  std::string line;
  while (std::getline(in, line)) words.push_back(line.substr(0, line.find(' ')));
  REQUIRE(words.size() == 50000);

  // rank (1-based) -> band, at the edges of every band
  const std::vector<std::pair<std::size_t, std::uint32_t>> edges = {
      {1, 1}, {1000, 1}, {1001, 2}, {5000, 2}, {5001, 3}, {20000, 3}, {20001, 4}, {50000, 4}};
  for (const auto& [rank, band] : edges) {
    const std::string& word = words[rank - 1];
    INFO("rank " << rank << ": " << word);
    CHECK(services.frequency_band(word) == band);
  }
  CHECK(services.frequency_band("de") == 1);
  CHECK(services.frequency_band("De") == 1);  // the band comes from the lower-case form
  CHECK(services.frequency_band("onderwijsinstellingsbesluit") == 5);
  CHECK(services.frequency_band("") == 5);
}

TEST_CASE("info is cached per word form and returns stable references", "[words]") {
  const auto& services = shared_services();
  const helder::WordInfo& first = services.info("gemeente");
  for (int i = 0; i < 2000; ++i) services.info("woord" + std::to_string(i));  // grow the cache
  const helder::WordInfo& again = services.info("gemeente");
  CHECK(&first == &again);
  CHECK(first.lower == "gemeente");
  // Another form of the same word has its own entry with the same lower-case form.
  CHECK(&services.info("Gemeente") != &first);
  CHECK(services.info("Gemeente").lower == "gemeente");
}

TEST_CASE("spelling with Hunspell nl", "[words]") {
  const auto& services = shared_services();
  CHECK(services.spelled_correctly("gemeente") == 1);
  CHECK(services.spelled_correctly("Gemeente") == 1);
  CHECK(services.spelled_correctly("prijs") == 1);  // the dictionary spells ij as the ligature; Hunspell converts
  CHECK(services.spelled_correctly("geïnteresseerd") == 1);
  CHECK(services.spelled_correctly("belastingaangifte") == 1);
  CHECK(services.spelled_correctly("gemeentte") == 0);
  CHECK(services.spelled_correctly("onmiddelijk") == 0);
  CHECK(services.spelled_correctly("onmiddelijk") == 0);  // second answer from the cache

  const auto suggestions = services.suggestions("onmiddelijk");
  CHECK(std::find(suggestions.begin(), suggestions.end(), "onmiddellijk") != suggestions.end());
  const auto more = services.suggestions("vrijdg");
  CHECK(std::find(more.begin(), more.end(), "vrijdag") != more.end());  // ligature converted back to "ij"
}

TEST_CASE("the words that decide how compounds split are data: compound-words-nl.tsv", "[words]") {
  helder::test::TempDir dir;
  auto paths = helder::WordServicePaths::defaults(data_dir);
  CHECK(paths.compound_words == data_dir / "compound-words-nl.tsv");
  // The shipped file without its particles and suffixes: words made from a particle verb and words that end in
  // a suffix now split.
  std::string kept;
  {
    std::ifstream in(paths.compound_words);
    for (std::string line; std::getline(in, line);)
      if (line.find("\tparticle") == std::string::npos && line.find("\tsuffix") == std::string::npos) kept += line + "\n";
  }
  paths.compound_words = dir.write("compound-words-nl.tsv", kept);
  const helder::WordServices without(paths);
  CHECK(without.problems().empty());
  using Parts = std::vector<std::string>;
  const std::vector<std::string> words = {"onderwijs", "aanvallen", "uitkering", "toeslag", "verpleegster",
                                          "plotseling", "waardeloos"};
  std::size_t changed = 0;
  for (const std::string& w : words) {
    const Parts shipped = shared_services().compound_parts(w);
    const Parts other = without.compound_parts(w);
    UNSCOPED_INFO(w << ": " << shipped.size() << " parts with the shipped list, " << other.size() << " without");
    CHECK(shipped == Parts{w});
    changed += other != shipped ? 1 : 0;
  }
  CHECK(changed >= 2);
  // A file with a line it cannot read names the file and the line; without two probe nouns nothing is split.
  paths.compound_words = dir.write("kapot.tsv", "fiets\tprobe\nuit\tvoorvoegsel\n");
  const helder::WordServices broken(paths);
  REQUIRE(broken.problems().size() == 2);
  CHECK(broken.problems()[0].find("kapot.tsv:2:") != std::string::npos);
  CHECK(broken.compound_parts("belastingaangifte") == Parts{"belastingaangifte"});
}

TEST_CASE("compound parts from Hunspell", "[words]") {
  const auto& services = shared_services();
  using Parts = std::vector<std::string>;
  CHECK(services.compound_parts("belastingaangifte") == Parts{"belasting", "aangifte"});
  // A linking letter (s, e, en) stays with the part before it, so the parts put together give the word back:
  // verkiezing + s + uitslag is reported as "verkiezings" + "uitslag".
  CHECK(services.compound_parts("verkiezingsuitslag") == Parts{"verkiezings", "uitslag"});
  CHECK(services.compound_parts("woningbouw") == Parts{"woning", "bouw"});
  // Fewest parts first: "kinderopvang" is in the dictionary ("kinder" alone is not a word).
  CHECK(services.compound_parts("kinderopvangtoeslag") == Parts{"kinderopvang", "toeslag"});
  CHECK(services.compound_parts("AOW-uitkering") == Parts{"AOW", "uitkering"});
  CHECK(services.compound_parts("Belastingaangifte") == Parts{"Belasting", "aangifte"});
  CHECK(services.compound_parts("boekenkast") == Parts{"boeken", "kast"});
  CHECK(services.compound_parts("ziektekostenverzekering") == Parts{"ziektekosten", "verzekering"});
  // Not compounds: the word itself. Short dictionary words (ver, gek, ten) and particles (uit, aan) are no parts.
  CHECK(services.compound_parts("regering") == Parts{"regering"});
  CHECK(services.compound_parts("gemeente") == Parts{"gemeente"});
  CHECK(services.compound_parts("huis") == Parts{"huis"});
  CHECK(services.compound_parts("uitkering") == Parts{"uitkering"});
  CHECK(services.compound_parts("overheid") == Parts{"overheid"});
  CHECK(services.compound_parts("vertellen") == Parts{"vertellen"});
  CHECK(services.compound_parts("verpleegster") == Parts{"verpleegster"});
  CHECK(services.compound_parts("e-mail") == Parts{"e-mail"});
}

TEST_CASE("word services give the same answers from several threads", "[words]") {
  const std::vector<std::string> words = {
      "gemeente", "Gemeente", "overheid", "belastingaangifte", "gemeentte", "idee", "radio", "uitkering",
      "verkiezingsuitslag", "zorgverzekeraar", "beëindigen", "ziekenhuis", "onmiddelijk", "de", "het", "Rijksoverheid",
      "toeslag", "aanvraag", "maatregelen", "bijeenkomst", "woningbouw", "geautomatiseerd", "bureau", "xyzzy"};

  // Reference answers from a fresh instance, on one thread.
  const auto paths = helder::WordServicePaths::defaults(data_dir);
  struct Answer {
    std::string lower;
    std::uint32_t syllables = 0;
    std::uint32_t band = 0;
    int spelled = 0;
    bool operator==(const Answer&) const = default;
  };
  std::vector<Answer> reference;
  {
    const helder::WordServices single(paths);
    for (const auto& word : words) {
      const auto& info = single.info(word);
      reference.push_back({info.lower, info.syllables, info.frequency_band, single.spelled_correctly(word)});
    }
  }

  const helder::WordServices services(paths);
  constexpr int thread_count = 8;
  std::vector<std::vector<Answer>> answers(thread_count, std::vector<Answer>(words.size()));
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      // Every thread walks the same words from another starting point, many times, so misses and hits overlap.
      for (int round = 0; round < 20; ++round) {
        for (std::size_t k = 0; k < words.size(); ++k) {
          const std::size_t i = (k + static_cast<std::size_t>(t) * 3) % words.size();
          const auto& info = services.info(words[i]);
          answers[t][i] = {info.lower, info.syllables, info.frequency_band, services.spelled_correctly(words[i])};
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < thread_count; ++t) CHECK(answers[t] == reference);
}

TEST_CASE("missing dictionaries are reported in Dutch and the services fall back", "[words]") {
  const std::filesystem::path nowhere = "/nonexistent/helder";
  helder::WordServicePaths paths;
  paths.hunspell_aff = nowhere / "nl.aff";
  paths.hunspell_dic = nowhere / "nl.dic";
  paths.hyphenation = nowhere / "hyph_nl_NL.dic";
  paths.frequency_list = nowhere / "frequency-nl.txt";
  paths.compound_words = nowhere / "compound-words-nl.tsv";

  std::unique_ptr<helder::WordServices> services;
  REQUIRE_NOTHROW(services = std::make_unique<helder::WordServices>(paths));
  const auto& problems = services->problems();
  REQUIRE(problems.size() == 4);
  CHECK(problems[3].find("/nonexistent/helder/compound-words-nl.tsv") != std::string::npos);
  CHECK(problems[0] ==
        "Het Nederlandse woordenboek is niet gevonden: /nonexistent/helder/nl.dic. Installeer het pakket hunspell-nl.");
  CHECK(problems[1] == "Het Nederlandse afbreekwoordenboek is niet gevonden: /nonexistent/helder/hyph_nl_NL.dic. "
                       "Installeer het pakket hyphen-nl.");
  CHECK(problems[2].find("/nonexistent/helder/frequency-nl.txt") != std::string::npos);

  CHECK(services->spelled_correctly("gemeente") == -1);
  CHECK(services->suggestions("gemeentte").empty());
  CHECK(services->compound_parts("belastingaangifte") == std::vector<std::string>{"belastingaangifte"});
  CHECK(services->frequency_band("de") == 5);
  // Syllables from vowel groups alone.
  CHECK(services->syllables("gemeente") == 3);
  CHECK(services->syllables("idee") == 2);
  CHECK(services->syllables("ziekenhuis") == 3);
  CHECK(services->lower("Overheid") == "overheid");
}

TEST_CASE("a missing .aff file is named when the .dic file exists", "[words]") {
  auto paths = helder::WordServicePaths::defaults(data_dir);
  paths.hunspell_aff = "/nonexistent/helder/nl.aff";
  const helder::WordServices services(paths);
  REQUIRE(services.problems().size() == 1);
  CHECK(services.problems()[0] ==
        "Het Nederlandse woordenboek is niet gevonden: /nonexistent/helder/nl.aff. Installeer het pakket hunspell-nl.");
  CHECK(services.spelled_correctly("gemeente") == -1);
  CHECK(services.syllables("idee") == 2);
}

TEST_CASE("several spellers answer as one does, from several threads at once", "[words][threads]") {
  // Words from a real circular, with every answer worked out by one speller on one thread first.
  std::vector<std::string> words;
  {
    std::ifstream in(std::filesystem::path(HELDER_SHARED_DIR) / "corpus" / "letters" /
                     "sg-brief-2024-01-12-aan-informateur.md");
    std::string word;
    while (in >> word && words.size() < 1500) {
      std::erase_if(word, [](char c) { return c == '.' || c == ',' || c == '(' || c == ')' || c == '"' || c == ':'; });
      if (word.size() >= 3) words.push_back(word);
    }
  }
  REQUIRE(words.size() > 500);
  const helder::WordServices one(helder::WordServicePaths::defaults(data_dir));
  std::vector<int> spelled;
  std::vector<std::vector<std::string>> parts;
  for (const std::string& w : words) {
    spelled.push_back(one.spelled_correctly(w));
    parts.push_back(one.compound_parts(w));
  }
  CHECK(std::count(spelled.begin(), spelled.end(), 0) > 0);  // a check that can fail: not everything is right
  CHECK(std::count_if(parts.begin(), parts.end(), [](const auto& p) { return p.size() > 1; }) > 10);

  const helder::WordServices many(helder::WordServicePaths::defaults(data_dir));
  many.open_spellers(3);
  many.open_spellers(2);  // fewer than there are: nothing changes
  std::vector<int> spelled_many(words.size());
  std::vector<std::vector<std::string>> parts_many(words.size());
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < words.size(); i += 4) {
        spelled_many[i] = many.spelled_correctly(words[i]);
        parts_many[i] = many.compound_parts(words[i]);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(spelled_many == spelled);
  CHECK(parts_many == parts);
}

TEST_CASE("a long compound splits in two, with the longest first part Hunspell allows", "[words]") {
  const auto& services = shared_services();
  using Parts = std::vector<std::string>;
  CHECK(services.compound_parts("belastingaangifteformulier") == Parts{"belastingaangifte", "formulier"});
  CHECK(services.compound_parts("gemeenteraadsverkiezingsuitslag") == Parts{"gemeenteraadsverkiezings", "uitslag"});
  CHECK(services.compound_parts("verblijfsvergunningaanvraag") == Parts{"verblijfsvergunning", "aanvraag"});
  CHECK(services.compound_parts("Zorgverzekeringspremie") == Parts{"Zorgverzekerings", "premie"});
}

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("Hunspell's answers are kept on disk and read by the next process", "[words][answers]") {
  helder::test::TempDir folder;
  const std::filesystem::path file = folder.path() / "cache" / "woorden-nl.tsv";  // the folder is made when written
  const auto paths = helder::WordServicePaths::defaults(data_dir);
  {
    helder::WordServices first(paths);
    CHECK(first.save_answers(file) == 0);  // nothing asked yet: no file
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(first.spelled_correctly("gemeente") == 1);
    CHECK(first.spelled_correctly("gemeentte") == 0);
    const std::vector<std::string> parts = first.compound_parts("belastingaangifte");
    REQUIRE(parts.size() == 2);
    CHECK(first.new_answers() >= 3);
    CHECK(first.save_answers(file) >= 3);
    CHECK(first.new_answers() == 0);
  }
  const std::string saved = read_text(file);
  helder::WordServices probe(paths);
  CHECK(saved.starts_with(probe.answers_identity() + "\n"));
  CHECK(saved.find("\ns\tgemeentte\t0\n") != std::string::npos);
  CHECK(saved.find("\nc\tbelastingaangifte\tbelasting\taangifte\n") != std::string::npos);

  SECTION("a new process answers from the file, without asking Hunspell") {
    // The file says "gemeentte" is right: only an answer read from the file can say so.
    std::string edited = saved;
    edited.replace(edited.find("s\tgemeentte\t0"), 13, "s\tgemeentte\t1");
    write_text(file, edited);
    helder::WordServices second(paths);
    CHECK(second.load_answers(file) >= 3);
    CHECK(second.new_answers() == 0);  // what was read is not new
    CHECK(second.spelled_correctly("gemeentte") == 1);
    CHECK(second.compound_parts("belastingaangifte") == std::vector<std::string>{"belasting", "aangifte"});
    CHECK(second.spelled_correctly("provincie") == 1);  // not in the file: Hunspell
    CHECK(second.new_answers() == 1);
  }
  SECTION("a file of another helder or another dictionary is not read") {
    std::string other = saved;
    other.replace(0, other.find('\n'), "helder-word-answers 1\t/usr/bin/helder 1 2\tnl.aff 3 4\tnl.dic 5 6");
    write_text(file, other);
    helder::WordServices second(paths);
    CHECK(second.load_answers(file) == 0);
    CHECK(second.spelled_correctly("gemeentte") == 0);
  }
  SECTION("a damaged or binary file is not read, and is replaced when written") {
    write_text(file, std::string("\x7f" "ELF\0\0\1\2garbage\n\ts\t\t\n", 22));
    helder::WordServices second(paths);
    CHECK(second.load_answers(file) == 0);
    write_text(file, probe.answers_identity() + "\ns\tgoed\t1\nbroken line\ns\tslecht\t2\nc\tx\t\t\nq\ta\t1\ns\n");
    CHECK(second.load_answers(file) == 1);  // only "goed"
    CHECK(second.spelled_correctly("bestuursorgaan") == 1);
    CHECK(second.save_answers(file) >= 2);
    CHECK(read_text(file).find("broken line") == std::string::npos);
  }
  SECTION("two processes writing the same file keep each other's answers") {
    helder::WordServices a(paths), b(paths);
    CHECK(a.load_answers(file) >= 3);
    CHECK(b.load_answers(file) >= 3);
    CHECK(a.spelled_correctly("waterschap") == 1);
    CHECK(b.spelled_correctly("waterschapp") == 0);
    CHECK(a.save_answers(file) > 0);
    CHECK(b.save_answers(file) > 0);  // b did not know "waterschap": it keeps a's answer
    const std::string both = read_text(file);
    CHECK(both.find("\ns\twaterschap\t1\n") != std::string::npos);
    CHECK(both.find("\ns\twaterschapp\t0\n") != std::string::npos);
  }
}

TEST_CASE("a word cache that cannot be written costs only speed", "[words][answers]") {
  helder::test::TempDir folder;
  // The cache's folder would have to be where a file is: nothing can be written there.
  { std::ofstream(folder.path() / "geen-map") << "een bestand"; }
  const std::filesystem::path file = folder.path() / "geen-map" / "woorden-nl.tsv";
  helder::WordServices services(helder::WordServicePaths::defaults(data_dir));
  CHECK(services.spelled_correctly("gemeente") == 1);
  CHECK(services.save_answers(file) == 0);
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK(read_text(folder.path() / "geen-map") == "een bestand");
  CHECK(services.load_answers(file) == 0);
  CHECK(services.spelled_correctly("gemeentte") == 0);  // the services go on
}

TEST_CASE("without a dictionary there are no answers to keep", "[words][answers]") {
  helder::test::TempDir folder;
  helder::WordServicePaths paths = helder::WordServicePaths::defaults(data_dir);
  paths.hunspell_aff = folder.path() / "missing.aff";
  paths.hunspell_dic = folder.path() / "missing.dic";
  helder::WordServices services(paths);
  CHECK(services.answers_identity().empty());
  CHECK(services.spelled_correctly("gemeente") == -1);
  CHECK(services.save_answers(folder.path() / "woorden.tsv") == 0);
  CHECK_FALSE(std::filesystem::exists(folder.path() / "woorden.tsv"));
}
