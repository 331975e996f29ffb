// Check kind "substitution": finds listed words and phrases (and their listed inflected forms) and
// suggests the plain alternative. Case-insensitive; never inside a URL or code (those are not word
// tokens), a name (a capital in the middle of a sentence) or a quotation.
#include "substitution.hpp"
#include "quotations.hpp"

#include <algorithm>
#include <stdexcept>

namespace helder::jargon {

namespace {

std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (true) {
    const std::size_t at = text.find(separator, from);
    std::string part(text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) parts.push_back(std::move(part));
    if (at == std::string_view::npos) return parts;
    from = at + separator.size();
  }
}

std::string replace_all(std::string text, std::string_view what, std::string_view with) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
  return text;
}

bool is_matchable(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_ABBREVIATION;
}


// "te retourneren" -> "terug te sturen": a replacement that is a separable verb moves "te" inside it.
// Returns "" when `verb` does not start with a separable particle. Some verbs with such a start are not
// separable ("voorkomen", "overleggen"), so the result always needs review.
std::string with_te_inside(std::string_view verb) {
  static constexpr std::string_view particles[] = {"terug", "samen", "binnen", "buiten", "tegen", "open",  "dicht",
                                                   "door",  "mee",   "vast",   "weg",    "neer",  "over",  "voor",
                                                   "aan",   "toe",   "uit",    "los",    "bij",   "af",    "op",
                                                   "in",    "na",    "om"};
  if (verb.find(' ') != std::string_view::npos || !verb.ends_with("en")) return {};
  for (std::string_view particle : particles)
    if (verb.starts_with(particle) && verb.size() >= particle.size() + 4)
      return std::string(particle) + " te " + std::string(verb.substr(particle.size()));
  return {};
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

}  // namespace

Substitution::Substitution(const sdk::Host&, const sdk::Options& options)
    : message_(options.string("message", "Schrijf liever \"{replacement}\" in plaats van \"{match}\". {reason}")) {
  const std::size_t count = options.array_size("entries");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = "entries[" + std::to_string(i) + "]";
    Entry entry{options.string(at + ".phrase", ""), split(options.string(at + ".replacement", ""), "/"),
                options.string(at + ".reason", ""), options.boolean(at + ".autofix", true)};
    if (entry.phrase.empty()) throw std::invalid_argument(at + " heeft geen phrase");
    std::vector<std::pair<std::string, bool>> forms{{entry.phrase, true}};
    const std::size_t form_count = options.array_size(at + ".forms");
    for (std::size_t j = 0; j < form_count; ++j)
      forms.emplace_back(options.string(at + ".forms[" + std::to_string(j) + "]", ""), false);
    entries_.push_back(std::move(entry));
    for (const auto& [form, base] : forms) {
      std::vector<std::string> words = split(form, " ");
      if (words.empty()) continue;
      by_first_word_[words.front()].push_back(Pattern{std::move(words), entries_.size() - 1, base});
    }
  }
  for (auto& [first, patterns] : by_first_word_)
    std::stable_sort(patterns.begin(), patterns.end(),
                     [](const Pattern& a, const Pattern& b) { return a.words.size() > b.words.size(); });
}

std::string Substitution::message_for(const Entry& entry, std::string_view matched) const {
  if (entry.replacements.empty())
    return replace_all(replace_all("Laat \"{match}\" weg. {reason}", "{match}", matched), "{reason}", entry.reason);
  std::string alternatives = entry.replacements.front();
  for (std::size_t i = 1; i < entry.replacements.size(); ++i) alternatives += "\" of \"" + entry.replacements[i];
  std::string message = replace_all(message_, "{replacement}", alternatives);
  message = replace_all(message, "{match}", matched);
  message = replace_all(message, "{reason}", entry.reason);
  message.erase(message.find_last_not_of(' ') + 1);
  return message;
}

void Substitution::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const auto tokens = paragraph.tokens();
    Quotations quotations;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const helder_token& t = tokens[i];
      if (t.kind == HELDER_TOKEN_PUNCTUATION || t.kind == HELDER_TOKEN_SYMBOL) {
        quotations.see(paragraph.text_of(t));
        continue;
      }
      if (!is_matchable(t) || quotations.inside()) continue;
      // A capital in the middle of a sentence is a name ("Conform Groep"), not officialese.
      if ((t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START) &&
          !(t.flags & HELDER_TOKEN_ALL_CAPS))
        continue;
      const auto found = by_first_word_.find(std::string(sdk::from_c(t.lower)));
      if (found == by_first_word_.end()) continue;
      for (const Pattern& pattern : found->second) {
        // The rest of the phrase: the next tokens, all words, with nothing but spaces between them.
        std::size_t last = i;
        bool matches = true;
        for (std::size_t w = 1; w < pattern.words.size() && matches; ++w) {
          const std::size_t next = last + 1;
          matches = next < tokens.size() && is_matchable(tokens[next]) &&
                    sdk::from_c(tokens[next].lower) == pattern.words[w];
          last = next;
        }
        if (!matches) continue;
        const Entry& entry = entries_[pattern.entry];
        const std::uint32_t start = t.start, end = tokens[last].end;
        const std::string_view matched = paragraph.text().substr(start, end - start);
        std::vector<sdk::Fix> fixes;
        const bool after_te = i > 0 && sdk::from_c(tokens[i - 1].lower) == "te";
        if (pattern.base_form && !entry.replacements.empty()) {
          const bool capital = (t.flags & HELDER_TOKEN_CAPITALIZED) != 0;
          for (const std::string& r : entry.replacements) {
            const std::string split_verb = with_te_inside(r);
            if (after_te && !split_verb.empty())  // replace "te retourneren" as a whole
              fixes.push_back(sdk::Fix{tokens[i - 1].start, end, split_verb, true});
            else  // a separable verb fits only where the verb stays whole: "Wij retourneren" is not "Wij terugsturen"
              fixes.push_back(sdk::Fix{start, end, capital ? capitalized(r) : r, !entry.autofix || !split_verb.empty()});
          }
        } else if (pattern.base_form) {
          // Leaving the words out: take one space with them. Whether the sentence still runs is for a person.
          const std::string_view text = paragraph.text();
          const std::uint32_t fix_end = end < text.size() && text[end] == ' ' ? end + 1 : end;
          fixes.push_back(sdk::Fix{start, fix_end, "", true});
        }
        findings.emit(p, start, end, message_for(entry, matched), HELDER_SEVERITY_RULE, fixes);
        i = last;
        break;
      }
    }
  }
}

}  // namespace helder::jargon
