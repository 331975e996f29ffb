// What the host tells plugins about each token beyond its text: its word classes, verb form and lemma from the
// lexicon, and where it stands (in a quotation, link text, title of a work or fixed name).
#pragma once

#include <helder/engine.hpp>
#include <helder/lexicon.hpp>
#include <helder/sdk.hpp>

#include <span>
#include <string>
#include <vector>

namespace helder {

// A lexicon's features by word id, for the tokens of every paragraph an engine analyses: one table load per token
// instead of a string lookup in the lexicon. Thread-safe (WordTable).
class FeatureCache {
 public:
  explicit FeatureCache(const Lexicon& lexicon) : lexicon_(lexicon) {}
  WordFeatures features(std::uint32_t word, std::string_view lower) const;

 private:
  const Lexicon& lexicon_;
  // Packed: bit 63 set; word class in bits 0-23, verb form in 24-35, lemma in 36-59. 0: not looked up yet.
  sdk::WordTable<std::uint64_t> packed_;
};

// Fills word_class, verb_form and lemma of every word token, and the HELDER_TOKEN_IN_* flags:
// - IN_QUOTATION: between quotation marks („...”, “...”, ‘...’, «...», "...", '...'), or in a quote block;
// - IN_LINK / IN_TITLE: inside a mark of that kind (bytes into the paragraph text);
// - IN_NAME: part of one of `names` (as written; the first letter may differ in case).
// A separable verb split over its clause ("Wij stellen de regels vast") gives its particle the lemma of the
// whole verb (vaststellen), HELDER_VERB_SEPARABLE and the form of the finite verb it belongs to.
// With `features`, word tokens take their features from it (it must hold `lexicon`'s).
void annotate_tokens(ParagraphAnalysis& p, const Lexicon& lexicon, std::span<const Mark> marks,
                     const std::vector<std::vector<std::string>>& names, bool features_set = false,
                     const FeatureCache* features = nullptr);

}  // namespace helder
