// Passive voice: a form of "worden" with a past participle in the same sentence, also when they are
// far apart ("wordt ... besloten") or impersonal ("er wordt gewerkt"); and the passive perfect with
// "zijn" ("is besloten", "ontvoerd zijn"), but not the perfect tense of verbs that take "zijn" ("is
// gegaan") and not "zijn" as a possessive ("zijn huis verkocht": the bare form counts only right next
// to its participle).
#include "passive.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace helder {

namespace {

std::string_view lower_of(const helder_token& t) { return std::string_view(t.lower.data, t.lower.size); }

struct Auxiliaries {
  std::uint32_t worden, zijn;
  // A form of "worden" other than its participle: "is bekend geworden" is no passive.
  bool is_worden(const helder_token& t) const {
    return worden != 0 && t.lemma == worden && t.kind == HELDER_TOKEN_WORD && !(t.verb_form & HELDER_VERB_PARTICIPLE);
  }
  // A finite form of "zijn" (is, was, waren, ben, bent): a passive perfect with a participle in the clause.
  bool is_zijn_finite(const helder_token& t) const {
    return zijn != 0 && t.lemma == zijn && t.kind == HELDER_TOKEN_WORD && (t.verb_form & HELDER_VERB_FINITE) &&
           !(t.verb_form & HELDER_VERB_INFINITIVE);
  }
  // The plural "zijn" as a verb, not the possessive: a possessive stands before a noun or an adjective, the verb
  // before a function word ("Vier woningen zijn in de nacht verwoest", "zijn niet aangesloten", "zijn er").
  bool is_zijn_plural_verb(const helder_token& t, const helder_token* next) const {
    constexpr std::uint32_t kFunction = HELDER_CLASS_PREPOSITION | HELDER_CLASS_ADVERB | HELDER_CLASS_NEGATION |
                                        HELDER_CLASS_PRONOUN | HELDER_CLASS_ARTICLE | HELDER_CLASS_CONJUNCTION |
                                        HELDER_CLASS_SUBORDINATOR;
    return zijn != 0 && t.lemma == zijn && t.kind == HELDER_TOKEN_WORD && (t.verb_form & HELDER_VERB_INFINITIVE) &&
           next && next->kind == HELDER_TOKEN_WORD && (next->word_class & kFunction) &&
           !(next->word_class & (HELDER_CLASS_DETERMINER | HELDER_CLASS_NUMERAL)) && !(next->verb_form & HELDER_VERB_PARTICIPLE);
  }
  bool is_zijn_bare(const helder_token& t) const {
    return zijn != 0 && t.lemma == zijn && t.kind == HELDER_TOKEN_WORD && (t.verb_form & HELDER_VERB_INFINITIVE);
  }
};

// A participle of a verb that makes its perfect with "zijn" (is gegaan), or a word of state (is bekend, is
// gesloten): with "zijn" it is not a passive.
// A verb that makes its perfect with "zijn" or with either ("is gestart", "is gelopen") reads as a perfect
// tense after "zijn", not as a passive.
bool is_zijn_perfect_or_state(const helder_token& t, const Lexicon& lexicon) {
  if ((t.verb_form & HELDER_VERB_PERFECT_ZIJN) || (t.word_class & HELDER_CLASS_STATE)) return true;
  const Verb* v = lexicon.verb(t.lemma);
  return v && v->perfect_both;
}

bool is_participle(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD && (t.verb_form & HELDER_VERB_PARTICIPLE) != 0;
}

// A word that is a personal pronoun as well as a determiner ("ons", "hun", "haar", "jullie"), before a participle
// the lexicon knows (a guessed one may be a noun: "ons gebied").
bool is_pronoun_before_participle(const helder_token& before, const helder_token& t) {
  return (before.word_class & HELDER_CLASS_PRONOUN) && !(before.word_class & HELDER_CLASS_ARTICLE) &&
         !(t.verb_form & HELDER_VERB_GUESSED);
}

// Whether the token at `index` may be (the start of) a noun phrase after an adjective: a word of an open class
// or one that may be a noun ("verdiend loon"). Punctuation, the end of the sentence, function words and
// auxiliaries ("beoordeeld wordt") cannot.
bool noun_may_follow(const ParagraphAnalysis& p, std::uint32_t index) {
  if (index >= p.tokens.size()) return false;
  const helder_token& next = p.tokens[index];
  if (next.kind != HELDER_TOKEN_WORD) return false;
  constexpr std::uint32_t kFunction = HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN |
                                      HELDER_CLASS_PREPOSITION | HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR |
                                      HELDER_CLASS_RELATIVE | HELDER_CLASS_AUXILIARY | HELDER_CLASS_NEGATION |
                                      HELDER_CLASS_ADVERB | HELDER_CLASS_COPULA;
  return !(next.word_class & kFunction);
}

// A word token used as a participle; a capital in the middle of a sentence is a name ("Verstappen").
// After an article or determiner, or an inflected adjective, it is a noun ("het vertrouwen", "grote gevolgen");
// after a word of degree it is an adjective ("te ingewikkeld").
bool is_participle_token(const ParagraphAnalysis& p, std::uint32_t index, std::uint32_t first, const Auxiliaries& aux,
                         bool with_zijn) {
  const helder_token& t = p.tokens[index];
  if (!is_participle(t)) return false;
  if ((t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START)) return false;
  if (index > first && p.tokens[index - 1].kind == HELDER_TOKEN_WORD) {
    const helder_token& before = p.tokens[index - 1];
    // A word of degree makes an adjective only after "zijn" ("is zeer geschikt"); "wordt volledig omsloten" and
    // "wordt meer en meer aanvaard" are passives.
    const std::uint32_t noun_before = HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | (with_zijn ? HELDER_CLASS_DEGREE : 0u);
    if (before.word_class & noun_before) {
      // "dat" and "die" open clauses too: "dat gemaakt wordt" is a participle. A personal pronoun that is
      // also a possessive ("ons", "hun", "haar", "jullie") is the pronoun when no noun can follow the
      // participle: "wordt door ons beoordeeld." ("ons gesloten contract" stays a noun).
      if (!(before.word_class & (HELDER_CLASS_SUBORDINATOR | HELDER_CLASS_RELATIVE)) &&
          !(is_pronoun_before_participle(before, t) && !noun_may_follow(p, index + 1)))
        return false;
    }
    // An inflected adjective before a noun: "grote gevolgen". At the end of the clause the participle is a
    // verb whatever comes before it ("uit haar orde gezet.", "uit het busje geslingerd.").
    const std::string_view w = lower_of(before);
    const bool clause_end = index + 1 >= p.tokens.size() || p.tokens[index + 1].kind != HELDER_TOKEN_WORD;
    if (!clause_end && w.size() > 3 && w.back() == 'e' && !w.ends_with("ee") && !w.ends_with("ie") &&
        before.verb_form == 0 && !aux.is_worden(before) && before.word_class == 0)
      return false;
  }
  return true;
}

// A token that starts another clause: a subordinator that is not also a determiner ("omdat", "als", "wanneer").
// "of" also joins words ("biest of colostrum genoemd"), so a word that is a conjunction too does not count.
bool opens_clause(const helder_token& t) {
  return t.kind == HELDER_TOKEN_WORD && (t.word_class & HELDER_CLASS_SUBORDINATOR) &&
         !(t.word_class & (HELDER_CLASS_DETERMINER | HELDER_CLASS_ARTICLE | HELDER_CLASS_PREPOSITION |
                           HELDER_CLASS_CONJUNCTION));
}

// The agent of a passive: "door" within the clause around the participle ("waren door de nazi's verboden", "is
// gesloten door de brandweer"). With an agent, a word of state is an action after all.
bool has_agent(const ParagraphAnalysis& p, std::uint32_t from, std::uint32_t to, std::uint32_t last) {
  constexpr std::string_view kAgent = "door";  // the one preposition of the passive agent
  const std::uint32_t end = std::min(last, to + 4);
  for (std::uint32_t j = from; j < end; ++j) {
    const helder_token& t = p.tokens[j];
    if (t.kind == HELDER_TOKEN_PUNCTUATION && j > to) break;
    if (t.kind == HELDER_TOKEN_WORD && lower_of(t) == kAgent) return true;
  }
  return false;
}

}  // namespace

void find_passives(ParagraphAnalysis& p, const Lexicon& lexicon) {
  const Auxiliaries aux{lexicon.lemma_id("worden"), lexicon.lemma_id("zijn")};
  std::vector<std::uint32_t> used;  // participles already paired with an auxiliary
  const auto is_used = [&](std::int64_t j) { return std::find(used.begin(), used.end(), j) != used.end(); };
  for (std::uint32_t s = 0; s < p.sentences.size(); ++s) {
    const helder_sentence& sentence = p.sentences[s];
    const std::uint32_t first = sentence.first_token, last = first + sentence.token_count;
    for (std::uint32_t i = first; i < last; ++i) {
      const helder_token& a = p.tokens[i];
      if (a.kind != HELDER_TOKEN_WORD) continue;
      if (aux.is_zijn_bare(a) && !aux.is_zijn_plural_verb(a, i + 1 < last ? &p.tokens[i + 1] : nullptr)) {
        // Only right next to its participle: "ontvoerd zijn", "zijn aanbeland"; otherwise a possessive.
        for (const std::uint32_t j : {i - 1, i + 1}) {
          if (j < first || j >= last) continue;
          const helder_token& t = p.tokens[j];
          if (is_participle(t) && !is_used(j) && !is_zijn_perfect_or_state(t, lexicon) &&
              !((t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START))) {
            p.passives.push_back(PassiveConstruction{s, Range{a.start, a.end}, Range{t.start, t.end}});
            used.push_back(j);
            break;
          }
        }
        continue;
      }
      const bool zijn = aux.is_zijn_finite(a) || aux.is_zijn_plural_verb(a, i + 1 < last ? &p.tokens[i + 1] : nullptr);
      if (!zijn && !aux.is_worden(a)) continue;
      std::int64_t found = -1;
      // Right before the auxiliary first: in a subordinate clause the participle comes first ("die
      // gedomineerd wordt door hoger opgeleiden").
      if (!zijn && i > first && is_participle_token(p, i - 1, first, aux, false) && !is_used(i - 1)) found = i - 1;
      // The nearest participle after the auxiliary, in the same clause.
      for (std::uint32_t j = i + 1; j < last && found < 0; ++j) {
        const helder_token& t = p.tokens[j];
        // The participle closes the clause: stop where another clause begins (a subordinator, a finite verb, a
        // punctuation mark other than a comma). With "zijn", whose participle may be an adjective, not far.
        const std::string_view mark = t.kind == HELDER_TOKEN_PUNCTUATION
                                          ? std::string_view(p.text).substr(t.start, t.end - t.start)
                                          : std::string_view();
        if (zijn && (j - i > 12 || (t.kind == HELDER_TOKEN_PUNCTUATION && mark != ","))) break;
        // A parenthesis or a colon starts other words ("werd (derdejaars die ... afgelegd heeft)").
        if (mark == "(" || mark == ";" || mark == ":") break;
        if (opens_clause(t)) break;
        // A finite verb of another clause ("is treffend en vraagt om"); present-1 forms are too often nouns.
        constexpr std::uint32_t kOtherFinite = HELDER_VERB_PRESENT_3 | HELDER_VERB_PAST_SINGULAR | HELDER_VERB_PAST_PLURAL;
        if (zijn && (t.verb_form & kOtherFinite) && !(t.verb_form & (HELDER_VERB_PARTICIPLE | HELDER_VERB_GUESSED)) &&
            !aux.is_worden(t) && !aux.is_zijn_finite(t))
          break;
        if (is_participle_token(p, j, first, aux, zijn) && !is_used(j)) {
          // A verb that makes its perfect with "zijn" has no passive: "werd ... verschenen" belongs to another
          // clause ("werd een succes in Duitsland, waar 1000 verhalen verschenen").
          // With an agent ("door de gemeente") a state or a verb of change is an action after all.
          const bool state_with_agent = !(t.verb_form & HELDER_VERB_PERFECT_ZIJN) && is_zijn_perfect_or_state(t, lexicon) &&
                                        has_agent(p, i + 1, j, last);
          if (zijn ? !is_zijn_perfect_or_state(t, lexicon) || state_with_agent : !(t.verb_form & HELDER_VERB_PERFECT_ZIJN))
            found = j;
          else if (zijn) break;  // "is geworden": the perfect of another verb takes the place of the participle
        }
        if (aux.is_worden(t) || aux.is_zijn_finite(t)) break;
      }
      // Before the auxiliary: "dat het besluit genomen is". With "zijn" only at the end of a clause: in
      // "Achteraf gezien was ik" the participle stands before a verb that opens the main clause.
      const bool clause_end = i + 1 >= last || p.tokens[i + 1].kind != HELDER_TOKEN_WORD;
      for (std::int64_t j = static_cast<std::int64_t>(i) - 1;
           j >= first && found < 0 && i - j <= (zijn ? 1 : 3) && (!zijn || clause_end); --j) {
        const helder_token& t = p.tokens[static_cast<std::uint32_t>(j)];
        if (is_participle_token(p, static_cast<std::uint32_t>(j), first, aux, zijn) && !is_used(j) &&
            !(zijn && is_zijn_perfect_or_state(t, lexicon)))
          found = j;
      }
      if (found < 0 || is_used(found)) continue;
      used.push_back(static_cast<std::uint32_t>(found));
      const helder_token& part = p.tokens[static_cast<std::uint32_t>(found)];
      p.passives.push_back(PassiveConstruction{s, Range{a.start, a.end}, Range{part.start, part.end}});
    }
  }
}

}  // namespace helder
