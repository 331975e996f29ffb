// Check kind "passive-voice": one finding per passive construction, from the auxiliary to the participle.
#include "passive_voice.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace helder::complexity {

PassiveVoice::PassiveVoice(const sdk::Host&, const sdk::Options&) {}

void PassiveVoice::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const std::string_view text = paragraph.text();
    for (const helder_construction& c : paragraph.passives()) {
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
      findings.emit(p, c.start, c.end,
                    "Lijdende vorm: \"" + words + "\". Schrijf wie iets doet: \"wij besluiten\" in plaats van \"er " +
                        "wordt besloten\".");
    }
  }
}

}  // namespace helder::complexity
