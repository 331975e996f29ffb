// Check kind "paragraph-length": a paragraph (not a heading, list item, table cell or quotation) with more than
// `max_sentences` sentences or more than `max_words` words. The finding marks the paragraph's first
// sentence: the advice is about the whole paragraph, but a mark over many lines hides the text.
#include "paragraph_length.hpp"

#include <stdexcept>
#include <string>

namespace helder::complexity {

ParagraphLength::ParagraphLength(const sdk::Host&, const sdk::Options& options)
    : max_sentences_(options.integer("max_sentences", 7)), max_words_(options.integer("max_words", 120)) {
  if (max_sentences_ < 1 || max_words_ < 1)
    throw std::invalid_argument("max_sentences en max_words moeten groter dan 0 zijn");
}

void ParagraphLength::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    if (paragraph.block_kind() != HELDER_BLOCK_PARAGRAPH) continue;  // a quotation is not the writer's to split
    const auto sentences = paragraph.sentences();
    if (sentences.empty()) continue;
    std::int64_t words = 0;
    for (const helder_sentence& s : sentences) words += s.word_count;
    const auto count = static_cast<std::int64_t>(sentences.size());
    if (count <= max_sentences_ && words <= max_words_) continue;
    const std::string size = std::to_string(count) + (count == 1 ? " zin" : " zinnen") + " en " +
                             std::to_string(words) + " woorden";
    findings.emit(p, sentences[0].start, sentences[0].end,
                  "Deze alinea is lang: " + size + ". Maak er kortere alinea's van, met één onderwerp per " +
                      "alinea. Zo vindt de lezer makkelijker wat hij zoekt.");
  }
}

}  // namespace helder::complexity
