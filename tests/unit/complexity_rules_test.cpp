// The nominal-style, tangled-sentence and double-negation checks through the engine, with the real dictionary:
// the fixes (verb forms), a ministry's own constructions, ranges and messages, and bad options.
#include <algorithm>
#include <catch2/catch.hpp>

#include "test_support.hpp"

using namespace helder;

namespace {

std::vector<Finding> check_with(const std::string& rule, const std::string& project_toml, const std::string& text,
                                const test::TempDir& dir, std::vector<std::string>* messages_out = nullptr) {
  Config config = test::config_from(project_toml, dir.path());
  for (RuleConfig& r : config.rules) r.enabled = r.id.ends_with("." + rule);
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  if (messages_out) {
    *messages_out = messages;
  } else {
    REQUIRE(messages.empty());
  }
  auto findings = engine.check(engine.analyze(text, Format::PlainText), text);
  CHECK(engine.take_messages().empty());
  return findings;
}

std::string covered(const std::string& text, const Finding& f) { return text.substr(f.start, f.end - f.start); }

// The single fix of the single finding, applied to the text.
std::string fixed(const std::string& text, const std::vector<Finding>& findings) {
  REQUIRE(findings.size() == 1);
  REQUIRE(findings[0].fixes.size() == 1);
  const Replacement& r = findings[0].fixes[0];
  return text.substr(0, r.start) + r.text + text.substr(r.end);
}

}  // namespace

TEST_CASE("nominal style: the plain verb replaces noun and verb in the same form", "[complexity]") {
  test::TempDir dir;
  auto fix = [&](const std::string& text) { return fixed(text, check_with("nominal-style", "", text, dir)); };
  CHECK(fix("Wij hebben overleg gevoerd met de gemeente.") == "Wij hebben overlegd met de gemeente.");
  CHECK(fix("Wij zullen het plan tot uitvoering brengen.") == "Wij zullen het plan uitvoeren.");
  CHECK(fix("Wij proberen het plan tot uitvoering te brengen.") == "Wij proberen het plan uit te voeren.");
  CHECK(fix("Het plan is tot uitvoering gebracht.") == "Het plan is uitgevoerd.");
  CHECK(fix("Wij weten dat de gemeente het plan tot uitvoering brengt.") ==
        "Wij weten dat de gemeente het plan uitvoert.");
  CHECK(fix("Wij nemen een besluit.") == "Wij besluiten.");
  CHECK(fix("De minister nam een besluit.") == "De minister besloot.");
  CHECK(fix("Een keuze maken is moeilijk.") == "Kiezen is moeilijk.");
  CHECK(fix("Wij weten dat zij een keuze maakten.") == "Wij weten dat zij kozen.");
  CHECK(fix("Wij hebben een bijdrage geleverd aan de oplossing.") == "Wij hebben bijgedragen aan de oplossing.");
  CHECK(fix("Wij hebben vorige week een poging gedaan.") == "Wij hebben vorige week geprobeerd.");
}

TEST_CASE("nominal style: only advice where the plain verb does not fit in place", "[complexity]") {
  test::TempDir dir;
  for (const std::string text : {"Wij nemen morgen een besluit over uw aanvraag.",   // split: the words must move
                                 "Wij willen een belangrijke bijdrage leveren.",     // the adjective would be lost
                                 "U dient morgen een aanvraag in bij de gemeente.",  // fix = false in the pack
                                 "Wij maken gebruik van uw gegevens."}) {
    INFO(text);
    const auto findings = check_with("nominal-style", "", text, dir);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].fixes.empty());
    CHECK_THAT(findings[0].message, Catch::StartsWith("Naamwoordstijl"));
  }
  // The split construction is one finding from the verb to the noun, quoted with dots.
  const std::string text = "Wij nemen morgen een besluit over uw aanvraag.";
  const auto findings = check_with("nominal-style", "", text, dir);
  CHECK(covered(text, findings.at(0)) == "nemen morgen een besluit");
  CHECK_THAT(findings[0].message, Catch::Contains("\"nemen ... een besluit\"") && Catch::Contains("\"besluiten\""));
}

TEST_CASE("nominal style: a ministry adds its own constructions, separable verbs included", "[complexity]") {
  test::TempDir dir;
  dir.write("packs/ministerie/pack.toml", R"(
name = "ministerie"
extends = "rijksoverheid"
[[rules."rijksoverheid.nominal-style".constructions]]
noun = "een afweging"
verbs = ["maken"]
plain = "af|wegen"
fix = true
)");
  const std::string project = "packs = [\"ministerie\"]\npack_paths = [\"packs\"]\n";
  CHECK(fixed("Wij hebben een afweging gemaakt.",
              check_with("nominal-style", project, "Wij hebben een afweging gemaakt.", dir)) ==
        "Wij hebben afgewogen.");
  CHECK(fixed("Wij weten dat zij een afweging maakt.",
              check_with("nominal-style", project, "Wij weten dat zij een afweging maakt.", dir)) ==
        "Wij weten dat zij afweegt.");
  // The pack's own list still works next to the ministry's.
  CHECK(check_with("nominal-style", project, "Wij hebben overleg gevoerd.", dir).size() == 1);
}

TEST_CASE("nominal style: bad options disable the rule with a Dutch message", "[complexity]") {
  test::TempDir dir;
  std::vector<std::string> messages;
  check_with("nominal-style", "[rules.\"rijksoverheid.nominal-style\"]\nchain_length = 1\n", "Tekst.", dir, &messages);
  REQUIRE(messages.size() == 1);
  CHECK_THAT(messages[0], Catch::Contains("chain_length"));

  dir.write("packs/ministerie/pack.toml", R"(
name = "ministerie"
extends = "rijksoverheid"
[[rules."rijksoverheid.nominal-style".constructions]]
noun = "een afweging"
verbs = ["maken"]
)");
  check_with("nominal-style", "packs = [\"ministerie\"]\npack_paths = [\"packs\"]\n", "Tekst.", dir, &messages);
  REQUIRE(messages.size() == 1);
  CHECK_THAT(messages[0], Catch::Contains("plain") && Catch::Contains("gewone werkwoord"));
}

TEST_CASE("tangled sentence: the range runs from the auxiliary to the end of the cluster", "[complexity]") {
  test::TempDir dir;
  const std::string text =
      "In 2025 zal de regeling voor alle inwoners van de gemeente met een laag inkomen kunnen worden verlengd.";
  const auto findings = check_with("tangled-sentence", "", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(text, findings[0]) ==
        "zal de regeling voor alle inwoners van de gemeente met een laag inkomen kunnen worden verlengd");
  CHECK_THAT(findings[0].message, Catch::Contains("12 woorden"));
  CHECK(findings[0].severity == Severity::Warning);
}

TEST_CASE("tangled sentence: the thresholds come from the options", "[complexity]") {
  test::TempDir dir;
  const std::string text = "Uw aanvraag wordt door een medewerker van de afdeling Werk beoordeeld.";  // 7 between
  CHECK(check_with("tangled-sentence", "", text, dir).empty());
  const auto findings = check_with(
      "tangled-sentence", "[rules.\"rijksoverheid.tangled-sentence\"]\nmax_words_between_verbs = 6\n", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(text, findings[0]) == "wordt door een medewerker van de afdeling Werk beoordeeld");

  std::vector<std::string> messages;
  check_with("tangled-sentence", "[rules.\"rijksoverheid.tangled-sentence\"]\nmax_nested_clauses = 0\n", text, dir,
             &messages);
  REQUIRE(messages.size() == 1);
  CHECK_THAT(messages[0], Catch::Contains("max_nested_clauses"));
}

TEST_CASE("tangled sentence: two sentences glued by a missing space are judged apart", "[complexity]") {
  test::TempDir dir;
  // The segmenter sees one sentence; the cluster of "kan" must not reach into the next one.
  const std::string text =
      "De gemeente kan dan tot vergoeding van de kaart aan de burger overgaan.De defecte documenten worden "
      "vernietigd.";
  for (const Finding& f : check_with("tangled-sentence", "", text, dir)) {
    INFO(covered(text, f));
    CHECK(covered(text, f).find("documenten") == std::string::npos);
  }
}

TEST_CASE("tangled sentence: an article far from its noun gets a relative clause as advice", "[complexity]") {
  test::TempDir dir;
  const std::string text = "Wij sturen u de in deze brief gedane voorstellen. Het gaat om een van de meest gebruikte "
                           "methoden.";
  const auto findings = check_with("tangled-sentence", "", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(text, findings[0]) == "de in deze brief gedane voorstellen");
  CHECK_THAT(findings[0].message, Catch::Contains("\"de voorstellen die in deze brief …\""));
  CHECK(findings[0].message.find('\n') == std::string::npos);
  // Two words between the article and the adjective are allowed with max_words_in_attribute = 2.
  const std::string two = "Dit is de mede daardoor hoogste inflatie.";
  CHECK(check_with("tangled-sentence", "", two, dir).size() == 1);
  CHECK(check_with("tangled-sentence", "[rules.\"rijksoverheid.tangled-sentence\"]\nmax_words_in_attribute = 2\n",
                   two, dir)
            .empty());
}

TEST_CASE("tangled sentence: subject and verb of a subordinate clause far apart across an insertion",
          "[complexity]") {
  test::TempDir dir;
  const std::string text = "We zien dat de samenleving, en daarmee ook het overheidsstelsel, in de afgelopen decennia in "
                           "toenemende mate er één is geworden.";
  const auto findings = check_with("tangled-sentence", "", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(text, findings[0]).starts_with("de samenleving,"));
  CHECK(covered(text, findings[0]).ends_with("is geworden"));
  CHECK_THAT(findings[0].message, Catch::Contains("14 woorden"));
  const std::string option = "[rules.\"rijksoverheid.tangled-sentence\"]\n"
                             "max_words_between_subject_and_verb_in_clause = 14\n";
  CHECK(check_with("tangled-sentence", option, text, dir).empty());
}

TEST_CASE("tangled sentence: an om-clause before the verb of its clause counts as a nested clause", "[complexity]") {
  test::TempDir dir;
  const std::string text = "Het CDA heeft gemeld dat om dat gesprek goed te kunnen voeren deze partij van mening is dat "
                           "het van belang is de uitkomsten mee te wegen.";
  const auto findings = check_with("tangled-sentence", "", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK_THAT(findings[0].message, Catch::Contains("\"dat\", \"om\" en \"dat\""));
  // After the verb of its clause "om" adds nothing: "dat u het formulier invult om ... te krijgen".
  CHECK(check_with("tangled-sentence", "",
                   "Het is belangrijk dat u het formulier invult om de toeslag te krijgen die u nodig heeft.", dir)
            .empty());
}

TEST_CASE("double negation: a fronted \"zo min als\" with a negation in the main clause", "[complexity]") {
  test::TempDir dir;
  const std::string text = "Net zo min als de gemeente dat kan, kan de provincie het ook niet alleen oplossen.";
  const auto findings = check_with("double-negation", "", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(text, findings[0]) == "Net zo min als de gemeente dat kan, kan de provincie het ook niet");
  CHECK_THAT(findings[0].message, Catch::Contains("\"Net zo min\" betekent al \"ook niet\""));
  // At the end of the sentence it is plain Dutch: "... niet, evenmin als de provincie".
  CHECK(check_with("double-negation", "", "De gemeente kan het niet oplossen, evenmin als de provincie.", dir).empty());
  // A project's own list replaces the pack's.
  CHECK(check_with("double-negation", "[rules.\"rijksoverheid.double-negation\"]\nnegating_comparisons = []\n", text,
                   dir)
            .empty());
}

TEST_CASE("double negation: the range covers both negations", "[complexity]") {
  test::TempDir dir;
  const std::string text = "Het is niet helemaal onmogelijk dat de regeling stopt.";
  const auto findings = check_with("double-negation", "", text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(text, findings[0]) == "niet helemaal onmogelijk");
  CHECK_THAT(findings[0].message, Catch::Contains("\"mogelijk\""));
  CHECK(findings[0].fixes.empty());  // "niet onmogelijk" is not quite "mogelijk": the writer chooses
}

TEST_CASE("double negation: a project adds its own negative words and exceptions", "[complexity]") {
  test::TempDir dir;
  const std::string text = "De aanvraag is niet afgewezen. Wij reageren niet onverwijld.";
  CHECK(check_with("double-negation", "", text, dir).size() == 1);  // "onverwijld": on- + "verwijld"
  const auto findings = check_with("double-negation",
                                   "[rules.\"rijksoverheid.double-negation\"]\nnegative_words = [\"afgewezen\"]\n"
                                   "not_negative = [\"onverwijld\"]\n",
                                   text, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(text, findings[0]) == "niet afgewezen");
}

TEST_CASE("passive voice: the message quotes the two words in the order of the text", "[complexity][passive]") {
  test::TempDir dir;
  auto message_for = [&](const std::string& text) {
    const auto findings = check_with("passive-voice", "", text, dir);
    REQUIRE(findings.size() == 1);
    return findings[0].message;
  };
  CHECK_THAT(message_for("Uw aanvraag wordt door ons zorgvuldig beoordeeld."),
             Catch::StartsWith("Lijdende vorm: \"wordt ... beoordeeld\"."));
  CHECK_THAT(message_for("Wij weten dat uw aanvraag is afgewezen."), Catch::StartsWith("Lijdende vorm: \"is afgewezen\"."));
  CHECK_THAT(message_for("Wij hopen dat de zaak snel afgerond moet worden."),
             Catch::StartsWith("Lijdende vorm: \"afgerond ... worden\"."));
  CHECK_THAT(message_for("De zaak moet snel afgerond worden."), Catch::StartsWith("Lijdende vorm: \"afgerond worden\"."));
}

TEST_CASE("nominal style: a noun made from a verb after tot ... komen names that verb", "[complexity]") {
  test::TempDir dir;
  auto one = [&](const std::string& text) {
    const auto findings = check_with("nominal-style", "", text, dir);
    REQUIRE(findings.size() == 1);
    return std::make_pair(covered(text, findings[0]), findings[0].message);
  };
  const auto split = one("Wij praten om tot een rechtvaardige en verstandige verdeling van de ruimte te komen.");
  CHECK(split.first == "tot een rechtvaardige en verstandige verdeling van de ruimte te komen");
  CHECK_THAT(split.second, Catch::Contains("\"tot een rechtvaardige en verstandige verdeling ... te komen\"") &&
                               Catch::Contains("\"verdelen\""));
  const auto before = one("De raad kwam gisteren tot een verbetering van de aanpak.");
  CHECK(before.first == "kwam gisteren tot een verbetering");
  CHECK_THAT(before.second, Catch::Contains("\"kwam ... tot een verbetering\"") && Catch::Contains("\"verbeteren\""));
  // A time, a range, a noun's own "tot", "komen te": no finding.
  for (const std::string text : {"Tot de invoering van de wet komen er geen regels.",
                                 "Van de aanvraag tot de uitbetaling komen er vier weken.",
                                 "De minister komt met een voorstel tot verdeling van het geld.",
                                 "De plicht tot betaling van de toeslag komt te vervallen."}) {
    INFO(text);
    CHECK(check_with("nominal-style", "", text, dir).empty());
  }
  // A project turns the pattern off.
  CHECK(check_with("nominal-style", "[rules.\"rijksoverheid.nominal-style\"]\nreaching_verbs = []\n",
                   "Wij willen tot een verdeling komen.", dir)
            .empty());
}

TEST_CASE("nominal style: laten zien and het with an adverb and an infinitive", "[complexity]") {
  test::TempDir dir;
  const std::string shown = "De cijfers hebben verdere verbetering laten zien.";
  auto findings = check_with("nominal-style", "", shown, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(shown, findings[0]) == "verdere verbetering laten zien");
  CHECK_THAT(findings[0].message, Catch::Contains("\"verbeteren\""));
  CHECK(check_with("nominal-style", "", "Wij laten u de berekening zien.", dir).empty());

  const std::string bare = "Zij is verantwoordelijk voor het krachtig adviseren.";
  findings = check_with("nominal-style", "", bare, dir);
  REQUIRE(findings.size() == 1);
  CHECK(covered(bare, findings[0]) == "het krachtig adviseren");
  // "het" as a pronoun, an idiom, a neuter noun before a verb: no finding.
  for (const std::string text : {"Wij zullen het snel regelen.", "Hij mag niet in het openbaar spreken.",
                                 "De rechten die aan het personeel toekomen, blijven."}) {
    INFO(text);
    CHECK(check_with("nominal-style", "", text, dir).empty());
  }
}
