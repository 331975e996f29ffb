// Check kind "undefined-acronym". An acronym counts as spelled out by a definition in either order,
// "Centraal Bureau voor de Statistiek (CBS)" or "CBS (Centraal Bureau voor de Statistiek)", anywhere
// before its use. Reported: the first use before or without a definition; a definition whose acronym is
// never used again; an acronym defined twice differently. Acronyms inside compounds count too
// ("SCP-rapport"). Known acronyms (the pack's list) and shouted headings ("BRIEF VAN DE MINISTER") are
// left alone.
#include "undefined_acronym.hpp"

#include <map>
#include <vector>

namespace helder::abbreviations {

namespace {

bool is_roman_numeral(std::string_view s) { return s.find_first_not_of("IVXLCDM") == std::string_view::npos; }

// The acronym a token stands for: the token itself, or the part before the hyphen of a compound
// ("SCP-rapport" -> "SCP"). Empty when the token holds no acronym.
std::string_view acronym_of(const helder_token& t, std::string_view text) {
  if (t.kind == HELDER_TOKEN_ACRONYM) {
    if (is_roman_numeral(text)) return {};
    return text;
  }
  if (t.kind == HELDER_TOKEN_WORD && (t.flags & HELDER_TOKEN_HYPHENATED)) {
    const std::size_t dash = text.find('-');
    const std::string_view head = text.substr(0, dash);
    std::size_t capitals = 0;
    for (char c : head) capitals += (c >= 'A' && c <= 'Z') ? 1 : 0;
    if (head.size() >= 2 && capitals == head.size() && !is_roman_numeral(head)) return head;
  }
  return {};
}

struct Use {
  std::size_t paragraph;
  std::uint32_t start, end;
};

struct Definition {
  std::string long_form;
  Use where;
};

}  // namespace

UndefinedAcronym::UndefinedAcronym(const sdk::Host&, const sdk::Options& options) {
  const std::size_t count = options.array_size("known");
  for (std::size_t i = 0; i < count; ++i) known_.insert(options.string("known[" + std::to_string(i) + "]", ""));
}

void UndefinedAcronym::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  std::map<std::string, Definition, std::less<>> defined;
  std::map<std::string, std::size_t, std::less<>> uses;  // uses after the definition
  std::set<std::string, std::less<>> reported;

  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const auto tokens = paragraph.tokens();
    for (const helder_sentence& sentence : paragraph.sentences()) {
      // A shouted sentence (most words in capitals) is a heading, not a row of acronyms.
      std::size_t words = 0, shouted = 0;
      for (const helder_token& t : paragraph.tokens_of(sentence)) {
        if (t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_ACRONYM) {
          ++words;
          shouted += (t.flags & HELDER_TOKEN_ALL_CAPS) ? 1 : 0;
        }
      }
      if (words >= 3 && shouted * 2 > words) continue;

      const std::size_t first = sentence.first_token, last = first + sentence.token_count;
      for (std::size_t i = first; i < last; ++i) {
        const helder_token& t = tokens[i];
        const std::string_view acronym = acronym_of(t, paragraph.text_of(t));
        if (acronym.empty() || known_.count(acronym)) continue;
        // Not acronyms: the letters of a postcode ("2500 EA") and parts of a reference ("ZV/VH/2025").
        const bool postcode = acronym.size() == 2 && i > first && tokens[i - 1].kind == HELDER_TOKEN_NUMBER &&
                              paragraph.text_of(tokens[i - 1]).size() == 4;
        const bool in_reference = (i > first && paragraph.text_of(tokens[i - 1]) == "/") ||
                                  (i + 1 < last && paragraph.text_of(tokens[i + 1]) == "/");
        if (postcode || in_reference) continue;
        const std::string key(acronym);

        // "... Long Form (ACR)": the acronym between brackets after at least two words.
        const bool in_brackets = i > first && i + 1 < last && paragraph.text_of(tokens[i - 1]) == "(" &&
                                 paragraph.text_of(tokens[i + 1]) == ")";
        // "ACR (Long Form)": brackets right after the acronym with at least two words inside.
        std::string long_form;
        if (in_brackets) {
          std::size_t j = i - 1, count = 0;
          while (j > first && count < acronym.size() + 3 && tokens[j - 1].kind == HELDER_TOKEN_WORD) {
            --j;
            ++count;
          }
          if (count >= 2)
            long_form = std::string(paragraph.text().substr(tokens[j].start, tokens[i - 2].end - tokens[j].start));
        } else if (i + 3 < last && paragraph.text_of(tokens[i + 1]) == "(") {
          std::size_t j = i + 2, count = 0;
          while (j < last && tokens[j].kind == HELDER_TOKEN_WORD) ++j, ++count;
          if (count >= 2 && j < last && paragraph.text_of(tokens[j]) == ")")
            long_form = std::string(paragraph.text().substr(tokens[i + 2].start, tokens[j - 1].end - tokens[i + 2].start));
        }

        if (!long_form.empty()) {
          const auto existing = defined.find(key);
          if (existing == defined.end()) {
            defined.emplace(key, Definition{long_form, Use{p, t.start, t.end}});
            uses[key] = 0;
          } else if (existing->second.long_form != long_form) {
            findings.emit(p, t.start, t.end,
                          "De afkorting " + key + " staat hier voor \"" + long_form + "\", maar eerder voor \"" +
                              existing->second.long_form + "\". Gebruik één betekenis.");
          }
          continue;
        }
        if (defined.count(key)) {
          ++uses[key];
          continue;
        }
        // Only the acronym itself is marked, also inside a compound ("SCP" of "SCP-rapport"). Not in a quotation,
        // a title or a name: the writer cannot change those words; a later use of the writer's own is marked.
        if (sdk::is_quoted_or_named(t)) continue;
        if (reported.insert(key).second)
          findings.emit(p, t.start, t.start + static_cast<std::uint32_t>(acronym.size()),
                        "Schrijf de afkorting " + key +
                            " de eerste keer voluit, met de afkorting erachter tussen haakjes. Niet iedere lezer "
                            "kent haar.");
      }
    }
  }
  for (const auto& [key, definition] : defined)
    if (uses[key] == 0)
      findings.emit(definition.where.paragraph, definition.where.start, definition.where.end,
                    "U gebruikt de afkorting " + key +
                        " verder niet. Dan is de afkorting niet nodig: schrijf alleen de volledige naam.",
                    HELDER_SEVERITY_INFO);
}

}  // namespace helder::abbreviations
