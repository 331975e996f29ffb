// Dutch spelling rules for regular verbs and adjectives (see host/data/lexicon-nl/README.md). They work on the
// letters of the word only: which words are verbs, and where the rules give the wrong stem, is data.
#include <helder/verb_forms.hpp>

namespace helder {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }
bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }

// The last letter is a voiceless consonant of 't kofschip (t, k, f, s, ch, p, and x): past tense -te, else -de.
bool kofschip(std::string_view stem) {
  if (stem.empty()) return false;
  const char c = stem.back();
  if (c == 't' || c == 'k' || c == 'f' || c == 's' || c == 'p' || c == 'x') return true;
  return stem.ends_with("ch");
}

// Any vowel in s.
bool has_vowel(std::string_view s) {
  for (char c : s)
    if (is_vowel(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

// The stem before the v/z change; kofschip() looks at this one (leven -> lev -> leefde).
std::string underlying_stem(std::string_view infinitive) {
  std::string s(infinitive);
  if (s.ends_with("en") && s.size() > 2)
    s.resize(s.size() - 2);
  else if (s.ends_with("n") && s.size() > 1 && is_vowel(s[s.size() - 2]))
    s.resize(s.size() - 1);
  const std::size_t n = s.size();
  if (n >= 2 && s[n - 1] == s[n - 2] && is_consonant(s[n - 1])) {
    s.pop_back();  // zeggen -> zeg
    return s;
  }
  // A single vowel between consonants before the ending stood in an open syllable: it is long, so it is
  // written double in the closed stem (maken -> maak, adresseren -> adresseer). A schwa that stays single
  // (veranderen -> verander, openen -> open) cannot be told from the letters: verbs.tsv gives those stems.
  if (n >= 3 && is_consonant(s[n - 1]) && is_vowel(s[n - 2]) && s[n - 2] != 'i' && s[n - 2] != 'y' &&
      !is_vowel(s[n - 3]) && static_cast<unsigned char>(s[n - 3]) < 0x80) {
    const char v = s[n - 2], c = s[n - 1];
    if (c != 'w' && c != 'j' && c != 'h') s.insert(s.begin() + static_cast<std::ptrdiff_t>(n - 2), v);
  } else if (n == 2 && is_vowel(s[n - 2]) && is_consonant(s[n - 1])) {
    s.insert(s.begin(), s[0]);  // eten -> eet
  }
  return s;
}

std::string devoice_end(std::string s) {
  if (!s.empty() && s.back() == 'v') s.back() = 'f';
  if (!s.empty() && s.back() == 'z') s.back() = 's';
  return s;
}

// "ge" before a stem; a diaeresis where "ge" + vowel would read as one sound (geïnformeerd, geëvalueerd).
std::string with_ge(std::string_view stem) {
  if (stem.starts_with("e")) return "ge\xC3\xAB" + std::string(stem.substr(1));
  if (stem.starts_with("i") && !stem.starts_with("ij")) return "ge\xC3\xAF" + std::string(stem.substr(1));
  if (stem.starts_with("u") && !stem.starts_with("ui")) return "ge\xC3\xBC" + std::string(stem.substr(1));
  return "ge" + std::string(stem);
}

}  // namespace

bool is_unstressed_prefix(std::string_view prefix) {
  for (std::string_view p : {"be", "ge", "her", "ont", "ver", "mis", "er"})
    if (prefix == p) return true;
  return false;
}

bool has_unstressed_prefix(std::string_view infinitive) {
  for (std::string_view prefix : {"be", "ge", "her", "ont", "ver", "mis"})
    if (infinitive.starts_with(prefix) && infinitive.size() > prefix.size() + 3) return true;
  // er- (erkennen, ervaren), not "eren" itself
  return infinitive.starts_with("er") && infinitive.size() > 6 && is_consonant(infinitive[2]);
}

std::string regular_stem(std::string_view infinitive) { return devoice_end(underlying_stem(infinitive)); }

VerbForms regular_verb(std::string_view infinitive, std::string_view stem, bool no_ge) {
  VerbForms f;
  f.infinitive = std::string(infinitive);
  const std::string underlying = stem.empty() ? underlying_stem(infinitive) : std::string(stem);
  f.present_1 = stem.empty() ? devoice_end(underlying) : std::string(stem);
  // With a stem from the data (which is already devoiced), 't kofschip asks the infinitive: leven -> leefde.
  const bool voiceless = stem.empty() ? kofschip(underlying) : kofschip(underlying_stem(infinitive));
  const std::string& s = f.present_1;
  f.present_3 = s.ends_with("t") ? s : s + "t";
  const std::string past = voiceless ? "te" : "de";
  f.past_singular = s + past;
  f.past_plural = s + past + "n";
  const char end = voiceless ? 't' : 'd';
  std::string participle = s;
  if (participle.empty() || participle.back() != end) participle.push_back(end);
  f.participle = no_ge || has_unstressed_prefix(infinitive) ? participle : with_ge(participle);
  return f;
}

std::string inflect_adjective(std::string_view adjective) {
  std::string a(adjective);
  const std::size_t n = a.size();
  if (n < 2) return a;
  const char last = a[n - 1];
  // Ends in a vowel (oranje, prima; but mooi -> mooie) or -en after a consonant (gesloten, houten, open): no
  // ending. One-syllable words in -en are not such: groen -> groene.
  if (last == 'i' && is_vowel(a[n - 2])) return a + "e";
  if (is_vowel(last) || static_cast<unsigned char>(last) >= 0x80) return a;
  if (n >= 4 && a.ends_with("en") && is_consonant(a[n - 3]) && has_vowel(a.substr(0, n - 3))) return a;
  // Unstressed endings: duidelijk -> duidelijke, nodig -> nodige, praktisch -> praktische.
  if (a.ends_with("ig") || a.ends_with("lijk") || a.ends_with("isch")) return a + "e";
  // Schwa + l, r, m after an earlier vowel: simpel -> simpele, ander -> andere.
  if (n >= 3 && a[n - 2] == 'e' && (last == 'l' || last == 'r' || last == 'm') && is_consonant(a[n - 3]) &&
      has_vowel(a.substr(0, n - 3)))
    return a + "e";
  // A doubled long vowel before one consonant: the syllable opens, the vowel is written once (groot -> grote,
  // adequaat -> adequate, boos -> boze, braaf -> brave).
  if (n >= 3 && is_consonant(last) && is_vowel(a[n - 2]) && a[n - 2] == a[n - 3] && a[n - 2] != 'i') {
    std::string out = a.substr(0, n - 2);
    out.push_back(last == 'f' ? 'v' : last == 's' ? 'z' : last);
    return out + "e";
  }
  // A short vowel before one consonant: the consonant doubles (wit -> witte, snel -> snelle, vol -> volle).
  if (n >= 2 && is_consonant(last) && last != 'w' && last != 'j' && is_vowel(a[n - 2]) &&
      (n == 2 || !is_vowel(a[n - 3]))) {
    return a + last + "e";
  }
  // f and s after a long vowel or diphthong are voiced: lief -> lieve, wijs -> wijze, vies -> vieze.
  if ((last == 'f' || last == 's') && n >= 3 && (is_vowel(a[n - 2]) || a[n - 2] == 'j')) {
    a.back() = last == 'f' ? 'v' : 'z';
    return a + "e";
  }
  return a + "e";
}

}  // namespace helder
