// Unit tests of Dutch segmentation: sentence breaks with abbreviation vetoes, token kinds and flags.
#include <helder/segmentation.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

const helder::Segmenter& segmenter() {
  static const helder::Segmenter instance(std::make_shared<const helder::AbbreviationList>(
      helder::AbbreviationList::load(HELDER_SOURCE_DIR "/host/data/abbreviations-nl.txt")),
      std::make_shared<const helder::SegmentationWords>(
          helder::SegmentationWords::load(HELDER_SOURCE_DIR "/host/data/segmentation-nl.tsv")));
  return instance;
}

std::vector<std::string> sentences(std::string_view text) {
  const helder::Segmentation result = segmenter().segment(text);
  std::vector<std::string> out;
  for (const helder::SentenceSpan& s : result.sentences) {
    out.emplace_back(text.substr(s.start, s.end - s.start));
  }
  return out;
}

struct TokenView {
  std::string text;
  helder_token_kind kind;
  std::uint32_t flags;
};

std::vector<TokenView> tokens(std::string_view text, std::span<const helder::Range> skipped = {}) {
  const helder::Segmentation result = segmenter().segment(text, skipped);
  std::vector<TokenView> out;
  for (const helder::Token& t : result.tokens) {
    out.push_back({std::string(text.substr(t.start, t.end - t.start)), t.kind, t.flags});
  }
  return out;
}

// The token whose text is `word`; fails the test if there is none.
TokenView token(std::string_view text, std::string_view word) {
  for (TokenView& t : tokens(text)) {
    if (t.text == word) {
      return t;
    }
  }
  FAIL("no token \"" << word << "\" in \"" << text << "\"");
  return {};
}

std::vector<std::string> token_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const TokenView& t : tokens(text)) {
    out.push_back(t.text);
  }
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("abbreviations inside sentences do not end them", "[segmentation]") {
  const char* const single_sentences[] = {
      "Neem bijv. de regeling voor huurtoeslag als voorbeeld.",
      "Dit geldt o.a. voor Groningen en Drenthe.",
      "Volgens art. 3 van de wet moet dat anders.",
      "Zie Kamerstukken II 2022/23, 36 200, nr. 4 voor de toelichting.",
      "In de brief d.d. 12 maart 2024 staat het besluit.",
      "Het gesprek met mw. drs. J. de Vries was nuttig.",
      "De wet gaat in op 1 jan. 2025 voor alle gemeenten.",
      "De toeslag is € 1.000,- per jaar.",
      "De vergadering begint om 12.30 uur in zaal 2.",
      "De brief is gericht aan dhr. Jansen en mw. Pietersen.",
      "Dit is een voorstel van prof. dr. ir. A.B. Smit.",
      "Het besluit is door de informateur, dr. R.H.A. Plasterk, ontvangen.",
      "Dit geldt t.a.v. de uitvoering en m.b.t. de kosten.",
      "Lees hoofdstuk 3 i.p.v. hoofdstuk 4.",
      "Zie Stb. 2023, 123 en Stcrt. 2024, 5.",
      "Bijv. Amsterdam en Rotterdam doen mee.",
  };
  for (const char* text : single_sentences) {
    INFO(text);
    CHECK(sentences(text) == Strings{text});
  }
}

TEST_CASE("an abbreviation list entry never matches as a suffix", "[segmentation]") {
  // "U." is an initial, but "EU." is an acronym that ends a sentence.
  CHECK(sentences("Dat besluit de EU. De lidstaten voeren het uit.") ==
        Strings{"Dat besluit de EU.", "De lidstaten voeren het uit."});
  // "jan." is listed, "Jan." (a name) only as written.
  CHECK(sentences("Het woord is aan Jan. Hij spreekt kort.") == Strings{"Het woord is aan Jan.", "Hij spreekt kort."});
  CHECK(sentences("Een plan is vrij. Wij doen dat niet.") == Strings{"Een plan is vrij.", "Wij doen dat niet."});
  // "bw." (bijwoord) is listed, but "BW" is the Burgerlijk Wetboek.
  CHECK(sentences("Zie art. 6:162 BW. Daarna volgt de uitleg.") ==
        Strings{"Zie art. 6:162 BW.", "Daarna volgt de uitleg."});
  // A capital after a noun that takes a letter label is no initial.
  CHECK(sentences("Zie bijlage B. Daarin staat het schema.") == Strings{"Zie bijlage B.", "Daarin staat het schema."});
  CHECK(sentences("Het advies van minister J. Jansen volgt.") == Strings{"Het advies van minister J. Jansen volgt."});
}

TEST_CASE("normal paragraphs break into sentences", "[segmentation]") {
  CHECK(sentences("De minister schrijft een brief. De Kamer leest die. Daarna volgt een debat.") ==
        Strings{"De minister schrijft een brief.", "De Kamer leest die.", "Daarna volgt een debat."});
  CHECK(sentences("Komt u ook? Dat is fijn! Wij zien u graag.") ==
        Strings{"Komt u ook?", "Dat is fijn!", "Wij zien u graag."});
  CHECK(sentences("Het is klaar...  Nu verder.") == Strings{"Het is klaar...", "Nu verder."});
}

TEST_CASE("list labels and lower-case continuations do not end a sentence", "[segmentation]") {
  CHECK(sentences("1. Een verzoek wordt ingediend door de beheerder.") ==
        Strings{"1. Een verzoek wordt ingediend door de beheerder."});
  CHECK(sentences("2.1.Het verzoek is compleet. b. De termijn is kort.") ==
        Strings{"2.1.Het verzoek is compleet.", "b. De termijn is kort."});
  CHECK(sentences("Het doek toont Christus (de schilder zelf?) op een ezel. Daarna volgt de stoet.") ==
        Strings{"Het doek toont Christus (de schilder zelf?) op een ezel.", "Daarna volgt de stoet."});
  CHECK(sentences("Komt u? ’s Avonds is het rustig.") == Strings{"Komt u?", "’s Avonds is het rustig."});
}

TEST_CASE("quotes stay with their sentence", "[segmentation]") {
  CHECK(sentences("Hij zei: «We werken aan een overheid die levert.» Met dit doel begon het kabinet.") ==
        Strings{"Hij zei: «We werken aan een overheid die levert.»", "Met dit doel begon het kabinet."});
  CHECK(sentences("„Dit is belangrijk.” Daarom schrijven wij.") ==
        Strings{"„Dit is belangrijk.”", "Daarom schrijven wij."});
  CHECK(sentences("‘Wie betaalt?’ Die vraag komt vaak.") == Strings{"‘Wie betaalt?’", "Die vraag komt vaak."});
  CHECK(sentences("Het ging goed. ,,Mijn niveau is omhoog gegaan.'' Zij won.") ==
        Strings{"Het ging goed.", ",,Mijn niveau is omhoog gegaan.''", "Zij won."});
  // A closing quote after a space belongs to the sentence before it.
  CHECK(sentences("Hij lachte. ,, Ik ben nogal een twijfelaar. ''") ==
        Strings{"Hij lachte.", ",, Ik ben nogal een twijfelaar. ''"});
}

TEST_CASE("a sentence may end with an abbreviation", "[segmentation]") {
  CHECK(sentences("Wij kopen pennen, papier, enz.") == Strings{"Wij kopen pennen, papier, enz."});
  CHECK(sentences("Wij kopen pennen, papier, enz. Daarna gaan we naar huis.") ==
        Strings{"Wij kopen pennen, papier, enz.", "Daarna gaan we naar huis."});
  CHECK(sentences("Dit is de brief van mw. drs.") == Strings{"Dit is de brief van mw. drs."});
}

TEST_CASE("line breaks in hard-wrapped text are soft, U+2028 is hard", "[segmentation]") {
  CHECK(sentences("Op 10 januari 2022 is dit kabinet\nvan start gegaan. Belangrijke passages\r\nluiden als volgt.") ==
        Strings{"Op 10 januari 2022 is dit kabinet\nvan start gegaan.", "Belangrijke passages\r\nluiden als volgt."});
  CHECK(sentences("Zie de bijlage bij\nKamerstuk 35 788, nr.\n77 voor meer.") ==
        Strings{"Zie de bijlage bij\nKamerstuk 35 788, nr.\n77 voor meer."});
  CHECK(sentences("Eerste regel\u2028tweede regel") == Strings{"Eerste regel", "tweede regel"});
  CHECK(sentences("Contact: dr.\u2028Den Haag") == Strings{"Contact: dr.", "Den Haag"});
}

TEST_CASE("sentence spans are trimmed and cover every token once", "[segmentation]") {
  CHECK(sentences("   \n\t ").empty());
  CHECK(segmenter().segment("").sentences.empty());
  const std::string_view text = "  Eerste zin.   Tweede zin.  ";
  const helder::Segmentation result = segmenter().segment(text);
  REQUIRE(result.sentences.size() == 2);
  CHECK(result.sentences[0].start == 2);
  CHECK(text.substr(result.sentences[1].start, result.sentences[1].end - result.sentences[1].start) == "Tweede zin.");
  std::uint32_t next = 0;
  for (const helder::SentenceSpan& s : result.sentences) {
    CHECK(s.first_token == next);
    next += s.token_count;
  }
  CHECK(next == result.tokens.size());
}

TEST_CASE("words keep apostrophes, hyphens and line-end hyphenation", "[segmentation]") {
  CHECK(token_texts("zo'n auto's in ’s-Gravenhage") == Strings{"zo'n", "auto's", "in", "’s-Gravenhage"});
  const TokenView pas = token("De PAS-melders en het SCP-rapport", "PAS-melders");
  CHECK(pas.kind == HELDER_TOKEN_WORD);
  CHECK((pas.flags & HELDER_TOKEN_HYPHENATED) != 0);
  CHECK((token("Het SCP-rapport is uit.", "SCP-rapport").flags & HELDER_TOKEN_HYPHENATED) != 0);
  const TokenView staten = token("de Staten-Generaal", "Staten-Generaal");
  CHECK(staten.kind == HELDER_TOKEN_WORD);
  CHECK((staten.flags & (HELDER_TOKEN_HYPHENATED | HELDER_TOKEN_CAPITALIZED)) ==
        (HELDER_TOKEN_HYPHENATED | HELDER_TOKEN_CAPITALIZED));
  const TokenView broken = token("de verkiezings-\nuitslag", "verkiezings-\nuitslag");
  CHECK(broken.kind == HELDER_TOKEN_WORD);
  CHECK((broken.flags & HELDER_TOKEN_HYPHENATED) == 0);
  CHECK((token("de PAS-\nmelders", "PAS-\nmelders").flags & HELDER_TOKEN_HYPHENATED) != 0);
  // An elided compound keeps its hyphen apart from the next word.
  CHECK(token_texts("land-\nen tuinbouw") == Strings{"land", "-", "en", "tuinbouw"});
  CHECK(token_texts("geopolitieke- en veiligheidssituatie") ==
        Strings{"geopolitieke", "-", "en", "veiligheidssituatie"});
}

TEST_CASE("numbers", "[segmentation]") {
  const std::string_view text = "Op 1 jan. 2025 om 12.30 uur: € 1.000,- en 3,5% (2022/23, 36 200, jaren ’70).";
  for (const char* number : {"1", "2025", "12.30", "1.000,-", "3,5", "2022/23", "36", "200", "’70"}) {
    INFO(number);
    CHECK(token(text, number).kind == HELDER_TOKEN_NUMBER);
  }
  CHECK(token(text, "€").kind == HELDER_TOKEN_SYMBOL);
  CHECK(token(text, "%").kind == HELDER_TOKEN_SYMBOL);
  CHECK(token(text, ":").kind == HELDER_TOKEN_PUNCTUATION);
  CHECK(token(text, "jan.").kind == HELDER_TOKEN_ABBREVIATION);
  CHECK(token("de 3e keer", "3e").kind == HELDER_TOKEN_NUMBER);
  CHECK(token("een 10-jarige", "10-jarige").kind == HELDER_TOKEN_WORD);
}

TEST_CASE("abbreviations and initials", "[segmentation]") {
  const std::string_view text = "Bijv. o.a. t.a.v. m.b.t. d.d. nr. art. mw. drs. J. R.H.A. z.g.a.n. Stb. (bijv.";
  for (const char* abbreviation : {"Bijv.", "o.a.", "t.a.v.", "m.b.t.", "d.d.", "nr.", "art.", "mw.", "drs.", "J.",
                                   "R.H.A.", "z.g.a.n.", "Stb.", "bijv."}) {
    INFO(abbreviation);
    CHECK(token(text, abbreviation).kind == HELDER_TOKEN_ABBREVIATION);
  }
  CHECK((token(text, "Bijv.").flags & HELDER_TOKEN_CAPITALIZED) != 0);
  CHECK((token(text, "R.H.A.").flags & HELDER_TOKEN_ALL_CAPS) != 0);
  // A word before a sentence-final period is no abbreviation; the period is punctuation.
  CHECK(token_texts("Dat is het einde.") == Strings{"Dat", "is", "het", "einde", "."});
  CHECK(token_texts("De EU.") == Strings{"De", "EU", "."});
}

TEST_CASE("acronyms", "[segmentation]") {
  const std::string_view text = "Het CBS, de AMvB, de CD&V, de N-VA, D66, de PvdA en COVID-19.";
  for (const char* acronym : {"CBS", "AMvB", "CD&V", "N-VA", "D66", "PvdA", "COVID-19"}) {
    INFO(acronym);
    CHECK(token(text, acronym).kind == HELDER_TOKEN_ACRONYM);
  }
  CHECK((token(text, "CBS").flags & HELDER_TOKEN_ALL_CAPS) != 0);
  CHECK((token(text, "AMvB").flags & HELDER_TOKEN_ALL_CAPS) == 0);
  // A shouting heading: long words stay words (with ALL_CAPS), short ones are read as acronyms.
  const std::string_view heading = "BRIEF VAN DE MINISTER-PRESIDENT";
  const TokenView long_word = token(heading, "MINISTER-PRESIDENT");
  CHECK(long_word.kind == HELDER_TOKEN_WORD);
  CHECK((long_word.flags & HELDER_TOKEN_ALL_CAPS) != 0);
  CHECK(token("GroenLinks en McDonald", "GroenLinks").kind == HELDER_TOKEN_WORD);
  CHECK(token("GroenLinks en McDonald", "McDonald").kind == HELDER_TOKEN_WORD);
}

TEST_CASE("URLs and e-mail addresses", "[segmentation]") {
  const std::string_view text =
      "Zie www.rijksoverheid.nl, https://wetten.overheid.nl/BWBR0005537?a=B. Of mail naar info@minbzk.nl. "
      "Kijk op europa.eu (of overheid.nl).";
  CHECK(token(text, "www.rijksoverheid.nl").kind == HELDER_TOKEN_URL);
  CHECK(token(text, "https://wetten.overheid.nl/BWBR0005537?a=B").kind == HELDER_TOKEN_URL);
  CHECK(token(text, "info@minbzk.nl").kind == HELDER_TOKEN_EMAIL);
  CHECK(token(text, "europa.eu").kind == HELDER_TOKEN_URL);
  CHECK(token(text, "overheid.nl").kind == HELDER_TOKEN_URL);
  CHECK(sentences(text) == Strings{"Zie www.rijksoverheid.nl, https://wetten.overheid.nl/BWBR0005537?a=B.",
                                   "Of mail naar info@minbzk.nl.", "Kijk op europa.eu (of overheid.nl)."});
  CHECK(token_texts("Het o.a. genoemde") == Strings{"Het", "o.a.", "genoemde"});
  CHECK(token_texts("(zie www.overheid.nl).") == Strings{"(", "zie", "www.overheid.nl", ")", "."});
  CHECK(token_texts("Zie https://nl.wikipedia.org/wiki/Raad_(bestuur).") ==
        Strings{"Zie", "https://nl.wikipedia.org/wiki/Raad_(bestuur)", "."});
  CHECK(token_texts("<https://www.cbs.nl/nieuws>") == Strings{"<", "https://www.cbs.nl/nieuws", ">"});
  CHECK(token("Mail naar «info@minbzk.nl».", "info@minbzk.nl").kind == HELDER_TOKEN_EMAIL);
}

TEST_CASE("skipped ranges become code tokens", "[segmentation]") {
  const std::string_view text = "Zet x.Load() in de code. Klaar.";
  const helder::Range skipped[] = {{4, 12}};
  const std::vector<TokenView> result = tokens(text, skipped);
  REQUIRE(result.size() >= 2);
  CHECK(result[1].text == "x.Load()");
  CHECK(result[1].kind == HELDER_TOKEN_CODE);
  CHECK(sentences(text).size() == 2);
}

TEST_CASE("sentence start and case flags", "[segmentation]") {
  const std::string_view text = "„Dit is 1 zin.” Daarna volgt 2025.";
  const helder::Segmentation result = segmenter().segment(text);
  REQUIRE(result.sentences.size() == 2);
  std::vector<std::string> starts;
  for (const helder::Token& t : result.tokens) {
    if ((t.flags & HELDER_TOKEN_SENTENCE_START) != 0) {
      starts.emplace_back(text.substr(t.start, t.end - t.start));
    }
  }
  CHECK(starts == Strings{"Dit", "Daarna"});
  CHECK((token(text, "Dit").flags & HELDER_TOKEN_CAPITALIZED) != 0);
  CHECK((token(text, "is").flags & (HELDER_TOKEN_CAPITALIZED | HELDER_TOKEN_ALL_CAPS)) == 0);
}

TEST_CASE("segment is thread-safe and gives the same result on every thread", "[segmentation]") {
  const std::string_view text =
      "Het gesprek met mw. drs. J. de Vries was nuttig. Zie www.rijksoverheid.nl voor meer. Dat kost € 1.000,-.";
  const helder::Segmentation expected = segmenter().segment(text);
  std::vector<int> same(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < same.size(); ++i) {
    threads.emplace_back([&, i] {
      bool all = true;
      for (int round = 0; round < 200; ++round) {
        const helder::Segmentation got = segmenter().segment(text);
        all = all && got.tokens.size() == expected.tokens.size() && got.sentences.size() == expected.sentences.size();
      }
      same[i] = all ? 1 : 0;
    });
  }
  for (std::thread& t : threads) {
    t.join();
  }
  CHECK(same == std::vector<int>(4, 1));
  CHECK(expected.sentences.size() == 3);
}

TEST_CASE("the abbreviation list matches whole tokens and folds only lower-case entries", "[segmentation]") {
  const helder::AbbreviationList list =
      helder::AbbreviationList::load(HELDER_SOURCE_DIR "/host/data/abbreviations-nl.txt");
  CHECK(list.size() > 200);
  CHECK(list.contains("bijv."));
  CHECK(list.contains("Bijv."));
  CHECK(list.contains("Nr."));
  CHECK_FALSE(list.contains("BW."));
  CHECK(list.contains("Stb."));
  CHECK_FALSE(list.contains("stb."));
  CHECK(list.contains("jan."));
  CHECK_FALSE(list.contains("Jan."));
  CHECK_FALSE(list.contains("vrij."));
  CHECK_FALSE(list.contains("EU."));
  CHECK_FALSE(list.contains("bijv"));
}

TEST_CASE("a full stop without a space after it still ends the sentence", "[segmentation]") {
  // Text taken from PDFs and web pages often loses the space: "toegezegd.Ten behoeve van ...".
  CHECK(sentences("Wij willen snel overgaan.De minister komt morgen.") ==
        Strings{"Wij willen snel overgaan.", "De minister komt morgen."});
  CHECK(token_texts("overgaan.De minister") == Strings{"overgaan", ".", "De", "minister"});
  CHECK(sentences("Dat is toegezegd.Ten behoeve van de aanvraag.Het besluit volgt.") ==
        Strings{"Dat is toegezegd.", "Ten behoeve van de aanvraag.", "Het besluit volgt."});
  CHECK(sentences("De uitkering wordt verstrekt.Één keer per jaar.") ==
        Strings{"De uitkering wordt verstrekt.", "Één keer per jaar."});
  // Not glued sentences: abbreviations, initials, web addresses and file names.
  CHECK(sentences("Dit geldt o.a.Voor scholen.") == Strings{"Dit geldt o.a.Voor scholen."});
  CHECK(token("Zie rijksoverheid.nl voor meer.", "rijksoverheid.nl").kind == HELDER_TOKEN_URL);
  CHECK(token("Zie www.Rijksoverheid.nl voor meer.", "www.Rijksoverheid.nl").kind == HELDER_TOKEN_URL);
  CHECK(sentences("Zie www.Rijksoverheid.nl voor meer.").size() == 1);
  CHECK(sentences("Open het bestand brief.docx nu.").size() == 1);
}

TEST_CASE("the words that steer sentence boundaries are data: segmentation-nl.tsv", "[segmentation]") {
  const auto abbreviations = std::make_shared<const helder::AbbreviationList>(
      helder::AbbreviationList::load(HELDER_SOURCE_DIR "/host/data/abbreviations-nl.txt"));
  const helder::Segmenter without(abbreviations);  // no label nouns, elision words or closing abbreviations
  auto count = [](const helder::Segmenter& s, std::string_view text) { return s.segment(text).sentences.size(); };
  // "enz." closes an enumeration: the capital after it starts a new sentence, only with the list.
  const std::string_view closing = "Wij vragen om een kopie, een foto enz. Daarna beslissen wij.";
  CHECK(count(segmenter(), closing) == 2);
  CHECK(count(without, closing) == 1);
  // "bijlage B." ends a sentence: the capital is a label, not the initial of a name.
  const std::string_view label = "Zie bijlage B. De tabel staat daar.";
  CHECK(count(segmenter(), label) == 2);
  CHECK(count(without, label) == 1);
  // A line that starts with "en" after a hyphen keeps the hyphen: "land- en tuinbouw" is not "landen tuinbouw".
  const auto words_of = [](const helder::Segmenter& s, std::string_view text) {
    std::vector<std::string> out;
    for (const helder::Token& t : s.segment(text).tokens)
      if (t.kind == HELDER_TOKEN_WORD) out.emplace_back(text.substr(t.start, t.end - t.start));
    return out;
  };
  const std::string_view elided = "De land-\nen tuinbouw groeit.";
  CHECK(words_of(segmenter(), elided).at(1) == "land");
  CHECK(words_of(without, elided).at(1) != "land");

  helder::test::TempDir dir;
  const auto wrong = dir.write("segmentation-nl.tsv", "bijlage\tlabel-noun\nenz.\tafkorting\n");
  try {
    helder::SegmentationWords::load(wrong);
    FAIL("a wrong role was accepted");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find("segmentation-nl.tsv:2:") != std::string::npos);
  }
}

TEST_CASE("a missing or broken segmentation-nl.tsv is a Dutch message, and text is still split", "[segmentation]") {
  namespace fs = std::filesystem;
  const fs::path shipped = fs::path(HELDER_SOURCE_DIR) / "host" / "data";
  helder::test::TempDir dir;
  fs::copy(shipped, dir.path() / "data", fs::copy_options::recursive);
  const fs::path file = dir.path() / "data" / "segmentation-nl.tsv";
  auto problems_with = [&](const std::string& what) {
    std::string all;
    const auto services = helder::LanguageServices::load(dir.path() / "data",
                                                         helder::WordServicePaths::defaults(dir.path() / "data"));
    for (const std::string& p : services->problems) all += p + "\n";
    INFO(what << ": " << all);
    CHECK(services->segmenter->segment("Eerste zin. Tweede zin.").sentences.size() == 2);
    return all;
  };
  fs::remove(file);
  const std::string missing = problems_with("missing");
  CHECK(missing.find("segmentation-nl.tsv") != std::string::npos);
  CHECK(missing.find("Zinnen kunnen verkeerd worden gesplitst") != std::string::npos);
  std::ofstream(file) << "bijlage\tlabel-noun\nenz.\tonbekend\n";
  CHECK(problems_with("broken").find("segmentation-nl.tsv:2:") != std::string::npos);
}
