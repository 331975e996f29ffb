// Check kind "passive-voice": one finding per passive construction, from the auxiliary to the participle.
#include "passive_voice.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace helder::complexity {

PassiveVoice::PassiveVoice(const sdk::Host& host, const sdk::Options&) : host_(host) {}

std::string PassiveVoice::active_example(std::uint32_t lemma) const {
  const std::string infinitive(host_.lemma_text(lemma));
  if (infinitive.empty()) return {};
  // A separable verb splits in a main clause: "wij pakken ... aan".
  if (host_.lookup(infinitive).verb_form & HELDER_VERB_SEPARABLE)
    for (std::size_t cut = 2; cut + 3 < infinitive.size(); ++cut) {
      const std::string particle = infinitive.substr(0, cut), base = infinitive.substr(cut);
      if ((host_.lookup(particle).word_class & HELDER_CLASS_PARTICLE) &&
          host_.separable_verb(particle, host_.lemma_id(base)) == lemma)
        return "wij " + base + " ... " + particle;
    }
  return "wij " + infinitive;  // the plural present is the infinitive
}

void PassiveVoice::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const std::string_view text = paragraph.text();
    for (const helder_construction& c : paragraph.passives()) {
      bool quoted = false;  // someone else's words
      for (const helder_sentence& s : paragraph.sentences())
        if (c.start >= s.start && c.start < s.end) quoted = paragraph.is_quoted(s);
      if (quoted) continue;
      // The two words in the order of the text ("afgerond worden" as well as "worden afgerond"), with "..."
      // only where other words stand between them.
      const bool aux_first = c.auxiliary_start <= c.head_start;
      const std::uint32_t first_start = aux_first ? c.auxiliary_start : c.head_start;
      const std::uint32_t first_end = aux_first ? c.auxiliary_end : c.head_end;
      const std::uint32_t second_start = aux_first ? c.head_start : c.auxiliary_start;
      const std::uint32_t second_end = aux_first ? c.head_end : c.auxiliary_end;
      const std::string_view between =
          second_start > first_end ? text.substr(first_end, second_start - first_end) : std::string_view();
      const bool adjacent = between.find_first_not_of(" \t\r\n") == std::string_view::npos;
      std::string words(text.substr(first_start, first_end - first_start));
      words += adjacent ? " " : " ... ";
      words += text.substr(second_start, second_end - second_start);
      // An example from the sentence itself: the participle's verb in the active voice.
      std::string example;
      for (const helder_token& t : paragraph.tokens())
        if (t.start == c.head_start) {
          if (!(sdk::verb_form(t) & HELDER_VERB_GUESSED)) example = active_example(sdk::lemma(t));
          break;
        }
      findings.emit(p, c.start, c.end,
                    example.empty()
                        ? "Lijdende vorm: \"" + words + "\". Schrijf wie iets doet: \"wij besluiten\" in plaats van \"er " +
                              "wordt besloten\"."
                        : "Lijdende vorm: \"" + words + "\". Schrijf wie iets doet, bijvoorbeeld: \"" + example + "\".");
    }
  }
}

}  // namespace helder::complexity
