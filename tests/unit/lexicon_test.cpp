// The Dutch lexicon (host/data/lexicon-nl): verb forms by the spelling rules, the loaded data, word classes,
// guesses, pack extensions and the errors of a broken file; and the token features the host gives plugins.
#include "test_support.hpp"

#include <helder/lexicon.hpp>
#include <helder/plugin_abi.h>
#include <helder/verb_forms.hpp>

#include <catch2/catch.hpp>

#include <fstream>

using namespace helder;

namespace {

const Lexicon& lexicon() { return *test::language_services()->lexicon; }

std::string form(std::string_view infinitive, std::uint32_t which) {
  return std::string(lexicon().verb_form(lexicon().lemma_id(infinitive), which));
}

}  // namespace

TEST_CASE("regular verbs get their forms from the spelling rules", "[lexicon]") {
  const VerbForms a = regular_verb("adresseren");
  CHECK(a.present_1 == "adresseer");
  CHECK(a.present_3 == "adresseert");
  CHECK(a.past_singular == "adresseerde");
  CHECK(a.past_plural == "adresseerden");
  CHECK(a.participle == "geadresseerd");
  CHECK(regular_verb("maken").past_singular == "maakte");  // 't kofschip
  CHECK(regular_verb("leven").present_1 == "leef");
  CHECK(regular_verb("leven").past_singular == "leefde");  // v before the change decides -de
  CHECK(regular_verb("reizen").participle == "gereisd");
  CHECK(regular_verb("zetten").present_3 == "zet");         // no extra t
  CHECK(regular_verb("antwoorden").participle == "geantwoord");
  CHECK(regular_verb("verstrekken").participle == "verstrekt");  // unstressed prefix: no ge-
  CHECK(regular_verb("veranderen", "verander").past_singular == "veranderde");  // the stem from verbs.tsv
}

TEST_CASE("adjectives are inflected by the spelling rules", "[lexicon]") {
  CHECK(inflect_adjective("groot") == "grote");
  CHECK(inflect_adjective("wit") == "witte");
  CHECK(inflect_adjective("lief") == "lieve");
  CHECK(inflect_adjective("duidelijk") == "duidelijke");
  CHECK(inflect_adjective("gesloten") == "gesloten");
  CHECK(inflect_adjective("groen") == "groene");
  CHECK(inflect_adjective("mooi") == "mooie");
}

TEST_CASE("the lexicon knows every form of its verbs, separable ones included", "[lexicon]") {
  REQUIRE(lexicon().verb_count() > 5000);
  CHECK(form("nemen", HELDER_VERB_PAST_SINGULAR) == "nam");
  CHECK(form("nemen", HELDER_VERB_PARTICIPLE) == "genomen");
  CHECK(form("vaststellen", HELDER_VERB_PARTICIPLE) == "vastgesteld");
  CHECK(form("vast|stellen", HELDER_VERB_PRESENT_3) == "vaststelt");
  CHECK(form("aannemen", HELDER_VERB_PARTICIPLE) == "aangenomen");
  CHECK(form("veranderen", HELDER_VERB_PRESENT_3) == "verandert");  // a schwa: the stem is in verbs.tsv
  CHECK(form("beschouwen", HELDER_VERB_PARTICIPLE) == "beschouwd");  // be- + schouwen, not "besc" + houwen  // separable compound of an irregular verb

  const WordFeatures werd = lexicon().features("werd");
  CHECK(werd.lemma == lexicon().lemma_id("worden"));
  CHECK((werd.verb_form & HELDER_VERB_PAST_SINGULAR) != 0);
  CHECK((werd.word_class & HELDER_CLASS_AUXILIARY) != 0);

  const WordFeatures beschouwd = lexicon().features("beschouwd");
  CHECK((beschouwd.verb_form & HELDER_VERB_PARTICIPLE) != 0);
  CHECK(beschouwd.lemma == lexicon().lemma_id("beschouwen"));
  CHECK((lexicon().features("gegaan").verb_form & HELDER_VERB_PERFECT_ZIJN) != 0);

  const std::uint32_t stellen = lexicon().lemma_id("stellen");
  CHECK(lexicon().separable_verb("vast", stellen) == lexicon().lemma_id("vaststellen"));
}

TEST_CASE("word classes come from words.tsv, participle shapes are guessed unless listed", "[lexicon]") {
  CHECK((lexicon().features("de").word_class & HELDER_CLASS_ARTICLE) != 0);
  const std::uint32_t dat = lexicon().features("dat").word_class;
  CHECK((dat & HELDER_CLASS_SUBORDINATOR) != 0);
  CHECK((dat & HELDER_CLASS_DETERMINER) != 0);
  CHECK((lexicon().features("te").word_class & HELDER_CLASS_INFINITIVE_MARKER) != 0);
  CHECK((lexicon().features("gesloten").word_class & HELDER_CLASS_STATE) != 0);
  CHECK((lexicon().features("niet").word_class & HELDER_CLASS_NEGATION) != 0);
  // Not in the files, shaped like a participle: a guess.
  const WordFeatures guess = lexicon().features("gefloepperd");
  CHECK((guess.verb_form & HELDER_VERB_PARTICIPLE) != 0);
  CHECK((guess.verb_form & HELDER_VERB_GUESSED) != 0);
  // Listed as not a participle.
  CHECK((lexicon().features("gebied").verb_form & HELDER_VERB_PARTICIPLE) == 0);
  CHECK(lexicon().features("gemeente") == WordFeatures{});
}

TEST_CASE("a pack extends the lexicon, a broken file names its line", "[lexicon]") {
  test::TempDir dir;
  Lexicon extended = lexicon();
  {
    std::ofstream(dir.path() / "words.tsv") << "# ministry words\nbeleidsarm\tstate\n";
    std::ofstream(dir.path() / "verbs.tsv") << "na|kwalificeren\n";
  }
  extended.add_words(dir.path() / "words.tsv");
  extended.add_verbs(dir.path() / "verbs.tsv");
  CHECK((extended.features("beleidsarm").word_class & HELDER_CLASS_STATE) != 0);
  CHECK((extended.features("nagekwalificeerd").verb_form & HELDER_VERB_PARTICIPLE) != 0);
  CHECK(extended.features("nagekwalificeerd").lemma == extended.lemma_id("nakwalificeren"));

  std::ofstream(dir.path() / "bad.tsv") << "de\tarticle\nhet\tlidwoord\n";
  try {
    extended.add_words(dir.path() / "bad.tsv");
    FAIL("a broken lexicon file was accepted");
  } catch (const LexiconError& e) {
    const std::string what = e.what();
    CHECK(what.find("bad.tsv:2:") != std::string::npos);
    CHECK(what.find("lidwoord") != std::string::npos);
  }
}
