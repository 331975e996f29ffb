// Check kind "substitution": finds listed words and phrases and suggests the plain alternative.
// Case-insensitive; never inside a URL or code (those are not word tokens), a quotation, link text, the title
// of a work or a fixed name (the host marks those tokens), nor a word with a capital in the middle of a sentence.
// A one-click fix is offered only where the alternative is grammatical in its place: a verb in the same form
// (geschiedt -> gebeurt), an adjective with the same ending before a noun; elsewhere the alternatives are named
// for the writer to choose.
#include "substitution.hpp"

#include <algorithm>
#include <stdexcept>

namespace helder::jargon {

namespace {

constexpr std::string_view kUnset = "\x01";  // an option that is not there

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

std::string join(const std::vector<std::string>& words, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

bool is_matchable(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_ABBREVIATION;
}

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

constexpr std::uint32_t kFormBits = HELDER_VERB_INFINITIVE | HELDER_VERB_FINITE | HELDER_VERB_PARTICIPLE;
constexpr std::uint32_t kFunctionWords = HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN |
                                         HELDER_CLASS_PREPOSITION | HELDER_CLASS_CONJUNCTION |
                                         HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE | HELDER_CLASS_AUXILIARY |
                                         HELDER_CLASS_PARTICLE | HELDER_CLASS_NEGATION | HELDER_CLASS_ADVERB |
                                         HELDER_CLASS_COPULA | HELDER_CLASS_INFINITIVE_MARKER;


}  // namespace

// A word of the phrase against a token: "zich" stands for any reflexive pronoun of the rule's `reflexive` list
// (me, je, zich, ons, u: data in the pack).
bool Substitution::word_matches(const helder_token& t, std::uint32_t word) const {
  if (!is_matchable(t)) return false;
  if (word == zich_ && !reflexive_.empty()) return reflexive_ids_.contains(host_.word_of(t));
  return host_.word_of(t) == word;
}

namespace {

// Words the writer did not write themselves, or a name: "Conform Groep" is a company.
bool is_off_limits(const helder_token& t) {
  if (sdk::is_quoted_or_named(t)) return true;
  return (t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START) &&
         !(t.flags & HELDER_TOKEN_ALL_CAPS);
}

}  // namespace

Substitution::Substitution(const sdk::Host& host, const sdk::Options& options)
    : host_(host),
      plurals_(options),
      message_(options.string("message", "Schrijf liever \"{replacement}\" in plaats van \"{match}\". {reason}")) {
  for (std::size_t i = 0; i < options.array_size("accept"); ++i)
    accepted_.push_back(options.string("accept[" + std::to_string(i) + "]", ""));
  for (std::size_t i = 0; i < options.array_size("reflexive"); ++i)
    reflexive_.push_back(options.string("reflexive[" + std::to_string(i) + "]", ""));
  for (const std::string& r : reflexive_) reflexive_ids_.insert(host_.word_id(r));
  zich_ = host_.word_id("zich");
  const std::size_t count = options.array_size("entries");
  for (std::size_t i = 0; i < count; ++i) add_entry(i, options);
  // The regular plurals of the listed nouns, made once: matching a word is then one lookup. (A form the list has
  // as a pattern of its own is found by that pattern first.)
  for (const auto& [noun, e] : nouns_)
    for (std::string& plural : plurals_.candidates(noun))
      if (!nouns_.contains(plural)) {
        plural_form_ids_.insert(host_.word_id(plural));
        plural_forms_.emplace(std::move(plural), e);
      }
  for (auto& [first, patterns] : by_first_word_) first_word_ids_.insert(host_.word_id(first));
  for (const Entry& entry : entries_) longest_phrase_ = std::max(longest_phrase_, entry.words.size());
  for (auto& [first, patterns] : by_first_word_)
    std::stable_sort(patterns.begin(), patterns.end(),
                     [](const Pattern& a, const Pattern& b) { return a.words.size() > b.words.size(); });
  build_trie();
}

void Substitution::build_trie() {
  trie_.assign(1, TrieNode{});
  std::vector<std::uint32_t> first_nodes;
  for (const auto& [first, patterns] : by_first_word_) {
    for (std::uint32_t rank = 0; rank < patterns.size(); ++rank) {
      std::uint32_t node = 0;
      for (std::size_t w = 0; w < patterns[rank].words.size(); ++w) {
        const std::string& word = patterns[rank].words[w];
        if (w == 1 && !(word == "zich" && !reflexive_.empty()))
          second_words_.insert(pair_key(host_.word_id(patterns[rank].words[0]), host_.word_id(word)));
        std::uint32_t child;
        if (w > 0 && word == "zich" && !reflexive_.empty()) {
          if (trie_[node].reflexive == 0) {
            trie_[node].reflexive = static_cast<std::uint32_t>(trie_.size());
            trie_.emplace_back();
          }
          child = trie_[node].reflexive;
        } else if (const std::uint32_t* found = trie_[node].next.find(host_.word_id(word))) {
          child = *found;
        } else {
          child = static_cast<std::uint32_t>(trie_.size());
          trie_[node].next[host_.word_id(word)] = child;
          trie_.emplace_back();
        }
        node = child;
        if (w == 0) first_nodes.push_back(node);
      }
      trie_[node].ends.emplace_back(&patterns, rank);
    }
  }
  first_flags_.assign(trie_.size(), 0);
  for (const std::uint32_t node : first_nodes)
    first_flags_[node] = static_cast<std::uint8_t>((trie_[node].ends.empty() ? 0 : kEndsHere) |
                                                   (trie_[node].reflexive == 0 ? 0 : kReflexiveNext));
}

void Substitution::add_entry(std::size_t index, const sdk::Options& options) {
  const std::string at = "entries[" + std::to_string(index) + "]";
  Entry entry;
  const std::string phrase = options.string(at + ".phrase", "");
  if (phrase.empty()) throw std::invalid_argument(at + " heeft geen phrase");
  entry.words = split(phrase, " ");
  entry.replacements = split(options.string(at + ".replacement", ""), "/");
  entry.reason = options.string(at + ".reason", "");
  entry.autofix = options.boolean(at + ".autofix", true);
  const std::string use = options.string(at + ".use", "phrase");
  entry.use = use == "verb"        ? Use::Verb
              : use == "adjective" ? Use::Adjective
              : use == "noun"      ? Use::Noun
              : use == "phrase"    ? Use::Phrase
                                   : Use::Other;
  for (auto [key, field] : {std::pair{".attributive", &entry.attributive}, std::pair{".predicative", &entry.predicative},
                            std::pair{".adverb", &entry.adverb}}) {
    const std::string value = options.string(at + key, kUnset);
    if (value != kUnset) *field = split(value, "/");
  }
  std::vector<std::string> forms;
  for (std::size_t j = 0; j < options.array_size(at + ".forms"); ++j)
    forms.push_back(options.string(at + ".forms[" + std::to_string(j) + "]", ""));
  if (std::find(accepted_.begin(), accepted_.end(), phrase) != accepted_.end()) return;  // a term of art here

  if (entry.use == Use::Verb) {
    // The verb of the phrase: the first word that is an infinitive of the lexicon ("betrekking hebben op",
    // "doen toekomen"). Without a lexicon, or a verb it does not know, the words are found as written.
    for (std::size_t w = 0; w < entry.words.size() && entry.verb_word < 0; ++w) {
      const std::uint32_t lemma = host_.lemma_id(entry.words[w]);
      if (lemma != 0 && (host_.lookup(entry.words[w]).verb_form & HELDER_VERB_INFINITIVE)) {
        entry.verb_word = static_cast<int>(w);
        entry.lemma = lemma;
      }
    }
    if (entry.verb_word < 0) {
      entry.use = Use::Phrase;
    } else {
      const auto k = static_cast<std::ptrdiff_t>(entry.verb_word);
      entry.rest.assign(entry.words.begin(), entry.words.begin() + k);
      entry.rest.insert(entry.rest.end(), entry.words.begin() + k + 1, entry.words.end());
    }
  }
  for (const std::string& w : entry.words) entry.word_ids.push_back(host_.word_id(w));
  for (const std::string& w : entry.rest) entry.rest_ids.push_back(host_.word_id(w));
  entries_.push_back(std::move(entry));
  const std::size_t e = entries_.size() - 1;
  const Entry& added = entries_.back();
  if (added.use == Use::Verb && added.lemma != 0) verbs_by_lemma_[added.lemma].push_back(e);
  if (added.use == Use::Noun && added.words.size() == 1) nouns_.emplace(added.words[0], e);
  std::vector<std::pair<std::vector<std::string>, bool>> patterns;
  // A verb phrase is also found as written: its infinitive may be read as a form of another verb ("borgen" is
  // also the past of bergen).
  patterns.emplace_back(added.words, true);
  if (added.use == Use::Adjective && added.words.size() == 1) {
    const std::string inflected(host_.inflect_adjective(added.words[0]));
    if (!inflected.empty() && inflected != added.words[0]) patterns.emplace_back(std::vector{inflected}, true);
  }
  for (const std::string& form : forms) patterns.emplace_back(split(form, " "), false);
  // A listed form of a noun that the spelling rules make its plural ("bewindspersonen"): the message puts the
  // alternatives in the plural too.
  std::vector<std::string> plurals;
  if (added.use == Use::Noun && added.words.size() == 1) plurals = plurals_.candidates(added.words[0]);
  for (auto& [words, base] : patterns) {
    if (words.empty()) continue;
    const bool plural = !base && words.size() == 1 && std::find(plurals.begin(), plurals.end(), words[0]) != plurals.end();
    by_first_word_[words.front()].push_back(Pattern{std::move(words), e, base, plural});
  }
}

namespace {

// `pattern` with each {name} of `values` filled in, in one pass (a value is not searched for names itself),
// appended to `out`.
void fill_in(std::string& out, std::string_view pattern,
             std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  for (std::size_t at = 0; at < pattern.size();) {
    const std::size_t open = pattern.find('{', at);
    if (open == std::string_view::npos) {
      out.append(pattern.substr(at));
      break;
    }
    out.append(pattern.substr(at, open - at));
    bool filled = false;
    for (const auto& [name, value] : values)
      if (pattern.substr(open).starts_with(name)) {
        out.append(value);
        at = open + name.size();
        filled = true;
        break;
      }
    if (!filled) {
      out.push_back('{');
      at = open + 1;
    }
  }
}

}  // namespace

// The message, written into `out` (a buffer the caller reuses: no allocation per finding once it has grown).
void Substitution::message_into(std::string& out, const Entry& entry, const std::vector<std::string>& alternatives,
                                std::string_view matched) const {
  out.clear();
  if (entry.replacements.empty()) {
    fill_in(out, "Laat \"{match}\" weg. {reason}", {{"{match}", matched}, {"{reason}", entry.reason}});
    return;
  }
  if (alternatives.empty()) {  // no plain word for this use: only the reason
    out.append(entry.reason).append(" Kies een gewoner woord of schrijf de zin anders.");
    return;
  }
  thread_local std::string list;
  list.assign(alternatives.front());
  for (std::size_t i = 1; i < alternatives.size(); ++i) list.append("\" of \"").append(alternatives[i]);
  fill_in(out, message_, {{"{replacement}", list}, {"{match}", matched}, {"{reason}", entry.reason}});
  out.erase(out.find_last_not_of(' ') + 1);
}

// The fixes for a verb: each alternative in the form of the verb in the text. Where the form is not clear
// ("verstrekt" is "geeft" or "gegeven") or a separable alternative would have to split ("Wij retourneren" is
// not "Wij terugsturen"), there is no fix: the message names the alternatives.
std::vector<sdk::Fix> Substitution::verb_fixes(const Entry& entry, const helder_token& verb, std::uint32_t start,
                                               std::uint32_t end, bool capital, bool clause_end) const {
  std::vector<sdk::Fix> fixes;
  const std::uint32_t forms = sdk::verb_form(verb) & kFormBits;
  if (forms == 0 || (sdk::verb_form(verb) & HELDER_VERB_GUESSED)) return fixes;
  for (const std::string& replacement : entry.replacements) {
    std::vector<std::string> words = split(replacement, " ");
    if (words.empty()) continue;
    const std::uint32_t lemma = host_.lemma_id(words[0]);
    if (lemma == 0) return {};  // not a verb the lexicon knows: the writer chooses
    std::string form;
    for (std::uint32_t bit = 1; bit <= HELDER_VERB_PARTICIPLE; bit <<= 1) {
      if (!(forms & bit)) continue;
      const std::string_view made = host_.verb_form(lemma, bit);
      if (made.empty() || (!form.empty() && form != made)) return {};  // unknown or ambiguous
      form = std::string(made);
    }
    const bool separable = (host_.lookup(words[0]).verb_form & HELDER_VERB_SEPARABLE) != 0;
    if (separable && (forms & HELDER_VERB_FINITE)) return {};  // the particle would have to move
    // The plural present looks like the infinitive: "Wij retourneren het" is not "Wij terugsturen het". At the
    // end of the clause ("U kunt het retourneren.") the infinitive stays whole.
    const bool split_risk = separable && (forms & HELDER_VERB_INFINITIVE) && !clause_end;
    // More words for one verb ("beëindigd" -> "gestopt met"): the object may stand between them in the text,
    // so a person places them.
    const bool more_words = words.size() > 1 && entry.words.size() == 1;
    words[0] = form;
    const std::string text = join(words);
    fixes.push_back(sdk::Fix{start, end, capital ? capitalized(text) : text, !entry.autofix || more_words || split_risk});
  }
  return fixes;
}

std::optional<Substitution::Match> Substitution::match_verb(const sdk::Paragraph& paragraph,
                                                            const sdk::Strided<helder_token>& tokens, std::size_t i,
                                                            std::size_t sentence_first, std::size_t sentence_last) const {
  const helder_token& t = tokens[i];
  const std::uint32_t lemma = sdk::lemma(t);
  if (lemma == 0 || (sdk::verb_form(t) & HELDER_VERB_GUESSED)) return std::nullopt;
  const std::string_view text = paragraph.text();
  const auto span_text = [&](std::size_t a, std::size_t b) {
    std::string s(text.substr(tokens[a].start, tokens[b].end - tokens[a].start));
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
  };
  const bool capital = (t.flags & HELDER_TOKEN_CAPITALIZED) != 0;
  const auto ends_clause = [&](std::size_t j) { return j + 1 >= sentence_last || tokens[j + 1].kind != HELDER_TOKEN_WORD; };

  // A split separable verb: the host gave the particle at the end of the clause the lemma of the whole verb
  // ("Wij stellen de regels vast"). The finding marks the finite verb and quotes both: "stellen ... vast".
  if ((sdk::verb_form(t) & HELDER_VERB_SEPARABLE) && sdk::is_class(t, HELDER_CLASS_PARTICLE)) {
    const std::vector<std::size_t>* found = verbs_by_lemma_.find(lemma);
    if (found == nullptr) return std::nullopt;
    for (std::size_t j = i; j-- > sentence_first;) {
      const helder_token& v = tokens[j];
      if (!(sdk::verb_form(v) & (HELDER_VERB_FINITE | HELDER_VERB_INFINITIVE)) ||
          host_.separable_verb(sdk::from_c(t.lower), sdk::lemma(v)) != lemma)
        continue;
      for (std::size_t e : *found) {
        if (entries_[e].words.size() != 1) continue;
        if (is_off_limits(v)) return std::nullopt;
        return Match{e, j, j, std::string(paragraph.text_of(v)) + " ... " + std::string(paragraph.text_of(t)), {}};
      }
      return std::nullopt;
    }
    return std::nullopt;
  }

  // "vast te stellen": a particle, "te" and the infinitive of the base verb.
  if ((sdk::verb_form(t) & HELDER_VERB_INFINITIVE) && i >= sentence_first + 2 &&
      sdk::is_class(tokens[i - 1], HELDER_CLASS_INFINITIVE_MARKER) && sdk::is_class(tokens[i - 2], HELDER_CLASS_PARTICLE)) {
    const std::uint32_t whole = host_.separable_verb(sdk::from_c(tokens[i - 2].lower), lemma);
    if (const std::vector<std::size_t>* found = verbs_by_lemma_.find(whole))
      for (std::size_t e : *found)
        if (entries_[e].words.size() == 1) return Match{e, i - 2, i, span_text(i - 2, i), {}};
  }

  const std::vector<std::size_t>* found = verbs_by_lemma_.find(lemma);
  if (found == nullptr) return std::nullopt;
  // Forms that are more often something else: the stem is often a noun ("deze brief", "het plan"); a participle before a noun is an adjective, often
  // of a fixed term ("voortgezet onderwijs"); a word that is also a function word or numeral ("acht").
  const std::uint32_t form = sdk::verb_form(t) & kFormBits;
  const auto is_pronoun = [&](std::size_t j) {
    return j >= sentence_first && j < sentence_last && sdk::is_class(tokens[j], HELDER_CLASS_PRONOUN) &&
           !sdk::is_class(tokens[j], HELDER_CLASS_DETERMINER | HELDER_CLASS_ARTICLE);
  };
  // The stem where a noun may stand ("deze brief", "de maatschappelijke noodzaak"): an imperative or "ik
  // verstrek" is a verb.
  // Only at the start of a clause (an imperative), or after a pronoun or an auxiliary, is it surely a verb.
  const helder_token* before = i > sentence_first ? &tokens[i - 1] : nullptr;
  const bool noun_place = before && before->kind == HELDER_TOKEN_WORD &&
                          (sdk::is_class(*before, HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER) ||
                           !sdk::is_class(*before, HELDER_CLASS_PRONOUN | HELDER_CLASS_CONJUNCTION |
                                                       HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_AUXILIARY |
                                                       HELDER_CLASS_ADVERB | HELDER_CLASS_NEGATION));
  const bool stem_only = form == HELDER_VERB_PRESENT_1 && noun_place && !is_pronoun(i - 1) && !is_pronoun(i + 1);
  const bool before_noun = form == HELDER_VERB_PARTICIPLE && i + 1 < sentence_last &&
                           tokens[i + 1].kind == HELDER_TOKEN_WORD && !sdk::is_class(tokens[i + 1], kFunctionWords) &&
                           (sdk::verb_form(tokens[i + 1]) & ~static_cast<std::uint32_t>(HELDER_VERB_PRESENT_1 | HELDER_VERB_GUESSED)) == 0;
  const bool also_other = sdk::is_class(t, kFunctionWords | HELDER_CLASS_NUMERAL);
  // The past of a weak verb before a noun reads as the past ("De gemeente verleende vergunningen") or as an
  // inflected participle ("de door u verstrekte stukken"), and the alternative differs ("gaf" or "gegeven"):
  // the word is still worth a message, but a person picks the form.
  const std::string_view lower = sdk::from_c(t.lower);
  const bool past_or_adjective = form == HELDER_VERB_PAST_SINGULAR && lower.ends_with('e') && i + 1 < sentence_last &&
                                 tokens[i + 1].kind == HELDER_TOKEN_WORD && !sdk::is_class(tokens[i + 1], kFunctionWords) &&
                                 (sdk::verb_form(tokens[i + 1]) & ~static_cast<std::uint32_t>(HELDER_VERB_PRESENT_1 | HELDER_VERB_GUESSED)) == 0;
  // The words around the verb, as far as a phrase can reach (kReach below): a phrase whose first other word is not
  // among them cannot match, and is not tried at each of its places ("hebben" has dozens of phrases).
  constexpr std::size_t kReach = 5;
  const std::size_t window_first = i >= sentence_first + kReach + longest_phrase_ ? i - kReach - longest_phrase_ : sentence_first;
  const std::size_t window_end = std::min(sentence_last, i + 2 + kReach);
  std::uint32_t window[2 * kReach + 2 + kMaxPhrase];
  std::size_t window_size = 0;
  bool window_made = false, window_reflexive = false;
  const auto in_window = [&](std::uint32_t word) {
    if (longest_phrase_ > kMaxPhrase) return true;  // a window too small for such a list: try every phrase
    if (!window_made) {  // made for the first phrase only: most verbs of the list are one word
      window_made = true;
      for (std::size_t j = window_first; j < window_end && window_size < std::size(window); ++j) {
        if (!is_matchable(tokens[j])) continue;
        window[window_size++] = host_.word_of(tokens[j]);
        window_reflexive = window_reflexive || reflexive_ids_.contains(window[window_size - 1]);
      }
    }
    if (word == zich_ && !reflexive_.empty()) return window_reflexive;
    return std::find(window, window + window_size, word) != window + window_size;
  };
  for (std::size_t e : *found) {
    const Entry& entry = entries_[e];
    if (entry.words.size() > 1 && !in_window(entry.rest_ids.front())) continue;
    if (entry.words.size() == 1) {
      if (stem_only || before_noun || also_other) return std::nullopt;
      if (past_or_adjective) return Match{e, i, i, span_text(i, i), {}};
      // "te retourneren" -> "terug te sturen": a separable alternative takes "te" inside.
      if (i > sentence_first && sdk::is_class(tokens[i - 1], HELDER_CLASS_INFINITIVE_MARKER) &&
          (sdk::verb_form(t) & HELDER_VERB_INFINITIVE)) {
        std::vector<sdk::Fix> fixes;
        for (const std::string& r : entry.replacements) {
          const std::uint32_t r_lemma = host_.lemma_id(r);
          std::string with_te = r.find(' ') == std::string::npos ? "te " + r : "";
          if (r_lemma != 0 && (host_.lookup(r).verb_form & HELDER_VERB_SEPARABLE))
            for (std::size_t cut = 2; cut + 3 < r.size(); ++cut)
              if ((host_.lookup(r.substr(0, cut)).word_class & HELDER_CLASS_PARTICLE) &&
                  host_.separable_verb(r.substr(0, cut), host_.lemma_id(r.substr(cut))) == r_lemma) {
                with_te = r.substr(0, cut) + " te " + r.substr(cut);
                break;
              }
          if (with_te.empty()) return Match{e, i, i, span_text(i, i), {}};
          fixes.push_back(sdk::Fix{tokens[i - 1].start, t.end, with_te, !entry.autofix});
        }
        return Match{e, i, i, span_text(i, i), std::move(fixes)};
      }
      return Match{e, i, i, span_text(i, i), verb_fixes(entry, t, t.start, t.end, capital, ends_clause(i))};
    }
    // A verb phrase: the other words in their order, next to the verb or a few words away in the clause.
    const auto k = static_cast<std::size_t>(entry.verb_word);
    const std::vector<std::uint32_t>& rest = entry.rest_ids;
    const auto rest_at = [&](std::size_t from) {
      if (from + rest.size() > sentence_last) return false;
      for (std::size_t w = 0; w < rest.size(); ++w)
        if (!word_matches(tokens[from + w], rest[w])) return false;
      return true;
    };
    // In its place: "betrekking hebben op", "in kennis gesteld".
    if (i >= sentence_first + k) {
      const std::size_t from = i - k;
      bool in_place = true;
      for (std::size_t w = 0; w < entry.words.size() && in_place; ++w)
        in_place = from + w < sentence_last && (w == k || word_matches(tokens[from + w], entry.word_ids[w]));
      // After an article the words before the verb are a noun group: "Deze voornemens zijn duidelijk".
      if (in_place && k > 0 && from > sentence_first &&
          sdk::is_class(tokens[from - 1], HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER))
        in_place = false;
      if (in_place) {
        const std::size_t last = from + entry.words.size() - 1;
        std::vector<sdk::Fix> fixes;
        if (k == 0) fixes = verb_fixes(entry, t, tokens[from].start, tokens[last].end, capital, ends_clause(last));
        return Match{e, from, last, span_text(from, last), std::move(fixes)};
      }
    }
    // The verb first, the other words after it: "heeft betrekking op", "dragen er zorg voor".
    for (std::size_t gap = 0; gap <= kReach && i + 1 + gap < sentence_last; ++gap) {
      const std::size_t from = i + 1 + gap;
      if (gap > 0 && tokens[from - 1].kind == HELDER_TOKEN_PUNCTUATION) break;
      if (!rest_at(from)) continue;
      const std::size_t last = from + rest.size() - 1;
      std::vector<sdk::Fix> fixes;
      if (gap == 0) fixes = verb_fixes(entry, t, t.start, tokens[last].end, capital, ends_clause(last));  // "heeft betrekking op" -> "gaat over"
      std::string quoted = gap == 0 ? span_text(i, last)
                                    : std::string(paragraph.text_of(t)) + " ... " + span_text(from, last);
      return Match{e, i, last, std::move(quoted), std::move(fixes)};
    }
    // The other words first: "in kennis worden gesteld", "zorg moet worden gedragen".
    for (std::size_t gap = 1; gap <= kReach && i >= sentence_first + gap + rest.size(); ++gap) {
      const std::size_t from = i - gap - rest.size();
      if (tokens[i - gap].kind == HELDER_TOKEN_PUNCTUATION) break;
      if (!rest_at(from)) continue;
      // After an article the words are a noun group: "De voornemens van het kabinet zijn goed".
      if (from > sentence_first && sdk::is_class(tokens[from - 1], HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER))
        continue;
      return Match{e, from, i, span_text(from, from + rest.size() - 1) + " ... " + std::string(paragraph.text_of(t)), {}};
    }
  }
  return std::nullopt;
}

std::optional<Substitution::Match> Substitution::match_at(const sdk::Paragraph& paragraph,
                                                          const sdk::Strided<helder_token>& tokens, std::size_t i,
                                                          std::size_t sentence_first, std::size_t sentence_last) const {
  const helder_token& t = tokens[i];
  // Most words start no phrase of the list: then only a verb of the list can match here.
  const std::uint32_t first_word = host_.word_of(t);
  const std::uint32_t* root = trie_[0].next.find(first_word);
  if (root == nullptr) return match_verb(paragraph, tokens, i, sentence_first, sentence_last);
  // Many first words are common ("de", "in", "van") and start only phrases of two words or more: the pair of this
  // word and the next decides, from one small table, before the trie is walked.
  if (!(first_flags_[*root] & kEndsHere)) {
    const bool next_word = i + 1 < sentence_last && is_matchable(tokens[i + 1]);
    const std::uint32_t second = next_word ? host_.word_of(tokens[i + 1]) : 0;
    if (!next_word || (!second_words_.contains(pair_key(first_word, second)) &&
                       !((first_flags_[*root] & kReflexiveNext) && reflexive_ids_.contains(second))))
      return match_verb(paragraph, tokens, i, sentence_first, sentence_last);
  }
  std::optional<Match> best;
  // Walk the trie along the text and try the patterns that end on the way in the order of their list, as a scan
  // of the list would (longest first).
  std::vector<std::pair<std::uint32_t, std::size_t>> ends;  // (rank, last token)
  const std::vector<Pattern>* list = nullptr;
  {
    struct Frame {
      std::uint32_t node;
      std::size_t at;  // the node's last token
    };
    Frame stack[16];  // a branch only at "zich"; left uninitialised: only what is pushed is read
    std::size_t depth = 0;
    stack[depth++] = {*root, i};
    while (depth > 0) {
      const auto [node, at] = stack[--depth];
      for (const auto& [patterns, rank] : trie_[node].ends) {
        list = patterns;
        ends.emplace_back(rank, at);
      }
      const std::size_t next = at + 1;
      if (next >= sentence_last || !is_matchable(tokens[next]) || depth + 2 > std::size(stack)) continue;
      const std::uint32_t word = host_.word_of(tokens[next]);
      if (const std::uint32_t* child = trie_[node].next.find(word)) stack[depth++] = {*child, next};
      if (trie_[node].reflexive && reflexive_ids_.contains(word)) stack[depth++] = {trie_[node].reflexive, next};
    }
    std::sort(ends.begin(), ends.end());
  }
  for (const auto& [rank, last] : ends) {
    const Pattern& pattern = (*list)[rank];
    const Entry& entry = entries_[pattern.entry];
    // A verb phrase that does not start with its verb, after an article: a noun group ("Deze voornemens zijn").
    if (entry.use == Use::Verb && entry.verb_word > 0 && i > sentence_first &&
        sdk::is_class(tokens[i - 1], HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER))
      continue;
    const std::uint32_t start = t.start, end = tokens[last].end;
    std::string matched(paragraph.text().substr(start, end - start));
    std::replace(matched.begin(), matched.end(), '\n', ' ');
    Match m{pattern.entry, i, last, matched, {}};
    const bool capital = (t.flags & HELDER_TOKEN_CAPITALIZED) != 0;
    if (!pattern.base_form) {
      // A listed form (a plural, a noun): the alternative may not fit as it is. The noun of a verb entry
      // ("afwikkeling" of afwikkelen) gets the reason only: the alternatives are verbs.
      m.reason_only = entry.use == Use::Verb;
      m.plural = pattern.plural;
      best = std::move(m);
      break;
    }
    if (entry.replacements.empty()) {
      // Leaving the words out: take one space with them. Whether the sentence still runs is for a person.
      const std::string_view text = paragraph.text();
      const std::uint32_t fix_end = end < text.size() && text[end] == ' ' ? end + 1 : end;
      m.fixes.push_back(sdk::Fix{start, fix_end, "", true});
    } else if (entry.use != Use::Adjective) {
      // Another noun may be another gender: after an article, a determiner or an adjective the words before
      // it would have to change too ("dit vraagstuk" -> "deze vraag", "langjarig commitment").
      const bool gender_risk = entry.use == Use::Noun && i > sentence_first && tokens[i - 1].kind == HELDER_TOKEN_WORD &&
                               !sdk::is_class(tokens[i - 1], HELDER_CLASS_PREPOSITION | HELDER_CLASS_CONJUNCTION |
                                                                 HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_VERB);
      for (const std::string& r : entry.replacements)
        m.fixes.push_back(sdk::Fix{start, end, capital ? capitalized(r) : r, !entry.autofix || gender_risk});
    }
    best = std::move(m);
    break;
  }
  if (auto verb = match_verb(paragraph, tokens, i, sentence_first, sentence_last))
    if (!best || verb->last - verb->first >= best->last - best->first || verb->first < best->first) best = std::move(verb);
  return best;
}

// The plural of a one-word alternative by the same spelling rules, checked against the dictionary; the noun as it
// is where no form is known ("stand van zaken", a word the dictionary lacks).
std::string Substitution::plural_of(const std::string& noun) const {
  if (noun.find(' ') != std::string::npos) return noun;
  // A candidate that is a function word is another word ("middels" is no plural of "middel").
  for (const std::string& c : plurals_.candidates(noun))
    if (host_.spelled_correctly(c) == 1 && !(host_.lookup(c).word_class & kFunctionWords)) return c;
  return noun;
}

std::optional<std::size_t> Substitution::noun_entry(std::string_view word) const {
  if (const auto it = nouns_.find(word); it != nouns_.end()) return it->second;
  if (const auto it = plural_forms_.find(word); it != plural_forms_.end()) return it->second;
  return std::nullopt;
}

std::optional<Substitution::Match> Substitution::match_noun_form(const sdk::Paragraph& paragraph,
                                                                 const helder_token& t, std::size_t i) const {
  if (nouns_.empty() || t.kind != HELDER_TOKEN_WORD) return std::nullopt;
  const std::string_view lower = sdk::from_c(t.lower);
  std::size_t part = 0;  // the byte where the noun starts inside the token
  if (t.flags & HELDER_TOKEN_HYPHENATED) {
    // The last part decides what a compound is ("CBS-prognoses" are prognoses); a capital there is a name
    // ("Noord-Holland"), a part of one or two letters no word ("e-mail").
    const std::size_t hyphen = lower.find_last_of('-');
    if (hyphen == std::string_view::npos || lower.size() - hyphen - 1 < 4) return std::nullopt;
    part = hyphen + 1;
    const std::string_view written = paragraph.text_of(t);
    if (written.size() != lower.size() || !(written[part] >= 'a' && written[part] <= 'z')) return std::nullopt;
    // Before a noun the compound is an adjective: "de AOW-gerechtigde leeftijd".
    if (i + 1 < paragraph.tokens().size()) {
      const helder_token& next = paragraph.tokens()[i + 1];
      const std::uint32_t form = sdk::verb_form(next);
      if (next.kind == HELDER_TOKEN_WORD && !sdk::is_class(next, kFunctionWords) &&
          (form == 0 || (form & HELDER_VERB_GUESSED)) && next.start <= t.end + 1)
        return std::nullopt;
    }
  } else if (!plurals_.has_plural_ending(lower) || !plural_form_ids_.contains(host_.word_of(t)) || is_off_limits(t)) {
    return std::nullopt;  // one hash lookup decides for almost every word
  } else if (const std::uint32_t form = sdk::verb_form(t); form != 0 && !(form & HELDER_VERB_GUESSED)) {
    return std::nullopt;  // a verb form the lexicon knows ("kaderen" is no plural of "kader")
  }
  const std::string_view noun = lower.substr(part);
  // A word the list has in another entry is that entry's ("voornemens" of "voornemens zijn"), not a plural,
  // unless an article or determiner makes it a noun ("alle voornemens").
  const auto tokens = paragraph.tokens();
  if (part == 0 && first_word_ids_.contains(host_.word_of(t)) &&
      !(i > 0 && sdk::is_class(tokens[i - 1], HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER)))
    return std::nullopt;
  const std::optional<std::size_t> e = noun_entry(noun);
  if (!e) return std::nullopt;
  // A plural or a part of a compound: the alternative would need another number or a new compound, so the
  // message names the alternatives and the writer chooses.
  Match m{*e, i, i, std::string(paragraph.text_of(t).substr(part)), {}};
  m.plural = noun != entries_[*e].words[0];
  m.by_spelling = true;
  if (part > 0) {
    m.part_start = t.start + static_cast<std::uint32_t>(part);
    m.part_end = t.end;
  } else if (noun == entries_[*e].words[0]) {
    return std::nullopt;  // the singular itself is found by match_at, where the entry allows
  }
  return m;
}

void Substitution::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  // Reused from finding to finding: the matched words in lower case, the alternatives, the message.
  std::string lower, message;
  std::vector<std::string> alternatives;
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    const auto tokens = paragraph.tokens();
    for (const helder_sentence& sentence : paragraph.sentences()) {
      const std::size_t first = sentence.first_token, last = first + sentence.token_count;
      std::size_t reported_to = first;  // findings do not overlap
      for (std::size_t i = first; i < last; ++i) {
        if (i < reported_to || !is_matchable(tokens[i]) || sdk::is_quoted_or_named(tokens[i])) continue;
        std::optional<Match> m;
        if (!is_off_limits(tokens[i])) m = match_at(paragraph, tokens, i, first, last);
        if (!m) m = match_noun_form(paragraph, tokens[i], i);
        if (!m) continue;
        // The second part of an elliptic pair ("wet- en regelgeving"): the first part leans on it.
        if (m->first >= first + 2 && sdk::is_class(tokens[m->first - 1], HELDER_CLASS_CONJUNCTION) &&
            paragraph.text_of(tokens[m->first - 2]) == "-" && tokens[m->first - 2].start > 0 &&
            paragraph.text()[tokens[m->first - 2].start - 1] != ' ')
          continue;
        bool off_limits = false;
        if (m->part_end == 0)
          for (std::size_t j = m->first; j <= m->last; ++j) off_limits = off_limits || is_off_limits(tokens[j]);
        if (off_limits || m->first < reported_to) continue;
        lower.assign(m->quoted);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
        if (host_.vocabulary(lower) == 1) continue;  // the project accepts these words
        const Entry& entry = entries_[m->entry];
        if (m->reason_only)
          alternatives.clear();
        else
          alternatives.assign(entry.replacements.begin(), entry.replacements.end());
        if (m->plural) {
          for (std::string& a : alternatives) a = plural_of(a);
          // A plural the spelling rules found, where no alternative has a plural ("participaties" of shares is
          // no "meedoen"): the plural is likely another sense of the word. Only plural alternatives are named.
          if (m->by_spelling) {
            std::erase_if(alternatives, [&](const std::string& a) {
              return std::find(entry.replacements.begin(), entry.replacements.end(), a) != entry.replacements.end();
            });
            if (alternatives.empty()) continue;
          }
        }
        if (entry.use == Use::Adjective && m->first == m->last) {
          // Its use in this sentence: before a noun, after a copula, or as an adverb.
          const helder_token& word = tokens[m->first];
          const bool inflected = sdk::from_c(word.lower) != entry.words[0];
          const bool before_noun = m->last + 1 < last && tokens[m->last + 1].kind == HELDER_TOKEN_WORD &&
                                   !sdk::is_class(tokens[m->last + 1], kFunctionWords) &&
                                   !(sdk::verb_form(tokens[m->last + 1]) & HELDER_VERB_FINITE);
          bool after_copula = false;
          for (std::size_t j = first; j < m->first; ++j) after_copula = after_copula || sdk::is_class(tokens[j], HELDER_CLASS_COPULA);
          const AdjectiveUse use = inflected || before_noun ? AdjectiveUse::Attributive
                                   : after_copula           ? AdjectiveUse::Predicative
                                                            : AdjectiveUse::Adverb;
          const auto& chosen = use == AdjectiveUse::Attributive ? entry.attributive
                               : use == AdjectiveUse::Predicative ? entry.predicative
                                                                  : entry.adverb;
          if (chosen) alternatives = *chosen;
          const bool capital = (word.flags & HELDER_TOKEN_CAPITALIZED) != 0;
          for (const std::string& a : alternatives) {
            std::string replacement = a;
            // Before a noun the ending follows the text: "de desbetreffende" -> "de betreffende" needs the -e too.
            constexpr std::uint32_t kNotAdjective = kFunctionWords & ~static_cast<std::uint32_t>(HELDER_CLASS_ADVERB);
            if (inflected && a.find(' ') == std::string::npos && !(host_.lookup(a).word_class & kNotAdjective)) {
              const std::string_view made = host_.inflect_adjective(a);
              if (!made.empty()) replacement = std::string(made);
            }
            // One click only before a noun, where the use is plain to see; elsewhere the writer chooses.
            m->fixes.push_back(sdk::Fix{word.start, word.end, capital ? capitalized(replacement) : replacement,
                                        !entry.autofix || use != AdjectiveUse::Attributive});
          }
        }
        // The message names the alternatives as the fixes write them: "gebeurt", "aparte".
        if (!m->fixes.empty() && m->fixes.size() == alternatives.size()) {
          for (std::size_t a = 0; a < alternatives.size(); ++a) {
            std::string text = m->fixes[a].replacement;
            if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' && !(alternatives[a][0] >= 'A' && alternatives[a][0] <= 'Z'))
              text[0] = static_cast<char>(text[0] + 32);
            if (!text.empty()) alternatives[a] = text;
          }
        }
        const std::uint32_t start = m->part_end ? m->part_start : tokens[m->first].start;
        const std::uint32_t end = m->part_end ? m->part_end : tokens[m->last].end;
        message_into(message, entry, alternatives, m->quoted);
        findings.emit(p, start, end, message, HELDER_SEVERITY_RULE, m->fixes);
        reported_to = m->last + 1;
      }
    }
  }
}

}  // namespace helder::jargon
