// Check kind "passive-voice": one finding per passive construction, from the auxiliary to the participle.
#include "passive_voice.hpp"

#include <string>

namespace helder::complexity {

PassiveVoice::PassiveVoice(const sdk::Host&, const sdk::Options&) {}

void PassiveVoice::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const std::string_view text = paragraph.text();
    for (const helder_construction& c : paragraph.passives()) {
      const std::string aux(text.substr(c.auxiliary_start, c.auxiliary_end - c.auxiliary_start));
      const std::string head(text.substr(c.head_start, c.head_end - c.head_start));
      findings.emit(p, c.start, c.end,
                    "Lijdende vorm (\"" + aux + " ... " + head + "\"). Schrijf wie iets doet: \"wij " +
                        "besluiten\" in plaats van \"er wordt besloten\".");
    }
  }
}

}  // namespace helder::complexity
