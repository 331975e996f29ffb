// The Dutch spelling rules that make the forms of a regular verb from its infinitive, and the inflected form of
// an adjective. Pure functions: the words themselves are data (host/data/lexicon-nl).
#pragma once

#include <string>
#include <string_view>

namespace helder {

// The forms of one verb as they stand in a subordinate clause: a separable verb keeps its particle in front
// ("vaststelt", "vastgesteld"). The present plural is the infinitive.
struct VerbForms {
  std::string infinitive;     // adresseren, vaststellen
  std::string present_1;      // adresseer, vaststel
  std::string present_3;      // adresseert, vaststelt
  std::string past_singular;  // adresseerde, vaststelde
  std::string past_plural;    // adresseerden, vaststelden
  std::string participle;     // geadresseerd, vastgesteld
};

// The stem by the spelling rules: infinitive minus -en (-n after a vowel); a doubled end consonant single
// (zeggen -> zeg); a single vowel before one consonant doubled (maken -> maak, adresseren -> adresseer; a
// schwa that stays single, veranderen -> verander, is given as a stem in verbs.tsv); v -> f and z -> s at the end.
std::string regular_stem(std::string_view infinitive);

// All forms of a regular verb. `stem`: the first person singular, or empty for regular_stem(). `prefixed`:
// the verb has a stressed-less prefix that takes no "ge-" (ondersteunen -> ondersteund); the usual unstressed
// prefixes (be-, ge-, her-, ont-, ver-, er-, mis-) are recognised without it.
VerbForms regular_verb(std::string_view infinitive, std::string_view stem = {}, bool no_ge = false);

// True when a participle made from this infinitive takes no "ge-": be-, ge-, her-, ont-, ver-, er-, mis-.
bool has_unstressed_prefix(std::string_view infinitive);
// True for one of those prefixes itself ("be", "ver", ...).
bool is_unstressed_prefix(std::string_view prefix);

// "groot" -> "grote", "wit" -> "witte", "lief" -> "lieve", "duidelijk" -> "duidelijke", "gesloten" -> "gesloten".
std::string inflect_adjective(std::string_view adjective);

}  // namespace helder
