// The "complexity" plugin: checks on sentence and paragraph complexity.
#include "double_negation.hpp"
#include "nominal_style.hpp"
#include "paragraph_length.hpp"
#include "passive_voice.hpp"
#include "reading_level.hpp"
#include "sentence_length.hpp"
#include "tangled_sentence.hpp"

#include <helder/sdk.hpp>

namespace {

constexpr helder_check_kind complexity_kinds[] = {
    helder::sdk::check_kind<helder::complexity::SentenceLength>(
        "sentence-length", "Sentences with more words than the pack allows", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::complexity::PassiveVoice>(
        "passive-voice", "Passive constructions found by the host", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::complexity::ParagraphLength>(
        "paragraph-length", "Paragraphs with more sentences or words than the pack allows", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::complexity::ReadingLevel>(
        "reading-level", "The document's reading level (Flesch-Douma, CEFR) against the pack's target",
        HELDER_SCOPE_DOCUMENT),
    helder::sdk::check_kind<helder::complexity::NominalStyle>(
        "nominal-style", "Verbs hidden in nouns: het nemen van, een besluit nemen, -ing chains", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::complexity::TangledSentence>(
        "tangled-sentence", "Verb clusters, subject and verb far apart; stacked subordinate clauses",
        HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::complexity::DoubleNegation>(
        "double-negation", "Two negations in one clause", HELDER_SCOPE_PARAGRAPH),
};

}  // namespace

HELDER_PLUGIN("complexity", "0.1.0", complexity_kinds);
