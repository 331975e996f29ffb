// The "abbreviations" plugin: acronyms that are never spelled out.
#include "undefined_acronym.hpp"

#include <helder/sdk.hpp>

namespace {

constexpr helder_check_kind abbreviation_kinds[] = {
    helder::sdk::check_kind<helder::abbreviations::UndefinedAcronym>(
        "undefined-acronym", "Acronyms used before or without being spelled out", HELDER_SCOPE_DOCUMENT),
};

}  // namespace

HELDER_PLUGIN("abbreviations", "0.1.0", abbreviation_kinds);
