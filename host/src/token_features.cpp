// Token features from the lexicon and the place of each token (quotation, link text, title, fixed name).
#include "token_features.hpp"

#include <unordered_map>

namespace helder {

namespace {

std::string_view lower_of(const helder_token& t) { return std::string_view(t.lower.data, t.lower.size); }

bool is_word(const helder_token& t) { return t.kind == HELDER_TOKEN_WORD; }

// Quotation marks: which open, which close, and the straight ones that do both.
enum class Quote { None, Open, Close, Toggle, SingleToggle };

Quote quote_kind(std::string_view mark) {
  if (mark == "\xE2\x80\x9E" || mark == "\xE2\x80\x9C" || mark == "\xC2\xAB" || mark == ",," ||
      mark == "\xE2\x80\x98" || mark == "\xE2\x80\x9A")  // „ “ « ,, ‘ ‚
    return Quote::Open;
  if (mark == "\xE2\x80\x9D" || mark == "\xC2\xBB" || mark == "''" || mark == "\xE2\x80\x99")  // ” » ’
    return Quote::Close;
  if (mark == "\"") return Quote::Toggle;
  if (mark == "'") return Quote::SingleToggle;
  return Quote::None;
}

void mark_quotations(ParagraphAnalysis& p) {
  if (p.kind == BlockKind::Quote) {
    for (helder_token& t : p.tokens) t.flags |= HELDER_TOKEN_IN_QUOTATION;
    return;
  }
  int depth = 0;
  bool straight = false, single = false;
  for (std::size_t i = 0; i < p.tokens.size(); ++i) {
    helder_token& t = p.tokens[i];
    if (t.kind == HELDER_TOKEN_PUNCTUATION || t.kind == HELDER_TOKEN_SYMBOL) {
      const std::string_view mark = std::string_view(p.text).substr(t.start, t.end - t.start);
      switch (quote_kind(mark)) {
        case Quote::Open: ++depth; break;
        case Quote::Close: if (depth > 0) --depth; break;
        case Quote::Toggle: straight = !straight; break;
        case Quote::SingleToggle: {
          // A straight single quote opens before a word (after a space or at the start) and closes after one.
          const bool space_before = t.start == 0 || p.text[t.start - 1] == ' ' || p.text[t.start - 1] == '(';
          if (!single && space_before) single = true;
          else if (single) single = false;
          break;
        }
        case Quote::None: break;
      }
      continue;
    }
    if (depth > 0 || straight || single) t.flags |= HELDER_TOKEN_IN_QUOTATION;
  }
}

void mark_ranges(ParagraphAnalysis& p, std::span<const Mark> marks) {
  for (const Mark& m : marks) {
    const std::uint32_t flag = m.kind == MarkKind::Link    ? HELDER_TOKEN_IN_LINK
                               : m.kind == MarkKind::Title ? HELDER_TOKEN_IN_TITLE
                                                           : HELDER_TOKEN_IN_QUOTATION;
    for (helder_token& t : p.tokens)
      if (t.start < m.range.end && t.end > m.range.start) t.flags |= flag;
  }
}

bool is_name_char(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }

bool same_start(char a, char b) {
  if (a == b) return true;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return lower(a) == lower(b);
}

void mark_names(ParagraphAnalysis& p, const std::vector<std::vector<std::string>>& names) {
  if (names.empty()) return;
  const std::string_view text(p.text);
  for (std::size_t i = 0; i < p.tokens.size(); ++i) {
    const helder_token& first = p.tokens[i];
    if (first.kind == HELDER_TOKEN_PUNCTUATION || first.kind == HELDER_TOKEN_SYMBOL) continue;
    for (const std::vector<std::string>& words : names) {
      // Word by word, with any white space between the words of the text.
      std::size_t at = first.start;
      bool match = true;
      for (std::size_t w = 0; w < words.size() && match; ++w) {
        if (w > 0) {
          if (at >= text.size() || (text[at] != ' ' && text[at] != '\n')) match = false;
          while (at < text.size() && (text[at] == ' ' || text[at] == '\n')) ++at;
        }
        const std::string& word = words[w];
        if (!match || text.size() - at < word.size()) {
          match = false;
          break;
        }
        match = (w == 0 ? same_start(text[at], word[0]) && text.substr(at + 1, word.size() - 1) == std::string_view(word).substr(1)
                        : text.substr(at, word.size()) == word);
        at += word.size();
      }
      if (!match || (at < text.size() && is_name_char(static_cast<unsigned char>(text[at])))) continue;
      for (std::size_t j = i; j < p.tokens.size() && p.tokens[j].start < at; ++j)
        p.tokens[j].flags |= HELDER_TOKEN_IN_NAME;
      break;
    }
  }
}

// "Wij stellen de regels vast": the particle at the end of the clause belongs to the finite verb before it.
void pair_separable_verbs(ParagraphAnalysis& p, const Lexicon& lexicon) {
  for (const helder_sentence& s : p.sentences) {
    const std::uint32_t first = s.first_token, last = s.first_token + s.token_count;
    for (std::uint32_t i = first; i < last; ++i) {
      helder_token& particle = p.tokens[i];
      if (!is_word(particle) || !(particle.word_class & HELDER_CLASS_PARTICLE)) continue;
      // The particle closes its clause: the sentence ends, a mark follows, or a conjunction or subordinator.
      if (i + 1 < last) {
        const helder_token& next = p.tokens[i + 1];
        const bool closes = !is_word(next) ? next.kind == HELDER_TOKEN_PUNCTUATION
                                           : (next.word_class & (HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR)) != 0;
        if (!closes) continue;
      }
      // The finite verb of the clause, back to a comma or the start of the sentence.
      for (std::uint32_t j = i; j-- > first;) {
        const helder_token& verb = p.tokens[j];
        if (verb.kind == HELDER_TOKEN_PUNCTUATION) break;
        // The plural present is spelled as the infinitive: "Wij stellen de regels vast".
        if (!is_word(verb) || !(verb.verb_form & (HELDER_VERB_FINITE | HELDER_VERB_INFINITIVE)) || verb.lemma == 0) continue;
        const std::uint32_t whole = lexicon.separable_verb(lower_of(particle), verb.lemma);
        if (whole == 0) break;  // the clause's finite verb does not go with this particle
        particle.lemma = whole;
        particle.verb_form = HELDER_VERB_SEPARABLE | (verb.verb_form & (HELDER_VERB_FINITE | HELDER_VERB_INFINITIVE));
        particle.word_class |= HELDER_CLASS_VERB;
        break;
      }
    }
  }
}

}  // namespace

WordFeatures FeatureCache::features(std::uint32_t word, std::string_view lower) const {
  constexpr std::uint64_t known = std::uint64_t{1} << 63;
  if (word != 0)
    if (const std::uint64_t p = packed_.get(word); p != 0)
      return WordFeatures{static_cast<std::uint32_t>(p & 0xFFFFFF), static_cast<std::uint32_t>((p >> 24) & 0xFFF),
                          static_cast<std::uint32_t>((p >> 36) & 0xFFFFFF)};
  const WordFeatures f = lexicon_.features(lower);
  if (word != 0 && f.word_class <= 0xFFFFFF && f.verb_form <= 0xFFF && f.lemma <= 0xFFFFFF)
    packed_.set(word, known | f.word_class | (std::uint64_t{f.verb_form} << 24) | (std::uint64_t{f.lemma} << 36));
  return f;
}

void annotate_tokens(ParagraphAnalysis& p, const Lexicon& lexicon, std::span<const Mark> marks,
                     const std::vector<std::vector<std::string>>& names, bool features_set,
                     const FeatureCache* features) {
  // The word services cache the shared lexicon's features per word form; an extended lexicon is asked here.
  for (helder_token& t : p.tokens) {
    if (t.kind != HELDER_TOKEN_WORD) {  // only words have lexicon features
      t.word_class = t.verb_form = t.lemma = 0;
      continue;
    }
    if (features_set || t.lower.size == 0) continue;
    const WordFeatures f = features ? features->features(t.word, lower_of(t)) : lexicon.features(lower_of(t));
    t.word_class = f.word_class;
    t.verb_form = f.verb_form;
    t.lemma = f.lemma;
  }
  mark_quotations(p);
  mark_ranges(p, marks);
  mark_names(p, names);
  pair_separable_verbs(p, lexicon);
}

}  // namespace helder
