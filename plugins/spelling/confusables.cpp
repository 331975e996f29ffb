// Check kind "confusables". Two parts, both driven by the rule's options:
// - entries: words that are real words but wrong here ("tenminste" before a number, "opzich", "t/m"), each
//   with optional tests on the token before, the token after and the one after that (words, word classes
//   and verb forms from the host's lexicon, a number, the edge of the clause);
// - organisations: "hun" that can only refer back to one organisation ("De gemeente heeft hun besluit
//   genomen"): the singular possessive of that noun's group ("haar", "zijn") is meant.
// A test on a word class or verb form needs the lexicon (ABI minor 2). Without it (an older host, or a
// paragraph where the lexicon knows no word) such a test is unknown, and unknown means silence: an entry is
// reported only when every test is known to hold.
#include "confusables.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace helder::spelling {

namespace {

// ---- Tokens and what the lexicon says of them --------------------------------------------------------------

bool is_word_like(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_NUMBER || t.kind == HELDER_TOKEN_ABBREVIATION ||
         t.kind == HELDER_TOKEN_ACRONYM;
}

// The form a token is compared by: its lower case, or its text for numbers and marks.
std::string_view form_of(const sdk::Paragraph& paragraph, const helder_token& t) {
  const std::string_view lower = sdk::from_c(t.lower);
  return lower.empty() ? paragraph.text_of(t) : lower;
}

// The classes of function words. A word with none of them is of an open class (a noun, an adjective).
constexpr std::uint32_t closed_classes =
    HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN | HELDER_CLASS_PREPOSITION |
    HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE | HELDER_CLASS_AUXILIARY |
    HELDER_CLASS_PARTICLE | HELDER_CLASS_NEGATION | HELDER_CLASS_DEGREE | HELDER_CLASS_ADVERB |
    HELDER_CLASS_COPULA | HELDER_CLASS_NUMERAL | HELDER_CLASS_INTERJECTION;

// A word of an open class, as far as the lexicon knows. A verb form counts only when it is nothing but the
// stem, which is mostly also a noun ("aanvraag", "werk"); every other verb form is a verb.
bool is_open(const helder_token& t) {
  if (t.kind != HELDER_TOKEN_WORD && t.kind != HELDER_TOKEN_ACRONYM) return false;
  const std::uint32_t classes = sdk::word_class(t);
  if (classes & closed_classes) return false;
  if ((classes & HELDER_CLASS_VERB) == 0) return true;
  const std::uint32_t forms = sdk::verb_form(t);
  // A stem that ends in -t is also the third person ("besluit", "bericht"): still a noun before a noun.
  constexpr std::uint32_t stem_only = HELDER_VERB_PRESENT_1 | HELDER_VERB_PRESENT_3 | HELDER_VERB_SEPARABLE |
                                      HELDER_VERB_GUESSED | HELDER_VERB_PERFECT_ZIJN;
  return (forms & HELDER_VERB_PRESENT_1) != 0 && (forms & ~stem_only) == 0;
}

// A mark that closes a clause. Not the comma: it also separates words of one list ("voor hun, uw en onze
// kinderen"), so the words before it may still belong to the words after it.
bool closes_clause(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind != HELDER_TOKEN_PUNCTUATION) return false;
  static constexpr std::array<std::string_view, 8> marks = {".", ";", ":", "!", "?", ")", "...", "\u2026"};
  return std::find(marks.begin(), marks.end(), paragraph.text_of(t)) != marks.end();
}

bool capitalized_inside_sentence(const helder_token& t) {
  return (t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START) &&
         !(t.flags & HELDER_TOKEN_ALL_CAPS);
}

// ---- Reading the options ---------------------------------------------------------------------------------

template <std::size_t N>
std::string names_of(const sdk::NamedBits (&table)[N]) {
  std::string out;
  for (const sdk::NamedBits& n : table) out += (out.empty() ? "" : ", ") + std::string(n.name);
  return out;
}

// Lower case for the ASCII letters; the lexicon and the host's lower forms are lower case already.
std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::vector<std::string> string_list(const sdk::Options& options, const std::string& path) {
  std::vector<std::string> out;
  const std::size_t n = options.array_size(path);
  for (std::size_t i = 0; i < n; ++i) out.push_back(options.string(path + "[" + std::to_string(i) + "]", ""));
  return out;
}

std::string required(const sdk::Options& options, const std::string& path) {
  std::string value = options.string(path, "");
  if (value.find_first_not_of(' ') == std::string::npos)
    throw std::invalid_argument(path + " ontbreekt of is leeg.");
  return value;
}

// "t/m" -> "t", "/" (glued), "m" (glued); "ten minste" -> "ten", "minste". A slash is a token of its own.
std::vector<std::string> split_on(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t at = std::min(text.find(separator, from), text.size());
    std::string part(text.substr(from, at - from));
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) parts.push_back(std::move(part));
    from = at + separator.size();
  }
  return parts;
}

std::string ascii_upper(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string replace_all(std::string text, std::string_view what, std::string_view with) {
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
  return text;
}

// Reads the tests `<prefix>_words`, `_class`, `_verb`, `_number` and `<edge>` of one position of an entry;
// `prefix` is "entries[i].after" or "entries[i].not_after", `edge` is "_start" or "_end".
Confusables::TokenTest read_test(const sdk::Options& options, const std::string& prefix, std::string_view edge) {
  Confusables::TokenTest test;
  for (const std::string& w : string_list(options, prefix + "_words")) test.words.insert(ascii_lower(w));
  for (const std::string& name : string_list(options, prefix + "_class")) {
    if (name == "open") {
      test.open = true;
      continue;
    }
    const std::uint32_t bits = sdk::bits_named(sdk::word_class_names, name);
    if (bits == 0)
      throw std::invalid_argument(prefix + "_class: onbekende woordsoort \"" + name + "\". Kies uit: open, " +
                                  names_of(sdk::word_class_names) + ".");
    test.classes |= bits;
  }
  for (const std::string& name : string_list(options, prefix + "_verb")) {
    const std::uint32_t bits = sdk::bits_named(sdk::verb_form_names, name);
    if (bits == 0)
      throw std::invalid_argument(prefix + "_verb: onbekende werkwoordsvorm \"" + name + "\". Kies uit: " +
                                  names_of(sdk::verb_form_names) + ".");
    test.verb_forms |= bits;
  }
  test.number = options.boolean(prefix + "_number", false);
  test.edge = options.boolean(prefix + std::string(edge), false);
  return test;
}

// The tests on one position: `side` is ".after", ".before" or ".then" (the option names of confusables.toml).
Confusables::Position read_position(const sdk::Options& options, const std::string& at, std::string_view side,
                                    std::string_view edge) {
  const std::string name(side.substr(1));
  return Confusables::Position{read_test(options, at + std::string(side), edge),
                               read_test(options, at + ".not_" + name, edge)};
}

// ---- Evaluating a test -------------------------------------------------------------------------------------

enum class Truth { no, yes, unknown };

// One token next to the matched words. `token` is null beyond the sentence; `following` is the token after
// it (for "€ 50"); `at_edge`: the clause ends here (after the words) or the sentence starts (before them).
struct Slot {
  const helder_token* token = nullptr;
  const helder_token* following = nullptr;
  bool at_edge = false;
};

Truth evaluate(const Confusables::TokenTest& test, const Slot& slot, const sdk::Paragraph& paragraph, bool lexicon) {
  bool unknown = false;
  if (test.edge && slot.at_edge) return Truth::yes;
  const helder_token* t = slot.token;
  if (!t) return Truth::no;
  if (!test.words.empty() && (is_word_like(*t) || t->kind == HELDER_TOKEN_PUNCTUATION)) {
    const std::string_view form = form_of(paragraph, *t);
    if (test.words.find(form) != test.words.end()) return Truth::yes;
  }
  if (test.number && (t->kind == HELDER_TOKEN_NUMBER || (t->kind == HELDER_TOKEN_SYMBOL && slot.following &&
                                                         slot.following->kind == HELDER_TOKEN_NUMBER)))
    return Truth::yes;
  if ((test.classes != 0 || test.open || test.verb_forms != 0) && is_word_like(*t)) {
    if (!lexicon) {
      unknown = true;
    } else if ((sdk::word_class(*t) & test.classes) || (test.open && is_open(*t)) ||
               (sdk::verb_form(*t) & test.verb_forms)) {
      return Truth::yes;
    }
  }
  return unknown ? Truth::unknown : Truth::no;
}

bool holds(const Confusables::Position& position, const Slot& slot, const sdk::Paragraph& paragraph, bool lexicon) {
  if (!position.any.empty() && evaluate(position.any, slot, paragraph, lexicon) != Truth::yes) return false;
  return position.none.empty() || evaluate(position.none, slot, paragraph, lexicon) == Truth::no;
}

// A token that may name more than one thing, so that "hun" may refer to it: a personal pronoun, a
// coordinating conjunction ("de gemeente en de provincie"), a plural verb form (its subject is plural), or a
// word of an open class shaped like a plural (-en, -s). Known function words and adjectives are none.
bool may_be_plural(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (!is_word_like(t) || t.kind == HELDER_TOKEN_NUMBER) return false;
  const std::uint32_t classes = sdk::word_class(t);
  if ((classes & HELDER_CLASS_PRONOUN) &&
      !(classes & (HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE)))
    return true;
  if (classes & HELDER_CLASS_CONJUNCTION) return true;
  const std::string_view form = form_of(paragraph, t);
  const bool plural_shape = form.size() > 2 && (form.ends_with("en") || form.ends_with('s'));
  if (classes & (HELDER_CLASS_VERB | HELDER_CLASS_AUXILIARY | HELDER_CLASS_COPULA)) {
    const std::uint32_t forms = sdk::verb_form(t);
    if (forms == 0) return plural_shape;
    return (forms & (HELDER_VERB_INFINITIVE | HELDER_VERB_PAST_PLURAL)) && !(forms & HELDER_VERB_PARTICIPLE);
  }
  return classes == 0 && plural_shape;
}

}  // namespace

// ---- The rule ----------------------------------------------------------------------------------------------

Confusables::Confusables(const sdk::Host& host, const sdk::Options& options) : host_(host) {
  const std::size_t count = options.array_size("entries");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = "entries[" + std::to_string(i) + "]";
    Entry entry;
    for (const std::string& chunk : split_on(required(options, at + ".wrong"), " ")) {
      const std::vector<std::string> words = split_on(chunk, "/");
      if (words.empty() || chunk.front() == '/' || chunk.back() == '/' || chunk.find("//") != std::string::npos)
        throw std::invalid_argument(at + ".wrong: een schuine streep staat tussen twee letters, zoals in \"t/m\".");
      for (std::size_t w = 0; w < words.size(); ++w) {
        if (w > 0) entry.wrong.push_back(Piece{"/", true});
        entry.wrong.push_back(Piece{ascii_lower(words[w]), w > 0});
      }
    }
    entry.right = split_on(required(options, at + ".right"), " / ");
    entry.reason = required(options, at + ".reason");
    entry.autofix = options.boolean(at + ".autofix", true);
    entry.in_tables = options.boolean(at + ".tables", true);
    entry.glue = options.boolean(at + ".glue", false);
    entry.after = read_position(options, at, ".after", "_start");
    entry.before = read_position(options, at, ".before", "_end");
    entry.then = read_position(options, at, ".then", "_end");
    by_first_piece_[entry.wrong.front().form].push_back(entries_.size());
    entries_.push_back(std::move(entry));
  }
  for (auto& [first, list] : by_first_piece_) {
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return entries_[a].wrong.size() > entries_[b].wrong.size();
    });
    if (const std::uint32_t id = host_.word_id(first); id != 0) by_first_word_id_[id] = &list;
  }

  const std::size_t groups = options.array_size("organisations.groups");
  if (groups > 0) plural_pronoun_ = ascii_lower(required(options, "organisations.wrong"));
  for (std::size_t g = 0; g < groups; ++g) {
    const std::string at = "organisations.groups[" + std::to_string(g) + "]";
    noun_groups_.push_back(NounGroup{required(options, at + ".right"), required(options, at + ".reason"), false, {}});
    const std::vector<std::string> nouns = string_list(options, at + ".nouns");
    if (nouns.empty()) throw std::invalid_argument(at + ".nouns ontbreekt of is leeg.");
    for (const std::string& noun : nouns) organisation_nouns_.emplace(ascii_lower(noun), g);
    if (options.boolean(at + ".neuter", false)) {
      noun_groups_.back().neuter = true;
      noun_groups_.back().neuter_reason = required(options, at + ".neuter_reason");
      if (neuter_pronoun_.empty()) neuter_pronoun_ = ascii_lower(required(options, "organisations.neuter_wrong"));
    }
  }
  for (const std::string& w : string_list(options, "organisations.neuter_between")) neuter_between_.insert(ascii_lower(w));
  for (const std::string& w : string_list(options, "organisations.neuter_other_owners"))
    neuter_other_owners_.insert(ascii_lower(w));
  if (!neuter_pronoun_.empty() && neuter_between_.empty())
    throw std::invalid_argument("organisations.neuter_between ontbreekt of is leeg.");

  for (const std::string& w : string_list(options, "hyphen_prefixes.prefixes"))
    hyphen_prefixes_.prefixes.insert(ascii_lower(w));
  if (!hyphen_prefixes_.prefixes.empty()) hyphen_prefixes_.reason = required(options, "hyphen_prefixes.reason");

  for (const std::string& w : string_list(options, "elided_adjectives.endings"))
    elided_adjectives_.endings.push_back(ascii_lower(w));
  for (const std::string& w : string_list(options, "elided_adjectives.joiners"))
    elided_adjectives_.joiners.insert(ascii_lower(w));
  if (!elided_adjectives_.endings.empty()) {
    if (elided_adjectives_.joiners.empty()) throw std::invalid_argument("elided_adjectives.joiners ontbreekt of is leeg.");
    elided_adjectives_.reason = required(options, "elided_adjectives.reason");
  }

  split_verbs_.enabled = options.boolean("split_verbs.enabled", false);
  if (split_verbs_.enabled) {
    split_verbs_.reason = required(options, "split_verbs.reason");
    for (const std::string& w : string_list(options, "split_verbs.not_particles"))
      split_verbs_.not_particles.insert(ascii_lower(w));
    for (const std::string& w : string_list(options, "split_verbs.stranding")) split_verbs_.stranding.insert(ascii_lower(w));
    for (const std::string& pair : string_list(options, "split_verbs.circumpositions")) {
      const std::vector<std::string> words = split_on(ascii_lower(pair), " ");
      if (words.size() != 2)
        throw std::invalid_argument("split_verbs.circumpositions: schrijf twee woorden, zoals \"" + pair + "\".");
      split_verbs_.circum[words[1]].push_back(words[0]);
    }
  }
}

void Confusables::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  // Kept per thread and reused: a call per paragraph made a vector per sentence. The address of this thread's
  // copy is taken once (the empty asm): in a plugin each look-up is a call into the dynamic linker.
  struct Scratch {
    std::vector<bool> lexicon;
    std::vector<std::vector<std::vector<bool>>> covered;
  };
  thread_local Scratch per_thread;
  Scratch* own = &per_thread;
  asm("" : "+r"(own));
  // Per paragraph: whether the lexicon gave any word a class (an older host or an empty lexicon gives none).
  std::vector<bool>& lexicon = own->lexicon;
  lexicon.assign(unit.size(), false);
  // Per paragraph and sentence: the tokens a finding already covers.
  std::vector<std::vector<std::vector<bool>>>& covered = own->covered;
  if (covered.size() < unit.size()) covered.resize(unit.size());
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    for (const helder_token& t : paragraph.tokens())
      if (sdk::word_class(t) != 0) {
        lexicon[p] = true;
        break;
      }
    const auto sentences = paragraph.sentences();
    if (covered[p].size() < sentences.size()) covered[p].resize(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      const helder_sentence& sentence = sentences[s];
      covered[p][s].assign(sentence.token_count, false);
      if (p < unit.context()) continue;  // read for the pronouns below, not checked
      check_entries(paragraph, p, sentence, lexicon[p], covered[p][s], findings);
      check_hyphens(paragraph, p, sentence, covered[p][s], findings);
      if (lexicon[p]) check_split_verbs(paragraph, p, sentence, covered[p][s], findings);
    }
  }
  check_neuter_organisations(unit, lexicon, covered, findings);
  check_organisations(unit, lexicon, covered, findings);
}

void Confusables::check_entries(const sdk::Paragraph& paragraph, std::size_t p, const helder_sentence& sentence,
                                bool lexicon, std::vector<bool>& covered, sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const auto token_at = [&](std::size_t k) { return k < tokens.size() ? &tokens[k] : nullptr; };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const helder_token& first = tokens[i];
    if (covered[i] || !is_word_like(first) || sdk::is_quoted_or_named(first)) continue;
    // A word is looked up by its id (one integer); a number or mark has no lower-case form, and by its text.
    const std::vector<std::size_t>* found = nullptr;
    if (first.lower.size != 0) {
      if (const auto* by_id = by_first_word_id_.find(host_.word_of(first))) found = *by_id;
    } else if (const auto it = by_first_piece_.find(paragraph.text_of(first)); it != by_first_piece_.end()) {
      found = &it->second;
    }
    if (found == nullptr) continue;
    for (const std::size_t index : *found) {
      const Entry& entry = entries_[index];
      if (!entry.in_tables && paragraph.block_kind() == HELDER_BLOCK_TABLE_CELL) continue;
      std::size_t last = i;
      bool matches = !capitalized_inside_sentence(first);
      for (std::size_t k = 1; k < entry.wrong.size() && matches; ++k) {
        const std::size_t next = last + 1;
        if (next >= tokens.size()) {
          matches = false;
          break;
        }
        const helder_token& t = tokens[next];
        const bool glued = t.start == tokens[last].end;
        matches = !covered[next] && !sdk::is_quoted_or_named(t) && glued == entry.wrong[k].glued &&
                  !capitalized_inside_sentence(t) && form_of(paragraph, t) == entry.wrong[k].form;
        last = next;
      }
      if (!matches) continue;
      // Part of a longer run of marks and letters ("abc/t/m"): not these words.
      const auto glued_mark = [&](const helder_token* t, std::uint32_t at) {
        return t && (t->kind == HELDER_TOKEN_SYMBOL) && (t->end == at || t->start == at);
      };
      if (glued_mark(i > 0 ? &tokens[i - 1] : nullptr, first.start) ||
          glued_mark(token_at(last + 1), tokens[last].end))
        continue;
      // A word the project accepts is right wherever it stands.
      if (last == i && host_.vocabulary(paragraph.text_of(first)) > 0) continue;

      bool words_before = false;
      for (std::size_t k = 0; k < i && !words_before; ++k) words_before = is_word_like(tokens[k]);
      const Slot after{i > 0 ? &tokens[i - 1] : nullptr, nullptr, !words_before};
      const helder_token* next = token_at(last + 1);
      const helder_token* then = token_at(last + 2);
      const Slot before{next, then, !next || closes_clause(paragraph, *next)};
      const Slot after_next{then, token_at(last + 3), !then || closes_clause(paragraph, *then)};
      if (!holds(entry.after, after, paragraph, lexicon) || !holds(entry.before, before, paragraph, lexicon) ||
          !holds(entry.then, after_next, paragraph, lexicon))
        continue;

      // "lange termijn ontwikkelingen": the words and the next word are one compound.
      std::string tail;
      std::uint32_t end = tokens[last].end;
      if (entry.glue) {
        if (!next || next->kind != HELDER_TOKEN_WORD || (next->flags & HELDER_TOKEN_HYPHENATED) ||
            sdk::is_quoted_or_named(*next) || capitalized_inside_sentence(*next))
          continue;
        tail = paragraph.text_of(*next);
        end = next->end;
      }
      const std::uint32_t start = first.start;
      const std::string_view matched = paragraph.text().substr(start, end - start);
      const bool capital = matched.front() >= 'A' && matched.front() <= 'Z';
      // A word in capitals ("TENSLOTTE", a heading) keeps them; one capital letter ("T/m", "U") is a capital.
      const bool all_caps = (first.flags & HELDER_TOKEN_ALL_CAPS) && first.end - first.start > 1;
      std::vector<sdk::Fix> fixes;
      for (const std::string& right : entry.right)
        fixes.push_back(sdk::Fix{start, end,
                                 (all_caps ? ascii_upper(right) : capital ? capitalized(right) : right) + tail,
                                 !entry.autofix});
      std::string message = replace_all(entry.reason, "{match}", matched);
      message = replace_all(message, "{right}", fixes.front().replacement);
      findings.emit(p, start, end, message, HELDER_SEVERITY_RULE, fixes);
      if (entry.glue) ++last;
      for (std::size_t k = i; k <= last; ++k) covered[k] = true;
      i = last;
      break;
    }
  }
}

// "De gemeente heeft hun besluit genomen": "hun" before a noun, an organisation noun before it in this
// sentence or the one before, and nothing else that "hun" could refer to: no word that may name more than
// one thing (nor another "hun") from the sentence before the organisation's sentence up to "hun". The
// organisation stands on its own, not after a preposition ("volgens de gemeente"), where the sentence is
// mostly about someone else.
void Confusables::check_organisations(const sdk::Unit& unit, const std::vector<bool>& lexicon,
                                      std::vector<std::vector<std::vector<bool>>>& covered,
                                      sdk::Findings& findings) const {
  if (plural_pronoun_.empty()) return;
  struct Place {
    std::size_t paragraph, sentence;
    const helder_sentence* span;
  };
  std::vector<Place> places;
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const auto sentences = unit[p].sentences();
    for (std::size_t s = 0; s < sentences.size(); ++s) places.push_back(Place{p, s, &sentences[s]});
  }

  for (std::size_t here = 0; here < places.size(); ++here) {
    const Place& place = places[here];
    if (!lexicon[place.paragraph] || place.paragraph < unit.context()) continue;
    const sdk::Paragraph paragraph = unit[place.paragraph];
    const auto tokens = paragraph.tokens_of(*place.span);
    for (std::size_t j = 0; j + 1 < tokens.size(); ++j) {
      const helder_token& pronoun = tokens[j];
      if (covered[place.paragraph][place.sentence][j] || pronoun.kind != HELDER_TOKEN_WORD ||
          sdk::is_quoted_or_named(pronoun) || form_of(paragraph, pronoun) != plural_pronoun_ ||
          !is_open(tokens[j + 1]))
        continue;

      // The nearest organisation noun before "hun": in this sentence, or else in the one before.
      std::size_t noun_place = 0, noun_token = 0, group = 0;
      bool found = false;
      for (std::size_t back = 0; back < 2 && back <= here && !found; ++back) {
        const Place& candidate = places[here - back];
        const sdk::Paragraph candidate_paragraph = unit[candidate.paragraph];
        const auto candidate_tokens = candidate_paragraph.tokens_of(*candidate.span);
        for (std::size_t k = back == 0 ? j : candidate_tokens.size(); k-- > 0;) {
          const auto noun = organisation_nouns_.find(form_of(candidate_paragraph, candidate_tokens[k]));
          if (noun == organisation_nouns_.end() || !is_word_like(candidate_tokens[k])) continue;
          noun_place = here - back;
          noun_token = k;
          group = noun->second;
          found = true;
          break;
        }
      }
      if (!found || !lexicon[places[noun_place].paragraph]) continue;

      const sdk::Paragraph noun_paragraph = unit[places[noun_place].paragraph];
      const auto noun_tokens = noun_paragraph.tokens_of(*places[noun_place].span);
      const auto starts_sentence = [&](std::size_t k) {
        for (std::size_t b = 0; b < k; ++b)
          if (is_word_like(noun_tokens[b])) return false;
        return true;
      };
      bool on_its_own = starts_sentence(noun_token);
      if (!on_its_own && noun_token > 0 &&
          (sdk::word_class(noun_tokens[noun_token - 1]) & (HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER))) {
        const std::size_t article = noun_token - 1;
        on_its_own = starts_sentence(article) || !is_word_like(noun_tokens[article - 1]) ||
                     !(sdk::word_class(noun_tokens[article - 1]) & HELDER_CLASS_PREPOSITION);
      }
      if (!on_its_own) continue;

      bool other_referent = false;
      for (std::size_t w = noun_place > 0 ? noun_place - 1 : 0; w <= here && !other_referent; ++w) {
        const Place& window = places[w];
        if (!lexicon[window.paragraph]) {
          other_referent = true;  // unknown: silence
          break;
        }
        const sdk::Paragraph window_paragraph = unit[window.paragraph];
        const auto window_tokens = window_paragraph.tokens_of(*window.span);
        const std::size_t end = w == here ? j : window_tokens.size();
        for (std::size_t k = 0; k < end && !other_referent; ++k)
          if (!(w == noun_place && k == noun_token))
            other_referent = may_be_plural(window_paragraph, window_tokens[k]) ||
                             form_of(window_paragraph, window_tokens[k]) == plural_pronoun_;
      }
      if (other_referent) continue;

      const NounGroup& g = noun_groups_[group];
      const std::string_view written = paragraph.text_of(pronoun);
      std::string message = replace_all(g.reason, "{noun}", noun_paragraph.text_of(noun_tokens[noun_token]));
      message = replace_all(message, "{match}", written);
      const bool capital = written.front() >= 'A' && written.front() <= 'Z';
      // Which noun "hun" refers to is a guess from the words around it: a person decides.
      findings.emit(place.paragraph, pronoun.start, pronoun.end, message, HELDER_SEVERITY_RULE,
                    {sdk::Fix{pronoun.start, pronoun.end, capital ? capitalized(g.right) : g.right, true}});
      covered[place.paragraph][place.sentence][j] = true;
    }
  }
}

// ---- Hyphens ------------------------------------------------------------------------------------------------

namespace {

// A vowel at the join of two parts: "anti-inflatie", "co-ouder". Letters outside ASCII ("co-ëxistentie") count
// as vowels: the hyphen stays.
bool vowel_like(char c) {
  static constexpr std::string_view vowels = "aeiouy";
  return vowels.find(c) != std::string_view::npos || static_cast<unsigned char>(c) >= 0x80;
}

bool is_hyphen_mark(std::string_view text) { return text == "-" || text == "\u2010" || text == "\u2011"; }

}  // namespace

// "contra-terrorisme": a prefix of the pack's list, a hyphen, a word in lower case, and the dictionary knows
// the word written as one ("contraterrorisme"). Silent at a clash of vowels ("anti-inflatie"), before a capital
// or a digit ("anti-Amerikaans"), with more than one hyphen, and when the dictionary does not know the joined
// word. "geopolitieke- en veiligheidssituatie": an inflected adjective (by its ending, the pack's list) before
// the hyphen of an elided compound; only the last part of a compound may be elided, and an adjective in -e
// never is one.
void Confusables::check_hyphens(const sdk::Paragraph& paragraph, std::size_t p, const helder_sentence& sentence,
                                std::vector<bool>& covered, sdk::Findings& findings) const {
  if (hyphen_prefixes_.prefixes.empty() && elided_adjectives_.endings.empty()) return;
  const auto tokens = paragraph.tokens_of(sentence);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const helder_token& t = tokens[i];
    if (covered[i] || t.kind != HELDER_TOKEN_WORD) continue;
    // Only a word with a hyphen in it, or right before one, can be wrong here.
    const bool hyphenated = (t.flags & HELDER_TOKEN_HYPHENATED) != 0;
    if (!hyphenated && (i + 1 >= tokens.size() || tokens[i + 1].start != t.end ||
                        tokens[i + 1].kind == HELDER_TOKEN_WORD))
      continue;
    if (sdk::is_quoted_or_named(t)) continue;
    const std::string_view text = paragraph.text_of(t);
    const std::string_view lower = form_of(paragraph, t);

    if ((t.flags & HELDER_TOKEN_HYPHENATED) && !hyphen_prefixes_.prefixes.empty()) {
      const std::size_t hyphen = text.find('-');
      if (hyphen == std::string_view::npos || hyphen == 0 || text.find('-', hyphen + 1) != std::string_view::npos ||
          lower.size() != text.size())
        continue;
      const std::string_view rest = text.substr(hyphen + 1);
      const std::string prefix(lower.substr(0, hyphen));
      if (rest.empty() || !(rest[0] >= 'a' && rest[0] <= 'z') || (t.flags & HELDER_TOKEN_ALL_CAPS)) continue;
      if (hyphen_prefixes_.prefixes.find(prefix) == hyphen_prefixes_.prefixes.end()) continue;
      if (vowel_like(prefix.back()) && vowel_like(rest[0])) continue;
      if (host_.vocabulary(text) > 0) continue;
      const std::string joined = prefix + std::string(rest);
      if (host_.spelled_correctly(joined) != 1) continue;  // not sure: silence
      const std::string right = std::string(text.substr(0, hyphen)) + std::string(rest);
      std::string message = replace_all(hyphen_prefixes_.reason, "{match}", text);
      message = replace_all(message, "{right}", right);
      findings.emit(p, t.start, t.end, message, HELDER_SEVERITY_RULE, {sdk::Fix{t.start, t.end, right, false}});
      covered[i] = true;
      continue;
    }

    if (elided_adjectives_.endings.empty() || i + 2 >= tokens.size()) continue;
    const helder_token& mark = tokens[i + 1];
    const helder_token& joiner = tokens[i + 2];
    if (mark.start != t.end || !is_hyphen_mark(paragraph.text_of(mark)) || joiner.start == mark.end ||
        !is_word_like(joiner) || elided_adjectives_.joiners.find(form_of(paragraph, joiner)) ==
                                     elided_adjectives_.joiners.end())
      continue;
    const bool inflected = std::any_of(elided_adjectives_.endings.begin(), elided_adjectives_.endings.end(),
                                       [&](const std::string& e) { return lower.size() > e.size() + 1 && lower.ends_with(e); });
    if (!inflected || (t.flags & HELDER_TOKEN_HYPHENATED) || host_.spelled_correctly(lower) != 1) continue;
    const std::string_view matched = paragraph.text().substr(t.start, mark.end - t.start);
    findings.emit(p, t.start, mark.end, replace_all(elided_adjectives_.reason, "{match}", matched),
                  HELDER_SEVERITY_RULE, {sdk::Fix{t.start, mark.end, std::string(text), false}});
    covered[i] = covered[i + 1] = true;
  }
}

// ---- Separable verbs ------------------------------------------------------------------------------------------

// "dat niet meer aan kan": a particle right before a finite form of the verb it makes a separable verb with
// (the lexicon knows "aankunnen"), at the end of a subordinate clause (a subordinator or relative before it,
// and no finite verb in between), so the two are one word: "aankan". Silent when a word that leaves its
// preposition behind stands in the clause ("waar u recht op heeft", "dat er geld bij komt"), or the first word of
// a circumposition ("naar huis toe gaat").
void Confusables::check_split_verbs(const sdk::Paragraph& paragraph, std::size_t p, const helder_sentence& sentence,
                                    std::vector<bool>& covered, sdk::Findings& findings) const {
  if (!split_verbs_.enabled) return;
  const auto tokens = paragraph.tokens_of(sentence);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const helder_token& particle = tokens[i];
    const helder_token& verb = tokens[i + 1];
    // The cheap tests first: a particle before a singular verb form is rare.
    if (particle.kind != HELDER_TOKEN_WORD || verb.kind != HELDER_TOKEN_WORD ||
        !(sdk::word_class(particle) & HELDER_CLASS_PARTICLE) ||
        !(sdk::verb_form(verb) & (HELDER_VERB_PRESENT_3 | HELDER_VERB_PAST_SINGULAR)))
      continue;
    if (covered[i] || covered[i + 1] ||
        verb.start == particle.end || sdk::is_quoted_or_named(particle) || sdk::is_quoted_or_named(verb) ||
        (particle.flags & (HELDER_TOKEN_CAPITALIZED | HELDER_TOKEN_HYPHENATED)) ||
        (verb.flags & (HELDER_TOKEN_CAPITALIZED | HELDER_TOKEN_HYPHENATED)))
      continue;
    const std::string_view part = form_of(paragraph, particle);
    if (!(sdk::word_class(particle) & HELDER_CLASS_PARTICLE) ||
        split_verbs_.not_particles.find(part) != split_verbs_.not_particles.end())
      continue;
    const std::uint32_t forms = sdk::verb_form(verb);
    // A singular form with a subject ("kan", "vindt", "kwam"). The stem alone is mostly a noun or an old word
    // ("op dien"), and a form in -en is mostly a plural noun ("inkomen uit sparen", "in boeken").
    constexpr std::uint32_t with_subject = HELDER_VERB_PRESENT_3 | HELDER_VERB_PAST_SINGULAR;
    if (!(forms & with_subject) || (forms & HELDER_VERB_GUESSED) || sdk::lemma(verb) == 0) continue;
    const std::uint32_t separable = host_.separable_verb(part, sdk::lemma(verb));
    if (separable == 0) continue;
    // The lexicon writes this form of the separable verb as the two words together ("aankan").
    const std::string joined = std::string(part) + std::string(form_of(paragraph, verb));
    bool known_form = false;
    for (std::uint32_t bit = HELDER_VERB_PRESENT_3; bit <= HELDER_VERB_PAST_SINGULAR; bit <<= 1)
      known_form = known_form || ((forms & with_subject & bit) && host_.verb_form(separable, bit) == joined);
    if (!known_form) continue;
    // The clause ends after the verb (a comma too: "dat niet meer aan kan, lopen mensen vast"). Not before "en",
    // "of": the verb may be a noun in a list ("door ziekte of gebreken", "in staat of bereid").
    if (i + 2 < tokens.size()) {
      const helder_token& after = tokens[i + 2];
      const bool ends = closes_clause(paragraph, after) ||
                        (after.kind == HELDER_TOKEN_PUNCTUATION && paragraph.text_of(after) == ",");
      if (!ends) continue;
    }
    // Back to the word that opens the subordinate clause.
    const auto circum = split_verbs_.circum.find(part);
    bool subordinate = false;
    for (std::size_t k = i; k-- > 0;) {
      const helder_token& w = tokens[k];
      if (!is_word_like(w)) continue;
      const std::string_view form = form_of(paragraph, w);
      if (split_verbs_.stranding.find(form) != split_verbs_.stranding.end()) break;
      if (circum != split_verbs_.circum.end() &&
          std::find(circum->second.begin(), circum->second.end(), form) != circum->second.end())
        break;
      const std::uint32_t classes = sdk::word_class(w);
      // "die werking", "dat werk": a determiner before a noun, no word that opens a clause.
      const bool determiner = (classes & HELDER_CLASS_DETERMINER) && k + 1 < i && is_open(tokens[k + 1]);
      if ((classes & (HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE)) && !determiner) {
        subordinate = true;
        break;
      }
      // A finite verb before it: a main clause. Function words that look like a verb form ("niet") are none.
      if ((classes & (HELDER_CLASS_AUXILIARY | HELDER_CLASS_COPULA)) ||
          ((sdk::verb_form(w) & HELDER_VERB_FINITE) && !(classes & closed_classes) && !is_open(w)))
        break;
    }
    if (!subordinate) continue;
    const std::string right = std::string(paragraph.text_of(particle)) + std::string(paragraph.text_of(verb));
    const std::string_view matched = paragraph.text().substr(particle.start, verb.end - particle.start);
    std::string message = replace_all(split_verbs_.reason, "{match}", matched);
    message = replace_all(message, "{right}", right);
    findings.emit(p, particle.start, verb.end, message, HELDER_SEVERITY_RULE,
                  {sdk::Fix{particle.start, verb.end, right, true}});
    covered[i] = covered[i + 1] = true;
    ++i;
  }
}

// ---- "haar" after a het-word organisation -----------------------------------------------------------------

// "het departement en haar ambtenaren": "haar" before a noun, right after a het-word organisation ("het
// departement") and a few linking words ("en", "met", ","), with no word that names another owner ("zij",
// "mevrouw") in this sentence or the one before. The organisation has an article or determiner before it.
void Confusables::check_neuter_organisations(const sdk::Unit& unit, const std::vector<bool>& lexicon,
                                             std::vector<std::vector<std::vector<bool>>>& covered,
                                             sdk::Findings& findings) const {
  if (neuter_pronoun_.empty()) return;
  std::size_t previous_paragraph = 0, previous_sentence = 0;
  bool has_previous = false;
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const auto sentences = paragraph.sentences();
    for (std::size_t s = 0; s < sentences.size(); ++s) {
      const auto tokens = paragraph.tokens_of(sentences[s]);
      const bool known = lexicon[p] && p >= unit.context();
      for (std::size_t j = 2; known && j + 1 < tokens.size(); ++j) {
        const helder_token& pronoun = tokens[j];
        if (pronoun.kind != HELDER_TOKEN_WORD || form_of(paragraph, pronoun) != neuter_pronoun_ ||
            covered[p][s][j] || sdk::is_quoted_or_named(pronoun) || !is_open(tokens[j + 1]))
          continue;
        std::size_t k = j;
        while (k > 0 && neuter_between_.find(form_of(paragraph, tokens[k - 1])) != neuter_between_.end()) --k;
        if (k == j || k < 2) continue;
        const helder_token& noun = tokens[k - 1];
        const auto found = organisation_nouns_.find(form_of(paragraph, noun));
        if (found == organisation_nouns_.end() || !is_word_like(noun) || !noun_groups_[found->second].neuter) continue;
        if (!(sdk::word_class(tokens[k - 2]) & (HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER))) continue;
        // Another owner nearby: this sentence up to "haar", and the sentence before.
        const auto names_owner = [&](const sdk::Paragraph& para, const auto& list, std::size_t end) {
          for (std::size_t w = 0; w < end; ++w)
            if (is_word_like(list[w]) &&
                neuter_other_owners_.find(form_of(para, list[w])) != neuter_other_owners_.end())
              return true;
          return false;
        };
        if (names_owner(paragraph, tokens, j)) continue;
        if (has_previous) {
          const sdk::Paragraph before = unit[previous_paragraph];
          const auto before_tokens = before.tokens_of(before.sentences()[previous_sentence]);
          if (names_owner(before, before_tokens, before_tokens.size())) continue;
        }
        const NounGroup& g = noun_groups_[found->second];
        const std::string_view written = paragraph.text_of(pronoun);
        std::string message = replace_all(g.neuter_reason, "{noun}", paragraph.text_of(noun));
        message = replace_all(message, "{match}", written);
        findings.emit(p, pronoun.start, pronoun.end, message, HELDER_SEVERITY_RULE,
                      {sdk::Fix{pronoun.start, pronoun.end, g.right, true}});
        covered[p][s][j] = true;
      }
      previous_paragraph = p;
      previous_sentence = s;
      has_previous = true;
    }
  }
}

}  // namespace helder::spelling
