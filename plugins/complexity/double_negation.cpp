// Check kind "double-negation" ("dubbele ontkenning"). Negations are the words of the lexicon's negation class
// ("niet", "geen", "nooit", "niemand"); the rule's options add what is negative in meaning: adjectives with a
// prefix or suffix such as on- and -loos ("onmogelijk", "zinloos"; the dictionary checks that the rest is a word),
// words such as "uitgesloten", "zelden", "zonder", and comparatives such as "minder" and "kleiner" ("niet minder
// belangrijk dan"). Two of them count only inside one clause: a comma or a word that opens a new clause ("als",
// "dat", "en") separates them.
#include "double_negation.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace helder::complexity {

namespace {

std::string_view lower_of(const helder_token& t) { return sdk::from_c(t.lower); }
bool is_word(const helder_token& t) { return t.kind == HELDER_TOKEN_WORD; }
bool counts_as_word(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_NUMBER || t.kind == HELDER_TOKEN_ABBREVIATION ||
         t.kind == HELDER_TOKEN_ACRONYM;
}
bool has(const helder_token& t, std::uint32_t classes) { return is_word(t) && sdk::is_class(t, classes); }

// A negation word of the lexicon. "noch" joins two things ("geen geld noch tijd"): a conjunction, no second
// negation.
bool is_negation(const helder_token& t) {
  return has(t, HELDER_CLASS_NEGATION) && !has(t, HELDER_CLASS_CONJUNCTION);
}
// A negation that stands before an adjective or a verb: "niet", "nooit", "nergens".
bool is_adverbial_negation(const helder_token& t) { return is_negation(t) && has(t, HELDER_CLASS_ADVERB); }
// A negation before a noun: "geen".
bool is_determiner_negation(const helder_token& t) { return is_negation(t) && has(t, HELDER_CLASS_DETERMINER); }

// "dat" that opens a clause ("Het is niet zo dat ..."): a subordinator that is also a determiner.
bool is_complementizer(const helder_token& t) {
  return has(t, HELDER_CLASS_SUBORDINATOR) && has(t, HELDER_CLASS_DETERMINER);
}

// Marks and words that end one clause or open another: two negations on either side do not cancel out.
bool is_boundary(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind == HELDER_TOKEN_PUNCTUATION || t.kind == HELDER_TOKEN_SYMBOL) {
    const std::string_view mark = paragraph.text_of(t);
    constexpr std::string_view boundaries[] = {",", ";", ":", "(", ")", "–", "—", "?", "!", "•",
                                               "\"", "“", "”", "«", "»", ".", "|"};
    return std::find(std::begin(boundaries), std::end(boundaries), mark) != std::end(boundaries);
  }
  if (!is_word(t)) return false;
  if (lower_of(t).find('.') != std::string_view::npos) return true;  // "overgaan.De": two sentences glued
  return has(t, HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE);
}

using sdk::quoted;

std::string item(std::string_view key, std::size_t i) { return std::string(key) + "[" + std::to_string(i) + "]"; }

template <class Out>
void read_list(const sdk::Options& options, std::string_view key, Out& out) {
  for (std::size_t i = 0, n = options.array_size(key); i < n; ++i) {
    std::string word = options.string(item(key, i), "");
    if (word.empty()) continue;
    if constexpr (requires { out.push_back(word); })
      out.push_back(std::move(word));
    else
      out.insert(std::move(word));
  }
}

// Classes an adjective does not have ("minder belangrijk dan", "minder bekend dan").
constexpr std::uint32_t kNotAdjective =
    ~static_cast<std::uint32_t>(HELDER_CLASS_VERB | HELDER_CLASS_STATE | HELDER_CLASS_COMPARATIVE);

constexpr std::string_view kGeneralAdvice = "Schrijf het positief: zeg wat wel zo is.";

}  // namespace

DoubleNegation::DoubleNegation(const sdk::Host& host, const sdk::Options& options)
    : host_(host),
      max_distance_(options.integer("max_words_between", 5)),
      advice_with_number_(options.string("advice_with_number", "")) {
  if (max_distance_ < 0) throw std::invalid_argument("max_words_between mag niet kleiner dan 0 zijn");
  read_negative_words(options, "negative_in_meaning");
  // A project's own words, with the general advice: negative_words = ["afgewezen"].
  for (std::size_t i = 0, n = options.array_size("negative_words"); i < n; ++i) {
    const std::string word = options.string(item("negative_words", i), "");
    if (word.empty()) continue;
    const std::uint32_t id = host_.word_id(word);
    if (id == 0 || negative_forms_.contains(id)) continue;
    negative_words_.push_back(NegativeWord{});
    negative_forms_[id] = negative_words_.size() - 1;
  }
  read_list(options, "negation_lookalikes", not_negative_);
  read_list(options, "not_negative", not_negative_);
  read_list(options, "negative_prefixes", negative_prefixes_);
  read_list(options, "negative_suffixes", negative_suffixes_);
  read_list(options, "degree_words", degree_words_);
  read_list(options, "comparison_words", comparison_words_);
  for (std::size_t i = 0, n = options.array_size("negating_comparisons"); i < n; ++i) {
    std::vector<std::string> phrase;
    const std::string text = options.string(item("negating_comparisons", i), "");
    for (std::size_t from = 0; from < text.size();) {
      const std::size_t space = std::min(text.find(' ', from), text.size());
      if (space > from) phrase.push_back(text.substr(from, space - from));
      from = space + 1;
    }
    if (!phrase.empty()) negating_comparisons_.push_back(std::move(phrase));
  }
  negating_comparison_advice_ = options.string("negating_comparison_advice", kGeneralAdvice);
  for (std::size_t i = 0, n = options.array_size("negative_comparatives"); i < n; ++i) {
    const std::string at = item("negative_comparatives", i);
    NegativeComparative c{options.string(at + ".word", ""), options.string(at + ".advice", ""),
                          options.string(at + ".advice_with_adjective", "")};
    if (c.word.empty() || c.advice.empty())
      throw std::invalid_argument(at + ": \"word\" en \"advice\" zijn verplicht");
    comparatives_.push_back(std::move(c));
  }
}

// negative_in_meaning = [{ words = [...], advice = "...", within = 2, not_before = ["meer"] }, ...]. A word that is
// the infinitive of a verb of the lexicon stands for all its forms ("uitsluiten": uitgesloten, sluit ... uit).
void DoubleNegation::read_negative_words(const sdk::Options& options, std::string_view key) {
  for (std::size_t i = 0, n = options.array_size(key); i < n; ++i) {
    const std::string at = item(key, i);
    NegativeWord entry;
    entry.advice = options.string(at + ".advice", "");
    entry.within = options.integer(at + ".within", -1);
    read_list(options, at + ".not_before", entry.not_before);
    negative_words_.push_back(std::move(entry));
    const std::size_t index = negative_words_.size() - 1;
    for (std::size_t k = 0, m = options.array_size(at + ".words"); k < m; ++k) {
      const std::string word = options.string(at + ".words[" + std::to_string(k) + "]", "");
      if (word.empty()) continue;
      // The first entry that names a word keeps it.
      if (const std::uint32_t lemma = host_.lemma_id(word); lemma != 0) {
        if (!negative_lemmas_.contains(lemma)) negative_lemmas_[lemma] = index;
      } else if (const std::uint32_t id = host_.word_id(word); id != 0 && !negative_forms_.contains(id)) {
        negative_forms_[id] = index;
      }
    }
  }
}

DoubleNegation::Match DoubleNegation::negative_word(const helder_token& t) const {
  if (!is_word(t)) return {};
  if (const std::uint32_t lemma = sdk::lemma(t); lemma != 0) {
    if (const std::size_t* entry = negative_lemmas_.find(lemma)) return {&negative_words_[*entry], true};
  }
  if (const std::size_t* entry = negative_forms_.find(host_.word_of(t))) return {&negative_words_[*entry], false};
  return {};
}

// "minder", "kleiner", and inflected: "kleinere".
const DoubleNegation::NegativeComparative* DoubleNegation::negative_comparative(std::string_view w) const {
  for (const NegativeComparative& c : comparatives_)
    if (w == c.word || (w.size() == c.word.size() + 1 && w.starts_with(c.word) && w.back() == 'e')) return &c;
  return nullptr;
}

// "onmogelijk", "ontevreden", "onbekende", "zinloos": the rest is a word of its own. `positive` gets it
// ("mogelijk"), or stays empty for a suffix (-loos).
bool DoubleNegation::is_negative_adjective(std::string_view w, std::string& positive) const {
  positive.clear();
  if (not_negative_.find(w) != not_negative_.end()) return false;
  for (const std::string& suffix : negative_suffixes_)
    if (w.ends_with(suffix) && w.size() >= suffix.size() + 3) return true;
  for (const std::string& prefix : negative_prefixes_) {
    if (!w.starts_with(prefix) || w.size() < prefix.size() + 4) continue;
    const std::string_view rest = w.substr(prefix.size());
    if (host_.spelled_correctly(rest) != 1) continue;
    positive = std::string(rest);
    return true;
  }
  return false;
}

// Words that may stand between "niet" and its adjective: "niet helemaal onmogelijk", "niet zo zinloos".
bool DoubleNegation::is_degree_word(const helder_token& t) const {
  return has(t, HELDER_CLASS_DEGREE | HELDER_CLASS_ADVERB) || (is_word(t) && degree_words_.count(lower_of(t)) != 0);
}

void DoubleNegation::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const std::string_view text = paragraph.text();
    for (const helder_sentence& sentence : paragraph.sentences()) {
      const auto tokens = paragraph.tokens_of(sentence);
      const std::size_t n = tokens.size();
      auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]); };
      std::vector<bool> used(n, false);

      auto report = [&](std::size_t first, std::size_t second, std::string_view advice) {
        const std::uint32_t start = tokens[first].start, end = tokens[second].end;
        const std::string shown = second - first <= 4 ? quoted(text.substr(start, end - start))
                                                      : quoted(paragraph.text_of(tokens[first])) + " ... " +
                                                            quoted(paragraph.text_of(tokens[second]));
        findings.emit(p, start, end, "Dubbele ontkenning: " + shown + ". " + std::string(advice));
        used[first] = used[second] = true;
      };
      auto positive_advice = [](const std::string& positive) {
        return positive.empty() ? std::string(kGeneralAdvice)
                                : "Schrijf het positief, bijvoorbeeld " + quoted(positive) + ".";
      };
      // "niet minder belangrijk dan": the comparison word within three words after the comparative.
      auto comparison_after = [&](std::size_t j) -> std::size_t {
        for (std::size_t k = j + 1; k < n && k <= j + 3; ++k) {
          if (!word_at(k)) return 0;
          if (comparison_words_.count(lower_of(tokens[k]))) return k;
        }
        return 0;
      };

      for (std::size_t i = 0; i < n; ++i) {
        const helder_token& t = tokens[i];
        if (used[i] || !is_negation(t)) continue;
        const bool adverbial = is_adverbial_negation(t), determiner = is_determiner_negation(t);

        // "niet (zo) dat ... geen": a negation in the clause that "dat" opens. Up to three words between, no verb.
        if (adverbial) {
          std::size_t k = i + 1;
          while (k < n && k <= i + 3 && word_at(k) && !is_complementizer(tokens[k]) &&
                 !(sdk::verb_form(tokens[k]) & HELDER_VERB_FINITE) &&
                 !has(tokens[k], HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_NEGATION))
            ++k;
          if (k < n && is_complementizer(tokens[k])) {
            bool found = false;
            for (std::size_t m = k + 1; m < n && m <= k + 1 + static_cast<std::size_t>(max_distance_) + 3; ++m) {
              if (is_boundary(paragraph, tokens[m])) break;
              if (is_negation(tokens[m])) {
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
        bool degree_only = true;  // only words of degree between the negation and tokens[j]
        for (std::size_t j = i + 1; j < n; ++j) {
          const helder_token& u = tokens[j];
          if (is_boundary(paragraph, u)) break;
          if (!is_word(u)) {
            if (counts_as_word(u)) ++words;
            degree_only = false;
            continue;
          }
          if (static_cast<std::int64_t>(words) > max_distance_) break;
          const std::string_view v = lower_of(u);
          // The pack's words first: their advice is better than a guess from the prefix ("niet ondenkbaar").
          if (const Match m = negative_word(u); m.word) {
            const std::int64_t within = m.word->within >= 0 ? m.word->within : max_distance_;
            const bool fixed = word_at(j + 1) && std::find(m.word->not_before.begin(), m.word->not_before.end(),
                                                           lower_of(tokens[j + 1])) != m.word->not_before.end();
            if (static_cast<std::int64_t>(words) <= within && !fixed) {
              report(i, j, m.word->advice.empty() ? kGeneralAdvice : std::string_view(m.word->advice));
              break;
            }
          }
          // Adjectives stay close to "niet" ("niet helemaal onmogelijk"); after "geen" they are inflected
          // ("geen onbelangrijke rol"), which keeps nouns like "geen ongeluk" out.
          const bool close = words <= 2 && degree_only;
          if (close && adverbial && is_negative_adjective(v, positive)) {
            report(i, j, positive_advice(positive));
            break;
          }
          if (determiner && j == i + 1 && v.ends_with('e') && is_negative_adjective(v, positive)) {
            report(i, j, positive_advice(positive));
            break;
          }
          // "niet minder belangrijk dan", "niet kleiner dan", "geen lagere premie dan"; "niet meer dan" is a plain
          // limit and no comparative of the list.
          if (close && (adverbial || determiner)) {
            if (const NegativeComparative* c = negative_comparative(v)) {
              if (const std::size_t k = comparison_after(j); k != 0) {
                std::string advice = c->advice;
                const bool number = k + 1 < n && (tokens[k + 1].kind == HELDER_TOKEN_NUMBER ||
                                                   has(tokens[k + 1], HELDER_CLASS_NUMERAL));
                if (determiner) {
                  advice = kGeneralAdvice;
                } else if (number && !advice_with_number_.empty()) {
                  advice = advice_with_number_;
                } else if (k == j + 2 && !c->advice_with_adjective.empty() && !has(tokens[j + 1], kNotAdjective)) {
                  advice = c->advice_with_adjective;
                  if (const std::size_t at = advice.find("{adjective}"); at != std::string::npos)
                    advice.replace(at, 11, lower_of(tokens[j + 1]));
                }
                report(i, k, advice);
                break;
              }
            }
          }
          if (is_negation(u) && !used[j]) {
            report(i, j, "Twee ontkenningen zijn moeilijk te lezen. Schrijf het positief: zeg wat wel zo is.");
            break;
          }
          if (!is_degree_word(u)) degree_only = false;
          if (counts_as_word(u)) ++words;
        }
      }

      // "Net zo min als één departement dat kan, kan één minister het ook niet": the comparison at the start of the
      // sentence (only adverbs before it) already says "also not"; its clause ends at a comma, the main clause
      // starts with its finite verb, and a negation in that main clause says "not" a second time.
      for (const std::vector<std::string>& phrase : negating_comparisons_) {
        std::size_t start = 0;
        while (start < n && word_at(start) && has(tokens[start], HELDER_CLASS_ADVERB) &&
               lower_of(tokens[start]) != phrase[0])
          ++start;
        std::size_t k = start;
        for (const std::string& w : phrase) {
          if (!word_at(k) || lower_of(tokens[k]) != w) break;
          ++k;
        }
        if (k - start != phrase.size()) continue;
        // The compared clause, up to its comma.
        std::size_t comma = k;
        while (comma < n && counts_as_word(tokens[comma])) ++comma;
        if (comma == k || comma + 1 >= n || paragraph.text_of(tokens[comma]) != "," || !word_at(comma + 1)) continue;
        const helder_token& verb = tokens[comma + 1];
        const std::uint32_t f = sdk::verb_form(verb);
        if (!((f & HELDER_VERB_FINITE) && !(f & HELDER_VERB_GUESSED)) && !has(verb, HELDER_CLASS_AUXILIARY)) continue;
        for (std::size_t m = comma + 2; m < n; ++m) {
          if (is_boundary(paragraph, tokens[m])) break;
          if (used[m] || !is_negation(tokens[m])) continue;
          const std::uint32_t from = tokens[0].start;
          // The words that carry the meaning, without the last one ("als").
          const std::size_t meaning_end = k - start >= 2 ? k - 2 : k - 1;
          const std::string_view meaning =
              text.substr(from, tokens[meaning_end].end - from);
          const std::string shown = quoted(text.substr(from, tokens[k - 1].end - from)) + " ... " +
                                    quoted(paragraph.text_of(tokens[m]));
          findings.emit(p, from, tokens[m].end,
                        "Dubbele ontkenning: " + shown + ". " + quoted(meaning) +
                            " betekent al \"ook niet\". " + negating_comparison_advice_);
          used[m] = true;
          break;
        }
      }

      // A negative verb before "niet": "Het ontbreekt ons niet aan geld". Adjectives, nouns and adverbs come after
      // "niet" ("niet onmogelijk"); "bij gebrek aan geld kunnen wij niet" and "zelden" before "niet" are no double
      // negation a reader stumbles over.
      for (std::size_t i = 0; i < n; ++i) {
        const Match m = negative_word(tokens[i]);
        if (used[i] || !m.verb) continue;
        std::size_t words = 0;
        for (std::size_t j = i + 1; j < n && static_cast<std::int64_t>(words) <= max_distance_; ++j) {
          if (is_boundary(paragraph, tokens[j])) break;
          if (!used[j] && is_adverbial_negation(tokens[j])) {
            report(i, j, m.word->advice.empty() ? kGeneralAdvice : std::string_view(m.word->advice));
            break;
          }
          if (counts_as_word(tokens[j])) ++words;
        }
      }
    }
  }
}

}  // namespace helder::complexity
