// The "complexity" plugin: checks on sentence and paragraph complexity.
#include "passive_voice.hpp"
#include "sentence_length.hpp"

#include <helder/sdk.hpp>

namespace {

constexpr helder_check_kind complexity_kinds[] = {
    helder::sdk::check_kind<helder::complexity::SentenceLength>(
        "sentence-length", "Sentences with more words than the pack allows", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::complexity::PassiveVoice>(
        "passive-voice", "Passive constructions found by the host", HELDER_SCOPE_PARAGRAPH),
};

}  // namespace

HELDER_PLUGIN("complexity", "0.1.0", complexity_kinds);
