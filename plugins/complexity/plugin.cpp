// The "complexity" plugin: checks on sentence and paragraph complexity.
#include "paragraph_length.hpp"
#include "passive_voice.hpp"
#include "reading_level.hpp"
#include "sentence_length.hpp"

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
};

}  // namespace

HELDER_PLUGIN("complexity", "0.1.0", complexity_kinds);
