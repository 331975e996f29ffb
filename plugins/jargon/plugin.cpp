// The "jargon" plugin: officialese and jargon with plainer alternatives.
#include "difficult_word.hpp"
#include "substitution.hpp"

#include <helder/sdk.hpp>

namespace {

constexpr helder_check_kind jargon_kinds[] = {
    helder::sdk::check_kind<helder::jargon::Substitution>(
        "substitution", "Words and phrases with a plainer alternative, inflected forms included", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::jargon::DifficultWord>(
        "difficult-word", "Rare words (frequency band) and long compounds", HELDER_SCOPE_PARAGRAPH),
};

}  // namespace

HELDER_PLUGIN("jargon", "0.1.0", jargon_kinds);
