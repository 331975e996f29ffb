// The "spelling" plugin: words the Dutch dictionary (Hunspell nl, lent by the host) does not know, and real
// words in the wrong place (confusables), which no dictionary can see.
#include "confusables.hpp"
#include "spelling.hpp"

#include <helder/sdk.hpp>

namespace {

constexpr helder_check_kind spelling_kinds[] = {
    helder::sdk::check_kind<helder::spelling::Spelling>(
        "spelling", "Words the dictionary does not know, and words the project rejects", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<helder::spelling::Confusables>(
        "confusables", "Real words in the wrong place: written apart or together, pronouns, als/dan",
        HELDER_SCOPE_PARAGRAPH_IN_CONTEXT, 2),  // "hun": the organisation and other owners up to two sentences back
};

}  // namespace

HELDER_PLUGIN("spelling", "0.1.0", spelling_kinds);
