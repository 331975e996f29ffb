// Check kind "double-negation" ("dubbele ontkenning"). Negations are the words "niet", "geen", "nooit" and the
// like, adjectives with on- or -loos ("onmogelijk", "zinloos", the dictionary checks that the rest is a word),
// "zonder", and words that are negative in meaning ("uitgesloten", "ontkennen"). Two of them count only inside
// one clause: a comma or a word that opens a new clause ("als", "dat", "en") separates them.
#include "double_negation.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace helder::complexity {

namespace {

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::string_view lower_of(const helder_token& t) { return sdk::from_c(t.lower); }
bool is_word(const helder_token& t) { return t.kind == HELDER_TOKEN_WORD; }
bool counts_as_word(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_NUMBER || t.kind == HELDER_TOKEN_ABBREVIATION ||
         t.kind == HELDER_TOKEN_ACRONYM;
}

// The negation words themselves.
bool is_negation(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"niet", "geen", "nooit", "niemand", "niets", "nergens", "geenszins", "allerminst"});
  return one_of(w, list);
}

// Words that end one clause or open another: two negations on either side do not cancel out.
bool is_boundary(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind == HELDER_TOKEN_PUNCTUATION || t.kind == HELDER_TOKEN_SYMBOL) {
    static constexpr auto marks = std::to_array<std::string_view>(
        {",", ";", ":", "(", ")", "–", "—", "?", "!", "•", "\"", "“", "”", "«", "»", ".", "|"});
    return one_of(paragraph.text_of(t), marks);
  }
  if (!is_word(t)) return false;
  if (lower_of(t).find('.') != std::string_view::npos) return true;  // "overgaan.De": two sentences glued
  static constexpr auto words = std::to_array<std::string_view>(
      {"en",      "of",     "maar",      "want",     "noch",    "dat",     "die",      "omdat",    "als",
       "wanneer", "indien", "zodat",     "doordat",  "terwijl", "nadat",   "voordat",  "hoewel",   "tenzij",
       "waarin",  "waarop", "waarmee",   "waardoor", "waarbij", "waarvan", "waarover", "waarvoor", "waaraan",
       "waarna",  "wat",    "wie",       "welke",    "zoals",   "zodra",   "mits",     "totdat",   "behalve",
       "dan",     "sinds",  "aangezien", "hetgeen",  "tot"});
  return one_of(lower_of(t), words);
}

// Words that may stand between "niet" and its adjective: "niet helemaal onmogelijk".
bool is_degree_word(std::string_view w) {
  static constexpr auto list =
      std::to_array<std::string_view>({"helemaal", "geheel", "zo", "erg", "heel", "echt", "bepaald", "volledig",
                                       "altijd", "zomaar", "direct", "per", "se", "totaal", "echt", "onverdeeld"});
  return one_of(w, list);
}

// Words that are negative in meaning: with "niet" or "geen" they make a double negation.
constexpr auto builtin_negative_words = std::to_array<std::string_view>(
    {"uitgesloten", "uitsluiten",    "uitsluit", "ontkennen",  "ontkend",  "ontkent",    "ontkende",   "nalaten",
     "nagelaten",   "naliet",        "verboden", "verbieden",  "verbiedt", "ontbreken",  "ontbreekt",  "ontbrak",
     "ontbraken",   "ontbroken",     "weigeren", "weigert",    "weigerde", "geweigerd",  "gebrek",     "zelden",
     "ondenkbaar",  "ondenkbeeldig", "oneens",   "onmogelijk", "afwezig",  "ontbrekend", "ontbrekende"});

// Words with on- that negate nothing: "onmiddellijk" is "at once", "onlangs" is "recently".
constexpr auto builtin_not_negative = std::to_array<std::string_view>(
    {"onmiddellijk", "onmiddellijke", "onlangs",   "ongeveer",      "ongeacht",    "onderweg",
     "onverlet",     "onverminderd",  "onverkort", "ontzettend",    "ontzettende", "ongemeen",
     "onzin",        "onkosten",      "onrust",    "ongeluk",       "ongelukken",  "onheil",
     "onweer",       "onraad",        "onderling", "onlosmakelijk", "werkloos",    "werkloze",
     "onlangse",     "ontelbaar",     "ontelbare", "ongekend",      "ongekende",   "onafgebroken"});

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// What to write instead, for the words negative in meaning.
std::string advice_for(std::string_view w) {
  if (w.starts_with("uitgesloten") || w.starts_with("uitslui"))
    return "Schrijf het positief, bijvoorbeeld \"het kan zijn dat\" in plaats van \"het is niet uitgesloten dat\".";
  if (w.starts_with("ontken")) return "Schrijf het positief, bijvoorbeeld \"wij erkennen\" of \"het klopt\".";
  if (w == "verboden" || w.starts_with("verbied")) return "Schrijf het positief, bijvoorbeeld \"het mag\".";
  if (w.starts_with("ontbr") || w == "gebrek") return "Schrijf het positief, bijvoorbeeld \"er is genoeg\".";
  if (w == "zelden") return "Schrijf het positief, bijvoorbeeld \"vaak\".";
  if (w == "oneens") return "Schrijf het positief, bijvoorbeeld \"het eens\".";
  if (w == "ondenkbaar" || w == "ondenkbeeldig") return "Schrijf het positief, bijvoorbeeld \"goed mogelijk\".";
  if (w == "onmogelijk") return "Schrijf het positief, bijvoorbeeld \"mogelijk\".";
  return "Schrijf het positief: zeg wat wel zo is.";
}

}  // namespace

DoubleNegation::DoubleNegation(const sdk::Host& host, const sdk::Options& options)
    : host_(host), max_distance_(options.integer("max_words_between", 5)) {
  if (max_distance_ < 0) throw std::invalid_argument("max_words_between mag niet kleiner dan 0 zijn");
  for (std::string_view w : builtin_negative_words) negative_words_.emplace(w);
  for (std::string_view w : builtin_not_negative) not_negative_.emplace(w);
  for (std::size_t i = 0, n = options.array_size("negative_words"); i < n; ++i)
    negative_words_.insert(options.string("negative_words[" + std::to_string(i) + "]", ""));
  for (std::size_t i = 0, n = options.array_size("not_negative"); i < n; ++i)
    not_negative_.insert(options.string("not_negative[" + std::to_string(i) + "]", ""));
}

// "onmogelijk", "ontevreden", "onbekende", "zinloos": the rest is a word of its own. `positive` gets it
// ("mogelijk"), or stays empty for -loos.
bool DoubleNegation::is_negative_adjective(std::string_view w, std::string& positive) const {
  positive.clear();
  if (not_negative_.count(std::string(w))) return false;
  if ((w.ends_with("loos") && w.size() >= 7) || (w.ends_with("loze") && w.size() >= 7)) return true;
  if (!w.starts_with("on") || w.size() < 6) return false;
  const std::string_view rest = w.substr(2);
  if (host_.spelled_correctly(rest) != 1) return false;
  positive = std::string(rest);
  return true;
}

void DoubleNegation::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const std::string_view text = paragraph.text();
    for (const helder_sentence& sentence : paragraph.sentences()) {
      const auto tokens = paragraph.tokens_of(sentence);
      const std::size_t n = tokens.size();
      auto word_at = [&](std::size_t k) {
        return k < n && is_word(tokens[k]) ? lower_of(tokens[k]) : std::string_view();
      };
      std::vector<bool> used(n, false);

      auto report = [&](std::size_t first, std::size_t second, const std::string& advice) {
        const std::uint32_t start = tokens[first].start, end = tokens[second].end;
        const std::string shown = second - first <= 4 ? quoted(text.substr(start, end - start))
                                                      : quoted(paragraph.text_of(tokens[first])) + " ... " +
                                                            quoted(paragraph.text_of(tokens[second]));
        findings.emit(p, start, end, "Dubbele ontkenning: " + shown + ". " + advice);
        used[first] = used[second] = true;
      };

      for (std::size_t i = 0; i < n; ++i) {
        const std::string_view w = word_at(i);
        if (used[i] || !is_negation(w)) continue;

        // "niet (zo) dat ... geen": a negation in the clause that "dat" opens.
        if (w == "niet") {
          std::size_t k = i + 1;
          while (k < n && k <= i + 3 &&
                 (word_at(k) == "zo" || word_at(k) == "waar" || word_at(k) == "het" || word_at(k) == "geval"))
            ++k;
          if (word_at(k) == "dat") {
            bool found = false;
            for (std::size_t m = k + 1; m < n && m <= k + 1 + static_cast<std::size_t>(max_distance_) + 3; ++m) {
              if (is_boundary(paragraph, tokens[m])) break;
              if (is_negation(word_at(m))) {
                report(i, m, "Twee ontkenningen zijn moeilijk te lezen. Schrijf het positief: zeg wat wel zo is.");
                found = true;
                break;
              }
            }
            if (found) continue;
          }
        }

        std::string positive;
        std::size_t words = 0;
        for (std::size_t j = i + 1; j < n; ++j) {
          const helder_token& t = tokens[j];
          if (is_boundary(paragraph, t)) break;
          const std::string_view v = word_at(j);
          if (v.empty()) {
            if (counts_as_word(t)) ++words;
            continue;
          }
          if (static_cast<std::int64_t>(words) > max_distance_) break;
          // Adjectives stay close to "niet" ("niet helemaal onmogelijk"); after "geen" they are inflected
          // ("geen onbelangrijke rol"), which keeps nouns like "geen ongeluk" out.
          const bool close = words <= 2;
          if (close && (w == "niet" || w == "nooit") && is_negative_adjective(v, positive)) {
            bool degree_only = true;
            for (std::size_t k = i + 1; k < j; ++k) degree_only = degree_only && is_degree_word(word_at(k));
            if (degree_only) {
              report(i, j,
                     positive.empty() ? "Schrijf het positief: zeg wat wel zo is."
                                      : "Schrijf het positief, bijvoorbeeld " + quoted(positive) + ".");
              break;
            }
          }
          if (w == "geen" && j == i + 1 && v.ends_with("e") && is_negative_adjective(v, positive)) {
            report(i, j,
                   positive.empty() ? "Schrijf het positief: zeg wat wel zo is."
                                    : "Schrijf het positief, bijvoorbeeld " + quoted(positive) + ".");
            break;
          }
          if ((w == "niet" || w == "nooit") && v == "zonder" && words <= 2 && word_at(j + 1) != "meer") {
            report(i, j,
                   "Schrijf het positief: zeg wat wel nodig is. Bijvoorbeeld \"u heeft een paspoort nodig\" in "
                   "plaats van \"u kunt niet zonder paspoort\".");
            break;
          }
          if (negative_words_.count(std::string(v))) {
            report(i, j, advice_for(v));
            break;
          }
          if (is_negation(v) && !used[j]) {
            report(i, j, "Twee ontkenningen zijn moeilijk te lezen. Schrijf het positief: zeg wat wel zo is.");
            break;
          }
          if (counts_as_word(t)) ++words;
        }
      }

      // A negative verb before "niet": "Het ontbreekt ons niet aan geld".
      for (std::size_t i = 0; i < n; ++i) {
        const std::string_view w = word_at(i);
        std::string positive;
        // Adjectives come after "niet" ("niet onmogelijk"), not before it; "bij gebrek aan geld kunnen wij niet"
        // and "zelden" before "niet" are no double negation a reader stumbles over.
        if (used[i] || !negative_words_.count(std::string(w)) || is_negative_adjective(w, positive) || w == "gebrek" ||
            w == "zelden" || w == "afwezig")
          continue;
        std::size_t words = 0;
        for (std::size_t j = i + 1; j < n && static_cast<std::int64_t>(words) <= max_distance_; ++j) {
          if (is_boundary(paragraph, tokens[j])) break;
          if (!used[j] && (word_at(j) == "niet" || word_at(j) == "nooit")) {
            report(i, j, advice_for(w));
            break;
          }
          if (counts_as_word(tokens[j])) ++words;
        }
      }
    }
  }
}

}  // namespace helder::complexity
