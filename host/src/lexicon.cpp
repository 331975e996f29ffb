// The Dutch lexicon (host/data/lexicon-nl/README.md): reads its TSV files and answers what a word form is.
#include <helder/lexicon.hpp>
#include <helder/plugin_abi.h>
#include <helder/sdk.hpp>

#include <array>
#include <fstream>
#include <utility>

namespace helder {

namespace {

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  std::size_t from = 0;
  while (true) {
    const std::size_t at = line.find(separator, from);
    std::string_view field = line.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from);
    while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
    while (!field.empty() && (field.back() == ' ' || field.back() == '\r')) field.remove_suffix(1);
    fields.push_back(field);
    if (at == std::string_view::npos) return fields;
    from = at + 1;
  }
}

[[noreturn]] void fail(const std::filesystem::path& file, std::size_t line, const std::string& what) {
  throw LexiconError(file.string() + ":" + std::to_string(line) + ": " + what);
}

// Calls `each(fields, line number)` for every line that is not empty or a comment.
template <class Each>
void read_lines(const std::filesystem::path& file, Each each) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw LexiconError(file.string() + ": het bestand van het woordenboek kan niet worden geopend.");
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view view(line);
    if (number == 1 && view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
    while (!view.empty() && (view.back() == '\r' || view.back() == ' ')) view.remove_suffix(1);
    if (view.empty() || view.front() == '#') continue;
    each(split(view, '\t'), number);
  }
}

bool is_lower_word(std::string_view w) {
  if (w.empty()) return false;
  for (unsigned char c : w)
    if ((c >= 'A' && c <= 'Z') || c == ' ' || c == '\t') return false;
  return true;
}

bool ends_like_participle(std::string_view w) { return w.ends_with("d") || w.ends_with("t") || w.ends_with("en"); }

}  // namespace

Lexicon Lexicon::load(const std::filesystem::path& directory) {
  Lexicon lexicon;
  lexicon.add_words(directory / "words.tsv");  // first: the particles decide how verbs.tsv is read
  lexicon.add_irregular_verbs(directory / "irregular-verbs.tsv");
  lexicon.add_verbs(directory / "verbs.tsv");
  return lexicon;
}

void Lexicon::add_words(const std::filesystem::path& file) {
  read_lines(file, [&](const std::vector<std::string_view>& fields, std::size_t line) {
    if (fields.size() < 2 || fields[1].empty())
      fail(file, line, "hier staat een woord zonder woordsoort. Schrijf: woord, een tab, woordsoort.");
    if (!is_lower_word(fields[0])) fail(file, line, "schrijf het woord \"" + std::string(fields[0]) + "\" in kleine letters.");
    Entry& entry = forms_[std::string(fields[0])];
    for (std::string_view name : split(fields[1], ',')) {
      if (name == "not-participle") {
        entry.not_participle = true;
        continue;
      }
      if (name == "quote-source") {
        entry.quote_source = true;
        continue;
      }
      // "verb" is what the lexicon gives its verb forms itself, not a class words.tsv lists.
      const std::uint32_t bits = name == "verb" ? 0u : sdk::bits_named(sdk::word_class_names, name);
      if (bits == 0) fail(file, line, "de woordsoort \"" + std::string(name) + "\" bestaat niet.");
      entry.features.word_class |= bits;
    }
  });
}

void Lexicon::add_form(std::string_view form, std::uint32_t lemma, std::uint32_t bits) {
  if (form.empty()) return;
  auto it = forms_.find(form);
  if (it == forms_.end()) it = forms_.emplace(std::string(form), Entry{}).first;
  WordFeatures& f = it->second.features;
  // A function word is not read as the stem of a verb: "niet" (nieten), "dat" (daten), "heel" (helen).
  constexpr std::uint32_t kFunction = HELDER_CLASS_ARTICLE | HELDER_CLASS_DETERMINER | HELDER_CLASS_PRONOUN |
                                      HELDER_CLASS_PREPOSITION | HELDER_CLASS_CONJUNCTION | HELDER_CLASS_SUBORDINATOR |
                                      HELDER_CLASS_RELATIVE | HELDER_CLASS_NEGATION | HELDER_CLASS_DEGREE |
                                      HELDER_CLASS_ADVERB | HELDER_CLASS_NUMERAL;
  if ((f.word_class & kFunction) && !(f.word_class & (HELDER_CLASS_AUXILIARY | HELDER_CLASS_COPULA)) &&
      (bits & (HELDER_VERB_INFINITIVE | HELDER_VERB_FINITE | HELDER_VERB_PARTICIPLE)) == HELDER_VERB_PRESENT_1)
    return;
  f.word_class |= HELDER_CLASS_VERB;
  constexpr std::uint32_t kForms = HELDER_VERB_INFINITIVE | HELDER_VERB_FINITE | HELDER_VERB_PARTICIPLE;
  if (f.lemma != 0 && f.lemma != lemma) {
    // A form of two verbs: it has the forms of both, and the lemma of the first (irregular verbs are read
    // first: "besloten" is of besluiten), unless the second reads it as a participle and the first does not
    // ("gelukt" is of lukken, not a form of gelukken), or the first is a separable verb and the second is not
    // (a particle before a rare verb is the less likely reading: "voorspeld" is of voorspellen, not voor|spelden).
    const bool participle = (bits & HELDER_VERB_PARTICIPLE) && !(f.verb_form & HELDER_VERB_PARTICIPLE);
    const Verb* first = verb(f.lemma);
    const Verb* second = verb(lemma);
    if (second->rare && !first->rare) {  // a rare verb never takes a form from a verb in use
      f.verb_form |= bits & kForms;
      return;
    }
    const bool switch_lemma = (first->rare && !second->rare) || participle || (verb(f.lemma)->base != 0 && verb(lemma)->base == 0 &&
                                             !((f.verb_form & HELDER_VERB_PARTICIPLE) && !(bits & HELDER_VERB_PARTICIPLE)));
    if (!switch_lemma) {
      f.verb_form |= bits & kForms;
      return;
    }
    f.verb_form &= kForms;
  }
  f.lemma = lemma;
  f.verb_form |= bits;
}

std::uint32_t Lexicon::add_verb(Verb verb, const std::filesystem::path& file, std::size_t line) {
  if (verb.forms.infinitive.empty()) fail(file, line, "hier ontbreekt het werkwoord.");
  if (auto it = lemmas_.find(verb.forms.infinitive); it != lemmas_.end()) return it->second;  // listed twice
  verbs_.push_back(std::move(verb));
  const auto id = static_cast<std::uint32_t>(verbs_.size());
  const Verb& v = verbs_.back();
  lemmas_.emplace(v.forms.infinitive, id);
  std::uint32_t extra = v.base ? HELDER_VERB_SEPARABLE : 0u;
  if (v.perfect_zijn) extra |= HELDER_VERB_PERFECT_ZIJN;
  add_form(v.forms.infinitive, id, HELDER_VERB_INFINITIVE | extra);
  add_form(v.forms.present_1, id, HELDER_VERB_PRESENT_1 | extra);
  add_form(v.forms.present_3, id, HELDER_VERB_PRESENT_3 | extra);
  add_form(v.forms.past_singular, id, HELDER_VERB_PAST_SINGULAR | extra);
  add_form(v.forms.past_plural, id, HELDER_VERB_PAST_PLURAL | extra);
  add_form(v.forms.participle, id, HELDER_VERB_PARTICIPLE | extra);
  if (v.base) separable_.emplace(v.particle + "|" + std::to_string(v.base), id);
  return id;
}

void Lexicon::add_irregular_verbs(const std::filesystem::path& file) {
  read_lines(file, [&](const std::vector<std::string_view>& f, std::size_t line) {
    if (f.size() < 6)
      fail(file, line, "een onregelmatig werkwoord heeft zes vormen: hele werkwoord, ik, hij, verleden tijd enkelvoud "
                       "en meervoud, voltooid deelwoord.");
    for (std::size_t i = 0; i < 6; ++i)
      if (!is_lower_word(f[i])) fail(file, line, "vorm " + std::to_string(i + 1) + " is leeg of heeft hoofdletters.");
    Verb v;
    v.forms = VerbForms{std::string(f[0]), std::string(f[1]), std::string(f[2]),
                        std::string(f[3]), std::string(f[4]), std::string(f[5])};
    const std::string_view perfect = f.size() > 6 ? f[6] : std::string_view("hebben");
    if (perfect != "hebben" && perfect != "zijn" && perfect != "both")
      fail(file, line, "de laatste kolom is \"hebben\", \"zijn\" of \"both\", niet \"" + std::string(perfect) + "\".");
    v.perfect_zijn = perfect == "zijn";
    v.perfect_both = perfect == "both";
    add_verb(std::move(v), file, line);
  });
}

void Lexicon::add_verbs(const std::filesystem::path& file) {
  // Two passes: the verbs themselves first, then the separable ones built on them, so that a base verb has
  // its own flags and stem ("starten	both" before "her|starten"), whatever the order of the lines.
  for (const bool separable_pass : {false, true})
    read_lines(file, [&](const std::vector<std::string_view>& f, std::size_t line) {
      if ((f[0].find('|') != std::string_view::npos) == separable_pass) add_verb_line(f, file, line);
    });
}

void Lexicon::add_verb_line(const std::vector<std::string_view>& f, const std::filesystem::path& file, std::size_t line) {
  {
    const std::string_view written = f[0];
    bool inseparable = false, zijn = false, both = false, rare = false;
    if (f.size() > 1)
      for (std::string_view flag : split(f[1], ',')) {
        if (flag.empty()) continue;
        if (flag == "inseparable") inseparable = true;
        else if (flag == "zijn") zijn = true;
        else if (flag == "both") both = true;
        else if (flag == "rare") rare = true;
        else fail(file, line, "onbekend kenmerk \"" + std::string(flag) + "\" (kies uit inseparable, zijn, both, rare).");
      }
    const std::string_view stem = f.size() > 2 ? f[2] : std::string_view();
    const std::size_t bar = written.find('|');
    std::string infinitive(written);
    if (bar != std::string_view::npos) infinitive.erase(bar, 1);
    if (!is_lower_word(infinitive) || !infinitive.ends_with("n"))
      fail(file, line, "\"" + std::string(written) + "\" is geen heel werkwoord in kleine letters.");
    if (lemmas_.contains(infinitive)) return;  // an irregular verb, or listed twice
    Verb v;
    v.perfect_zijn = zijn;
    v.perfect_both = both;
    v.rare = rare;
    if (bar != std::string_view::npos) {
      // Separable: the forms of the base verb with the particle in front.
      v.particle = std::string(written.substr(0, bar));
      const std::string base_infinitive(written.substr(bar + 1));
      std::uint32_t base = lemma_id(base_infinitive);
      if (base == 0) {
        Verb b;
        b.forms = regular_verb(base_infinitive);
        base = add_verb(std::move(b), file, line);
      }
      const VerbForms& b = verbs_[base - 1].forms;
      v.base = base;
      v.forms = VerbForms{infinitive, v.particle + b.present_1, v.particle + b.present_3, v.particle + b.past_singular,
                          v.particle + b.past_plural, v.particle + b.participle};
      if (!zijn && !both) {
        v.perfect_zijn = verbs_[base - 1].perfect_zijn;
        v.perfect_both = verbs_[base - 1].perfect_both;
      }
      add_verb(std::move(v), file, line);
      return;
    }
    // A prefix before an irregular verb (ontnemen, bevinden, ondernemen): its forms, the participle without ge-.
    for (std::size_t cut = 2; cut + 3 <= infinitive.size() && stem.empty(); ++cut) {
      const std::uint32_t base = lemma_id(std::string_view(infinitive).substr(cut));
      if (base == 0 || verbs_[base - 1].base != 0) continue;
      const std::string prefix = infinitive.substr(0, cut);
      // The prefix must be a whole one: be- + houden, ont- + nemen, onder- (a particle) + nemen; not "besc" +
      // houwen in "beschouwen".
      const WordFeatures* particle = find(prefix);
      const bool whole_prefix = (is_unstressed_prefix(prefix) && has_unstressed_prefix(infinitive)) ||
                                (inseparable && particle && (particle->word_class & HELDER_CLASS_PARTICLE));
      if (!whole_prefix) continue;
      const VerbForms& b = verbs_[base - 1].forms;
      const bool regular = regular_verb(b.infinitive).past_singular == b.past_singular;
      if (regular) break;  // a regular base: the spelling rules below give the same forms
      std::string participle = b.participle;
      if (participle.starts_with("ge")) participle.erase(0, 2);
      v.forms = VerbForms{infinitive, prefix + b.present_1, prefix + b.present_3, prefix + b.past_singular,
                          prefix + b.past_plural, prefix + participle};
      add_verb(std::move(v), file, line);
      return;
    }
    v.forms = regular_verb(infinitive, stem, inseparable);
    add_verb(std::move(v), file, line);
  }
}

const WordFeatures* Lexicon::find(std::string_view lower) const {
  auto it = forms_.find(lower);
  return it == forms_.end() ? nullptr : &it->second.features;
}

bool Lexicon::not_participle(std::string_view lower) const {
  auto it = forms_.find(lower);
  return it != forms_.end() && it->second.not_participle;
}

bool Lexicon::quote_source(std::string_view lower) const {
  auto it = forms_.find(lower);
  return it != forms_.end() && it->second.quote_source;
}

bool Lexicon::guessed_participle(std::string_view w) const {
  if (w.size() < 6 || !ends_like_participle(w)) return false;
  for (std::string_view noun_end : {"ing", "ingen", "heid", "heden", "schap", "dienst", "icht"})
    if (w.ends_with(noun_end)) return false;
  // A compound whose last part is a participle the lexicon knows: herbevestigd, bijgestuurd.
  for (std::size_t cut = 2; cut + 5 <= w.size(); ++cut) {
    auto it = forms_.find(w.substr(cut));
    if (it == forms_.end()) continue;
    if (it->second.not_participle) return false;
    if (it->second.features.verb_form & HELDER_VERB_PARTICIPLE) {
      // Only after a particle or an unstressed prefix: "herbevestigd", "bijgestuurd", not "oudgediende".
      const std::string_view head = w.substr(0, cut);
      const WordFeatures* h = find(head);
      if ((h && (h->word_class & HELDER_CLASS_PARTICLE)) || head == "her" || head == "mis")
        return true;
    }
  }
  // ge-...: geprioriteerd; a particle + ge-...: bijgeschreven.
  if (w.starts_with("ge")) return true;
  for (std::size_t cut = 2; cut + 6 <= w.size(); ++cut) {
    if (w.substr(cut, 2) != "ge") continue;
    const WordFeatures* h = find(w.substr(0, cut));
    if (h && (h->word_class & HELDER_CLASS_PARTICLE)) return true;
  }
  return false;
}

WordFeatures Lexicon::features(std::string_view lower) const {
  auto it = forms_.find(lower);
  if (it != forms_.end()) {
    WordFeatures f = it->second.features;
    if (it->second.not_participle) f.verb_form &= ~static_cast<std::uint32_t>(HELDER_VERB_PARTICIPLE);  // "verband"
    return f;
  }
  if (guessed_participle(lower))
    return WordFeatures{HELDER_CLASS_VERB, HELDER_VERB_PARTICIPLE | HELDER_VERB_GUESSED, 0};
  return {};
}

std::string_view Lexicon::lemma_text(std::uint32_t lemma) const {
  const Verb* v = verb(lemma);
  return v ? std::string_view(v->forms.infinitive) : std::string_view();
}

std::uint32_t Lexicon::lemma_id(std::string_view infinitive) const {
  std::string joined;
  if (const std::size_t bar = infinitive.find('|'); bar != std::string_view::npos) {
    joined = std::string(infinitive.substr(0, bar)) + std::string(infinitive.substr(bar + 1));
    infinitive = joined;
  }
  auto it = lemmas_.find(infinitive);
  return it == lemmas_.end() ? 0 : it->second;
}

std::uint32_t Lexicon::separable_verb(std::string_view particle, std::uint32_t base) const {
  auto it = separable_.find(std::string(particle) + "|" + std::to_string(base));
  return it == separable_.end() ? 0 : it->second;
}

std::string_view Lexicon::verb_form(std::uint32_t lemma, std::uint32_t form) const {
  const Verb* v = verb(lemma);
  if (!v) return {};
  switch (form) {
    case HELDER_VERB_INFINITIVE: return v->forms.infinitive;
    case HELDER_VERB_PRESENT_1: return v->forms.present_1;
    case HELDER_VERB_PRESENT_3: return v->forms.present_3;
    case HELDER_VERB_PAST_SINGULAR: return v->forms.past_singular;
    case HELDER_VERB_PAST_PLURAL: return v->forms.past_plural;
    case HELDER_VERB_PARTICIPLE: return v->forms.participle;
    default: return {};
  }
}

}  // namespace helder
