// Check kind "reading-level": Flesch-Douma over the whole document, mapped to a CEFR level
// (helder/reading_level.hpp, the same mapping the host shows in `analyze` and in the editor). One finding
// per document, on its first sentence, when the text is harder than the target (`target_level` of the pack,
// or the rule's own `target_level`). Texts shorter than `min_words` get no verdict.
#include "reading_level.hpp"

#include <helder/reading_level.hpp>

#include <cmath>
#include <stdexcept>
#include <string>

namespace helder::complexity {

ReadingLevel::ReadingLevel(const sdk::Host&, const sdk::Options& options)
    : target_(cefr_from_name(options.string("target_level", "B1"))),
      min_words_(options.integer("min_words", 50)),
      long_sentence_(options.integer("long_sentence_above", 20)) {
  if (target_ < 0) throw std::invalid_argument("target_level moet A1, A2, B1, B2, C1 of C2 zijn");
  if (min_words_ < 1 || long_sentence_ < 1)
    throw std::invalid_argument("min_words en long_sentence_above moeten groter dan 0 zijn");
}

void ReadingLevel::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  std::uint32_t sentences = 0, words = 0, letter_words = 0, syllables = 0, long_sentences = 0;
  std::size_t first_paragraph = unit.size();
  helder_sentence first{};
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    for (const helder_sentence& s : paragraph.sentences()) {
      if (first_paragraph == unit.size()) {
        first_paragraph = p;
        first = s;
      }
      ++sentences;
      words += s.word_count;
      syllables += s.syllable_count;
      if (s.word_count > long_sentence_) ++long_sentences;
      for (const helder_token& t : paragraph.tokens_of(s))
        if (t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_ABBREVIATION || t.kind == HELDER_TOKEN_ACRONYM)
          ++letter_words;
    }
  }
  if (first_paragraph == unit.size() || words < min_words_) return;
  const ReadingScores scores = reading_scores(sentences, words, letter_words, syllables);
  const int level = cefr_index(scores.flesch_douma);
  if (level <= target_) return;

  const double words_per_sentence = static_cast<double>(words) / sentences;
  const double syllables_per_word = letter_words ? static_cast<double>(syllables) / letter_words : 0.0;
  auto one_decimal = [](double v) {  // 19.73 -> "19,7" (v >= 0; step by step: GCC 12 warns falsely on insert here)
    const long tenths = std::lround(v * 10);
    std::string s = std::to_string(tenths / 10);
    s += ',';
    s += std::to_string(tenths % 10);
    return s;
  };
  std::string message = "Deze tekst heeft leesniveau " + std::string(cefr_name(level)) + " (Flesch-Douma " +
                        std::to_string(std::lround(scores.flesch_douma)) + "). Het doel is " +
                        std::string(cefr_name(target_)) + ". De zinnen hebben gemiddeld " +
                        one_decimal(words_per_sentence) + " woorden";
  if (long_sentences > 0)
    message += "; " + std::to_string(long_sentences) + " van de " + std::to_string(sentences) +
               (sentences == 1 ? " zin heeft" : " zinnen hebben") + " meer dan " + std::to_string(long_sentence_) +
               " woorden";
  message += ". De woorden hebben gemiddeld " + one_decimal(syllables_per_word) +
             " lettergrepen. Maak zinnen korter en kies kortere, gewone woorden.";
  findings.emit(first_paragraph, first.start, first.end, message);
}

}  // namespace helder::complexity
