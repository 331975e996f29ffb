// Check kind "sentence-length": information above `info_above` words, the rule's severity above
// `warning_above` words. Words are words, numbers, abbreviations and acronyms (the host counts them).
#include "sentence_length.hpp"

#include <stdexcept>
#include <string>

namespace helder::complexity {

SentenceLength::SentenceLength(const sdk::Host&, const sdk::Options& options)
    : info_above_(options.integer("info_above", 20)), warning_above_(options.integer("warning_above", 25)) {
  if (info_above_ < 1 || warning_above_ < 1)
    throw std::invalid_argument("info_above en warning_above moeten groter dan 0 zijn");
  if (info_above_ > warning_above_)
    throw std::invalid_argument("info_above mag niet groter zijn dan warning_above");
}

void SentenceLength::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    for (const helder_sentence& s : paragraph.sentences()) {
      if (paragraph.is_quoted(s)) continue;  // a quotation is not the writer's to shorten
      const std::int64_t words = s.word_count;
      if (words > warning_above_) {
        findings.emit(p, s.start, s.end,
                      "Deze zin is lang: " + std::to_string(words) + " woorden. Maak er twee of meer zinnen van. " +
                          "Zinnen tot " + std::to_string(info_above_) + " woorden zijn beter te lezen.");
      } else if (words > info_above_) {
        findings.emit(p, s.start, s.end,
                      "Deze zin heeft " + std::to_string(words) + " woorden. Kunt u hem korter maken?",
                      HELDER_SEVERITY_INFO);
      }
    }
  }
}

}  // namespace helder::complexity
