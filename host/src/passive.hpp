// Finds passive constructions ("lijdende vorm") in the sentences of an analysed paragraph.
#pragma once

#include <helder/engine.hpp>
#include <helder/lexicon.hpp>

namespace helder {

// Fills p.passives from p.tokens (with their lexicon features) and p.sentences.
void find_passives(ParagraphAnalysis& p, const Lexicon& lexicon);

}  // namespace helder
