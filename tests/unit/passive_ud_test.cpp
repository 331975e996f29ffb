// Passive voice against the gold aux:pass relations of the UD Dutch dev treebanks: precision, recall, F1.
// Counted per sentence: found constructions against gold aux:pass relations (min of the two is correct).
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace helder;

TEST_CASE("passive voice compared with UD aux:pass", "[ud][passive]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);

  for (const char* treebank : {"nl_alpino", "nl_lassysmall"}) {
    std::ifstream in(std::string(HELDER_SHARED_DIR "/data/ud-dev/") + treebank + "-ud-dev.passive.tsv");
    REQUIRE(in.good());
    std::string line;
    std::getline(in, line);  // header
    std::size_t correct = 0, predicted = 0, gold = 0;
    while (std::getline(in, line)) {
      std::vector<std::string> fields;
      std::stringstream s(line);
      std::string field;
      while (std::getline(s, field, '\t')) fields.push_back(field);
      REQUIRE(fields.size() >= 7);
      const std::size_t expected = std::stoul(fields[1]);
      const ParagraphAnalysis p = engine.analyze_paragraph(fields[6], BlockKind::Paragraph, {});
      const std::size_t found = p.passives.size();
      if (found != expected && std::getenv("HELDER_UD_DUMP")) {  // for tuning: the sentences that differ
        std::cout << (found > expected ? "EXTRA " : "MISSED ") << expected << ' ' << found << " | " << fields[6];
        for (const PassiveConstruction& c : p.passives)
          std::cout << " | " << fields[6].substr(c.auxiliary.start, c.auxiliary.end - c.auxiliary.start) << '+'
                    << fields[6].substr(c.participle.start, c.participle.end - c.participle.start);
        std::cout << '\n';
      }
      correct += std::min(found, expected);
      predicted += found;
      gold += expected;
    }
    const double precision = predicted ? static_cast<double>(correct) / predicted : 0;
    const double recall = gold ? static_cast<double>(correct) / gold : 0;
    const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    std::cout << treebank << " passive: P " << precision << "  R " << recall << "  F1 " << f1 << "  (" << correct
              << " correct, " << predicted << " found, " << gold << " gold)\n";
    INFO(treebank);
    REQUIRE(f1 >= 0.90);
  }
}

TEST_CASE("passive voice keeps states apart from actions where the lexicon can tell", "[passive]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  const auto passives = [&](const std::string& sentence) {
    return engine.analyze_paragraph(sentence, BlockKind::Paragraph, {}).passives.size();
  };
  CHECK(passives("De winkel is gesloten.") == 0);                 // a state (words.tsv: gesloten state)
  CHECK(passives("De winkel is door de politie gesloten.") == 1);  // with an agent it is an action
  CHECK(passives("Het project is gisteren gestart.") == 0);        // starten makes its perfect with zijn too
  CHECK(passives("Hij is naar huis gegaan.") == 0);                // the perfect tense of gaan
  CHECK(passives("De brief wordt morgen verstuurd.") == 1);
  CHECK(passives("Vier woningen zijn in de nacht verwoest.") == 1);  // the plural "zijn" before a preposition
  CHECK(passives("Zijn huis verkocht hij snel.") == 0);           // "zijn" as a possessive
  CHECK(passives("Dit wordt biest of colostrum genoemd.") == 1);  // "of" joins words here
  // A pronoun that can also be a possessive is the pronoun when no noun can follow the participle.
  CHECK(passives("Uw aanvraag wordt door ons beoordeeld.") == 1);
  CHECK(passives("De aanvraag wordt door hun beoordeeld en daarna betaald.") == 1);
  CHECK(passives("Het formulier is door haar ondertekend op 3 mei.") == 1);
  CHECK(passives("Wij weten dat de aanvraag door jullie beoordeeld wordt.") == 1);
  CHECK(passives("Het wordt ons gesloten contract.") == 0);      // before a noun: a possessive and an adjective
  CHECK(passives("Wij hebben ons beoordeeld gevoeld.") == 0);    // no auxiliary of the passive
  CHECK(passives("Wij hebben hun gesloten deuren gezien.") == 0);
  // A noun shaped like a participle stays a noun after "dit" (words.tsv: verband not-participle).
  const std::string sentence = "In dit verband wordt er op gewezen dat u op tijd betaalt.";
  const ParagraphAnalysis p = engine.analyze_paragraph(sentence, BlockKind::Paragraph, {});
  REQUIRE(p.passives.size() == 1);
  CHECK(sentence.substr(p.passives[0].participle.start, p.passives[0].participle.end - p.passives[0].participle.start) ==
        "gewezen");
}
