// Check kind "tangled-sentence" ("tangconstructie"). No parser exists: the checks read the host's lexicon (the
// word class, verb form and lemma of every token), the rule's options (the verbs that open a verb cluster, the
// words that open a clause only sometimes) and the dictionary (plural nouns that look like participles). Where a
// word could be two things, a check stops and stays silent: a civil servant stops using a tool that cries wolf.
#include "tangled_sentence.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace helder::complexity {

namespace {

using Tokens = sdk::Strided<helder_token>;
using Aux = TangledSentence::Aux;

std::string_view lower_of(const helder_token& t) { return sdk::from_c(t.lower); }
bool is_word(const helder_token& t) { return t.kind == HELDER_TOKEN_WORD; }
// Words as the host counts them: words, numbers, abbreviations, acronyms.
bool counts_as_word(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD || t.kind == HELDER_TOKEN_NUMBER || t.kind == HELDER_TOKEN_ABBREVIATION ||
         t.kind == HELDER_TOKEN_ACRONYM;
}
std::uint32_t classes(const helder_token& t) { return is_word(t) ? sdk::word_class(t) : 0u; }
std::uint32_t forms(const helder_token& t) { return is_word(t) ? sdk::verb_form(t) : 0u; }
bool has(const helder_token& t, std::uint32_t c) { return (classes(t) & c) != 0; }
bool capital_inside(const helder_token& t) {
  return (t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START);
}

// Closed word classes. A word with one of them is a function word first, also where a rare verb has the same
// form ("dat" of daten, "niet" of nieten, "zeven" of zeven).
constexpr std::uint32_t kFunction =
    HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN | HELDER_CLASS_PREPOSITION |
    HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE | HELDER_CLASS_PARTICLE |
    HELDER_CLASS_NEGATION | HELDER_CLASS_DEGREE | HELDER_CLASS_ADVERB | HELDER_CLASS_NUMERAL |
    HELDER_CLASS_INTERJECTION | HELDER_CLASS_INFINITIVE_MARKER;
// Words that may open a subordinate clause; ambiguous ones ("dat", "die", "als", "of") included.
constexpr std::uint32_t kOpener = HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE;
// Words before a noun: after one of them a participle is an adjective ("het genomen besluit") and a word in -en a
// noun ("het maken").
constexpr std::uint32_t kBeforeNoun = HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER;
// "zijn" before one of these is the verb, not the possessive: "zijn er", "zijn de", "zijn niet", "zijn in".
constexpr std::uint32_t kAfterVerbZijn = HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN |
                                         HELDER_CLASS_PREPOSITION | HELDER_CLASS_ADVERB | HELDER_CLASS_NEGATION |
                                         HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR;

// The plural ending (also of the infinitive) and the prefix of most past participles.
constexpr std::string_view kPluralEnding = "en";
constexpr std::string_view kParticiplePrefix = "ge";

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
// A vowel that is doubled in a closed syllable: "onderdelen" -> "onderdeel" (not i: "ii" is no Dutch spelling).
bool doubles(char c) { return c == 'a' || c == 'e' || c == 'o' || c == 'u'; }

bool contains(const std::vector<std::uint32_t>& ids, std::uint32_t id) {
  return id != 0 && std::find(ids.begin(), ids.end(), id) != ids.end();
}
bool contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

std::string item(std::string_view key, std::size_t i) { return std::string(key) + "[" + std::to_string(i) + "]"; }

// An option list of verbs, by infinitive, as lemma ids of the lexicon. A verb the lexicon does not know is an error
// in the pack: the rule would silently miss it.
std::vector<std::uint32_t> read_verbs(const sdk::Host& host, const sdk::Options& options, std::string_view key) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0, n = options.array_size(key); i < n; ++i) {
    const std::string verb = options.string(item(key, i), "");
    const std::uint32_t id = host.lemma_id(verb);
    if (id == 0 && host.has_lexicon())
      throw std::invalid_argument(std::string(key) + ": \"" + verb + "\" staat niet als werkwoord in het lexicon");
    if (id != 0) out.push_back(id);
  }
  return out;
}

std::vector<std::string> read_words(const sdk::Options& options, std::string_view key) {
  std::vector<std::string> out;
  for (std::size_t i = 0, n = options.array_size(key); i < n; ++i) {
    std::string word = options.string(item(key, i), "");
    if (!word.empty()) out.push_back(std::move(word));
  }
  return out;
}

// A word spelled anew in place, for the dictionary checks below: no allocation per word.
class Spelling {
 public:
  static constexpr std::size_t kCapacity = 48;
  explicit Spelling(std::string_view w) : size_(std::min(w.size(), kCapacity)) {
    std::copy_n(w.begin(), size_, letters_.begin());
  }
  // Room for the word and two more letters.
  static bool fits(std::string_view w) { return w.size() + 2 <= kCapacity; }
  std::string_view view() const { return {letters_.data(), size_}; }
  std::size_t size() const { return size_; }
  char& operator[](std::size_t i) { return letters_[i]; }
  char back() const { return letters_[size_ - 1]; }
  void pop_back() { --size_; }
  void push_back(char c) { letters_[size_++] = c; }
  void insert(std::size_t at, char c) {
    std::copy_backward(letters_.begin() + static_cast<long>(at), letters_.begin() + static_cast<long>(size_),
                       letters_.begin() + static_cast<long>(size_) + 1);
    letters_[at] = c;
    ++size_;
  }
  // "v" -> "f" and "z" -> "s" at the end, as in "bedrijven" -> "bedrijf", "grijze" -> "grijs".
  bool devoice() {
    if (back() == 'v') {
      letters_[size_ - 1] = 'f';
      return true;
    }
    if (back() == 'z') {
      letters_[size_ - 1] = 's';
      return true;
    }
    return false;
  }

 private:
  std::array<char, kCapacity> letters_{};
  std::size_t size_;
};

// A candidate singular that the lexicon knows as a verb form ("betrok", "begon", "vervang") makes no plural noun:
// "betrokken", "begonnen" and "vervangen" are verbs.
bool is_noun_candidate(std::string_view w, const sdk::Host& host) {
  const std::uint32_t f = host.lookup(w).verb_form;
  return (f == 0 || (f & HELDER_VERB_GUESSED)) && host.spelled_correctly(w) == 1;
}

// A plural noun in -en that has the shape of a participle: "gevolgen", "gebieden", "gemeenten". The singular is in
// the dictionary; a real participle ("genomen", "gegeven") has no such singular.
bool plural_noun_like(std::string_view w, const sdk::Host& host) {
  if (!w.ends_with(kPluralEnding) || w.size() < 6 || !Spelling::fits(w)) return false;
  const std::string_view stem = w.substr(0, w.size() - 2);
  if (is_noun_candidate(stem, host) || is_noun_candidate(w.substr(0, w.size() - 1), host)) return true;
  // "bedrijven" -> "bedrijf", "verschillen" -> "verschil".
  Spelling singular(stem);
  bool changed = singular.devoice();
  if (!changed && stem.size() >= 2 && stem.back() == stem[stem.size() - 2]) {
    singular.pop_back();
    changed = true;
  }
  if (changed && is_noun_candidate(singular.view(), host)) return true;
  // An open syllable: "onderdelen" -> "onderdeel". Not for ge- words: "genomen" is no plural of "genoom".
  const std::size_t m = stem.size();
  if (!w.starts_with(kParticiplePrefix) && m >= 3 && !doubles(stem[m - 1]) && doubles(stem[m - 2]) &&
      !is_vowel(stem[m - 3])) {
    Spelling doubled(stem);
    doubled.insert(m - 1, stem[m - 2]);
    if (!is_noun_candidate(doubled.view(), host)) return false;
    // ... unless it is a verb stem: "overtreden" -> "overtreed", "overtreedt".
    doubled.push_back('t');
    return host.spelled_correctly(doubled.view()) != 1;
  }
  return false;
}

// An adjective with the inflection -e: "nieuwe", "bestede", "hoge". The dictionary knows the bare adjective
// ("nieuw", "besteed", "hoog"); a noun in -e has none ("informatie", "ruimte"). A word of a closed class is none.
bool is_inflected_adjective(const helder_token& t, const sdk::Host& host) {
  const std::string_view w = lower_of(t);
  const std::size_t n = w.size();
  if (!is_word(t) || n < 4 || w.back() != 'e' || w[n - 2] == 'e' || w[n - 2] == 'i' || !Spelling::fits(w)) return false;
  if (classes(t) != 0 || forms(t) != 0) return false;
  Spelling base(w.substr(0, n - 1));
  if (host.spelled_correctly(base.view()) == 1) return true;
  if (base.devoice() && host.spelled_correctly(base.view()) == 1) return true;
  // A closed syllable doubles its vowel: "hoge" -> "hoog", "brave" -> "braaf".
  const std::size_t m = n - 1;
  if (m >= 3 && !is_vowel(w[m - 1]) && is_vowel(w[m - 2]) && !is_vowel(w[m - 3])) {
    Spelling doubled(w.substr(0, m));
    doubled.insert(m - 1, w[m - 2]);
    if (host.spelled_correctly(doubled.view()) == 1) return true;
    if (doubled.devoice() && host.spelled_correctly(doubled.view()) == 1) return true;
  }
  return false;
}

bool is_mark(const sdk::Paragraph& paragraph, const helder_token& t, std::string_view marks) {
  if (t.kind != HELDER_TOKEN_PUNCTUATION && t.kind != HELDER_TOKEN_SYMBOL) return false;
  const std::string_view s = paragraph.text_of(t);
  std::size_t from = 0;
  while (from < marks.size()) {
    const std::size_t space = marks.find(' ', from);
    const std::string_view m =
        marks.substr(from, space == std::string_view::npos ? std::string_view::npos : space - from);
    if (s == m) return true;
    if (space == std::string_view::npos) break;
    from = space + 1;
  }
  return false;
}
bool is_comma(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind != HELDER_TOKEN_PUNCTUATION) return false;
  const std::string_view s = paragraph.text_of(t);
  return s.size() == 1 && s[0] == ',';
}
bool is_dash(const sdk::Paragraph& paragraph, const helder_token& t) { return is_mark(paragraph, t, "– —"); }
// A full stop inside a sentence, or inside a word ("overgaan.De"), is a sentence boundary the segmenter missed.
bool ends_clause(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind == HELDER_TOKEN_WORD) return lower_of(t).find('.') != std::string_view::npos;
  if (t.kind != HELDER_TOKEN_PUNCTUATION && t.kind != HELDER_TOKEN_SYMBOL) return false;
  // Most marks are one byte: decide those without going through the list below.
  if (const std::string_view s = paragraph.text_of(t); s.size() == 1)
    return s[0] == ';' || s[0] == ':' || s[0] == '?' || s[0] == '!' || s[0] == '.' || s[0] == '|';
  return is_mark(paragraph, t, "; : ? ! • . |");
}
bool is_question(const sdk::Paragraph& paragraph, const Tokens& tokens) {
  return !tokens.empty() && is_mark(paragraph, tokens[tokens.size() - 1], "?");
}

// A pronoun that can be the subject of a clause: "u", "wij", "hij", "men", "iemand"; not "het" (also an article),
// "die" or "dat" (also determiners and relatives), "niemand" (a negation).
bool is_subject_pronoun(const helder_token& t) {
  return has(t, HELDER_CLASS_PRONOUN) && !has(t, kBeforeNoun | HELDER_CLASS_RELATIVE | HELDER_CLASS_NEGATION);
}

// Words that start a clause's subject or adverbial part: after "dat" or "als" they show a conjunction, not a
// demonstrative ("dat besluit") or a comparison ("als gevolg").
bool starts_clause_content(const helder_token& t) {
  if (t.kind == HELDER_TOKEN_NUMBER || t.kind == HELDER_TOKEN_ACRONYM) return true;
  if (!is_word(t)) return false;
  if ((t.flags & HELDER_TOKEN_CAPITALIZED) != 0) return true;
  if (has(t, HELDER_CLASS_INFINITIVE_MARKER)) return false;  // "dat te duur": a demonstrative
  return has(t, HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN | HELDER_CLASS_NEGATION |
                    HELDER_CLASS_ADVERB | HELDER_CLASS_PREPOSITION | HELDER_CLASS_AUXILIARY | HELDER_CLASS_COMPARATIVE);
}

// A verb form the lexicon knows as an infinitive, or a plural present: "nemen", "vaststellen". A function word
// with the same form is none ("zeven", "buiten"), except "zijn", which is a determiner too.
bool is_infinitive(const helder_token& t) {
  const std::uint32_t f = forms(t);
  return (f & HELDER_VERB_INFINITIVE) && !(f & HELDER_VERB_GUESSED) &&
         !has(t, kFunction & ~static_cast<std::uint32_t>(HELDER_CLASS_DETERMINER));
}

enum class Participle { No, Yes, Ambiguous };

// A past participle used as a verb. A capital in the middle of a sentence is a name; a guessed participle that is a
// plural noun ("gemeenten", "gevolgen") is a noun; a known one that is also a plural noun ("gevallen", "geboden")
// could be either.
Participle participle(const helder_token& t, const sdk::Host& host) {
  const std::uint32_t f = forms(t);
  if (!(f & HELDER_VERB_PARTICIPLE) || capital_inside(t) || has(t, HELDER_CLASS_PREPOSITION)) return Participle::No;
  if (!plural_noun_like(lower_of(t), host)) return Participle::Yes;
  return (f & HELDER_VERB_GUESSED) ? Participle::No : Participle::Ambiguous;
}
bool is_participle(const helder_token& t, const sdk::Host& host) { return participle(t, host) == Participle::Yes; }

// A noun or a name, as far as the lexicon tells: no function word, no verb form it knows (a guessed participle may
// be a plural noun: "gemeenten").
bool noun_like(const helder_token& t) {
  const std::uint32_t f = forms(t);
  return is_word(t) && !has(t, kFunction) && (f == 0 || (f & HELDER_VERB_GUESSED));
}

using sdk::quoted;

}  // namespace

TangledSentence::TangledSentence(const sdk::Host& host, const sdk::Options& options)
    : host_(host),
      max_verb_gap_(options.integer("max_words_between_verbs", 8)),
      max_subject_gap_(options.integer("max_words_between_subject_and_verb", 8)),
      max_subordinate_(options.integer("max_nested_clauses", 2)),
      max_clause_subject_gap_(options.integer("max_words_between_subject_and_verb_in_clause", 12)),
      max_attribute_words_(options.integer("max_words_in_attribute", 1)) {
  if (max_verb_gap_ < 1 || max_subject_gap_ < 1 || max_subordinate_ < 1 || max_clause_subject_gap_ < 1 ||
      max_attribute_words_ < 1)
    throw std::invalid_argument(
        "max_words_between_verbs, max_words_between_subject_and_verb, max_nested_clauses, "
        "max_words_between_subject_and_verb_in_clause en max_words_in_attribute moeten groter dan 0 zijn");
  perfect_auxiliaries_ = read_verbs(host_, options, "perfect_auxiliaries");
  infinitive_auxiliaries_ = read_verbs(host_, options, "infinitive_auxiliaries");
  te_auxiliaries_ = read_verbs(host_, options, "te_auxiliaries");
  cluster_infinitives_ = read_verbs(host_, options, "cluster_infinitives");
  question_verbs_ = read_verbs(host_, options, "question_verbs");
  infinitive_openers_ = read_words(options, "infinitive_openers");
  comparing_openers_ = read_words(options, "comparing_openers");
  pronominal_prefixes_ = read_words(options, "pronominal_adverb_prefixes");
}

TangledSentence::Aux TangledSentence::aux_at(const Tokens& tokens, std::size_t i) const {
  if (i >= tokens.size() || !is_word(tokens[i])) return Aux::None;
  const helder_token& t = tokens[i];
  const std::uint32_t f = forms(t), lemma = sdk::lemma(t);
  // A word of the auxiliary class without a verb form is a finite form the lexicon keeps apart ("wou").
  const bool bare_auxiliary = f == 0 && has(t, HELDER_CLASS_AUXILIARY);
  if (!(f & (HELDER_VERB_FINITE | HELDER_VERB_INFINITIVE)) && !bare_auxiliary) return Aux::None;
  // No finite verb follows "te": "te laat" is no form of "laten" here.
  if (i > 0 && has(tokens[i - 1], HELDER_CLASS_INFINITIVE_MARKER)) return Aux::None;
  Aux aux = Aux::None;
  if (contains(te_auxiliaries_, lemma))
    aux = Aux::Te;
  else if (has(t, HELDER_CLASS_AUXILIARY))
    aux = contains(perfect_auxiliaries_, lemma) ? Aux::Have : has(t, HELDER_CLASS_COPULA) ? Aux::Be : Aux::Modal;
  else if (contains(infinitive_auxiliaries_, lemma))
    aux = Aux::Modal;
  // "zijn" is also the possessive: the verb only before a function word ("zijn er", "zijn de", "zijn niet").
  if (aux != Aux::None && has(t, HELDER_CLASS_DETERMINER) && !(f & HELDER_VERB_FINITE) &&
      !(i + 1 < tokens.size() && has(tokens[i + 1], kAfterVerbZijn)))
    return Aux::None;
  return aux;
}

// A finite verb: an auxiliary, or a present or past form the lexicon knows (not the bare stem, which is most often
// a noun: "werk", "plan").
bool TangledSentence::is_finite_verb(const Tokens& tokens, std::size_t i) const {
  if (i >= tokens.size() || !is_word(tokens[i])) return false;
  if (aux_at(tokens, i) != Aux::None) return true;
  const helder_token& t = tokens[i];
  const std::uint32_t f = forms(t);
  if ((f & HELDER_VERB_GUESSED) || has(t, kFunction)) return false;
  return (f & (HELDER_VERB_PRESENT_3 | HELDER_VERB_PAST_SINGULAR | HELDER_VERB_PAST_PLURAL)) != 0;
}

// An infinitive that stands in a verb cluster like an auxiliary: "heeft ... kunnen doen", "wil ... laten zien".
bool TangledSentence::is_cluster_infinitive(const helder_token& t) const {
  return (forms(t) & HELDER_VERB_INFINITIVE) &&
         (has(t, HELDER_CLASS_AUXILIARY) || contains(cluster_infinitives_, sdk::lemma(t)));
}

bool TangledSentence::is_infinitive_opener(const helder_token& t) const {
  return is_word(t) && contains(infinitive_openers_, lower_of(t));
}
bool TangledSentence::is_comparing_opener(const helder_token& t) const {
  return is_word(t) && contains(comparing_openers_, lower_of(t));
}

bool TangledSentence::is_pronominal_adverb(const helder_token& t) const {
  if (!is_word(t) || !has(t, HELDER_CLASS_ADVERB)) return false;
  const std::string_view w = lower_of(t);
  for (const std::string& prefix : pronominal_prefixes_) {
    if (w.size() < prefix.size() + 2 || !w.starts_with(prefix)) continue;
    if (host_.lookup(w.substr(prefix.size())).word_class & (HELDER_CLASS_PREPOSITION | HELDER_CLASS_PARTICLE))
      return true;
  }
  return false;
}

// Does the word at tokens[i] open a subordinate clause? A word that is only a subordinator ("omdat", "wanneer") or
// only a relative ("waarin") always does; "dat", "die", "als", "of", "wat", "toen", "waar" only where the words
// around them say so. `first` is the first token of the sentence.
bool TangledSentence::opens_clause(const sdk::Paragraph& paragraph, const Tokens& tokens, std::size_t i,
                                   std::size_t first) const {
  const std::size_t n = tokens.size();
  if (i >= n || !is_word(tokens[i])) return false;
  const helder_token& t = tokens[i];
  const std::uint32_t c = classes(t);
  if (!(c & kOpener)) return false;
  // At the start of a sentence a relative is a demonstrative or a question: "Dat is ...", "Wie betaalt?".
  if (i == first && (c & HELDER_CLASS_RELATIVE)) return false;
  const helder_token* before = i > 0 && is_word(tokens[i - 1]) ? &tokens[i - 1] : nullptr;
  const bool after_comma = i > 0 && is_comma(paragraph, tokens[i - 1]);
  const bool has_next = i + 1 < n;
  // A pronoun right after an opener is no opener itself: "als dat", "zoals die was".
  const bool after_opener = before && has(*before, kOpener);
  // The words after a relative that start its clause: a subject, a verb ("die gelden"), "van mening".
  const bool clause_follows = has_next && (starts_clause_content(tokens[i + 1]) || is_finite_verb(tokens, i + 1) ||
                                           is_infinitive(tokens[i + 1]) || is_participle(tokens[i + 1], host_));

  if (c & HELDER_CLASS_SUBORDINATOR) {
    if (c & HELDER_CLASS_RELATIVE)  // "dat": also a demonstrative ("dat besluit") and a pronoun
      return !(before && has(*before, HELDER_CLASS_PREPOSITION)) && !after_opener && has_next &&
             (after_comma || starts_clause_content(tokens[i + 1]));
    if (c & HELDER_CLASS_CONJUNCTION)  // "of": a question only after a verb of asking ("vraagt ... of")
      return before && contains(question_verbs_, sdk::lemma(*before));
    if (c & HELDER_CLASS_PREPOSITION) return false;  // "sinds 2020", "sedert"
    if (c & HELDER_CLASS_ADVERB)                      // "toen": "toen wij", not "toen ging"
      return has_next && !is_finite_verb(tokens, i + 1) &&
             (is_subject_pronoun(tokens[i + 1]) || has(tokens[i + 1], kBeforeNoun) ||
              (tokens[i + 1].flags & HELDER_TOKEN_CAPITALIZED));
    if (is_comparing_opener(t)) {
      // "als" and "zoals" also compare ("als gevolg", "zo groot als de vorige"): at the start or after a comma with
      // a clause after them, elsewhere only before a subject pronoun and not after a word of comparison ("net als
      // u", "zo snel als u kunt" stays out).
      if (i == first || after_comma) return has_next && starts_clause_content(tokens[i + 1]);
      return has_next && is_subject_pronoun(tokens[i + 1]) && before &&
             !has(*before, HELDER_CLASS_DEGREE | HELDER_CLASS_ADVERB | HELDER_CLASS_COMPARATIVE);
    }
    // "omdat", "wanneer". A question starts with its question word ("Wanneer is de regeling klaar?"); a main verb
    // right after it makes a question too ("wanneer krijgt u").
    if (i == first && is_question(paragraph, tokens)) return false;
    return !(has_next && is_finite_verb(tokens, i + 1) &&
             !has(tokens[i + 1], HELDER_CLASS_AUXILIARY | HELDER_CLASS_COPULA));
  }
  // A relative that is also a pronoun: "wat", "wie", "hetgeen". After a comma, or after a pronoun ("alles wat u
  // ...", "iets wat"), with a clause after it ("u wat informatie" is none).
  if ((c & HELDER_CLASS_DEGREE) || ((c & HELDER_CLASS_PRONOUN) && !(c & HELDER_CLASS_DETERMINER)))
    return clause_follows && (after_comma || (before && is_subject_pronoun(*before)));
  // "die", "welke", "waar": after a comma or after a noun, with a clause after it. Before a noun "die" is a
  // demonstrative ("die toestemming").
  if (c & (HELDER_CLASS_DETERMINER | HELDER_CLASS_ADVERB))
    return clause_follows && !after_opener &&
           (after_comma || (before && !has(*before, HELDER_CLASS_PREPOSITION | HELDER_CLASS_CONJUNCTION | kBeforeNoun |
                                                        HELDER_CLASS_AUXILIARY)));
  return true;  // "waarin", "waarop", "waarmee"
}

void TangledSentence::check_verb_tang(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                      sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]); };
  // A word that ends the walk to the cluster: another clause starts.
  auto opener_at = [&](std::size_t k) {
    return word_at(k) && (has(tokens[k], kOpener) || is_infinitive_opener(tokens[k]));
  };
  // A finite verb that is never an infinitive ("heeft", "kon", "waren"): it starts a clause of its own. Inside the
  // walk only an auxiliary counts: a main verb form may be a noun ("besluit", "kost").
  auto finite_only = [&](std::size_t k) {
    return is_finite_verb(tokens, k) && !(forms(tokens[k]) & HELDER_VERB_INFINITIVE);
  };
  auto finite_aux_only = [&](std::size_t k) {
    return aux_at(tokens, k) != Aux::None && !(forms(tokens[k]) & HELDER_VERB_INFINITIVE);
  };
  // A preposition after a comma starts an insertion ("..., na lang overleg, ..."); "te" starts the cluster.
  auto preposition_at = [&](std::size_t k) {
    return word_at(k) && has(tokens[k], HELDER_CLASS_PREPOSITION) && !has(tokens[k], HELDER_CLASS_INFINITIVE_MARKER);
  };
  // A coordinating conjunction: "en", "maar", "want" ("dan" also compares).
  auto conjunction_at = [&](std::size_t k) {
    return word_at(k) && has(tokens[k], HELDER_CLASS_CONJUNCTION) &&
           !has(tokens[k], HELDER_CLASS_ADVERB | HELDER_CLASS_SUBORDINATOR);
  };
  auto determiner_at = [&](std::size_t k) { return word_at(k) && has(tokens[k], kBeforeNoun); };

  // A question has its own order ("Kunt u ons vóór 1 mei laten weten of ...?"): left alone.
  if (n == 0 || is_question(paragraph, tokens)) return;
  std::size_t sentence_first = 0;  // first token after a sentence boundary the segmenter missed
  bool subordinate = false;        // inside a subordinate clause, until the main clause comes back
  for (std::size_t i = 0; i < n; ++i) {
    const helder_token& t = tokens[i];
    if (ends_clause(paragraph, t)) {
      sentence_first = i + 1;
      subordinate = false;
      continue;
    }
    if (is_comma(paragraph, t) || is_dash(paragraph, t)) {
      // The main clause comes back: "Als u ..., kunt u ...", "..., maar wij ...".
      if (is_finite_verb(tokens, i + 1) || (conjunction_at(i + 1) && !opener_at(i + 2)) ||
          (word_at(i + 1) && classes(tokens[i + 1]) == 0 && i + 2 < n && is_subject_pronoun(tokens[i + 2])))
        subordinate = false;
      continue;
    }
    if (!is_word(t)) continue;
    if (opens_clause(paragraph, tokens, i, sentence_first)) subordinate = true;
    const Aux aux = aux_at(tokens, i);
    if (aux == Aux::None || subordinate) continue;

    // Walk to the rest of the cluster. Insertions between commas, dashes or brackets are walked over.
    std::size_t words = 0, j = i + 1;
    std::int64_t cluster = -1;
    bool stop = false;
    // No tang is longer than this; a run-on text must not make the walk quadratic.
    constexpr std::size_t max_walk = 80;
    while (j < n && j - i <= max_walk && !stop && cluster < 0) {
      const helder_token& u = tokens[j];
      if (ends_clause(paragraph, u)) break;
      if (is_comma(paragraph, u) || is_dash(paragraph, u) || is_mark(paragraph, u, "(")) {
        if (!word_at(j + 1) && !(j + 1 < n && counts_as_word(tokens[j + 1]))) break;
        // A new clause after the comma: the cluster is not coming back.
        // A plural verb is also an infinitive ("zijn", "worden"): that may be the cluster itself.
        if ((conjunction_at(j + 1) || finite_only(j + 1)) && is_comma(paragraph, u)) break;
        if (opener_at(j + 1) || preposition_at(j + 1) ||
            is_dash(paragraph, u) || is_mark(paragraph, u, "(")) {
          // An insertion: walk to its closing mark, counting its words.
          std::size_t k = j + 1;
          while (k < n && k - i <= max_walk && !is_comma(paragraph, tokens[k]) && !is_dash(paragraph, tokens[k]) &&
                 !is_mark(paragraph, tokens[k], ")") && !ends_clause(paragraph, tokens[k])) {
            if (counts_as_word(tokens[k])) ++words;
            ++k;
          }
          if (k >= n || k - i > max_walk || ends_clause(paragraph, tokens[k])) {
            stop = true;
            break;
          }
          j = k + 1;
          continue;
        }
        ++j;  // a comma in a list: "burgers, bedrijven en gemeenten"
        continue;
      }
      if (!is_word(u)) {
        if (counts_as_word(u)) ++words;
        ++j;
        continue;
      }
      if (opener_at(j) || finite_aux_only(j)) break;
      if (capital_inside(u)) {
        ++words;  // a name
        ++j;
        continue;
      }
      // A participle after an article is an adjective: "de afgelopen maanden", "het genomen besluit". A plural
      // noun may look like a participle ("gemeenten", "gevolgen"); "gevallen" and "geboden" can be both.
      const Participle shape = participle(u, host_);
      if (shape == Participle::Ambiguous) break;
      // A participle right before another one says how: "uitgebreid gesproken", "gemiddeld verdiend".
      const bool adverb = word_at(j + 1) && is_participle(tokens[j + 1], host_) &&
                          !has(tokens[j + 1], HELDER_CLASS_AUXILIARY);
      const bool is_part = shape == Participle::Yes && !determiner_at(j - 1) && !adverb;
      const bool te_infinitive =
          has(u, HELDER_CLASS_INFINITIVE_MARKER) && word_at(j + 1) && is_infinitive(tokens[j + 1]);
      // After an article, a number or an inflected adjective a word in -en is a noun: "het maken", "vier weken",
      // "bestede kosten".
      const bool noun_position = determiner_at(j - 1) || tokens[j - 1].kind == HELDER_TOKEN_NUMBER ||
                                 (word_at(j - 1) && has(tokens[j - 1], HELDER_CLASS_NUMERAL)) ||
                                 is_inflected_adjective(tokens[j - 1], host_);
      // "zijn" before a noun is the possessive: "de keuze maken zijn ambt ...".
      const bool possessive = has(u, HELDER_CLASS_DETERMINER) && aux_at(tokens, j) == Aux::None && word_at(j + 1) &&
                              !is_participle(tokens[j + 1], host_);
      // A verb cluster starts with its auxiliaries ("kunnen worden verlengd"); a word in -en right before them is
      // a noun: "een laag inkomen kunnen ...".
      const bool next_cluster_verb = word_at(j + 1) && is_cluster_infinitive(tokens[j + 1]) &&
                                     !has(tokens[j + 1], HELDER_CLASS_DETERMINER);
      const bool next_participle = word_at(j + 1) && is_participle(tokens[j + 1], host_);
      const bool before_cluster = !is_cluster_infinitive(u) && (next_cluster_verb || next_participle);
      const bool infinitive = !is_part && !noun_position && !possessive && !before_cluster && is_infinitive(u);
      if (is_part || infinitive || te_infinitive) {
        bool fits = false;
        const Aux own = aux_at(tokens, j);
        switch (aux) {
          // "heeft ... kunnen doen": a modal infinitive instead of a participle; "hebben ... en zijn" is no cluster.
          case Aux::Have:
            fits = is_part || (infinitive && is_cluster_infinitive(u) && own != Aux::Have && own != Aux::Be);
            break;
          // "is bekend", "wordt verplicht": a word of state is no verb. "is ... gaan werken", "is ... blijven wonen".
          case Aux::Be:
            fits = (is_part && !has(u, HELDER_CLASS_STATE)) ||
                   (infinitive && is_cluster_infinitive(u) && !has(u, HELDER_CLASS_AUXILIARY));
            break;
          case Aux::Modal:
            fits = is_part || infinitive;
            break;
          case Aux::Te:
            fits = te_infinitive;
            break;
          case Aux::None:
            break;
        }
        if (fits)
          cluster = static_cast<std::int64_t>(j);
        else
          stop = true;
        break;
      }
      ++words;
      ++j;
    }
    if (cluster < 0 || stop) continue;
    // The rest of the cluster: "genomen worden", "kunnen worden ingezet", "te verlengen".
    std::size_t last = static_cast<std::size_t>(cluster);
    if (has(tokens[last], HELDER_CLASS_INFINITIVE_MARKER)) {
      ++last;
      // A separable particle before "te" belongs to the verb: "toe te kennen".
      const std::size_t particle = static_cast<std::size_t>(cluster) - 1;
      if (cluster > static_cast<std::int64_t>(i) + 1 && words > 0 && word_at(particle) &&
          has(tokens[particle], HELDER_CLASS_PARTICLE) &&
          host_.separable_verb(lower_of(tokens[particle]), sdk::lemma(tokens[last])) != 0) {
        --cluster;
        --words;
      }
    }
    for (std::size_t extra = 0; extra < 3 && last + 1 < n; ++extra) {
      const std::size_t next = last + 1;
      if (!word_at(next)) break;
      const bool after_cluster_infinitive = is_cluster_infinitive(tokens[last]);
      // "zijn" and "hebben" end a cluster only at the end of the clause, else they are a possessive or a verb
      // of their own: "de keuze maken zijn ambt ...".
      const bool clause_ends_after = !word_at(next + 1) || opener_at(next + 1);
      const Aux own = aux_at(tokens, next);
      const bool own_verb = (own == Aux::Have || has(tokens[next], HELDER_CLASS_DETERMINER)) && !clause_ends_after;
      const bool te_next = has(tokens[next], HELDER_CLASS_INFINITIVE_MARKER) && word_at(next + 1) &&
                           is_infinitive(tokens[next + 1]);
      // After "kunnen", "gaan", "laten": the main verb ends the cluster ("kunnen doen", "gaan maken").
      const bool main_verb = after_cluster_infinitive && (is_participle(tokens[next], host_) ||
                                                          (is_infinitive(tokens[next]) && !own_verb));
      if ((is_cluster_infinitive(tokens[next]) && !own_verb) || main_verb || (after_cluster_infinitive && te_next))
        last += te_next ? 2 : 1;
      else
        break;
    }
    if (static_cast<std::int64_t>(words) > max_verb_gap_) {
      const std::string_view first_verb = paragraph.text_of(t);
      const std::string_view rest =
          paragraph.text().substr(tokens[cluster].start, tokens[last].end - tokens[cluster].start);
      findings.emit(p, t.start, tokens[last].end,
                    "Tangconstructie: tussen " + quoted(first_verb) + " en " + quoted(rest) + " staan " +
                        std::to_string(words) +
                        " woorden. Zet de werkwoorden dichter bij elkaar. Of maak er twee zinnen van.");
    }
    i = last;
  }
}

// "De minister, die ..., wil ...": the subject at the start of the sentence, an insertion between commas, dashes
// or brackets, and the finite verb right after it.
void TangledSentence::check_subject_gap(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                        sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  if (n < 4 || !is_word(tokens[0]) || is_question(paragraph, tokens)) return;
  // The subject starts with an article, a determiner or a pronoun ("De minister", "Onze regeling", "Niemand"), or
  // with a plural noun (below).
  const helder_token& head = tokens[0];
  const bool function_start = has(head, kBeforeNoun | HELDER_CLASS_PRONOUN) && !has(head, HELDER_CLASS_SUBORDINATOR);
  const bool noun_start = noun_like(head) && !(head.flags & HELDER_TOKEN_ALL_CAPS);  // not "NIJMEGEN, ..."
  if (!function_start && !noun_start) return;
  auto opens_insertion = [&](const helder_token& t) {
    return is_comma(paragraph, t) || is_dash(paragraph, t) || is_mark(paragraph, t, "(");
  };
  // The rest of the subject: at most six more words, no verb, no opener.
  std::size_t open = 1;
  while (open < n && !opens_insertion(tokens[open])) {
    if (!counts_as_word(tokens[open]) || open > 6) return;
    if (is_word(tokens[open]) &&
        (is_finite_verb(tokens, open) || is_participle(tokens[open], host_) || has(tokens[open], kOpener)))
      return;
    ++open;
  }
  // One word before the comma is a plural noun ("Gemeenten, die ..., krijgen"), or a pronoun or determiner that
  // stands alone ("Wij, ...", "Dit, ...").
  if (open >= n || (open == 1 && !noun_start)) return;
  const bool bracket = is_mark(paragraph, tokens[open], "(");
  // A plural subject ("De gemeenten", "De minister en de staatssecretaris") takes a verb in the form of the
  // infinitive: "De gemeenten, die ..., betalen".
  const std::string_view last_word = lower_of(tokens[open - 1]);
  bool plural = noun_like(tokens[open - 1]) && (last_word.ends_with('s') || last_word.ends_with(kPluralEnding));
  for (std::size_t k = 1; k < open; ++k) plural = plural || has(tokens[k], HELDER_CLASS_CONJUNCTION);
  // A subject without an article is a plural noun ("Gemeenten, die ..., krijgen"); "Vorig jaar, toen ..., hebben
  // wij" starts with a time, and its verb comes before the subject.
  if (noun_start && !plural) return;
  // After a bare noun the insertion says something about it ("Gemeenten, die ...", "Gemeenten, zoals ...",
  // "Gemeenten, met name ..."); "Kinderen, ouders en grootouders ..." is a list.
  if (noun_start && !(open + 1 < n && has(tokens[open + 1], kOpener | HELDER_CLASS_PREPOSITION | HELDER_CLASS_ADVERB)))
    return;
  auto verb_after_insertion = [&](std::size_t v) {
    if (is_finite_verb(tokens, v)) return true;
    const bool list_goes_on = v + 1 < n && (is_comma(paragraph, tokens[v + 1]) ||
                                            has(tokens[v + 1], HELDER_CLASS_CONJUNCTION));
    return plural && is_infinitive(tokens[v]) && !list_goes_on;
  };
  // The insertion ends at the mark that is followed by the finite verb.
  std::size_t words = 0;
  for (std::size_t k = open + 1; k + 1 < n; ++k) {
    const helder_token& t = tokens[k];
    if (ends_clause(paragraph, t)) return;
    const bool closes = bracket ? is_mark(paragraph, t, ")") : is_comma(paragraph, t) || is_dash(paragraph, t);
    if (closes) {
      std::size_t v = k + 1;
      if (bracket && v + 1 < n && is_comma(paragraph, tokens[v])) ++v;  // "(...), heeft"
      if (!is_word(tokens[v])) return;
      if (!verb_after_insertion(v)) {
        if (bracket) return;
        continue;  // a comma inside the insertion
      }
      if (noun_start && v + 1 < n && is_subject_pronoun(tokens[v + 1])) return;
      if (static_cast<std::int64_t>(words) > max_subject_gap_) {
        const std::string subject(paragraph.text().substr(tokens[0].start, tokens[open - 1].end - tokens[0].start));
        findings.emit(p, tokens[0].start, tokens[v].end,
                      "Tangconstructie: tussen " + quoted(subject) + " en " + quoted(paragraph.text_of(tokens[v])) +
                          " staan " + std::to_string(words) +
                          " woorden. Zet wie iets doet en wat hij doet dichter bij elkaar. Maak van het tussenstuk een "
                          "aparte zin.");
      }
      return;
    }
    if (counts_as_word(t)) ++words;
  }
}

// "dat de samenleving, en daarmee ook het overheidsstelsel, in de afgelopen decennia in toenemende mate er één is
// geworden": in a subordinate clause the subject comes right after the opener ("dat de samenleving", "omdat wij"),
// an insertion between commas, dashes or brackets follows it, and the finite verb comes only at the end of the
// clause. Counted are the words of the insertion and those after it up to the verb. The check stays silent where
// it cannot see the clause end: a clause in the clause, a conjunction (a list: "de gemeente, de provincie en het
// Rijk"), a verb that is not the last of its clause.
void TangledSentence::check_clause_subject_gap(const sdk::Paragraph& paragraph, const helder_sentence& sentence,
                                               std::size_t p, sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]); };
  auto insertion_mark = [&](std::size_t k) {
    return k < n && (is_comma(paragraph, tokens[k]) || is_dash(paragraph, tokens[k]) || is_mark(paragraph, tokens[k], "("));
  };
  // A finite verb; a stem that is also the third person ("markt", "besluit") is taken for a noun.
  auto finite_at = [&](std::size_t k) {
    return is_finite_verb(tokens, k) &&
           (aux_at(tokens, k) != Aux::None || !(forms(tokens[k]) & HELDER_VERB_PRESENT_1));
  };
  if (n < 8 || is_question(paragraph, tokens)) return;
  // Without a comma, dash or bracket there is no insertion to measure.
  bool insertion = false;
  for (std::size_t k = 0; k < n && !insertion; ++k)
    insertion = tokens[k].kind == HELDER_TOKEN_PUNCTUATION && insertion_mark(k);
  if (!insertion) return;
  std::size_t sentence_first = 0;
  for (std::size_t i = 0; i + 6 < n; ++i) {
    if (ends_clause(paragraph, tokens[i])) {
      sentence_first = i + 1;
      continue;
    }
    if (!word_at(i) || !has(tokens[i], HELDER_CLASS_SUBORDINATOR) || !opens_clause(paragraph, tokens, i, sentence_first))
      continue;
    // The subject: a pronoun ("wij", "u"), or an article or determiner, at most three words that go with the noun
    // ("de nieuwe"), and the noun.
    std::size_t subject_end = i + 1;
    if (!word_at(subject_end)) continue;
    if (!is_subject_pronoun(tokens[subject_end])) {
      if (!has(tokens[subject_end], kBeforeNoun) ||
          has(tokens[subject_end], kOpener | HELDER_CLASS_NEGATION | HELDER_CLASS_AUXILIARY))
        continue;
      ++subject_end;
      for (std::size_t extra = 0; extra < 3 && word_at(subject_end) && !noun_like(tokens[subject_end]) &&
                                  (is_inflected_adjective(tokens[subject_end], host_) ||
                                   has(tokens[subject_end], HELDER_CLASS_DEGREE | HELDER_CLASS_NUMERAL));
           ++extra)
        ++subject_end;
      if (!word_at(subject_end) || !noun_like(tokens[subject_end]) || is_inflected_adjective(tokens[subject_end], host_))
        continue;
    }
    const std::size_t open = subject_end + 1;
    if (!insertion_mark(open) || !word_at(open + 1)) continue;
    const bool bracket = is_mark(paragraph, tokens[open], "(");
    std::size_t words = 0, k = open + 1;
    for (; k < n; ++k) {
      const helder_token& t = tokens[k];
      if (ends_clause(paragraph, t)) break;
      if (bracket ? is_mark(paragraph, t, ")") : insertion_mark(k) && !is_mark(paragraph, t, "(")) break;
      if (counts_as_word(t)) ++words;
    }
    if (k >= n || ends_clause(paragraph, tokens[k]) || words == 0) continue;
    // After the insertion: the rest of the clause up to its finite verb.
    std::size_t v = k + 1;
    for (; v < n; ++v) {
      const helder_token& t = tokens[v];
      if (!is_word(t)) {
        if (!counts_as_word(t)) break;
        ++words;
        continue;
      }
      if (finite_at(v)) break;
      if (has(t, kOpener | HELDER_CLASS_CONJUNCTION) || is_infinitive_opener(t)) break;
      ++words;
    }
    if (v >= n || !finite_at(v)) continue;
    // The verb ends its clause: after it at most a few more verbs ("is geworden", "heeft kunnen doen", "te
    // doen"), then the end of the sentence, a mark, a conjunction or a new clause.
    std::size_t last = v;
    while (last + 1 < n && last < v + 3 && word_at(last + 1) &&
           !has(tokens[last + 1], kOpener | HELDER_CLASS_CONJUNCTION) &&
           (is_infinitive(tokens[last + 1]) || is_participle(tokens[last + 1], host_) ||
            has(tokens[last + 1], HELDER_CLASS_INFINITIVE_MARKER | HELDER_CLASS_AUXILIARY)))
      ++last;
    const bool clause_ends = last + 1 >= n || !is_word(tokens[last + 1]) ||
                             has(tokens[last + 1], kOpener | HELDER_CLASS_CONJUNCTION) ||
                             is_infinitive_opener(tokens[last + 1]);
    if (!clause_ends || static_cast<std::int64_t>(words) <= max_clause_subject_gap_) continue;
    const std::string_view text = paragraph.text();
    const std::string subject(text.substr(tokens[i + 1].start, tokens[subject_end].end - tokens[i + 1].start));
    const std::string verb(text.substr(tokens[v].start, tokens[last].end - tokens[v].start));
    findings.emit(p, tokens[i + 1].start, tokens[last].end,
                  "Tangconstructie: tussen " + quoted(subject) + " en " + quoted(verb) + " staan " +
                      std::to_string(words) +
                      " woorden. Zet wie iets doet en wat hij doet dichter bij elkaar. Maak van het tussenstuk een "
                      "aparte zin.");
    i = last;
  }
}

// "de in deze brief gedane voorstellen", "een vooraf met DigiD gemaakte afspraak", "het door de gemeente genomen
// besluit": an article, then a piece with a preposition (or a word such as "daardoor"), then an adjective or a
// participle, and only then the noun. The reader has to keep the article in mind until the noun comes. The piece
// starts right after the article with a preposition, an adverb or a particle; it holds no comma, verb, conjunction
// or clause opener. An article inside the piece starts a noun phrase of its own: "een van de meest gebruikte
// methoden" is "een van" + a plain noun phrase, and "de op een na grootste" has no noun after its preposition.
void TangledSentence::check_extended_attribute(const sdk::Paragraph& paragraph, const helder_sentence& sentence,
                                               std::size_t p, sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]); };
  // What begins a noun phrase: an article, or a determiner that opens no clause and is no negation or verb ("uw",
  // "deze", "alle"; not "die", "geen", "zijn").
  auto starts_phrase = [&](std::size_t k) {
    if (!word_at(k)) return false;
    if (has(tokens[k], HELDER_CLASS_ARTICLE)) return true;
    return has(tokens[k], HELDER_CLASS_DETERMINER) &&
           !has(tokens[k], kOpener | HELDER_CLASS_NEGATION | HELDER_CLASS_AUXILIARY | HELDER_CLASS_PREPOSITION);
  };
  // Words that stand between an article and its noun in a plain noun phrase: "de drie meest gebruikte".
  auto modifier_at = [&](std::size_t k) {
    if (k >= n) return false;
    if (tokens[k].kind == HELDER_TOKEN_NUMBER) return true;
    if (!is_word(tokens[k])) return false;
    return has(tokens[k], HELDER_CLASS_DEGREE | HELDER_CLASS_ADVERB | HELDER_CLASS_NUMERAL | HELDER_CLASS_COMPARATIVE) ||
           is_inflected_adjective(tokens[k], host_) || (forms(tokens[k]) & HELDER_VERB_PARTICIPLE);
  };
  // A noun after the adjective: no function word, no verb that can only be finite, no participle; after an
  // inflected adjective a word in -en is a plural noun ("gedane voorstellen"). A name or an acronym is one too.
  auto noun_at = [&](std::size_t k) {
    if (k >= n) return false;
    const helder_token& t = tokens[k];
    if (t.kind == HELDER_TOKEN_ACRONYM) return true;
    if (!is_word(t)) return false;
    if (capital_inside(t)) return true;
    if (has(t, kFunction | HELDER_CLASS_AUXILIARY | HELDER_CLASS_COPULA | HELDER_CLASS_STATE)) return false;
    const std::uint32_t f = forms(t);
    // The bare stem is most often a noun, also where it is the third person too ("besluit", "bedrag").
    if ((f & (HELDER_VERB_PRESENT_3 | HELDER_VERB_PAST_SINGULAR | HELDER_VERB_PAST_PLURAL)) &&
        !(f & (HELDER_VERB_INFINITIVE | HELDER_VERB_GUESSED | HELDER_VERB_PRESENT_1)))
      return false;
    return participle(t, host_) == Participle::No && !is_inflected_adjective(t, host_);
  };
  // The adjective that ends the piece: 1 inflected ("gedane", "hoogste", "geldende"), 2 a participle in -en
  // ("genomen"), 3 another bare participle ("gemaakt", only before a noun of "het").
  auto adjective_at = [&](std::size_t k) -> int {
    if (!word_at(k) || capital_inside(tokens[k])) return 0;
    if (is_inflected_adjective(tokens[k], host_)) return 1;
    // An inflected participle that is also a past tense: "bedoelde", "verstrekte" ("bedoeld" + e).
    const std::string_view w = lower_of(tokens[k]);
    if ((forms(tokens[k]) & HELDER_VERB_PAST_SINGULAR) && w.size() > 4 && w.back() == 'e' &&
        (host_.lookup(w.substr(0, w.size() - 1)).verb_form & HELDER_VERB_PARTICIPLE) && !has(tokens[k], kFunction))
      return 1;
    if (has(tokens[k], kFunction | HELDER_CLASS_AUXILIARY) || participle(tokens[k], host_) != Participle::Yes) return 0;
    return lower_of(tokens[k]).ends_with(kPluralEnding) ? 2 : 3;
  };
  // Does the article at `b` own the adjective at `k` (a plain noun phrase "de meest gebruikte", or a piece of its
  // own), or does a noun close its phrase first ("deze brief")?
  auto owns = [&](std::size_t b, std::size_t k) {
    std::size_t m = b + 1;
    while (m < k && modifier_at(m)) ++m;
    if (m == k) return true;
    return !(noun_at(m) || (word_at(m) && classes(tokens[m]) == 0));
  };

  for (std::size_t a = 0; a + 3 < n; ++a) {
    if (!starts_phrase(a) || !word_at(a + 1)) continue;
    const helder_token& article = tokens[a];
    const helder_token& next = tokens[a + 1];
    const bool opens_piece =
        (has(next, HELDER_CLASS_PREPOSITION | HELDER_CLASS_ADVERB | HELDER_CLASS_PARTICLE) &&
         !has(next, kOpener | HELDER_CLASS_CONJUNCTION | HELDER_CLASS_INFINITIVE_MARKER | HELDER_CLASS_NEGATION |
                        HELDER_CLASS_NUMERAL));
    // A preposition in the form of an inflected adjective is an adjective after an article: "het betreffende jaar".
    if (!opens_piece || (has(next, HELDER_CLASS_PREPOSITION) && lower_of(next).ends_with('e'))) continue;
    bool link = false;  // a preposition with a word after it, or "daardoor"
    std::size_t words = 0;
    constexpr std::size_t max_piece = 12;
    for (std::size_t j = a + 1; j < n && j <= a + max_piece; ++j) {
      const helder_token& u = tokens[j];
      if (!is_word(u)) {
        if (!counts_as_word(u)) break;
        ++words;
        continue;
      }
      const int adjective = j > a + 1 ? adjective_at(j) : 0;
      if (adjective != 0) {
        const bool het = has(article, HELDER_CLASS_PRONOUN) && has(article, HELDER_CLASS_ARTICLE);
        // The noun, maybe after more adjectives: "gemaakte nieuwe afspraken", "beheerde Nederlandse instellingen".
        std::size_t noun = j + 1;
        while (noun < j + 3 && word_at(noun) && noun_at(noun + 1) &&
               (is_inflected_adjective(tokens[noun], host_) ||
                (capital_inside(tokens[noun]) && lower_of(tokens[noun]).ends_with('e'))))
          ++noun;
        if (!noun_at(noun)) break;
        // "met haar verbonden": "haar" right after a preposition may be the pronoun, not the start of a phrase.
        if (has(tokens[j - 1], HELDER_CLASS_PRONOUN) && has(tokens[j - 1], HELDER_CLASS_DETERMINER) &&
            word_at(j - 2) && has(tokens[j - 2], HELDER_CLASS_PREPOSITION))
          break;
        bool inner = false;
        for (std::size_t b = a + 1; b < j && !inner; ++b) inner = starts_phrase(b) && owns(b, j);
        if (inner) {  // "de [in het gewijzigde besluit] genoemde regels": walk on
          ++words;
          continue;
        }
        // Another such word after it: the first may be an adjective ("gelegen significant bijkantoor"), or the noun
        // is followed by a word of the clause ("maakt de ... informatie openbaar"). Not clear: silent.
        if (word_at(noun + 1) && !capital_inside(tokens[noun + 1]) && noun_at(noun + 1) &&
            !(forms(tokens[noun + 1]) & HELDER_VERB_INFINITIVE))
          break;
        // An adjective after it: the first word was an adverb ("vastgestelde algemeen verbindende voorschriften").
        if (word_at(noun + 1) && is_inflected_adjective(tokens[noun + 1], host_)) break;
        // "het" with an infinitive after the noun is the article of that infinitive: "het zonder vergunning
        // verleende ... verrichten".
        if (het && word_at(noun + 1) && is_infinitive(tokens[noun + 1])) break;
        // A compound cut by a hyphen: "relevante bouw- en sloopafval".
        if (noun + 1 < n && tokens[noun + 1].start == tokens[noun].end && is_mark(paragraph, tokens[noun + 1], "- ‐"))
          break;
        // "het" is also a pronoun ("wij hebben het met u besproken"): only before an inflected adjective, or where
        // no verb comes before it.
        if (het && adjective != 1 && a > 0 && !has(tokens[a - 1], HELDER_CLASS_PREPOSITION)) break;
        // A bare participle in -d or -t stands only before a noun of "het": "een door u ingevuld formulier".
        if (adjective == 3 && !has(article, HELDER_CLASS_ARTICLE)) break;
        if (adjective == 3 && !het && !has(article, HELDER_CLASS_NUMERAL)) break;
        // "de op een na grootste": the preposition needs its own word.
        if (!link || static_cast<std::int64_t>(words) <= max_attribute_words_ ||
            has(tokens[j - 1], HELDER_CLASS_PREPOSITION))
          break;
        const std::string_view text = paragraph.text();
        const std::string_view piece = text.substr(tokens[a + 1].start, tokens[j].end - tokens[a + 1].start);
        const std::string_view before = text.substr(tokens[a + 1].start, tokens[j - 1].end - tokens[a + 1].start);
        const std::string_view noun_text = text.substr(tokens[j + 1].start, tokens[noun].end - tokens[j + 1].start);
        const std::string_view article_text = paragraph.text_of(article);
        // Which relative pronoun: "de" and an inflected determiner ("deze", "elke") take "die", "het" takes "dat";
        // "een" before an inflected adjective "die", before a bare one "dat". "uw", "mijn": either.
        const std::string_view det = lower_of(article);
        int relative = 0;  // 1 die, 2 dat, 0 unknown
        if (has(article, HELDER_CLASS_ARTICLE))
          relative = het ? 2 : has(article, HELDER_CLASS_NUMERAL) ? (adjective == 1 ? 1 : 2) : 1;
        else if (det.ends_with('e') || plural_noun_like(lower_of(tokens[noun]), host_))
          relative = 1;
        std::string advice = "Zet " + quoted(noun_text) + " direct achter " + quoted(article_text) +
                             " en maak van de rest een bijzin";
        if (relative == 0)
          advice += " met \"die\" of \"dat\".";
        else
          advice += ", bijvoorbeeld: " +
                    quoted(std::string(article_text) + " " + std::string(noun_text) +
                           (relative == 1 ? " die " : " dat ") + std::string(before) + " …") +
                    ".";
        findings.emit(p, article.start, tokens[noun].end,
                      "Lange bepaling voor het zelfstandig naamwoord: tussen " + quoted(article_text) + " en " +
                          quoted(noun_text) + " staat " + quoted(piece) + ". Dat is moeilijk te lezen. " + advice);
        a = noun;
        break;
      }
      // Two nouns in a row are a name or a title ("de Wet vervoer gevaarlijke stoffen"): the piece is not clear.
      if (j > a + 1 && noun_at(j) && !capital_inside(u) && noun_at(j - 1)) break;
      // A verb ends the piece; a stem that is also the third person is a noun here ("in het besluit genoemde").
      if (has(u, kOpener | HELDER_CLASS_CONJUNCTION | HELDER_CLASS_INFINITIVE_MARKER | HELDER_CLASS_AUXILIARY) ||
          (is_finite_verb(tokens, j) && !(forms(u) & HELDER_VERB_PRESENT_1)))
        break;
      if ((has(u, HELDER_CLASS_PREPOSITION) && j + 1 < n && counts_as_word(tokens[j + 1]) &&
           !(word_at(j + 1) && has(tokens[j + 1], HELDER_CLASS_PREPOSITION))) ||
          is_pronominal_adverb(u))
        link = true;
      ++words;
    }
  }
}

void TangledSentence::check_stacking(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                     sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]); };
  auto after_comma = [&](std::size_t k) { return k > 0 && is_comma(paragraph, tokens[k - 1]); };
  auto conjunction_at = [&](std::size_t k) { return word_at(k) && has(tokens[k], HELDER_CLASS_CONJUNCTION); };

  // The depth of the clause chain: every opener goes one level deeper, unless it is coordinated with an
  // earlier one ("dat ... en dat ..."). A comma usually closes the deepest clause; the main clause coming back
  // ("Als u ..., kunt u") closes all of them.
  struct Open {
    std::string_view word;
    std::int64_t depth;
  };
  std::vector<Open> open;
  std::vector<std::string_view> chain, deepest_chain;
  std::int64_t depth = 0, deepest = 0;
  std::size_t segment_first = 0;
  bool verb_seen = false;  // the deepest open clause has its finite verb
  // "om" and, within a few words, "te" and an infinitive, with no comma, finite verb or clause opener between.
  auto om_clause_at = [&](std::size_t k) {
    for (std::size_t m = k + 1; m < n && m <= k + 12; ++m) {
      const helder_token& u = tokens[m];
      if (!is_word(u)) {
        if (!counts_as_word(u)) return false;
        continue;
      }
      if (has(u, HELDER_CLASS_INFINITIVE_MARKER)) return word_at(m + 1) && is_infinitive(tokens[m + 1]);
      if (is_finite_verb(tokens, m) || is_infinitive_opener(u) || opens_clause(paragraph, tokens, m, segment_first))
        return false;
    }
    return false;
  };
  auto close_all = [&] {
    depth = 0;
    open.clear();
    chain.clear();
  };
  auto finish = [&](std::uint32_t end) {
    if (deepest > max_subordinate_) {
      std::string list;
      for (std::size_t k = 0; k < deepest_chain.size(); ++k)
        list += (k == 0 ? "" : k + 1 == deepest_chain.size() ? " en " : ", ") + quoted(deepest_chain[k]);
      findings.emit(p, tokens[segment_first].start, end,
                    "Deze zin heeft veel bijzinnen in elkaar (" + list +
                        "). Dat is moeilijk te volgen. Maak er meer zinnen van.");
    }
    close_all();
    deepest = 0;
    deepest_chain.clear();
  };

  for (std::size_t i = 0; i < n; ++i) {
    const helder_token& t = tokens[i];
    // Two sentences the segmenter glued together ("overgaan.De"): judge each on its own.
    if ((t.kind == HELDER_TOKEN_WORD && lower_of(t).find('.') != std::string_view::npos) ||
        is_mark(paragraph, t, ".")) {
      finish(t.end);
      segment_first = i + 1;
      continue;
    }
    if (ends_clause(paragraph, t)) {
      close_all();
      continue;
    }
    if (is_comma(paragraph, t)) {
      // The main clause comes back: a finite verb ("..., kunt u"), a verb and its subject ("..., krijgt u"), a
      // conjunction before a new main clause ("..., maar wij").
      const bool opener_next = word_at(i + 1) && has(tokens[i + 1], HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE);
      const bool inversion = word_at(i + 1) && classes(tokens[i + 1]) == 0 && i + 2 < n && is_subject_pronoun(tokens[i + 2]);
      const bool new_main = conjunction_at(i + 1) && !has(tokens[i + 1], HELDER_CLASS_SUBORDINATOR) &&
                            !(word_at(i + 2) && has(tokens[i + 2], kOpener));
      if (is_finite_verb(tokens, i + 1) || inversion || new_main)
        close_all();
      else if (word_at(i + 1) && !opener_next && !conjunction_at(i + 1) && depth > 0)
        --depth;
      verb_seen = true;
      continue;
    }
    // "dat om dat gesprek goed te kunnen voeren deze partij ... is": a piece with "om ... te" inside a clause,
    // before that clause has its verb, is one more clause the reader keeps in mind.
    if (depth > 0 && !verb_seen && is_infinitive_opener(t) && om_clause_at(i)) {
      // "om ... te doen en om ... te laten": the second one stands next to the first.
      const auto same = std::find_if(open.rbegin(), open.rend(), [&](const Open& o) { return o.word == lower_of(t); });
      if (conjunction_at(i - 1) && same != open.rend())
        depth = same->depth;
      else
        ++depth;
      open.push_back(Open{lower_of(t), depth});
      chain.push_back(paragraph.text_of(t));
      if (depth > deepest) {
        deepest = depth;
        deepest_chain = chain;
      }
      continue;
    }
    // A plural verb has the form of the infinitive ("die ertoe strekken om"): that counts as the verb too.
    if (is_finite_verb(tokens, i) || (word_at(i) && is_infinitive(t))) verb_seen = true;
    if (!opens_clause(paragraph, tokens, i, segment_first)) continue;
    verb_seen = false;
    const std::string_view w = lower_of(t);
    // Coordinated: "dat ... en dat ...", "dat ..., dat ...", "dat ... dan wel dat ...", "maar ook dat".
    const bool joined = conjunction_at(i - 1) || (i >= 2 && word_at(i - 1) && has(tokens[i - 1], HELDER_CLASS_ADVERB) &&
                                                  conjunction_at(i - 2));
    const auto same = std::find_if(open.rbegin(), open.rend(), [&](const Open& o) { return o.word == w; });
    if ((joined || after_comma(i)) && same != open.rend())
      depth = same->depth;
    else if (!joined || depth == 0)
      ++depth;
    open.push_back(Open{w, depth});
    chain.push_back(paragraph.text_of(t));
    if (depth > deepest) {
      deepest = depth;
      deepest_chain = chain;
    }
  }
  if (segment_first < n) finish(sentence.end);
}

void TangledSentence::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    for (const helder_sentence& sentence : paragraph.sentences()) {
      if (paragraph.is_quoted(sentence)) continue;  // someone else's words
      check_verb_tang(paragraph, sentence, p, findings);
      check_subject_gap(paragraph, sentence, p, findings);
      check_stacking(paragraph, sentence, p, findings);
      check_clause_subject_gap(paragraph, sentence, p, findings);
      check_extended_attribute(paragraph, sentence, p, findings);
    }
  }
}

}  // namespace helder::complexity
