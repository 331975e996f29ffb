// Check kind "nominal-style" ("naamwoordstijl"). No part-of-speech tagger exists, so the patterns lean on the
// host's lexicon (the word class and verb form of every token, every form of the support verbs), the shape of
// words and the rule's options, where the pack keeps the words this rule treats apart (see nominal_style.hpp).
// Every pattern stays inside one clause of one sentence, and prefers silence to a guess.
#include "nominal_style.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace helder::complexity {

namespace {

bool ends_with(std::string_view s, std::string_view end) { return s.size() >= end.size() && s.ends_with(end); }

bool ends_with_any(std::string_view s, const std::vector<std::string>& endings) {
  return std::any_of(endings.begin(), endings.end(), [&](const std::string& e) { return ends_with(s, e); });
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::size_t from = 0;
  while (from < text.size()) {
    const std::size_t at = text.find(' ', from);
    const std::string_view word = text.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from);
    if (!word.empty()) words.emplace_back(word);
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  return words;
}

std::string_view lower_of(const helder_token& t) { return sdk::from_c(t.lower); }
bool is_word(const helder_token& t) { return t.kind == HELDER_TOKEN_WORD; }

std::string capitalized(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// Reads an array option of words into `out`.
template <class Out>
void read_words(const sdk::Options& options, std::string_view key, Out& out) {
  for (std::size_t i = 0, n = options.array_size(key); i < n; ++i) {
    std::string word = options.string(std::string(key) + "[" + std::to_string(i) + "]", "");
    if (word.empty()) continue;
    if constexpr (requires { out.push_back(word); })
      out.push_back(std::move(word));
    else
      out.insert(std::move(word));
  }
}

// Words that end one clause or start another: a support verb and its noun stay on one side of them.
// Ambiguous words ("dat", "als", "of": a relative or subordinator may also be a determiner or a conjunction)
// count too: a missed finding is better than a false one.
constexpr std::uint32_t kClauseWords = HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE;

// Punctuation that ends a clause, and the lexicon's conjunctions, subordinators and relatives. The rule's
// `infinitive_openers` ("om") are asked by the caller.
bool is_clause_boundary(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind == HELDER_TOKEN_PUNCTUATION || t.kind == HELDER_TOKEN_SYMBOL) {
    // A full stop inside a sentence is a sentence boundary the segmenter missed ("overgaan. De" without space).
    static constexpr auto marks =
        std::to_array<std::string_view>({",", ";", ":", "(", ")", "–", "—", "?", "!", "•", ".", "|"});
    return std::find(marks.begin(), marks.end(), paragraph.text_of(t)) != marks.end();
  }
  if (!is_word(t)) return false;
  if (lower_of(t).find('.') != std::string_view::npos) return true;  // "overgaan.De": two sentences glued
  return sdk::is_class(t, kClauseWords);
}

bool is_article(const helder_token& t) { return is_word(t) && sdk::is_class(t, HELDER_CLASS_ARTICLE); }
bool is_preposition(const helder_token& t) { return is_word(t) && sdk::is_class(t, HELDER_CLASS_PREPOSITION); }

// A preposition that may follow a separable particle at the end of its clause ("dient de aanvraag in bij");
// not "te" before an infinitive ("vult het in te").
bool is_preposition_after_particle(const helder_token& t) {
  return is_preposition(t) && !sdk::is_class(t, HELDER_CLASS_INFINITIVE_MARKER);
}

enum class Slot { Infinitive, TeInfinitive, Participle, Stem, Third, Plural, PastSingle, PastPlural };

// The form of `v` in `slot`, as written in a subordinate clause (particle joined: "uitvoert", "uit te voeren").
// `marker` is the infinitive marker of the text ("te"), for Slot::TeInfinitive.
std::string form_of(const VerbForms& v, Slot slot, std::string_view marker) {
  switch (slot) {
    case Slot::Infinitive:
    case Slot::Plural:
      return v.particle + v.infinitive;
    case Slot::TeInfinitive:
      return (v.particle.empty() ? "" : v.particle + " ") + std::string(marker) + " " + v.infinitive;
    case Slot::Participle:
      return v.particle + v.participle;
    case Slot::Stem:
      return v.particle + v.stem;
    case Slot::Third:
      return v.particle + v.third;
    case Slot::PastSingle:
      return v.particle + v.past_single;
    case Slot::PastPlural:
      return v.particle + v.past_plural;
  }
  return v.particle + v.infinitive;
}

// The finite slot of a verb form, by word id: `w` is one of the forms `ids` (base or joined) and no mark (0).
bool finite_slot_id(const VerbForms::Ids& ids, std::uint32_t w, Slot& slot) {
  if (w == 0) return false;
  if (w == ids.third)
    slot = Slot::Third;
  else if (w == ids.stem)
    slot = Slot::Stem;
  else if (w == ids.infinitive)
    slot = Slot::Plural;
  else if (w == ids.past_single)
    slot = Slot::PastSingle;
  else if (w == ids.past_plural)
    slot = Slot::PastPlural;
  else
    return false;
  return true;
}

}  // namespace

VerbForms VerbForms::of(std::string_view spec, const sdk::Host& host) {
  VerbForms v;
  std::string_view base = spec;
  if (const std::size_t bar = spec.find('|'); bar != std::string_view::npos) {
    v.particle = std::string(spec.substr(0, bar));
    base = spec.substr(bar + 1);
  } else if (const std::uint32_t whole = host.lemma_id(spec);
             whole != 0 && (host.lookup(spec).verb_form & HELDER_VERB_SEPARABLE)) {
    // A separable verb written whole ("vaststellen"): the particle is the part before the verb it is made of.
    for (std::size_t cut = 1; cut + 1 < spec.size(); ++cut) {
      const std::string_view head = spec.substr(0, cut);
      if ((host.lookup(head).word_class & HELDER_CLASS_PARTICLE) &&
          host.separable_verb(head, host.lemma_id(spec.substr(cut))) == whole) {
        v.particle = std::string(head);
        base = spec.substr(cut);
        break;
      }
    }
  }
  const std::uint32_t lemma = host.lemma_id(base);
  if (lemma == 0)
    throw std::invalid_argument("het werkwoord \"" + std::string(spec) +
                                "\" staat niet in het woordenboek van helder. Zet het in een woordenlijst van uw "
                                "pakket ([lexicon] files)");
  v.infinitive = std::string(host.verb_form(lemma, HELDER_VERB_INFINITIVE));
  v.stem = std::string(host.verb_form(lemma, HELDER_VERB_PRESENT_1));
  v.third = std::string(host.verb_form(lemma, HELDER_VERB_PRESENT_3));
  v.past_single = std::string(host.verb_form(lemma, HELDER_VERB_PAST_SINGULAR));
  v.past_plural = std::string(host.verb_form(lemma, HELDER_VERB_PAST_PLURAL));
  v.participle = std::string(host.verb_form(lemma, HELDER_VERB_PARTICIPLE));
  const std::string_view inflected = host.inflect_adjective(v.participle);
  if (!v.participle.empty() && inflected != v.participle) v.inflected = std::string(inflected);
  const auto id = [&](const std::string& form, bool with_particle) {
    return form.empty() ? no_word : host.word_id(with_particle ? v.particle + form : form);
  };
  for (const bool with_particle : {false, true}) {
    Ids& ids = with_particle ? v.joined : v.base;
    ids.infinitive = id(v.infinitive, with_particle);
    ids.stem = id(v.stem, with_particle);
    ids.third = id(v.third, with_particle);
    ids.past_single = id(v.past_single, with_particle);
    ids.past_plural = id(v.past_plural, with_particle);
    ids.participle = id(v.participle, with_particle);
    ids.inflected = id(v.inflected, with_particle);
  }
  if (!v.particle.empty()) v.particle_id = host.word_id(v.particle);
  return v;
}

NominalStyle::NominalStyle(const sdk::Host& host, const sdk::Options& options)
    : host_(host),
      infinitive_of_(options.boolean("infinitive_of", true)),
      chain_length_(options.integer("chain_length", 2)) {
  if (chain_length_ < 0 || chain_length_ == 1)
    throw std::invalid_argument("chain_length moet 0 (uit) of 2 of meer zijn");
  read_words(options, "infinitive_before", infinitive_before_);
  read_words(options, "infinitive_after", infinitive_after_);
  read_words(options, "infinitive_adverbs", adverbs_);
  read_words(options, "infinitive_adverb_endings", adverb_endings_);
  read_words(options, "bare_infinitive_adverb_endings", bare_adverb_endings_);
  read_words(options, "bare_not_adverbs", bare_not_adverbs_);
  read_words(options, "not_verbs", not_verbs_);
  read_words(options, "process_noun_endings", process_noun_endings_);
  read_words(options, "chain_links", chain_links_);
  read_words(options, "not_nominalised", concrete_heads_);
  read_words(options, "not_nominalised_alone", not_nominalised_alone_);
  std::vector<std::string> openers, owning;
  read_words(options, "owning_determiners", owning);
  read_words(options, "infinitive_openers", openers);
  for (const std::string& w : openers) opener_ids_.insert(host.word_id(w));
  for (const std::string& w : owning) owning_ids_.insert(host.word_id(w));
  // Asked for every word of every sentence: as ids.
  for (const std::string& w : infinitive_before_) infinitive_before_ids_.insert(host.word_id(w));
  for (const std::string& w : infinitive_after_) infinitive_after_ids_.insert(host.word_id(w));
  for (const std::string& w : chain_links_) chain_link_ids_.insert(host.word_id(w));
  read_words(options, "adjective_endings", adjective_endings_);
  read_words(options, "inflected_endings", inflected_endings_);
  std::vector<std::string> phrases;
  read_words(options, "fixed_phrases", phrases);
  for (const std::string& phrase : phrases) {
    std::vector<std::string> words = split_words(phrase);
    if (!words.empty()) fixed_phrases_.push_back(std::move(words));
  }
  phrases.clear();
  read_words(options, "adverbial_phrases", phrases);
  for (const std::string& phrase : phrases) {
    std::vector<std::string> words = split_words(phrase);
    if (!words.empty()) adverbial_phrases_.push_back(std::move(words));
  }
  for (std::size_t i = 0, n = options.array_size("deverbal_endings"); i < n; ++i) {
    const std::string at = "deverbal_endings[" + std::to_string(i) + "]";
    std::string noun = options.string(at + ".noun", ""), verb = options.string(at + ".verb", "");
    if (noun.empty() || verb.empty())
      throw std::invalid_argument(at + " heeft een noun (het einde van het naamwoord) en een verb (het einde van het "
                                       "werkwoord) nodig, zoals { noun = \"ing\", verb = \"en\" }");
    deverbal_endings_.emplace_back(std::move(noun), std::move(verb));
  }
  read_words(options, "not_deverbal", not_deverbal_);
  read_words(options, "reaching_prepositions", reaching_prepositions_);
  read_words(options, "reaching_range_words", reaching_range_words_);
  std::vector<std::string> verbs;
  read_words(options, "reaching_verbs", verbs);
  for (const std::string& verb : verbs) {
    try {
      reaching_verbs_.push_back(VerbForms::of(verb, host));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("reaching_verbs: ") + e.what());
    }
  }
  verbs.clear();
  read_words(options, "showing_verbs", verbs);
  for (const std::string& pair : verbs) {
    const std::vector<std::string> words = split_words(pair);
    if (words.size() != 2)
      throw std::invalid_argument("showing_verbs: \"" + pair +
                                  "\" moet twee werkwoorden zijn, een hulpwerkwoord en een hele werkwoord");
    try {
      showing_.push_back(Showing{VerbForms::of(words[0], host), words[1]});
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("showing_verbs: ") + e.what());
    }
  }
  if (!reaching_verbs_.empty())
    for (const std::string& t : reaching_prepositions_) trigger_ids_.push_back(host.word_id(t));
  for (const Showing& s : showing_) trigger_ids_.push_back(host.word_id(s.infinitive));

  const std::size_t count = options.array_size("constructions");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = "constructions[" + std::to_string(i) + "]";
    Construction c;
    c.noun = split_words(options.string(at + ".noun", ""));
    if (c.noun.empty()) throw std::invalid_argument(at + " heeft geen noun (het naamwoord, zoals \"een besluit\")");
    for (const std::string& w : c.noun) c.noun_ids.push_back(host.word_id(w));
    c.article_first = (host.lookup(c.noun[0]).word_class & HELDER_CLASS_ARTICLE) != 0;
    const std::size_t verb_count = options.array_size(at + ".verbs");
    if (verb_count == 0) throw std::invalid_argument(at + " heeft geen verbs (de werkwoorden, zoals [\"nemen\"])");
    // A verb the lexicon does not know makes the rule fail with the place in the options.
    auto forms_of = [&](const std::string& verb, const std::string& where) {
      try {
        return VerbForms::of(verb, host);
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(where + ": " + e.what());
      }
    };
    for (std::size_t j = 0; j < verb_count; ++j) {
      const std::string verb = options.string(at + ".verbs[" + std::to_string(j) + "]", "");
      if (verb.empty()) throw std::invalid_argument(at + ".verbs bevat een leeg werkwoord");
      c.verbs.push_back(forms_of(verb, at + ".verbs"));
    }
    const std::string plain = options.string(at + ".plain", "");
    if (plain.empty())
      throw std::invalid_argument(at + " heeft geen plain (het gewone werkwoord, zoals \"besluiten\")");
    c.plain = forms_of(plain, at + ".plain");
    c.plain_text = c.plain.joined_infinitive();
    c.advice = options.string(at + ".advice", "");
    c.fix = options.boolean(at + ".fix", false);
    c.split_only = options.boolean(at + ".split_only", false);
    // Indexed by the noun, not by an article: "een" would make every article a candidate for hundreds of entries.
    constructions_by_first_[c.article_first && c.noun.size() >= 2 ? c.noun_ids[1] : c.noun_ids[0]].push_back(
        constructions_.size());
    // A bare noun written together with a form of its support verb: "gebruikmaken", "kennisgenomen".
    if (c.noun.size() == 1)
      for (const VerbForms& v : c.verbs) {
        if (!v.particle.empty()) continue;
        for (const std::string* form : {&v.infinitive, &v.participle, &v.stem, &v.third, &v.past_single, &v.past_plural}) {
          if (form->empty()) continue;
          std::vector<std::size_t>& list = joined_constructions_[host.word_id(c.noun[0] + *form)];
          if (list.empty() || list.back() != constructions_.size()) list.push_back(constructions_.size());
        }
      }
    constructions_.push_back(std::move(c));
  }
}

bool NominalStyle::is_plain_adverb(const helder_token& t) const {
  if (!is_word(t)) return false;
  const std::string_view w = lower_of(t);
  if (bare_not_adverbs_.contains(w)) return false;
  if (adverbs_.contains(w)) return true;
  if (sdk::is_class(t, HELDER_CLASS_ADVERB | HELDER_CLASS_NEGATION | HELDER_CLASS_DEGREE)) return true;
  for (const std::string& e : bare_adverb_endings_)
    if (w.size() > e.size() + 2 && ends_with(w, e)) return true;
  return false;
}

bool NominalStyle::starts_adverbial_phrase(const sdk::Strided<helder_token>& tokens, std::size_t k) const {
  for (const std::vector<std::string>& phrase : adverbial_phrases_) {
    bool match = k + phrase.size() <= tokens.size();
    for (std::size_t w = 0; w < phrase.size() && match; ++w)
      match = is_word(tokens[k + w]) && lower_of(tokens[k + w]) == phrase[w];
    if (match) return true;
  }
  return false;
}

std::string NominalStyle::deverbal_verb(const helder_token& token) const {
  if (!is_word(token) || ((token.flags & HELDER_TOKEN_CAPITALIZED) && !(token.flags & HELDER_TOKEN_SENTENCE_START)))
    return {};
  // A form of a verb itself ("ging") is no noun.
  if (sdk::verb_form(token) != 0 && !(sdk::verb_form(token) & HELDER_VERB_GUESSED)) return {};
  const std::string_view w = lower_of(token);
  if (not_deverbal_.contains(w) || not_nominalised_alone_.contains(w)) return {};
  for (const std::string& concrete : concrete_heads_)
    if (ends_with(w, concrete)) return {};
  for (const auto& [noun_ending, verb_ending] : deverbal_endings_) {
    if (w.size() < noun_ending.size() + 3 || !ends_with(w, noun_ending)) continue;
    std::string verb = std::string(w.substr(0, w.size() - noun_ending.size())) + verb_ending;
    if (host_.lemma_id(verb) != 0) return verb;
  }
  return {};
}

bool NominalStyle::is_nominal_infinitive(const helder_token& t) const {
  const std::uint32_t form = sdk::verb_form(t);
  return (form & HELDER_VERB_INFINITIVE) && !(form & HELDER_VERB_GUESSED) && !not_verbs_.contains(lower_of(t));
}

// Uninflected adjectives and adverbs that may stand between "het" and its infinitive: "het tijdig indienen".
bool NominalStyle::is_adverb_like(const helder_token& t) const {
  const std::string_view w = lower_of(t);
  if (adverbs_.contains(w)) return true;
  for (const std::string& e : adverb_endings_)
    if (w.size() > e.size() + 2 && ends_with(w, e)) return true;
  return false;
}

void NominalStyle::check_infinitive_of(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                       std::unordered_set<std::string>& reported, sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!is_word(tokens[i]) || !infinitive_before_ids_.contains(host_.word_of(tokens[i]))) continue;
    // "het", up to two adverbs ("het tijdig indienen"), the infinitive, "van".
    for (std::size_t verb = i + 1; verb <= i + 3 && verb + 1 < tokens.size(); ++verb) {
      const helder_token& t = tokens[verb];
      if (!is_word(t) || ((t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START))) break;
      const helder_token& next = tokens[verb + 1];
      const bool before_of = is_word(next) && infinitive_after_ids_.contains(host_.word_of(next));
      // Without "van": after a preposition "het" is an article, not a pronoun ("voor het krachtig adviseren"; a
      // pronoun would be "ervoor"), and an uninflected word between it and the infinitive says that the
      // infinitive still acts as a verb. Not before another infinitive ("voor het snel kunnen regelen"), and not
      // after an idiom such as "in het openbaar".
      // Neuter nouns look like such words too ("aan het personeel behoren", "in het huwelijk treden"), so here the
      // words between must be adverbs of the lexicon, of `infinitive_adverbs` or with an ending of
      // `bare_infinitive_adverb_endings`; the infinitive is no auxiliary; after it the clause ends or a
      // preposition or conjunction follows ("het niet voldoen aan"), not a verb ("het personeel worden toegekend").
      bool adverbs_only = verb > i + 1;
      for (std::size_t a = i + 1; a < verb && adverbs_only; ++a) adverbs_only = is_plain_adverb(tokens[a]);
      const bool ends_here = !is_word(next) ? next.kind == HELDER_TOKEN_PUNCTUATION
                                            : sdk::is_class(next, HELDER_CLASS_PREPOSITION | HELDER_CLASS_CONJUNCTION) &&
                                                  !sdk::is_class(next, HELDER_CLASS_INFINITIVE_MARKER) &&
                                                  sdk::verb_form(next) == 0;
      const bool after_preposition =
          !before_of && adverbs_only && ends_here && i > 0 && is_preposition(tokens[i - 1]) &&
          !sdk::is_class(tokens[i - 1], HELDER_CLASS_INFINITIVE_MARKER) &&
          !sdk::is_class(t, HELDER_CLASS_AUXILIARY | HELDER_CLASS_COPULA) && !starts_adverbial_phrase(tokens, i - 1);
      if ((before_of || after_preposition) && is_nominal_infinitive(t)) {
        // Once per paragraph and verb: a text about "het aanvaarden van geschenken" says it ten times.
        if (!reported.emplace(lower_of(t)).second) break;
        const std::uint32_t end = before_of ? next.end : t.end;
        findings.emit(p, tokens[i].start, end,
                      "Naamwoordstijl: \"" + std::string(paragraph.text().substr(tokens[i].start, end - tokens[i].start)) +
                          "\". Maak er een zin met een werkwoord van: zeg wie wat doet.");
        i = before_of ? verb + 1 : verb;
        break;
      }
      if (!is_adverb_like(t)) break;
    }
  }
}

void NominalStyle::check_constructions(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                       sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  const std::string_view text = paragraph.text();

  // The lower-case word of each token ("" for marks), read once: the matching below asks for it very often.
  // And its word id (0 for marks): words are compared as ids.
  // Kept per thread and reused (one look-up of the thread's storage per sentence): no allocation per sentence.
  struct Scratch {
    std::vector<std::string_view> lower_words;
    std::vector<std::uint32_t> lower_ids;
    std::vector<std::pair<std::size_t, std::size_t>> candidates;
    std::vector<char> boundary, used;
  };
  thread_local Scratch per_thread;
  // The address of this thread's copy, looked up once: without the empty asm the compiler looks it up again at
  // every use after a call (in a plugin that is a call into the dynamic linker each time).
  Scratch* own = &per_thread;
  asm("" : "+r"(own));
  Scratch& scratch = *own;
  std::vector<std::string_view>& lower_words = scratch.lower_words;
  std::vector<std::uint32_t>& lower_ids = scratch.lower_ids;
  std::vector<std::pair<std::size_t, std::size_t>>& candidates = scratch.candidates;
  std::vector<char>& boundary = scratch.boundary;
  std::vector<char>& used = scratch.used;
  lower_words.assign(n, std::string_view());
  lower_ids.assign(n, 0);
  for (std::size_t k = 0; k < n; ++k)
    if (is_word(tokens[k])) {
      lower_words[k] = lower_of(tokens[k]);
      lower_ids[k] = host_.word_of(tokens[k]);
    }
  const std::string_view* const words = lower_words.data();
  const std::uint32_t* const ids = lower_ids.data();
  auto word_at = [words, n](std::size_t k) { return k < n ? words[k] : std::string_view(); };
  auto id_at = [ids, n](std::size_t k) { return k < n ? ids[k] : 0u; };
  auto has_class = [&](std::size_t k, std::uint32_t classes) {
    return k < n && is_word(tokens[k]) && sdk::is_class(tokens[k], classes);
  };
  // "om" of "om ... te": it opens a clause, and takes no noun.
  auto opener_at = [&](std::size_t k) {
    return k < n && is_word(tokens[k]) && opener_ids_.contains(id_at(k));
  };
  auto boundary_at = [&](std::size_t k) { return is_clause_boundary(paragraph, tokens[k]) || opener_at(k); };
  // A word before a noun that makes it the object of something else than the support verb: an article, a
  // preposition ("wachten op een besluit") or a determiner of `owning_determiners` ("deze keuze", "uw aanvraag");
  // not a quantifier ("geen gebruik maken", "alle medewerking verlenen").
  auto takes_noun = [&](std::size_t k) {
    if (opener_at(k)) return false;
    return has_class(k, HELDER_CLASS_ARTICLE | HELDER_CLASS_PREPOSITION) ||
           (has_class(k, HELDER_CLASS_DETERMINER) && owning_ids_.contains(id_at(k)));
  };
  // An inflected adjective: "nieuwe", "grote".
  auto inflected_at = [&](std::size_t k) { return ends_with_any(word_at(k), inflected_endings_); };
  // True if every article or possessive in [from, to) follows a preposition, maybe with adjectives between:
  // "over uw aanvraag", "naar het nieuwe plan".
  auto only_prepositional_phrases = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      if (!takes_noun(k) || has_class(k, HELDER_CLASS_PREPOSITION)) continue;
      std::size_t before = k;
      while (before > from && !has_class(before - 1, HELDER_CLASS_PREPOSITION) && inflected_at(before - 1)) --before;
      if (before == from || !has_class(before - 1, HELDER_CLASS_PREPOSITION)) return false;
    }
    return true;
  };
  // A form of `v` starting at token k, written as in a subordinate clause (particle joined): "nemen",
  // "genomen", "te nemen", "neemt"; "indienen", "ingediend", "in te dienen", "indient". Sets the slot, the
  // last token of the form and the infinitive marker ("te").
  auto joined_form_at = [&](const VerbForms& v, std::size_t k, Slot& slot, std::size_t& last,
                            std::string_view& marker) {
    const std::uint32_t w = id_at(k);
    if (w == 0) return false;
    last = k;
    if (w == v.joined.infinitive) return slot = Slot::Infinitive, true;
    if (w == v.joined.participle) return slot = Slot::Participle, true;
    if (v.particle.empty() && has_class(k, HELDER_CLASS_INFINITIVE_MARKER) && id_at(k + 1) == v.base.infinitive)
      return slot = Slot::TeInfinitive, marker = word_at(k), last = k + 1, true;
    if (!v.particle.empty() && w == v.particle_id && has_class(k + 1, HELDER_CLASS_INFINITIVE_MARKER) &&
        id_at(k + 2) == v.base.infinitive)
      return slot = Slot::TeInfinitive, marker = word_at(k + 1), last = k + 2, true;
    // "indien" is the subordinator, not "dien ... in".
    return !has_class(k, HELDER_CLASS_SUBORDINATOR) && finite_slot_id(v.joined, w, slot);
  };

  // Candidates: (construction, token) where the token is the first word of the construction's noun part. In the
  // order of the list, as a scan of every construction over every token would give them (an earlier construction
  // has the first claim on a token), without that scan: the list has hundreds of constructions.
  candidates.clear();
  for (std::size_t b = 0; b < n; ++b) {
    if (!is_word(tokens[b])) continue;
    const std::vector<std::size_t>* found = constructions_by_first_.find(ids[b]);
    if (found == nullptr) continue;
    for (const std::size_t ci : *found) {
      const Construction& c = constructions_[ci];
      if (!c.article_first || c.noun.size() < 2) {
        candidates.emplace_back(ci, b);
        continue;
      }
      // The article before the noun, with up to two adjectives between them (checked below).
      for (std::size_t j = 1; j <= 3 && j <= b; ++j)
        if (ids[b - j] == c.noun_ids[0]) candidates.emplace_back(ci, b - j);
    }
  }
  // The patterns after the list start at a few words ("tot", "zien"): a sentence without any of them and
  // without a candidate has nothing to find.
  bool trigger = false;
  for (std::size_t b = 0; b < n && !trigger && candidates.empty(); ++b) trigger = ids[b] != 0 && is_trigger_id(ids[b]);
  if (candidates.empty() && !trigger) return;
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  // Clause boundaries once per sentence, not once per candidate.
  boundary.assign(n, 0);
  for (std::size_t k = 0; k < n; ++k) boundary[k] = boundary_at(k) ? 1 : 0;
  // With the lexicon's word classes a verb form is found only on a verb, "te" or a particle; without them (an
  // older host) every word is tried.
  bool classes = false;
  for (const helder_token& t : tokens) classes = classes || sdk::word_class(t) != 0;
  constexpr std::uint32_t kMayStartVerb = HELDER_CLASS_VERB | HELDER_CLASS_INFINITIVE_MARKER | HELDER_CLASS_PARTICLE;
  used.assign(n, 0);  // a token belongs to at most one finding (char: vector<bool> is slow to index)

  for (const auto& [ci, a] : candidates) {
    const Construction& c = constructions_[ci];
    const bool bare_noun = c.noun.size() == 1;
    {
      if (used[a]) continue;
      if ((tokens[a].flags & HELDER_TOKEN_CAPITALIZED) && !(tokens[a].flags & HELDER_TOKEN_SENTENCE_START)) continue;
      // The noun part, with up to two adjectives after an article: "een zorgvuldig besluit", "een grote bijdrage".
      std::size_t k = a + 1, adjectives = 0;
      bool matched = true;
      for (std::size_t w = 1; w < c.noun.size() && matched; ++w) {
        while (w == 1 && c.article_first && adjectives < 2 && id_at(k) != c.noun_ids[w] && id_at(k) != 0 &&
               ends_with_any(word_at(k), adjective_endings_) && !(k < n && boundary[k])) {
          ++adjectives;
          ++k;
        }
        matched = id_at(k) == c.noun_ids[w];
        ++k;
      }
      if (!matched) continue;
      const std::size_t a_end = k;  // one past the noun part
      if (a > 0 && is_word(tokens[a - 1])) {
        // "wachten op een besluit", "het gebruik van": the noun is not the object of a support verb.
        if (c.article_first ? takes_noun(a - 1) && !is_article(tokens[a - 1]) : bare_noun && takes_noun(a - 1))
          continue;
      }
      // The clause around the noun part.
      // At most max_reach tokens each way: a clause is never longer, and a run-on text stays linear.
      constexpr std::size_t max_reach = 20;
      std::size_t left = a, right = a_end;
      while (left > 0 && a - left < max_reach && !boundary[left - 1]) --left;
      while (right < n && right - a_end < max_reach && !boundary[right]) ++right;

      Slot slot = Slot::Infinitive;
      std::string_view marker;  // "te" of a te-infinitive
      const VerbForms* verb = nullptr;
      std::size_t verb_first = 0, verb_last = 0;  // tokens of the verb form
      std::int64_t particle_at = -1;

      // An inflected participle right after the noun makes it an adjective phrase, and a later participle belongs
      // to something else: "ter beschikking gestelde informatie ... in staat gesteld".
      const std::uint32_t after_noun = id_at(a_end);
      if (std::any_of(c.verbs.begin(), c.verbs.end(), [&](const VerbForms& v) {
            return after_noun != 0 && after_noun == v.joined.inflected;
          }))
        continue;
      // 1. Right after the noun, in the order of a subordinate clause: "een besluit nemen/genomen/te nemen".
      for (const VerbForms& v : c.verbs)
        if (joined_form_at(v, a_end, slot, verb_last, marker)) {
          verb = &v, verb_first = a_end;
          break;
        }
      const bool adjacent = verb != nullptr;
      // A separable verb with its particle at the end of the clause is another verb: "neemt ... over".
      const bool other_particle_at_end = right > a_end && has_class(right - 1, HELDER_CLASS_PARTICLE);
      // 2. A finite support verb right before the noun: "wij nemen een besluit".
      bool before = false;
      if (!verb && a > 0 && !other_particle_at_end)
        for (const VerbForms& v : c.verbs)
          if (v.particle.empty() && finite_slot_id(v.base, id_at(a - 1), slot)) {
            verb = &v, verb_first = verb_last = a - 1, before = true;
            break;
          }
      // 3. Anywhere in the clause: "wij nemen morgen een besluit", "wij dienen de aanvraag morgen in".
      for (std::size_t t = left; t < right && !verb; ++t) {
        if ((t >= a && t < a_end) || used[t] || id_at(t) == 0) continue;
        if (classes && !has_class(t, kMayStartVerb)) continue;
        for (const VerbForms& v : c.verbs) {
          if (!v.particle.empty() && finite_slot_id(v.base, id_at(t), slot)) {
            // The particle after the verb, last in the clause or before a preposition: "dient ... in (bij)".
            // A particle that is also a clause opener ("om") ends the clause itself: "zet het beleid in
            // uitvoering om." counts when nothing but punctuation follows it.
            const bool opener_particle_at_end = right < n && opener_at(right) && id_at(right) == v.particle_id &&
                                                (right + 1 == n || !is_word(tokens[right + 1]));
            for (std::size_t q = std::max(t + 1, a_end); q < right + (opener_particle_at_end ? 1 : 0) && !verb; ++q)
              if (id_at(q) == v.particle_id && (q + 1 >= right || (q + 1 < n && is_word(tokens[q + 1]) &&
                                                                  is_preposition_after_particle(tokens[q + 1]))))
                verb = &v, verb_first = verb_last = t, particle_at = static_cast<std::int64_t>(q);
          } else if (joined_form_at(v, t, slot, verb_last, marker)) {
            const bool finite = slot != Slot::Infinitive && slot != Slot::TeInfinitive && slot != Slot::Participle;
            if (v.particle.empty() && finite && other_particle_at_end && t < a) continue;
            // A participle right before a bare noun describes it: "een door de raad ingesteld onderzoek", "de
            // daaruit getrokken conclusies". A form that is also finite may be the verb: "dit verschaft inzicht".
            Slot finite_form;
            if (slot == Slot::Participle && bare_noun && t + 1 == a &&
                !finite_slot_id(v.base, v.base.participle, finite_form))
              continue;
            // After the noun only prepositional phrases may come in between ("een besluit over uw aanvraag
            // genomen"); a new object belongs to another verb ("de mogelijkheid de vorm te geven").
            if (t > a_end && !only_prepositional_phrases(a_end, t)) continue;
            verb = &v, verb_first = t;
          }
          if (verb) break;
        }
      }
      if (!verb) continue;
      if (c.split_only && adjacent) {
        // Officialese reports these words; the patterns below must not report them a second time.
        for (std::size_t t = a; t <= verb_last; ++t) used[t] = true;
        continue;
      }

      const std::uint32_t noun_start = tokens[a].start, noun_end = tokens[a_end - 1].end;
      const std::uint32_t verb_start = tokens[verb_first].start, verb_end = tokens[verb_last].end;
      std::vector<std::pair<std::uint32_t, std::uint32_t>> pieces{{noun_start, noun_end}, {verb_start, verb_end}};
      if (particle_at >= 0) pieces.emplace_back(tokens[particle_at].start, tokens[particle_at].end);
      std::sort(pieces.begin(), pieces.end());
      // Pieces that touch are one piece: "een besluit genomen".
      std::vector<std::pair<std::uint32_t, std::uint32_t>> merged;
      for (const auto& piece : pieces) {
        const bool touches =
            !merged.empty() &&
            text.substr(merged.back().second, piece.first - merged.back().second).find_first_not_of(' ') ==
                std::string_view::npos;
        if (touches)
          merged.back().second = piece.second;
        else
          merged.push_back(piece);
      }
      std::string quoted;
      for (const auto& [s, e] : merged) quoted += (quoted.empty() ? "" : " ... ") + std::string(text.substr(s, e - s));
      const std::uint32_t start = merged.front().first, end = merged.back().second;

      std::vector<sdk::Fix> fixes;
      const bool exact_noun = a_end - a == c.noun.size();
      // In a main clause only a finite plain verb without particle can stand where the support verb stood.
      const bool main_order_ok = before && c.plain.particle.empty();
      if (c.fix && exact_noun && (adjacent || main_order_ok)) {
        std::string replacement = form_of(c.plain, slot, marker);
        const helder_token& first = tokens[std::min(a, verb_first)];
        if ((first.flags & HELDER_TOKEN_CAPITALIZED) && (first.flags & HELDER_TOKEN_SENTENCE_START))
          replacement = capitalized(replacement);
        fixes.push_back(sdk::Fix{start, end, replacement});
      }
      const std::string advice =
          c.advice.empty() ? "Schrijf liever het werkwoord: \"" + c.plain_text + "\"." : c.advice;
      findings.emit(p, start, end, "Naamwoordstijl: \"" + quoted + "\". " + advice, HELDER_SEVERITY_RULE, fixes);
      for (std::size_t t = a; t < a_end; ++t) used[t] = true;
      for (std::size_t t = verb_first; t <= verb_last; ++t) used[t] = true;
      if (particle_at >= 0) used[particle_at] = true;
    }
  }

  // A bare noun joined to its support verb as one word: "gebruikmaken", "kennisgenomen", "zorgdraagt". Found by
  // the word's id (joined_constructions_), in the order of the list and then of the text.
  std::vector<std::pair<std::size_t, std::size_t>> joined_hits;  // (construction, token)
  for (std::size_t t = 0; t < n; ++t)
    if (const std::vector<std::size_t>* list = joined_constructions_.find(ids[t]))
      for (const std::size_t ci : *list) joined_hits.emplace_back(ci, t);
  std::sort(joined_hits.begin(), joined_hits.end());
  for (const auto& [ci, t] : joined_hits) {
    const Construction& c = constructions_[ci];
    if (used[t] || c.split_only) continue;
    const std::string advice = c.advice.empty() ? "Schrijf liever het werkwoord: \"" + c.plain_text + "\"." : c.advice;
    findings.emit(p, tokens[t].start, tokens[t].end,
                  "Naamwoordstijl: \"" + std::string(paragraph.text_of(tokens[t])) + "\". " + advice);
    used[t] = true;
  }

  // One finding over token ranges [first, last], quoted with dots where they do not touch.
  auto emit_ranges = [&](std::vector<std::pair<std::size_t, std::size_t>> ranges, const std::string& verb) {
    std::sort(ranges.begin(), ranges.end());
    std::string quoted;
    for (std::size_t r = 0; r < ranges.size(); ++r) {
      const bool touches = r > 0 && ranges[r].first == ranges[r - 1].second + 1;
      const std::uint32_t s = tokens[ranges[r].first].start, e = tokens[ranges[r].second].end;
      quoted += (r == 0 ? "" : touches ? " " : " ... ") + std::string(text.substr(s, e - s));
      for (std::size_t t = ranges[r].first; t <= ranges[r].second; ++t) used[t] = true;
    }
    findings.emit(p, tokens[ranges.front().first].start, tokens[ranges.back().second].end,
                  "Naamwoordstijl: \"" + quoted + "\". Schrijf liever het werkwoord: \"" + verb + "\".");
  };
  auto any_used = [&](std::size_t from, std::size_t to) {  // [from, to]
    for (std::size_t t = from; t <= to; ++t)
      if (used[t]) return true;
    return false;
  };
  auto clause_left = [&](std::size_t a) {
    std::size_t left = a;
    while (left > 0 && a - left < 20 && !boundary[left - 1]) --left;
    return left;
  };
  auto clause_right = [&](std::size_t b) {  // one past the clause
    std::size_t right = b;
    while (right < n && right - b < 20 && !boundary[right]) ++right;
    return right;
  };

  // "tot" + a noun made from a verb + "komen"/"brengen": "om tot een rechtvaardige verdeling van de ruimte te
  // komen", "wij kwamen tot een verbetering". The lists above have the first claim ("tot een besluit komen").
  for (std::size_t t = 0; t < n && !reaching_verbs_.empty(); ++t) {
    if (used[t] || !is_trigger_id(id_at(t)) || !reaching_prepositions_.contains(word_at(t))) continue;
    // An article, adjectives (maybe joined: "rechtvaardige en verstandige"), the noun.
    std::size_t k = t + 1;
    if (has_class(k, HELDER_CLASS_ARTICLE)) ++k;
    std::string verb_of;
    for (std::size_t fillers = 0; k < n && fillers <= 4; ++k, ++fillers) {
      verb_of = deverbal_verb(tokens[k]);
      if (!verb_of.empty()) break;
      const bool adjective = !word_at(k).empty() && ends_with_any(word_at(k), adjective_endings_) &&
                             !has_class(k, HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN);
      const bool joins = fillers > 0 && has_class(k, HELDER_CLASS_CONJUNCTION);
      if (!adjective && !joins) break;
    }
    if (verb_of.empty() || any_used(t, k)) continue;
    const std::size_t noun_end = k + 1;
    const std::size_t left = clause_left(t), right = clause_right(noun_end);
    // "Tot de invoering komen er ...": "tot" first in a main clause tells a time. After "om" or a subordinator
    // ("dat wij tot ... komen") it does not, nor before "te komen" ("om, zo nodig, tot een verbetering te komen").
    const bool clause_first = t == left && !(left > 0 && (opener_at(left - 1) ||
                                                          has_class(left - 1, HELDER_CLASS_SUBORDINATOR |
                                                                                  HELDER_CLASS_RELATIVE)));
    // "van 1 januari tot de invoering": a range.
    bool range = false;
    for (std::size_t q = left; q < t; ++q) range = range || reaching_range_words_.contains(word_at(q));
    if (range) continue;
    std::size_t verb_first = 0, verb_last = 0;
    bool found = false;
    Slot slot;
    std::string_view marker;
    // After the noun, right after it or after one prepositional phrase ("van de ruimte"), maybe with
    // auxiliaries: "tot een verdeling van de ruimte te komen", "tot een verdeling zijn gekomen". Further away the
    // verb belongs to another part: "een verzoek tot verlenging wordt met redenen omkleed ter kennis gebracht".
    std::size_t q = noun_end;
    if (q < right && has_class(q, HELDER_CLASS_PREPOSITION) && !has_class(q, HELDER_CLASS_INFINITIVE_MARKER)) {
      ++q;
      if (has_class(q, HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER)) ++q;
      while (q + 1 < right && inflected_at(q) && is_word(tokens[q + 1]) &&
             !has_class(q + 1, HELDER_CLASS_INFINITIVE_MARKER | HELDER_CLASS_AUXILIARY | HELDER_CLASS_VERB))
        ++q;
      ++q;  // the noun of the phrase
    }
    while (q < right && has_class(q, HELDER_CLASS_AUXILIARY)) ++q;
    for (const VerbForms& v : reaching_verbs_)
      if (q < right && !used[q] && joined_form_at(v, q, slot, verb_last, marker)) {
        found = true, verb_first = q;
        break;
      }
    // A finite verb before it in a main clause: "wij kwamen gisteren tot een verdeling", "om te komen tot betere
    // samenwerking". Right before "tot" stands the verb or an adverb: after a noun, "tot" belongs to the noun
    // ("komt met een voorstel tot verdeling"). No particle between them or at the end of the clause, which makes
    // it another verb ("komt eveneens toe aan", "komt ... tot een verdeling overeen").
    const bool particle_at_end = right > noun_end && has_class(right - 1, HELDER_CLASS_PARTICLE);
    constexpr std::uint32_t kAdverbial = HELDER_CLASS_ADVERB | HELDER_CLASS_PRONOUN | HELDER_CLASS_NEGATION |
                                         HELDER_CLASS_DEGREE | HELDER_CLASS_COMPARATIVE;
    const bool verb_or_adverb_before = t > 0 && is_word(tokens[t - 1]) &&
                                       (has_class(t - 1, kAdverbial) || is_adverb_like(tokens[t - 1]) ||
                                        std::any_of(reaching_verbs_.begin(), reaching_verbs_.end(), [&](const VerbForms& v) {
                                          Slot s;
                                          return finite_slot_id(v.base, id_at(t - 1), s);
                                        }));
    for (std::size_t b = t; b-- > left && !found && !particle_at_end && verb_or_adverb_before;) {
      if (has_class(b, HELDER_CLASS_PARTICLE)) break;
      for (const VerbForms& v : reaching_verbs_)
        if (!used[b] && v.particle.empty() && finite_slot_id(v.base, id_at(b), slot)) {
          found = true, verb_first = verb_last = b;
          break;
        }
    }
    // "komt te vervallen": "komen te" with an infinitive is another verb.
    if (!found || has_class(verb_last + 1, HELDER_CLASS_INFINITIVE_MARKER)) continue;
    if (clause_first && slot != Slot::TeInfinitive) continue;
    // A finite verb after the noun in a main clause has the whole "tot" phrase as its subject: "de bevoegdheid
    // tot vertegenwoordiging komt ... toe". A particle at the end of the clause makes it another verb.
    const bool finite_after = verb_first > t && slot != Slot::TeInfinitive && slot != Slot::Participle &&
                              slot != Slot::Infinitive;
    const bool subordinate = left > 0 && (opener_at(left - 1) ||
                                          has_class(left - 1, HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE));
    if (particle_at_end || (finite_after && !subordinate)) continue;
    emit_ranges({{t, k}, {verb_first, verb_last}}, verb_of);
  }

  // A noun made from a verb before "laten zien": "verdere verbetering laten zien", "de cijfers laten een daling
  // zien". Only "een" or no article: "de berekening laten zien" shows a thing.
  for (const Showing& s : showing_) {
    for (std::size_t z = 1; z < n; ++z) {
      if (used[z] || word_at(z) != s.infinitive) continue;
      std::size_t h = z;  // first token of the verbs after the noun
      std::size_t last = 0;
      Slot slot;
      std::string_view marker;
      const bool adjacent = joined_form_at(s.helper, z - 1, slot, last, marker) && last == z - 1;
      if (adjacent) {
        h = z - 1;
        if (h > 0 && has_class(h - 1, HELDER_CLASS_INFINITIVE_MARKER)) --h;           // "te laten zien"
        while (h > 0 && has_class(h - 1, HELDER_CLASS_AUXILIARY) && z - h < 4) --h;  // "heeft laten zien"
      }
      if (h == 0) continue;
      const std::size_t noun = h - 1;
      const std::string verb_of = deverbal_verb(tokens[noun]);
      if (verb_of.empty()) continue;
      std::size_t g = noun;
      while (g > 0 && noun - g < 2 && !word_at(g - 1).empty() && ends_with_any(word_at(g - 1), adjective_endings_) &&
             !has_class(g - 1, HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN |
                                   HELDER_CLASS_PREPOSITION | HELDER_CLASS_VERB))
        --g;
      if (g > 0 && has_class(g - 1, HELDER_CLASS_ARTICLE)) {
        if (!has_class(g - 1, HELDER_CLASS_NUMERAL)) continue;  // "de", "het"; "een" is an article and a numeral
        --g;
      } else if (g > 0 && has_class(g - 1, HELDER_CLASS_DETERMINER | HELDER_CLASS_PREPOSITION | HELDER_CLASS_RELATIVE)) {
        continue;  // "deze verbetering", "met verbetering", "die verbetering" (maybe the relative)
      }
      if (any_used(g, z)) continue;
      if (adjacent) {
        emit_ranges({{g, z}}, verb_of);
        continue;
      }
      // The helper verb before the noun, in the same clause: "laten ... een daling zien".
      const std::size_t left = clause_left(g);
      for (std::size_t q = g; q-- > left;)
        if (!used[q] && s.helper.particle.empty() && finite_slot_id(s.helper.base, id_at(q), slot)) {
          emit_ranges({{q, q}, {g, z}}, verb_of);
          break;
        }
    }
  }
}

bool NominalStyle::ends_fixed_phrase(const sdk::Strided<helder_token>& tokens, std::size_t k) const {
  for (const std::vector<std::string>& phrase : fixed_phrases_) {
    if (k + 1 < phrase.size()) continue;
    bool match = true;
    for (std::size_t w = 0; w < phrase.size() && match; ++w) {
      const helder_token& t = tokens[k + 1 - phrase.size() + w];
      match = is_word(t) && lower_of(t) == phrase[w];
    }
    if (match) return true;
  }
  return false;
}

bool NominalStyle::is_process_noun(const helder_token& token) const {
  if (!is_word(token)) return false;
  if ((token.flags & HELDER_TOKEN_CAPITALIZED) && !(token.flags & HELDER_TOKEN_SENTENCE_START)) return false;
  const std::string_view w = lower_of(token);
  if (w.size() < 7 || !ends_with_any(w, process_noun_endings_) || not_nominalised_alone_.contains(w)) return false;
  // A compound ending in a concrete noun is concrete too: "huurwoning", "subsidieregeling".
  for (const std::string& concrete : concrete_heads_)
    if (ends_with(w, concrete)) return false;
  return true;
}

void NominalStyle::check_chains(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                sdk::Findings& findings) const {
  if (chain_length_ == 0) return;
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  std::size_t i = 0;
  while (i < n) {
    if (!is_process_noun(tokens[i]) || ends_fixed_phrase(tokens, i)) {
      ++i;
      continue;
    }
    // Follow the chain: noun, link word, at most an article and two adjectives, the next noun.
    std::size_t last = i, length = 1;
    while (true) {
      std::size_t k = last + 1;
      if (k >= n || !is_word(tokens[k]) || !chain_link_ids_.contains(host_.word_of(tokens[k]))) break;
      ++k;
      std::size_t fillers = 0;
      while (k < n && fillers < 3 && is_word(tokens[k]) && !is_process_noun(tokens[k]) &&
             (is_article(tokens[k]) || ends_with_any(lower_of(tokens[k]), inflected_endings_))) {
        ++k;
        ++fillers;
      }
      if (k >= n || !is_process_noun(tokens[k]) || ends_fixed_phrase(tokens, k)) break;
      last = k;
      ++length;
    }
    if (static_cast<std::int64_t>(length) >= chain_length_) {
      const std::uint32_t start = tokens[i].start, end = tokens[last].end;
      findings.emit(p, start, end,
                    "Veel naamwoorden achter elkaar: \"" + std::string(paragraph.text().substr(start, end - start)) +
                        "\". Gebruik werkwoorden: zeg wie wat doet.");
    }
    i = last + 1;
  }
}

void NominalStyle::check(const sdk::Unit& unit, sdk::Findings& findings) const {
  for (std::size_t p = 0; p < unit.size(); ++p) {
    const sdk::Paragraph paragraph = unit[p];
    // A quote block holds someone else's words; a heading is a label, where a noun group is the usual form
    // ("Verbetering van de uitvoering").
    if (paragraph.block_kind() == HELDER_BLOCK_QUOTE) continue;
    // A line of its own without a full stop is a heading too, in a plain-text letter.
    bool heading = paragraph.block_kind() == HELDER_BLOCK_HEADING;
    if (!heading && paragraph.sentences().size() == 1) {
      const auto tokens = paragraph.tokens();
      const std::string_view end = tokens.empty() ? std::string_view() : paragraph.text_of(tokens[tokens.size() - 1]);
      heading = end != "." && end != "!" && end != "?" && end != ":" && end != ";";
    }
    std::unordered_set<std::string> reported;  // infinitives reported in this paragraph
    for (const helder_sentence& sentence : paragraph.sentences()) {
      if (infinitive_of_ && !heading) check_infinitive_of(paragraph, sentence, p, reported, findings);
      check_constructions(paragraph, sentence, p, findings);
      if (!heading) check_chains(paragraph, sentence, p, findings);
    }
  }
}

}  // namespace helder::complexity
