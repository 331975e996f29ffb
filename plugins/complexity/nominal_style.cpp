// Check kind "nominal-style" ("naamwoordstijl"). No part-of-speech tagger exists, so the patterns lean on word
// lists, the shape of words and the dictionary (an infinitive has a present tense the dictionary knows:
// "nemen" -> "neemt"). Every pattern stays inside one clause of one sentence, and prefers silence to a guess.
#include "nominal_style.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>

namespace helder::complexity {

namespace {

bool ends_with(std::string_view s, std::string_view end) { return s.size() >= end.size() && s.ends_with(end); }

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Strong and irregular verbs: infinitive, first person, third person, past singular, past plural, participle.
constexpr auto irregular_verbs = std::to_array<std::array<std::string_view, 6>>({
    {"nemen", "neem", "neemt", "nam", "namen", "genomen"},
    {"brengen", "breng", "brengt", "bracht", "brachten", "gebracht"},
    {"geven", "geef", "geeft", "gaf", "gaven", "gegeven"},
    {"doen", "doe", "doet", "deed", "deden", "gedaan"},
    {"komen", "kom", "komt", "kwam", "kwamen", "gekomen"},
    {"houden", "houd", "houdt", "hield", "hielden", "gehouden"},
    {"dragen", "draag", "draagt", "droeg", "droegen", "gedragen"},
    {"bieden", "bied", "biedt", "bood", "boden", "geboden"},
    {"vinden", "vind", "vindt", "vond", "vonden", "gevonden"},
    {"treffen", "tref", "treft", "trof", "troffen", "getroffen"},
    {"krijgen", "krijg", "krijgt", "kreeg", "kregen", "gekregen"},
    {"gaan", "ga", "gaat", "ging", "gingen", "gegaan"},
    {"staan", "sta", "staat", "stond", "stonden", "gestaan"},
    {"zien", "zie", "ziet", "zag", "zagen", "gezien"},
    {"slaan", "sla", "slaat", "sloeg", "sloegen", "geslagen"},
    {"laten", "laat", "laat", "liet", "lieten", "gelaten"},
    {"besluiten", "besluit", "besluit", "besloot", "besloten", "besloten"},
    {"sluiten", "sluit", "sluit", "sloot", "sloten", "gesloten"},
    {"onderzoeken", "onderzoek", "onderzoekt", "onderzocht", "onderzochten", "onderzocht"},
    {"vragen", "vraag", "vraagt", "vroeg", "vroegen", "gevraagd"},
    {"zoeken", "zoek", "zoekt", "zocht", "zochten", "gezocht"},
    {"denken", "denk", "denkt", "dacht", "dachten", "gedacht"},
    {"schrijven", "schrijf", "schrijft", "schreef", "schreven", "geschreven"},
    {"wegen", "weeg", "weegt", "woog", "wogen", "gewogen"},
    {"overwegen", "overweeg", "overweegt", "overwoog", "overwogen", "overwogen"},
    {"beginnen", "begin", "begint", "begon", "begonnen", "begonnen"},
    {"kiezen", "kies", "kiest", "koos", "kozen", "gekozen"},
    {"helpen", "help", "helpt", "hielp", "hielpen", "geholpen"},
    {"lezen", "lees", "leest", "las", "lazen", "gelezen"},
    {"ontvangen", "ontvang", "ontvangt", "ontving", "ontvingen", "ontvangen"},
    {"verbieden", "verbied", "verbiedt", "verbood", "verboden", "verboden"},
    {"overleggen", "overleg", "overlegt", "overlegde", "overlegden", "overlegd"},
    {"ondersteunen", "ondersteun", "ondersteunt", "ondersteunde", "ondersteunden", "ondersteund"},
    {"hebben", "heb", "heeft", "had", "hadden", "gehad"},
    {"zijn", "ben", "is", "was", "waren", "geweest"},
    {"kunnen", "kan", "kan", "kon", "konden", "gekund"},
    {"willen", "wil", "wil", "wilde", "wilden", "gewild"},
    {"mogen", "mag", "mag", "mocht", "mochten", "gemogen"},
    {"moeten", "moet", "moet", "moest", "moesten", "gemoeten"},
    {"worden", "word", "wordt", "werd", "werden", "geworden"},
    {"weten", "weet", "weet", "wist", "wisten", "geweten"},
    {"zeggen", "zeg", "zegt", "zei", "zeiden", "gezegd"},
    {"spreken", "spreek", "spreekt", "sprak", "spraken", "gesproken"},
    {"schieten", "schiet", "schiet", "schoot", "schoten", "geschoten"},
    {"wijzen", "wijs", "wijst", "wees", "wezen", "gewezen"},
    {"zetten", "zet", "zet", "zette", "zetten", "gezet"},
    {"leggen", "leg", "legt", "legde", "legden", "gelegd"},
    {"heffen", "hef", "heft", "hief", "hieven", "geheven"},
    {"verlenen", "verleen", "verleent", "verleende", "verleenden", "verleend"},
    {"oefenen", "oefen", "oefent", "oefende", "oefenden", "geoefend"},
});

// A weak verb: stem from the infinitive, past tense by 't kofschip, participle with ge- unless the verb
// starts with an unstressed prefix. Where the stem can be spelled two ways ("beoordeel"/"behandel"), the
// dictionary picks the one whose third person it knows.
VerbForms weak_verb(std::string_view infinitive, const sdk::Host& host) {
  VerbForms v;
  v.infinitive = std::string(infinitive);
  if (!ends_with(infinitive, "en") || infinitive.size() < 4) {
    v.stem = v.third = v.past_single = v.past_plural = v.participle = v.infinitive;
    return v;
  }
  std::string raw(infinitive.substr(0, infinitive.size() - 2));
  const std::size_t n = raw.size();
  const bool double_consonant = n >= 2 && raw[n - 1] == raw[n - 2] && !is_vowel(raw[n - 1]);
  if (double_consonant) raw.pop_back();
  const bool voiceless = std::string_view("tkfspx").find(raw.back()) != std::string_view::npos || ends_with(raw, "ch");
  std::string stem = raw;
  if (stem.back() == 'v') stem.back() = 'f';
  if (stem.back() == 'z') stem.back() = 's';
  // An open syllable keeps its long vowel written twice in the stem: nemen -> neem, maken -> maak.
  const std::size_t m = stem.size();
  if (!double_consonant && m >= 2 && !is_vowel(stem[m - 1]) && is_vowel(stem[m - 2]) && stem[m - 2] != 'i' &&
      (m < 3 || !is_vowel(stem[m - 3]))) {
    std::string doubled = stem;
    doubled.insert(m - 1, 1, stem[m - 2]);
    const std::string third = doubled.back() == 't' ? doubled : doubled + "t";
    if (host.spelled_correctly(third) == 1) stem = doubled;
  }
  v.stem = stem;
  v.third = stem.back() == 't' ? stem : stem + "t";
  v.past_single = stem + (voiceless ? "te" : "de");
  v.past_plural = v.past_single + "n";
  static constexpr auto unstressed = std::to_array<std::string_view>({"be", "ge", "her", "ont", "ver", "er"});
  bool prefixed = false;
  for (std::string_view p : unstressed)
    prefixed = prefixed || (infinitive.starts_with(p) && infinitive.size() > p.size() + 3);
  std::string prefix = prefixed ? "" : "ge";
  if (!prefixed && (stem[0] == 'e' || stem[0] == 'i' || stem[0] == 'u'))
    prefix = stem[0] == 'e' ? "geë" : stem[0] == 'i' ? "geï" : "geü";
  const bool ends_dental = stem.back() == 't' || stem.back() == 'd';
  v.participle = prefix + stem + (ends_dental ? "" : voiceless ? "t" : "d");
  return v;
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

// Words that end one clause or start another: a support verb and its noun stay on one side of them.
// Ambiguous words ("dat", "als", "of") count too: a missed finding is better than a false one.
bool is_clause_boundary(const sdk::Paragraph& paragraph, const helder_token& t) {
  if (t.kind == HELDER_TOKEN_PUNCTUATION || t.kind == HELDER_TOKEN_SYMBOL) {
    // A full stop inside a sentence is a sentence boundary the segmenter missed ("overgaan. De" without space).
    static constexpr auto marks =
        std::to_array<std::string_view>({",", ";", ":", "(", ")", "–", "—", "?", "!", "•", ".", "|"});
    return one_of(paragraph.text_of(t), marks);
  }
  if (!is_word(t)) return false;
  if (lower_of(t).find('.') != std::string_view::npos) return true;  // "overgaan.De": two sentences glued
  static constexpr auto words = std::to_array<std::string_view>(
      {"en",       "maar",    "of",     "want",    "dat",       "die",     "omdat",   "als",
       "wanneer",  "indien",  "zodat",  "doordat", "terwijl",   "nadat",   "voordat", "hoewel",
       "tenzij",   "waarin",  "waarop", "waarmee", "waardoor",  "waarbij", "waarvan", "waarover",
       "waarvoor", "waaraan", "waarna", "wat",     "wie",       "welke",   "zoals",   "om",
       "zodra",    "mits",    "opdat",  "totdat",  "aangezien", "hetgeen", "noch",    "sinds"});
  return one_of(lower_of(t), words);
}

bool is_article(std::string_view w) {
  static constexpr auto articles = std::to_array<std::string_view>({"een", "de", "het"});
  return one_of(w, articles);
}

// Words before a noun that make it the object of something else than the support verb.
bool is_determiner_or_preposition(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"de",   "het",    "een",   "dit",   "deze", "die",  "dat", "zijn",    "haar",   "hun",   "onze", "ons",  "uw",
       "mijn", "jouw",   "op",    "van",   "over", "voor", "met", "na",      "tot",    "bij",   "in",   "aan",  "door",
       "naar", "zonder", "tegen", "onder", "uit",  "via",  "per", "vanwege", "binnen", "sinds", "welk", "welke"});
  return one_of(w, list);
}

bool is_preposition(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"op",      "van",    "over",  "voor",   "met",     "na",      "tot",   "bij", "in",
       "aan",     "door",   "naar",  "zonder", "tegen",   "onder",   "uit",   "via", "per",
       "vanwege", "binnen", "sinds", "tussen", "volgens", "tijdens", "namens"});
  return one_of(w, list);
}

// Particles of separable verbs: "neemt ... over" is "overnemen", not "nemen".
bool is_particle(std::string_view w) {
  static constexpr auto particles =
      std::to_array<std::string_view>({"op", "aan", "mee", "in", "over", "af", "uit", "toe", "terug", "door", "weg",
                                       "voor", "na", "bij", "vast", "deel", "los", "samen"});
  return one_of(w, particles);
}

// Prepositions that may follow a separable particle at the end of its clause ("dient de aanvraag in bij").
bool is_preposition_after_particle(std::string_view w) {
  static constexpr auto list = std::to_array<std::string_view>(
      {"bij", "voor", "met", "via", "naar", "op", "aan", "tegen", "over", "binnen", "vóór"});
  return one_of(w, list);
}

// Uninflected adjectives and adverbs that may stand between "het" and its infinitive: "het tijdig indienen".
bool is_adverb_like(std::string_view w) {
  static constexpr auto short_ones =
      std::to_array<std::string_view>({"snel", "goed",  "beter",  "juist", "correct", "opnieuw", "direct", "zelf",
                                       "niet", "samen", "eerder", "later", "nog",     "verder",  "extra",  "zo",
                                       "vaak", "meer",  "minder", "weer",  "alleen",  "ook",     "echt",   "volledig"});
  if (one_of(w, short_ones)) return true;
  static constexpr auto endings = std::to_array<std::string_view>({"ig", "lijk", "baar", "isch", "ief", "eel", "aal"});
  for (std::string_view e : endings)
    if (w.size() > e.size() + 2 && ends_with(w, e)) return true;
  return false;
}

enum class Slot { Infinitive, TeInfinitive, Participle, Stem, Third, Plural, PastSingle, PastPlural };

// The form of `v` in `slot`, as written in a subordinate clause (particle joined: "uitvoert", "uit te voeren").
std::string form_of(const VerbForms& v, Slot slot) {
  switch (slot) {
    case Slot::Infinitive:
    case Slot::Plural:
      return v.particle + v.infinitive;
    case Slot::TeInfinitive:
      return v.particle.empty() ? "te " + v.infinitive : v.particle + " te " + v.infinitive;
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

// w == particle + form, without building the string: this runs for every word of a clause.
bool joined(std::string_view w, std::string_view particle, std::string_view form) {
  return w.size() == particle.size() + form.size() && w.starts_with(particle) && w.substr(particle.size()) == form;
}

// The finite slots of a base verb form (particle not joined), if `w` is one.
bool finite_slot(const VerbForms& v, std::string_view w, Slot& slot) {
  if (w == v.third)
    slot = Slot::Third;
  else if (w == v.stem)
    slot = Slot::Stem;
  else if (w == v.infinitive)
    slot = Slot::Plural;
  else if (w == v.past_single)
    slot = Slot::PastSingle;
  else if (w == v.past_plural)
    slot = Slot::PastPlural;
  else
    return false;
  return true;
}

// Infinitives that are mostly nouns ("het leven van", "het bestaan van"), and words in -en that are no verbs
// at all but happen to share a present tense with one ("boven": "boft").
constexpr auto builtin_not_verbs = std::to_array<std::string_view>(
    {"leven",  "eten",      "vertrouwen", "streven",  "wezen",       "verleden",     "bestaan",  "ontstaan",
     "kosten", "boven",     "beneden",    "binnen",   "buiten",      "tussen",       "morgen",   "gisteren",
     "samen",  "midden",    "noorden",    "zuiden",   "oosten",      "westen",       "examen",   "teken",
     "wapen",  "verlangen", "belangen",   "gebeuren", "welbevinden", "functioneren", "handelen", "verloop"});

// -ing and -atie nouns that name a thing rather than an action: "de uitvoering van de regeling" is fine. These
// also end compounds that name things ("huurwoning", "subsidieregeling").
constexpr auto builtin_concrete_heads = std::to_array<std::string_view>({"regeling",      "woning",
                                                                         "vergadering",   "opleiding",
                                                                         "vereniging",    "stichting",
                                                                         "afdeling",      "omgeving",
                                                                         "bevolking",     "verzekering",
                                                                         "uitkering",     "instelling",
                                                                         "voorziening",   "vergoeding",
                                                                         "bepaling",      "verordening",
                                                                         "beschikking",   "belasting",
                                                                         "wetgeving",     "zitting",
                                                                         "ervaring",      "aflevering",
                                                                         "toelichting",   "ontheffing",
                                                                         "vergunning",    "regering",
                                                                         "verklaring",    "organisatie",
                                                                         "informatie",    "situatie",
                                                                         "administratie", "locatie",
                                                                         "delegatie",     "publicatie",
                                                                         "operatie",      "verkiezing",
                                                                         "samenleving",   "uitzondering",
                                                                         "bestemming",    "overeenstemming",
                                                                         "vestiging",     "woningbouw",
                                                                         "bezoldiging",   "tegemoetkoming",
                                                                         "aanvulling",    "handreiking",
                                                                         "regelgeving",   "verhouding",
                                                                         "oplossing",     "vordering",
                                                                         "verklaring",    "aansluiting",
                                                                         "uitnodiging",   "beslissing",
                                                                         "planning",      "ervaring",
                                                                         "behuizing",     "inkomensondersteuning"});
// The same, but only as whole words: as the end of a longer word they are often actions ("berekening",
// "ondertekening", "herinrichting", "begeleiding").
constexpr auto builtin_concrete_words = std::to_array<std::string_view>(
    {"rekening",   "richting", "tekening", "mening",     "leiding",    "inleiding", "inrichting",
     "koning",     "kring",    "ding",     "ring",       "natie",      "relatie",   "combinatie",
     "waardering", "stemming", "oefening", "aanwijzing", "verhouding", "periode"});

}  // namespace

VerbForms VerbForms::of(std::string_view spec, const sdk::Host& host) {
  std::string particle, base(spec);
  if (const std::size_t bar = spec.find('|'); bar != std::string_view::npos) {
    particle = std::string(spec.substr(0, bar));
    base = std::string(spec.substr(bar + 1));
  }
  VerbForms v;
  bool found = false;
  for (const auto& row : irregular_verbs)
    if (row[0] == base) {
      v = VerbForms{"",
                    std::string(row[0]),
                    std::string(row[1]),
                    std::string(row[2]),
                    std::string(row[3]),
                    std::string(row[4]),
                    std::string(row[5])};
      found = true;
      break;
    }
  if (!found) v = weak_verb(base, host);
  v.particle = particle;
  return v;
}

NominalStyle::NominalStyle(const sdk::Host& host, const sdk::Options& options)
    : host_(host),
      infinitive_of_(options.boolean("infinitive_of", true)),
      chain_length_(options.integer("chain_length", 2)) {
  if (chain_length_ < 0 || chain_length_ == 1)
    throw std::invalid_argument("chain_length moet 0 (uit) of 2 of meer zijn");
  for (std::string_view w : builtin_not_verbs) not_verbs_.emplace(w);
  for (std::string_view w : builtin_concrete_heads) concrete_heads_.emplace_back(w);
  for (std::string_view w : builtin_concrete_words) not_nominalised_.emplace(w);
  for (std::size_t i = 0, n = options.array_size("not_verbs"); i < n; ++i)
    not_verbs_.insert(options.string("not_verbs[" + std::to_string(i) + "]", ""));
  for (std::size_t i = 0, n = options.array_size("not_nominalised"); i < n; ++i)
    concrete_heads_.push_back(options.string("not_nominalised[" + std::to_string(i) + "]", ""));

  const std::size_t count = options.array_size("constructions");
  for (std::size_t i = 0; i < count; ++i) {
    const std::string at = "constructions[" + std::to_string(i) + "]";
    Construction c;
    c.noun = split_words(options.string(at + ".noun", ""));
    if (c.noun.empty()) throw std::invalid_argument(at + " heeft geen noun (het naamwoord, zoals \"een besluit\")");
    const std::size_t verb_count = options.array_size(at + ".verbs");
    if (verb_count == 0) throw std::invalid_argument(at + " heeft geen verbs (de werkwoorden, zoals [\"nemen\"])");
    for (std::size_t j = 0; j < verb_count; ++j) {
      const std::string verb = options.string(at + ".verbs[" + std::to_string(j) + "]", "");
      if (verb.empty()) throw std::invalid_argument(at + ".verbs bevat een leeg werkwoord");
      c.verbs.push_back(VerbForms::of(verb, host));
    }
    const std::string plain = options.string(at + ".plain", "");
    if (plain.empty())
      throw std::invalid_argument(at + " heeft geen plain (het gewone werkwoord, zoals \"besluiten\")");
    c.plain = VerbForms::of(plain, host);
    c.plain_text = c.plain.joined_infinitive();
    c.advice = options.string(at + ".advice", "");
    c.fix = options.boolean(at + ".fix", false);
    c.split_only = options.boolean(at + ".split_only", false);
    constructions_.push_back(std::move(c));
  }
}

bool looks_like_infinitive(std::string_view w, const sdk::Host& host, bool without_dictionary) {
  static constexpr auto short_verbs =
      std::to_array<std::string_view>({"doen", "gaan", "staan", "zien", "slaan", "zijn"});
  static constexpr auto prefixes = std::to_array<std::string_view>({"be", "ont", "ver", "onder", "over"});
  for (std::string_view v : short_verbs) {
    if (w == v) return true;
    if (!ends_with(w, v) || w.size() < v.size() + 2) continue;
    const std::string_view prefix = w.substr(0, w.size() - v.size());
    // "nagaan", "bestaan", "voldoen": a particle or prefix, or a word the dictionary knows as a whole.
    if (is_particle(prefix) || one_of(prefix, prefixes) || (prefix.size() >= 3 && host.spelled_correctly(w) == 1))
      return true;
  }
  // Adverbs, prepositions and numbers in -en that share a present tense with some verb ("binnen": "bint").
  static constexpr auto no_verbs = std::to_array<std::string_view>(
      {"binnen", "buiten", "boven", "beneden", "tussen", "tegen", "samen", "even", "morgen", "gisteren", "eigen",
       "open", "zeven", "negen", "tien", "misschien", "verleden", "midden"});
  if (one_of(w, no_verbs)) return false;
  if (w.size() < 4 || !ends_with(w, "en") || ends_with(w, "ën") || ends_with(w, "een")) return false;
  // A vowel before -en makes no verb ("ideeën" aside), unless it ends a diphthong: "groeien", "draaien".
  if (is_vowel(w[w.size() - 3]) && !(w[w.size() - 3] == 'i' && is_vowel(w[w.size() - 4]))) return false;
  // The dictionary knows the third person of a real verb: "verrichten" -> "verricht", "nemen" -> "neemt". When the
  // stem ends in -t that form is the stem itself, often a noun ("documenten" -> "document"): then the
  // participle decides ("verricht", "gekost"; not "gedocument").
  const VerbForms v = VerbForms::of(w, host);
  const int known = host.spelled_correctly(v.third == v.stem ? v.participle : v.third);
  return known == 1 || (known < 0 && without_dictionary);
}

bool looks_like_finite_verb(std::string_view w, const sdk::Host& host) {
  for (const auto& row : irregular_verbs)
    if (w == row[1] || w == row[2] || w == row[3] || w == row[4]) return true;
  // Words in -t that are no verb forms, though the dictionary knows a verb to match ("met": "menen").
  static constexpr auto function_words = std::to_array<std::string_view>(
      {"met",   "niet",   "dat",     "wat",     "tot",     "uit",    "want",  "net",   "echt",  "vast",
       "best",  "laatst", "meest",   "slechts", "eerst",   "liefst", "recht", "licht", "zacht", "dicht",
       "omdat", "zodat",  "doordat", "nadat",   "voordat", "totdat", "opdat", "wet",   "tekst", "plaats"});
  if (w.size() < 4 || one_of(w, function_words) || host.spelled_correctly(w) != 1) return false;
  std::string_view stem;
  if (ends_with(w, "t"))
    stem = w.substr(0, w.size() - 1);  // present: "stuurt"
  else if (ends_with(w, "de") || ends_with(w, "te"))
    stem = w.substr(0, w.size() - 2);  // past: "maakte"
  else if (ends_with(w, "den") || ends_with(w, "ten"))
    stem = w.substr(0, w.size() - 3);  // "maakten"
  else
    return false;
  if (stem.size() < 3) return false;
  // Back to an infinitive the dictionary knows: stuur -> sturen, leef -> leven, zet -> zetten, verricht -> verrichten.
  std::vector<std::string> bases{std::string(stem)};
  const std::size_t m = stem.size();
  if (m >= 3 && is_vowel(stem[m - 2]) && stem[m - 2] == stem[m - 3])
    bases.push_back(std::string(stem.substr(0, m - 2)) + std::string(stem.substr(m - 1)));
  std::vector<std::string> infinitives;
  for (const std::string& b : bases) {
    infinitives.push_back(b + "en");
    if (b.back() == 'f') infinitives.push_back(b.substr(0, b.size() - 1) + "ven");
    if (b.back() == 's') infinitives.push_back(b.substr(0, b.size() - 1) + "zen");
    if (!is_vowel(b.back())) infinitives.push_back(b + b.back() + "en");
  }
  for (const std::string& inf : infinitives)
    if (host.spelled_correctly(inf) == 1) return true;
  return false;
}

bool NominalStyle::is_nominal_infinitive(std::string_view w) const {
  if (not_verbs_.count(std::string(w)) || w == "zijn") return false;
  return (w.size() >= 5 || w == "doen") && looks_like_infinitive(w, host_, false);
}

void NominalStyle::check_infinitive_of(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                       std::unordered_set<std::string>& reported, sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  for (std::size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (!is_word(tokens[i]) || lower_of(tokens[i]) != "het") continue;
    // "het", up to two adverbs ("het tijdig indienen"), the infinitive, "van".
    for (std::size_t verb = i + 1; verb <= i + 3 && verb + 1 < tokens.size(); ++verb) {
      const helder_token& t = tokens[verb];
      if (!is_word(t) || ((t.flags & HELDER_TOKEN_CAPITALIZED) && !(t.flags & HELDER_TOKEN_SENTENCE_START))) break;
      const helder_token& next = tokens[verb + 1];
      if (is_word(next) && lower_of(next) == "van" && is_nominal_infinitive(lower_of(t))) {
        // Once per paragraph and verb: a text about "het aanvaarden van geschenken" says it ten times.
        if (!reported.emplace(lower_of(t)).second) break;
        findings.emit(p, tokens[i].start, next.end,
                      "Naamwoordstijl: \"" +
                          std::string(paragraph.text().substr(tokens[i].start, next.end - tokens[i].start)) +
                          "\". Maak er een zin met een werkwoord van: zeg wie wat doet.");
        i = verb + 1;
        break;
      }
      if (!is_adverb_like(lower_of(t))) break;
    }
  }
}

void NominalStyle::check_constructions(const sdk::Paragraph& paragraph, const helder_sentence& sentence, std::size_t p,
                                       sdk::Findings& findings) const {
  const auto tokens = paragraph.tokens_of(sentence);
  const std::size_t n = tokens.size();
  const std::string_view text = paragraph.text();
  std::vector<bool> used(n, false);  // a token belongs to at most one finding

  auto word_at = [&](std::size_t k) { return k < n && is_word(tokens[k]) ? lower_of(tokens[k]) : std::string_view(); };
  // True if every article or possessive in [from, to) follows a preposition, maybe with adjectives between:
  // "over uw aanvraag", "naar het nieuwe plan".
  auto only_prepositional_phrases = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      if (!is_determiner_or_preposition(word_at(k)) || is_preposition(word_at(k))) continue;
      std::size_t before = k;
      while (before > from && !is_preposition(word_at(before - 1)) && ends_with(word_at(before - 1), "e")) --before;
      if (before == from || !is_preposition(word_at(before - 1))) return false;
    }
    return true;
  };
  // A form of `v` starting at token k, written as in a subordinate clause (particle joined): "nemen",
  // "genomen", "te nemen", "neemt"; "indienen", "ingediend", "in te dienen", "indient". Sets the slot and
  // the last token of the form.
  auto joined_form_at = [&](const VerbForms& v, std::size_t k, Slot& slot, std::size_t& last) {
    const std::string_view w = word_at(k);
    if (w.empty()) return false;
    last = k;
    if (joined(w, v.particle, v.infinitive)) return slot = Slot::Infinitive, true;
    if (joined(w, v.particle, v.participle)) return slot = Slot::Participle, true;
    if (v.particle.empty() && w == "te" && word_at(k + 1) == v.infinitive)
      return slot = Slot::TeInfinitive, last = k + 1, true;
    if (!v.particle.empty() && w == v.particle && word_at(k + 1) == "te" && word_at(k + 2) == v.infinitive)
      return slot = Slot::TeInfinitive, last = k + 2, true;
    // "indien" is the conjunction, not "dien ... in".
    return w != "indien" && w.size() > v.particle.size() && w.starts_with(v.particle) &&
           finite_slot(v, w.substr(v.particle.size()), slot);
  };

  for (const Construction& c : constructions_) {
    const bool bare_noun = c.noun.size() == 1;
    for (std::size_t a = 0; a < n; ++a) {
      if (used[a] || !is_word(tokens[a]) || lower_of(tokens[a]) != c.noun[0]) continue;
      if ((tokens[a].flags & HELDER_TOKEN_CAPITALIZED) && !(tokens[a].flags & HELDER_TOKEN_SENTENCE_START)) continue;
      // The noun part, with up to two adjectives after an article: "een snel besluit", "een grote bijdrage".
      std::size_t k = a + 1, adjectives = 0;
      bool matched = true;
      for (std::size_t w = 1; w < c.noun.size() && matched; ++w) {
        while (w == 1 && is_article(c.noun[0]) && adjectives < 2 && word_at(k) != c.noun[w] && !word_at(k).empty() &&
               (ends_with(word_at(k), "e") || ends_with(word_at(k), "ig") || ends_with(word_at(k), "lijk")) &&
               !is_clause_boundary(paragraph, tokens[k])) {
          ++adjectives;
          ++k;
        }
        matched = word_at(k) == c.noun[w];
        ++k;
      }
      if (!matched) continue;
      const std::size_t a_end = k;  // one past the noun part
      if (a > 0 && is_word(tokens[a - 1])) {
        const std::string_view before = lower_of(tokens[a - 1]);
        // "wachten op een besluit", "het gebruik van": the noun is not the object of a support verb.
        if (is_article(c.noun[0]) ? is_determiner_or_preposition(before) && !is_article(before)
                                  : bare_noun && is_determiner_or_preposition(before))
          continue;
      }
      // The clause around the noun part.
      // At most max_reach tokens each way: a clause is never longer, and a run-on text stays linear.
      constexpr std::size_t max_reach = 20;
      std::size_t left = a, right = a_end;
      while (left > 0 && a - left < max_reach && !is_clause_boundary(paragraph, tokens[left - 1])) --left;
      while (right < n && right - a_end < max_reach && !is_clause_boundary(paragraph, tokens[right])) ++right;

      Slot slot = Slot::Infinitive;
      const VerbForms* verb = nullptr;
      std::size_t verb_first = 0, verb_last = 0;  // tokens of the verb form
      std::int64_t particle_at = -1;

      // An inflected participle right after the noun makes it an adjective phrase, and a later participle belongs
      // to something else: "ter beschikking gestelde informatie ... in staat gesteld".
      const std::string_view after_noun = word_at(a_end);
      if (std::any_of(c.verbs.begin(), c.verbs.end(), [&](const VerbForms& v) {
            return after_noun.size() > 1 && after_noun.back() == 'e' &&
                   joined(after_noun.substr(0, after_noun.size() - 1), v.particle, v.participle);
          }))
        continue;
      // 1. Right after the noun, in the order of a subordinate clause: "een besluit nemen/genomen/te nemen".
      for (const VerbForms& v : c.verbs)
        if (joined_form_at(v, a_end, slot, verb_last)) {
          verb = &v, verb_first = a_end;
          break;
        }
      const bool adjacent = verb != nullptr;
      // A separable verb with its particle at the end of the clause is another verb: "neemt ... over".
      const bool other_particle_at_end = right > a_end && is_particle(word_at(right - 1));
      // 2. A finite support verb right before the noun: "wij nemen een besluit".
      bool before = false;
      if (!verb && a > 0 && !other_particle_at_end)
        for (const VerbForms& v : c.verbs)
          if (v.particle.empty() && finite_slot(v, word_at(a - 1), slot)) {
            verb = &v, verb_first = verb_last = a - 1, before = true;
            break;
          }
      // 3. Anywhere in the clause: "wij nemen morgen een besluit", "wij dienen de aanvraag morgen in".
      for (std::size_t t = left; t < right && !verb; ++t) {
        if ((t >= a && t < a_end) || used[t] || word_at(t).empty()) continue;
        for (const VerbForms& v : c.verbs) {
          if (!v.particle.empty() && finite_slot(v, word_at(t), slot)) {
            // The particle after the verb, last in the clause or before a preposition: "dient ... in (bij)".
            for (std::size_t q = std::max(t + 1, a_end); q < right && !verb; ++q)
              if (word_at(q) == v.particle && (q + 1 == right || is_preposition_after_particle(word_at(q + 1))))
                verb = &v, verb_first = verb_last = t, particle_at = static_cast<std::int64_t>(q);
          } else if (joined_form_at(v, t, slot, verb_last)) {
            const bool finite = slot != Slot::Infinitive && slot != Slot::TeInfinitive && slot != Slot::Participle;
            if (v.particle.empty() && finite && other_particle_at_end && t < a) continue;
            // After the noun only prepositional phrases may come in between ("een besluit over uw aanvraag
            // genomen"); a new object belongs to another verb ("de mogelijkheid de vorm te geven").
            if (t > a_end && !only_prepositional_phrases(a_end, t)) continue;
            verb = &v, verb_first = t;
          }
          if (verb) break;
        }
      }
      if (!verb || (c.split_only && adjacent)) continue;

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
        std::string replacement = form_of(c.plain, slot);
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

  // A bare noun joined to its support verb as one word: "gebruikmaken", "kennisgenomen", "zorgdraagt".
  for (const Construction& c : constructions_) {
    if (c.noun.size() != 1) continue;
    const std::string& noun = c.noun[0];
    for (std::size_t t = 0; t < n; ++t) {
      const std::string_view w = word_at(t);
      if (used[t] || w.size() <= noun.size() || !w.starts_with(noun)) continue;
      const std::string_view rest = w.substr(noun.size());
      bool hit = false;
      for (const VerbForms& v : c.verbs) {
        Slot s;
        hit = hit || (v.particle.empty() && (rest == v.infinitive || rest == v.participle || finite_slot(v, rest, s)));
      }
      if (!hit) continue;
      const std::string advice =
          c.advice.empty() ? "Schrijf liever het werkwoord: \"" + c.plain_text + "\"." : c.advice;
      if (c.split_only) continue;
      findings.emit(p, tokens[t].start, tokens[t].end,
                    "Naamwoordstijl: \"" + std::string(paragraph.text_of(tokens[t])) + "\". " + advice);
      used[t] = true;
    }
  }
}

bool NominalStyle::is_process_noun(const helder_token& token) const {
  if (!is_word(token)) return false;
  if ((token.flags & HELDER_TOKEN_CAPITALIZED) && !(token.flags & HELDER_TOKEN_SENTENCE_START)) return false;
  const std::string_view w = lower_of(token);
  if (w.size() < 7 || !(ends_with(w, "ing") || ends_with(w, "atie")) || not_nominalised_.count(std::string(w)))
    return false;
  // Fixed phrases act as prepositions: "met betrekking tot", "in aanmerking voor", "van toepassing".
  if (w == "betrekking" || w == "aanmerking" || w == "overeenstemming" || w == "werkingtreding" ||
      w == "inwerkingtreding")
    return false;
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
  static constexpr auto links = std::to_array<std::string_view>({"van", "voor", "tot", "ter"});
  std::size_t i = 0;
  while (i < n) {
    if (!is_process_noun(tokens[i]) ||
        (lower_of(tokens[i]) == "toepassing" && i > 0 && lower_of(tokens[i - 1]) == "van")) {
      ++i;
      continue;
    }
    // Follow the chain: noun, link word, at most an article and two adjectives, the next noun.
    std::size_t last = i, length = 1;
    while (true) {
      std::size_t k = last + 1;
      if (k >= n || !is_word(tokens[k]) || !one_of(lower_of(tokens[k]), links)) break;
      ++k;
      std::size_t fillers = 0;
      while (k < n && fillers < 3 && is_word(tokens[k]) && !is_process_noun(tokens[k]) &&
             (is_article(lower_of(tokens[k])) || ends_with(lower_of(tokens[k]), "e"))) {
        ++k;
        ++fillers;
      }
      if (k >= n || !is_process_noun(tokens[k]) ||
          (lower_of(tokens[k - 1]) == "van" && lower_of(tokens[k]) == "toepassing"))
        break;
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
