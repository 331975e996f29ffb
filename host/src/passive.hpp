// Finds passive constructions ("lijdende vorm") in the sentences of an analysed paragraph.
#pragma once

#include <helder/engine.hpp>

namespace helder {

// Fills p.passives from p.tokens and p.sentences.
void find_passives(ParagraphAnalysis& p, const WordServices& words);

}  // namespace helder
