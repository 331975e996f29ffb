#!/usr/bin/env python3
"""Generates host/data/lexicon-nl/verbs.tsv from the Hunspell nl dictionary, and checks the lexicon.

Usage:
  scripts/make-verb-list.py [--aff PATH] [--dic PATH] [--lexicon DIR] [--frequency PATH] [--check]
                            [--not-participle-candidates N]

What it does (see host/data/lexicon-nl/README.md for the formats and the spelling rules):
  1. Reads the OpenTaal Hunspell dictionary (nl.aff + nl.dic) and expands its affixes, without compounding,
     into the set of word forms it knows. libhunspell (through ctypes, when installed) is asked as well, for the
     "accepted" figures only: its compounding accepts more than the dictionary really knows.
  2. Takes the infinitives: entries with the flag `Vi`, and the separable-particle prefixes nl.dic applies to
     them with its `P?` flags (vragen/Pb -> aanvragen).
  3. Drops the verbs of irregular-verbs.tsv; a particle (class `particle` in words.tsv) or another word in
     front of a known verb makes a separable verb (`vast|stellen`) when nl.dic knows the participle with ge
     after that first part (vastgesteld); a particle-like prefix whose participle nl.dic knows without ge
     makes an `inseparable` verb (ondersteunen: ondersteund).
  4. Fills the `stem` column where the spelling rules give a stem nl.dic does not know while the other
     spelling (vowel doubled or not) is known, and the `zijn`/`both` flag from the table below.
  5. Writes verbs.tsv (sorted, one line per verb) and prints its checks: irregular forms unknown to nl.dic,
     words.tsv problems, generated forms nl.dic does not accept.
With --check nothing is written. With --not-participle-candidates N it prints the N most frequent words of the
frequency list that look like a participle but are no form of a verb of the lexicon (input for the hand-made
`not-participle` entries of words.tsv).

Python 3 standard library only.
"""

import argparse
import collections
import ctypes
import ctypes.util
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXICON = os.path.join(ROOT, "host", "data", "lexicon-nl")

CLASSES = {
    "article", "determiner", "pronoun", "preposition", "conjunction", "subordinator", "relative", "auxiliary",
    "copula", "particle", "negation", "degree", "adverb", "numeral", "comparative", "interjection", "state",
    "not-participle",
}
PERFECTS = {"hebben", "zijn", "both"}

# Prefixes without stress: their verbs take no ge- in the participle (README).
UNSTRESSED = ("be", "ge", "her", "ont", "ver", "er")
# Particles that also make inseparable verbs (ondersteunen, overwegen, voorkomen, doorstaan, omschrijven,
# misleiden, volbrengen, weerstaan). After any other particle a verb is separable unless nl.dic knows only the
# participle without ge (aanschouwd).
MAYBE_INSEPARABLE = {"onder", "over", "door", "voor", "om", "achter", "mis", "vol", "weer"}

# The perfect tense with "zijn" (or with either), for verbs of motion and change. The passive detector reads
# it: "is gegaan", "is gestegen" are no passives. A separable verb takes "zijn" from its base verb (aankomen as
# komen, uitgroeien as groeien) unless it is listed itself; it does not take "both" (intrekken: "de vergunning
# is ingetrokken" is a passive, though "trekken" has both). Irregular verbs have their own column in
# irregular-verbs.tsv.
PERFECT = {
    "zijn": """groeien dalen slagen lukken mislukken gebeuren geschieden ontsnappen verongelukken sneuvelen
        arriveren terugkeren ontwaken stranden belanden geraken ontploffen exploderen ontbranden ontkiemen
        verwelken verrotten verroesten opdrogen uitdrogen kelderen verarmen vereenzamen verwateren vergrijzen
        verdorren verkommeren verloederen ontaarden ontsporen ontvolken afstuderen wennen gewennen verjaren
        emigreren immigreren ontglippen opdagen verouderen verdampen
        toe|nemen op|staan af|lopen weg|lopen terug|lopen uit|breken aan|breken weg|rijden weg|trekken
        af|drijven weg|vliegen uit|vliegen toe|treden af|treden in|treden uit|treden terug|treden kwijt|raken
        op|raken af|raken uit|stappen in|stappen af|reizen af|zakken in|zakken weg|zakken""",
    "both": """veranderen verhuizen landen reizen vluchten eindigen zakken stoppen starten raken verdwalen
        verslechteren verbeteren verminderen vermeerderen verdubbelen halveren verdrievoudigen rennen fietsen
        wandelen stappen overstappen botsen scheuren barsten knappen rijpen afkoelen opwarmen ontdooien rotten
        roesten verkleuren herstellen trouwen promoveren vervreemden verzwakken verslappen verstedelijken
        verzuren ontvluchten keren
        af|nemen op|houden op|lopen uit|lopen door|lopen mee|lopen door|rijden terug|trekken op|trekken
        op|schieten op|springen in|springen bij|springen op|treden""",
    "hebben": """na|gaan aan|gaan tegen|gaan na|komen aan|vallen bij|vallen""",
}

# Lines nl.dic cannot give: a verb it lacks the flag Vi for, the separable twins of inseparable irregular verbs
# (voorkomen: voorkwam, voorkomen in irregular-verbs.tsv; voor|komen: kwam voor, voorgekomen here), and
# decisions the dictionary gets wrong.
# A line here replaces what the script would decide for that infinitive (doorstromen: officialese means
# "move on", doorgestroomd).
HAND_LINES = {
    "aanvaarden": ("aanvaarden", "inseparable", ""),
    "zorgdragen": ("zorg|dragen", "", ""),
    "voorkomen": ("voor|komen", "zijn", ""),
    "overkomen": ("over|komen", "zijn", ""),
    "ondergaan": ("onder|gaan", "zijn", ""),
    "doorbreken": ("door|breken", "zijn", ""),
    "doorlopen": ("door|lopen", "both", ""),
    "doorstromen": ("door|stromen", "zijn", ""),
}

# Verbs left out on purpose. Rare strong verbs whose forms are mostly other, much more frequent words (zin,
# zinnen, zon; negen; regen; zegen; toog; bedrijf, bedrijven), and nl.dic infinitives that are in practice the
# past tense of a strong verb (reden, sloten, vochten) or would make frequent words verb forms (waren: waarde).
# Better no verb at all than a wrong one.
EXCLUDED = set("""zinnen nijgen rijgen zijgen tijgen bedrijven waren hieuwen leken logen reden schoven sloten speten
    verwezen vochten bevochten""".split())


def fold(word):
    """The dictionary writes the ij ligature and the curly apostrophe; the lexicon does not."""
    return word.replace("\u0133", "ij").replace("\u0132", "IJ").replace("\u2019", "'")


class Dictionary:
    """The word forms of a Hunspell dictionary, by expanding its prefixes and suffixes (no compounding)."""

    def __init__(self, aff_path, dic_path):
        self.rules = {}
        with open(aff_path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        i = 0
        while i < len(lines):
            p = lines[i].split()
            if len(p) >= 4 and p[0] in ("PFX", "SFX") and p[2] in ("Y", "N") and p[3].isdigit():
                kind, flag, cross, count = p[0], p[1], p[2] == "Y", int(p[3])
                entries = []
                for q in (lines[i + j].split() for j in range(1, count + 1)):
                    strip = "" if q[2] == "0" else fold(q[2])
                    add = fold(q[3].split("/", 1)[0])
                    add = "" if add == "0" else add
                    cond = fold(q[4]) if len(q) > 4 else "."
                    pattern = re.compile("^" + cond if kind == "PFX" else cond + "$")
                    entries.append((strip, add, pattern))
                self.rules[flag] = (kind, cross, entries)
                i += count + 1
            else:
                i += 1
        self.roots = collections.defaultdict(set)  # word -> flags of all its entries
        forbidden = set()
        with open(dic_path, encoding="utf-8") as f:
            next(f)
            for line in f:
                line = line.rstrip("\n")
                if not line:
                    continue
                word, _, flags = line.partition("/")
                flags = flags.split()[0] if flags else ""
                flag_set = {flags[k:k + 2] for k in range(0, len(flags), 2)}
                word = fold(word)
                if "Fw" in flag_set:
                    forbidden.add(word)
                    continue
                self.roots[word] |= flag_set
        self.forms = set()
        for word, flags in self.roots.items():
            if "Cx" in flags:  # only inside compounds
                continue
            self.forms.add(word)
            suffixed = []
            for flag in flags:
                rule = self.rules.get(flag)
                if rule and rule[0] == "SFX":
                    for form in self.apply(rule, word):
                        self.forms.add(form)
                        if rule[1]:
                            suffixed.append(form)
            for flag in flags:
                rule = self.rules.get(flag)
                if rule and rule[0] == "PFX":
                    for form in self.apply(rule, word):
                        self.forms.add(form)
                    if rule[1]:
                        for s in suffixed:
                            self.forms.update(self.apply(rule, s))
        self.forms -= forbidden
        self.lower_forms = {w.lower() for w in self.forms}
        self.speller = None
        name = ctypes.util.find_library("hunspell-1.7") or ctypes.util.find_library("hunspell")
        if name:
            try:
                lib = ctypes.CDLL(name)
                lib.Hunspell_create.restype = ctypes.c_void_p
                lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
                lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
                handle = lib.Hunspell_create(aff_path.encode(), dic_path.encode())
                self.speller = lambda w: lib.Hunspell_spell(handle, w.encode("utf-8")) != 0
            except OSError:
                self.speller = None

    @staticmethod
    def apply(rule, word):
        kind, _, entries = rule
        out = []
        for strip, add, pattern in entries:
            if not pattern.search(word):
                continue
            if kind == "SFX":
                if word.endswith(strip):
                    out.append(word[:len(word) - len(strip)] + add)
            elif word.startswith(strip):
                out.append(add + word[len(strip):])
        return out

    def prefix_of(self, flag):
        """The particle a `P?` prefix flag adds (Pb -> aan), or None."""
        rule = self.rules.get(flag)
        if not rule or rule[0] != "PFX" or not flag.startswith("P") or len(rule[2]) != 1:
            return None
        strip, add, _ = rule[2][0]
        return add if not strip else None

    def knows(self, word):
        return word in self.lower_forms

    def accepts(self, word):
        """Known, or accepted by Hunspell itself (compounds included)."""
        return self.knows(word) or (self.speller is not None and self.speller(word))

    def is_root(self, word):
        return word in self.roots


# ---- the spelling rules of README.md ----------------------------------------------------------------------

VOWELS = "aeiouy"
VOICELESS_ENDS = ("t", "k", "f", "s", "ch", "p")  # 't kofschip


def raw_stem(infinitive):
    """Infinitive minus -en (-n after a vowel), a doubled end consonant made single. (None, False) when the
    word does not end in -n."""
    if infinitive.endswith("ën") and len(infinitive) > 3:  # skiën, beoliën
        raw = infinitive[:-2]
    elif infinitive.endswith("en") and len(infinitive) > 3:
        raw = infinitive[:-2]
    elif infinitive.endswith("n") and len(infinitive) > 2 and infinitive[-2] in VOWELS:  # gaan, doen
        raw = infinitive[:-1]
    else:
        return None, False
    doubled = len(raw) >= 2 and raw[-1] == raw[-2] and raw[-1] not in VOWELS
    if doubled:
        raw = raw[:-1]
    return raw, doubled


# Two vowel letters that make one vowel: the second of them is no single vowel (zeilen, groeten, fluiten).
DIGRAPHS = {"aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui", "ou", "au", "ei"}


def open_syllable(raw):
    """A single vowel (a, e, o, u; Dutch never writes "ii") between a consonant and one end consonant:
    maken -> mak-, accentueren -> accentuer-. "qu" counts as a consonant (attaqueren)."""
    n = len(raw)
    if n < 2 or raw[-1] in VOWELS or raw[-2] not in "aeou":
        return False
    if n == 2 or raw[-3] not in VOWELS:
        return True
    return raw[-3:-1] not in DIGRAPHS or (raw[-3] == "u" and n >= 4 and raw[-4] == "q")


def final_fs(stem):
    if stem.endswith("v"):
        return stem[:-1] + "f"
    if stem.endswith("z"):
        return stem[:-1] + "s"
    return stem


def regular_stem(infinitive):
    """The README rules: -en off, a doubled consonant single, the vowel of an open syllable doubled, v/z at
    the end f/s."""
    raw, doubled = raw_stem(infinitive)
    if raw is None:
        return None
    if not doubled and open_syllable(raw):
        raw = raw[:-1] + raw[-2] + raw[-1]
    return final_fs(raw)


def other_stems(infinitive):
    """Other spellings of the stem than the rules give: the vowel not doubled (tekenen -> teken), doubled after
    a trema (creëren -> creëer, ambiëren -> ambieer), or the -n only off (beoliën -> beolie)."""
    raw, doubled = raw_stem(infinitive)
    if raw is None or doubled:
        return []
    rule = regular_stem(infinitive)
    others = []
    if open_syllable(raw):
        others.append(raw)
    if len(raw) >= 3 and raw[-2] == "ë" and raw[-1] not in VOWELS:
        others.append(raw[:-2] + ("ee" if raw[-3] == "i" else "ëe") + raw[-1])
    if infinitive.endswith("iën"):
        others.append(raw + "e")
    return [o for o in (final_fs(o) for o in others) if o != rule]


def has_unstressed_prefix(infinitive):
    return any(infinitive.startswith(p) and len(infinitive) > len(p) + 3 for p in UNSTRESSED)


def with_ge(stem):
    """ge- before a stem; geë-, geï-, geü- before e, i, u (geëist, geïnd), but not before ij, ui (geijkt, geuit)."""
    if stem[:1] in ("e", "i", "u") and not stem.startswith(("ij", "ui")):
        return "ge" + {"e": "ë", "i": "ï", "u": "ü"}[stem[0]] + stem[1:]
    return "ge" + stem


def regular_forms(infinitive, stem=None, no_ge=False):
    """[present-1, present-3, past singular, past plural, participle] of a regular verb (no particle)."""
    raw, _ = raw_stem(infinitive)
    stem = stem or regular_stem(infinitive)
    if raw is None or not stem:
        return None
    present_3 = stem if stem.endswith("t") else stem + "t"
    # 't kofschip looks at the stem before v/z became f/s (leven -> leefde, reizen -> reisde).
    before_change = stem[:-1] + raw[-1] if raw[-1] in "vz" and stem[-1] in "fs" else stem
    voiceless = before_change.endswith(VOICELESS_ENDS)
    past = stem + ("te" if voiceless else "de")
    ending = "" if stem.endswith(("t", "d")) else "t" if voiceless else "d"
    participle = stem + ending if (no_ge or has_unstressed_prefix(infinitive)) else with_ge(stem) + ending
    return [stem, present_3, past, past + "n", participle]


# ---- the lexicon files -------------------------------------------------------------------------------------

def data_lines(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield number, line


def read_words(path, problems):
    words = {}
    for number, line in data_lines(path):
        fields = line.split("\t")
        if len(fields) != 2:
            problems.append(f"words.tsv:{number}: expected 2 fields: {line!r}")
            continue
        form, classes = fields
        if form != form.lower() or form != form.strip() or not form:
            problems.append(f"words.tsv:{number}: form not in lower case or with spaces: {form!r}")
        class_list = classes.split(",")
        for c in class_list:
            if c not in CLASSES:
                problems.append(f"words.tsv:{number}: unknown class {c!r}")
        if len(set(class_list)) != len(class_list):
            problems.append(f"words.tsv:{number}: a class twice: {line!r}")
        if form in words:
            problems.append(f"words.tsv:{number}: {form!r} is on more than one line")
        words[form] = set(class_list)
    return words


def read_irregular(path, problems):
    verbs = {}
    for number, line in data_lines(path):
        fields = line.split("\t")
        if len(fields) != 7:
            problems.append(f"irregular-verbs.tsv:{number}: expected 7 fields: {line!r}")
            continue
        if fields[6] not in PERFECTS:
            problems.append(f"irregular-verbs.tsv:{number}: perfect must be hebben, zijn or both: {line!r}")
        if fields[0] in verbs:
            problems.append(f"irregular-verbs.tsv:{number}: {fields[0]!r} twice")
        verbs[fields[0]] = fields
    return verbs


# ---- building verbs.tsv --------------------------------------------------------------------------------------

def perfect_table():
    table = {}
    for perfect, words in PERFECT.items():
        for w in words.split():
            table[w.replace("|", "")] = perfect
    return table


def collect_infinitives(d):
    """Infinitives of nl.dic: `Vi` entries, and the particle prefixes it puts before them (P? flags). nl.dic
    gives an entry the P? flags of its homographs too (braken/PbVi from the past tense of breken: aanbraken),
    so the second set, the prefixed ones, need a participle nl.dic knows before they count."""
    infinitives, prefixed = set(), set()
    for word, flags in d.roots.items():
        if "Vi" not in flags:
            continue
        word = word.lower()
        if not re.fullmatch(r"[a-zäëïöüéèêàç'-]+", word) or word.startswith("-") or word.endswith("-"):
            continue
        infinitives.add(word)
        for flag in flags:
            particle = d.prefix_of(flag)
            if particle and particle + word not in d.roots:
                prefixed.add(particle + word)
    return infinitives, prefixed - infinitives


def build(d, words, irregular, frequency_path):
    """The lines of verbs.tsv: {infinitive: (infinitive with bar, flags, stem)}, counts and lists to report."""
    # Particles of words.tsv, and the prefixes that look like one but may stay joined (weerleggen, misleiden).
    particles = sorted({w for w, c in words.items() if "particle" in c} | MAYBE_INSEPARABLE, key=len, reverse=True)
    own, prefixed = collect_infinitives(d)
    infinitives = (own | prefixed | set(irregular)) - EXCLUDED
    # nl.dic infinitives that are also a past tense of a strong verb (braken, zagen): the P? flags on them may
    # belong to that past tense (aanbraken), so their prefixed forms need a known participle.
    past_forms = {f for row in irregular.values() for f in row[1:6]}
    suspicious = {w for w in prefixed if any(w.startswith(p) and w[len(p):] in past_forms for p in particles)}
    frequency = read_frequency(frequency_path)
    perfect_of = perfect_table()
    stats = collections.Counter()
    listings = collections.defaultdict(list)
    stem_cache = {}
    decided = {}  # infinitive -> line, or None when left out; shorter verbs first, so a base is decided

    def known_forms(infinitive, stem):
        """How many of the forms made with this stem nl.dic knows (present, past, participle)."""
        forms = regular_forms(infinitive, stem)
        if not forms:
            return 0
        score = sum(1 for f in forms[1:4] if d.knows(f)) + ("V3" in d.roots.get(stem, ()))
        plain = regular_forms(infinitive, stem, no_ge=True)[4]
        return score + (d.knows(forms[4]) or d.knows(plain))

    def best_stem(infinitive):
        """(stem, needs the column): the rules' stem, or another spelling when nl.dic knows more of its forms."""
        if infinitive not in stem_cache:
            rule = regular_stem(infinitive)
            result = (rule, False)
            if rule:
                best = known_forms(infinitive, rule)
                for other in other_stems(infinitive):
                    score = known_forms(infinitive, other)
                    if score > best:
                        result, best = (other, True), score
            stem_cache[infinitive] = result
        return stem_cache[infinitive]

    def forms_of(verb):
        """[present-1, present-3, past sg, past pl, participle] of a verb of the lexicon, particle joined."""
        if verb in irregular:
            return irregular[verb][1:6]
        line = decided.get(verb)
        if line is not None:
            return forms_of_line(line, irregular)[1:]
        return regular_forms(verb, best_stem(verb)[0])

    def separable_line(verb):
        line = decided.get(verb)
        return line if line is not None and "|" in line[0] else None

    def perfect(infinitive, base=None):
        """The perfect of a verb: its own entry, else "zijn" when its base verb has only "zijn"."""
        if infinitive in perfect_of:
            return perfect_of[infinitive]
        if base is None:
            return "hebben"
        if base in irregular:
            return "zijn" if irregular[base][6] == "zijn" else "hebben"
        if decided.get(base) and decided[base][1].split(",")[0] == "zijn":
            return "zijn"
        return "zijn" if perfect_of.get(base) == "zijn" else "hebben"

    def is_verb(word):
        return len(word) >= 3 and word in infinitives and raw_stem(word)[0] is not None and \
            decided.get(word, True) is not None

    def participles(first, base):
        """(with ge after the first part, without ge) for first + base; equal when the base takes no ge."""
        participle = forms_of(base)[4]
        if separable_line(base) or not participle.startswith("ge") or \
                (base not in irregular and has_unstressed_prefix(base)):
            return first + participle, first + participle
        if base in irregular:
            return first + participle, first + participle[2:]
        plain = regular_forms(base, best_stem(base)[0], no_ge=True)[4]
        return first + participle, first + plain

    def participle_entry(word):
        """nl.dic has the word as a participle entry of its own (flag Ve: vastgesteld/Ve, ondersteund/Ve)."""
        return "Ve" in d.roots.get(word, ())

    def whole_participle(infinitive):
        """The participle of the whole word as one simple verb (geïnformeerd, not in + geformeerd), when nl.dic
        knows it as a participle: an entry of its own, or known and unlike the present tense (bekendmaakt is
        the present tense of bekend|maken, not the participle of be-kendmaken)."""
        forms = regular_forms(infinitive, best_stem(infinitive)[0])
        if not forms:
            return None
        if participle_entry(forms[4]) or (d.knows(forms[4]) and forms[4] not in forms[:4]):
            return forms[4]
        return None

    def split_particle(infinitive):
        """(particle, base, inseparable) for a particle of words.tsv before a verb; None; or "skip"."""
        for particle in particles:
            base = infinitive[len(particle):]
            if not infinitive.startswith(particle) or not is_verb(base) or not forms_of(base):
                continue
            sep, insep = participles(particle, base)
            others = {particle + f for f in forms_of(base)[:4]} | {infinitive}
            knows_sep = d.knows(sep)
            # Without ge the participle may equal another form (overwogen = over + wogen): no evidence then.
            # A participle entry of its own (flag Ve: onderdrukt/Ve) counts even where it looks like another form.
            knows_insep = insep != sep and ((d.knows(insep) and insep not in others) or participle_entry(insep))
            whole = whole_participle(infinitive)
            if not knows_sep and whole and whole not in (sep, insep):
                stats["particle-like start, but one simple verb (informeren: geïnformeerd)"] += 1
                return None
            if infinitive in suspicious and not knows_sep and not knows_insep:
                listings["prefixed by a P? flag of nl.dic on a past tense, no participle known (left out)"].append(
                    infinitive)
                return "skip"
            if sep == insep:  # toevertrouwen, aanbevelen: no ge either way; overbelasten stays joined
                inseparable = particle in ("over", "onder") and not separable_line(base)
                stats["base without ge: " + ("inseparable (over-, onder-)" if inseparable else "separable")] += 1
                return particle, base, inseparable
            if particle not in MAYBE_INSEPARABLE:
                if knows_insep and not knows_sep:
                    stats["inseparable: nl.dic knows the participle without ge only"] += 1
                    return particle, base, True
                stats["separable: particle that is seldom inseparable"] += 1
                if not knows_sep:
                    listings["separable, participle unknown to nl.dic"].append(particle + "|" + base)
                return particle, base, False
            if knows_insep and not knows_sep:
                stats["inseparable: nl.dic knows the participle without ge only"] += 1
                return particle, base, True
            if knows_sep and not knows_insep:
                stats["separable: nl.dic knows the participle with ge only"] += 1
                return particle, base, False
            if knows_sep and knows_insep:
                # nl.dic glues its P? prefixes on every form, so one of the two may be generated. A participle
                # entry of its own (Ve) decides; a strong participle without ge is often a noun too (onderdaan):
                # separable. Else the more frequent one in
                # the frequency list decides (ondertekend, not ondergetekend); else an entry of its own
                # (ondersteund/Ve); else separable.
                if participle_entry(insep) != participle_entry(sep):
                    inseparable = participle_entry(insep)
                elif base in irregular:
                    inseparable = False
                elif frequency.get(insep, 0) != frequency.get(sep, 0):
                    inseparable = frequency.get(insep, 0) > frequency.get(sep, 0)
                else:
                    inseparable = d.is_root(insep) and not d.is_root(sep)
                stats["both participles known: decided by frequency or dictionary entries"] += 1
                listings["both participles known"].append(infinitive + ("(inseparable)" if inseparable else ""))
                return particle, base, inseparable
            # Neither: nl.dic has the separable participles of these particles; none means inseparable
            # (onderzoeken: onderzocht is also the past tense).
            stats["inseparable: no participle with ge in nl.dic"] += 1
            listings["inseparable for want of a participle with ge"].append(infinitive)
            return particle, base, True
        return None

    def split_other(infinitive):
        """Another word before a verb, when nl.dic has the participle with ge after it as an entry of its own:
        teleurgesteld, veiliggesteld, plaatsgevonden, ademgehaald."""
        if whole_participle(infinitive):
            return None
        for cut in range(2, len(infinitive) - 3):
            first, base = infinitive[:cut], infinitive[cut:]
            if first in UNSTRESSED or first == "mis" or base in EXCLUDED or raw_stem(base)[0] is None:
                continue
            if not is_verb(base):
                # A base that is no verb on its own (in|burgeren, op|helderen): only with a participle entry.
                if base in irregular or has_unstressed_prefix(base) or first not in particles:
                    continue
                sep = first + with_ge(regular_forms(base, best_stem(base)[0], no_ge=True)[4])
                if participle_entry(sep):
                    stats["separable: particle before a base that is no verb of its own"] += 1
                    listings["separable, base no verb of its own"].append(first + "|" + base)
                    return first, base
                continue
            if not forms_of(base):
                continue
            sep, insep = participles(first, base)
            if sep != insep and d.is_root(sep):
                stats["separable: first part is no particle"] += 1
                listings["separable with a first part that is no particle"].append(first + "|" + base)
                return first, base
        return None

    def decide(infinitive):
        split = split_particle(infinitive)
        if split == "skip":
            return None
        if split is None and infinitive in suspicious:
            listings["prefixed by a P? flag of nl.dic on a past tense, no participle known (left out)"].append(
                infinitive)
            return None
        if split is None:
            other = split_other(infinitive)
            split = (other[0], other[1], False) if other else None
        if split is not None and not split[2]:
            first, base, _ = split
            nested = separable_line(base)
            if decided.get(base) and "inseparable" in decided[base][1].split(","):
                # mede + ondertekenen (inseparable): the host makes the forms of a base from its own line
                # only, so the whole stays one word: medeondertekenen, medeondertekend.
                stats["joined: first part before an inseparable verb"] += 1
                return infinitive, decided[base][1], decided[base][2] and first + decided[base][2]
            if nested:  # voor + af|gaan -> vooraf|gaan
                inner_first, _, inner_base = nested[0].partition("|")
                return first + inner_first + "|" + inner_base, nested[1], nested[2]
            stem = ""
            if base not in irregular:
                stem, override = best_stem(base)
                stem = stem if override else ""
            kind = perfect(infinitive, base)
            return first + "|" + base, "" if kind == "hebben" else kind, stem
        if split is not None and split[1] in irregular:
            # onderscheppen (onderschept) is a regular verb, not a compound of scheppen (schiep)
            stem, _ = best_stem(infinitive)
            if not d.knows(regular_forms(infinitive, stem, no_ge=True)[4]) or d.knows(participles(*split[:2])[1]):
                listings["inseparable compound of an irregular verb, not in irregular-verbs.tsv (left out)"].append(
                    infinitive)
                return None
        # A simple verb, or one with an unstressed or inseparable prefix.
        stem, override = best_stem(infinitive)
        forms = regular_forms(infinitive, stem)
        for prefix in UNSTRESSED + ("mis",):
            if infinitive.startswith(prefix) and infinitive[len(prefix):] in irregular:
                if not d.knows(forms[4]):  # ontmoeten (ontmoet) is regular, bevriezen is not
                    listings["inseparable compound of an irregular verb, not in irregular-verbs.tsv (left out)"]\
                        .append(infinitive)
                    return None
                break
        flags = []
        kind = perfect(infinitive, split[1] if split else None)
        if kind != "hebben":
            flags.append(kind)
        if split is not None:
            flags.append("inseparable")
        else:
            plain = regular_forms(infinitive, stem, no_ge=True)
            if plain[4] != forms[4] and not d.knows(forms[4]) and d.knows(plain[4]) and plain[4] != plain[1]:
                # aanvaarden (aanvaard), overhandigen (overhandigd): no ge-, though the rest is no verb.
                flags.append("inseparable")
                stats["inseparable: nl.dic knows the participle without ge only"] += 1
            elif infinitive.startswith("mis") and not has_unstressed_prefix(infinitive) and \
                    d.knows(plain[4]) and not d.knows(forms[4]):
                flags.append("inseparable")  # misbruikt, misleid: mis- takes no ge-
                stats["inseparable: mis-"] += 1
            elif has_unstressed_prefix(infinitive):
                with_prefix = with_ge(forms[4])
                if (d.knows(with_prefix) and not d.knows(forms[4])) or \
                        ("Ve" in d.roots.get(with_prefix, ()) and "Ve" not in d.roots.get(forms[4], ())):
                    listings["looks prefixed, but nl.dic knows the participle with ge (the rules give it "
                             "without)"].append(f"{infinitive}: {with_prefix}")
        return infinitive, ",".join(flags), stem if override else ""

    for infinitive in sorted(infinitives, key=lambda w: (len(w), w)):
        if infinitive in irregular:
            stats["in irregular-verbs.tsv (not repeated)"] += 1
            continue
        if raw_stem(infinitive)[0] is None:
            listings["no infinitive ending (left out)"].append(infinitive)
            decided[infinitive] = None
            continue
        if any(infinitive.endswith(e) and infinitive[:-len(e)] in particles for e in EXCLUDED):
            stats["left out: compound of a verb left out on purpose"] += 1
            decided[infinitive] = None
            continue
        decided[infinitive] = decide(infinitive)
    # Infinitives nl.dic has without the flag Vi, found from its participle entries (bekendgemaakt/Ve ->
    # bekendmaken, afgebeeld/Ve -> afbeelden): a candidate must be an entry of nl.dic and give that participle.
    made = {forms_of_line(line, irregular)[5] for line in decided.values() if line}
    made |= {row[5] for row in irregular.values()}
    for participle in sorted(w for w, f in d.roots.items() if "Ve" in f and w.islower() and w not in made):
        for candidate, root_only in infinitives_for(participle):
            if root_only and not d.is_root(candidate):
                continue
            if candidate in decided or candidate in irregular or candidate in EXCLUDED or not d.knows(candidate) \
                    or candidate == participle + "en":  # benieuwden is a past tense
                continue
            line = decide(candidate)
            if line and forms_of_line(line, irregular)[5] == participle:
                decided[candidate] = line
                stats["found from a participle entry (no Vi flag in nl.dic)"] += 1
                listings["found from a participle entry (no Vi flag in nl.dic)"].append(line[0])
                break
    lines = {k: v for k, v in decided.items() if v is not None}
    for key, line in HAND_LINES.items():
        lines[key] = line
        stats["by hand (HAND_LINES)"] += 1
    stats["left out on purpose (EXCLUDED)"] = len(EXCLUDED)
    stats["stem override"] = sum(1 for line in lines.values() if line[2])
    return lines, stats, listings


def infinitives_for(participle):
    """Infinitives that may have this participle: with ge taken out after any first part (afgebeeld ->
    afbeelden), or as it is (aanvaard -> aanvaarden); the stem spelled every way the rules allow."""
    untrema = {"ë": "e", "ï": "i", "ü": "u"}
    splits = [] if "ge" in participle else [("", participle)]
    at = participle.find("ge", 1)  # ge after a first part only: a verb with ge- in front has its Vi flag
    while at >= 0:
        rest = participle[at + 2:]
        if rest:
            splits.append((participle[:at], untrema.get(rest[0], rest[0]) + rest[1:]))
        at = participle.find("ge", at + 1)
    out = []
    for first, rest in splits:
        if not rest.endswith(("d", "t")):
            continue
        for stem in (rest[:-1], rest):
            if len(stem) < 2:
                continue
            if stem == rest and not first:
                continue
            keep_root_only = stem == rest  # ingekerfd -> inkerfden would be the past tense
            spellings = {stem}
            if stem[-1] == "f":
                spellings.add(stem[:-1] + "v")
            if stem[-1] == "s":
                spellings.add(stem[:-1] + "z")
            for sp in list(spellings):
                if len(sp) >= 3 and sp[-2] == sp[-3] and sp[-2] in "aeou":
                    spellings.add(sp[:-3] + sp[-2] + sp[-1])  # maak -> mak(en)
                elif len(sp) >= 2 and sp[-1] not in VOWELS:
                    spellings.add(sp + sp[-1])  # stel -> stell(en)
            out.extend((first + sp + "en", keep_root_only) for sp in sorted(spellings))
    return out


def forms_of_line(line, irregular):
    """The forms the host makes of one verbs.tsv line, as in a subordinate clause (particle joined)."""
    infinitive, flags, stem = line
    first, _, base = infinitive.rpartition("|")
    if base in irregular and first:
        row = irregular[base]
        participle = row[5]
        return [first + base] + [first + f for f in row[1:5]] + [first + participle]
    forms = regular_forms(base, stem or None, no_ge="inseparable" in flags.split(","))
    if not forms:
        return None
    if first:
        participle = forms[4]
        forms = [first + f for f in forms[:4]] + [first + participle]
    return [first + base] + forms


def drop_rare_homographs(lines, irregular, frequency):
    """Marks as `rare` a verb that no form of is in the frequency list when one of its forms is also a form of a verb
    that is in use: "gelukt" is of lukken, not of the archaic gelukken; "bezat" of bezitten, not of bezatten.
    The host then reads a shared form as the verb in use. Without the frequency list nothing is marked."""
    if not frequency:
        return
    owners = collections.defaultdict(set)
    forms = {}
    for key, line in lines.items():
        fl = forms_of_line(line, irregular)
        if fl:
            forms[key] = fl
            for f in fl:
                owners[f].add(key)
    for row in irregular.values():
        for f in row[:6]:
            owners[f].add("irregular:" + row[0])

    def in_use(key):
        if key.startswith("irregular:"):
            return True
        # The infinitive only: other forms are often nouns too ("geluk" is no sign that gelukken is in use).
        fl = forms.get(key, [])
        return bool(fl) and frequency.get(fl[0], 0) > 0

    dropped = []
    for key, fl in forms.items():
        if in_use(key):
            continue
        if any(other != key and in_use(other) for f in fl for other in owners[f]):
            dropped.append(key)
    for key in dropped:
        infinitive, flags, stem = lines[key]
        lines[key] = (infinitive, ",".join(f for f in (flags, "rare") if f), stem)
    print(f"marked {len(dropped)} rare verbs whose forms are forms of a verb in use: " + " ".join(sorted(dropped)[:60]))


def read_frequency(path):
    """{word: count} of the frequency list, {} when it is not there."""
    counts = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2 and parts[1].isdigit():
                    counts[parts[0]] = int(parts[1])
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--aff", default="/usr/share/hunspell/nl.aff")
    parser.add_argument("--dic", default="/usr/share/hunspell/nl.dic")
    parser.add_argument("--lexicon", default=LEXICON)
    parser.add_argument("--frequency", default="/work/shared/data/lists/hermitdave_opensubtitles2018_nl_50k.txt")
    parser.add_argument("--check", action="store_true", help="check only, write nothing")
    parser.add_argument("--not-participle-candidates", type=int, default=0, metavar="N")
    args = parser.parse_args()

    problems = []
    d = Dictionary(args.aff, args.dic)
    print(f"nl.dic: {len(d.roots)} entries, {len(d.forms)} forms after affix expansion"
          f"{'' if d.speller else ' (libhunspell not found: accepted = known)'}")
    words = read_words(os.path.join(args.lexicon, "words.tsv"), problems)
    irregular = read_irregular(os.path.join(args.lexicon, "irregular-verbs.tsv"), problems)

    # Check: every form of irregular-verbs.tsv is a headword of nl.dic or accepted by it.
    unknown = []
    for row in irregular.values():
        for form in row[:6]:
            if form != "-" and not d.accepts(form):
                unknown.append(f"{row[0]}: {form}")
    print(f"irregular-verbs.tsv: {len(irregular)} verbs; forms unknown to nl.dic: {len(unknown)}")
    for u in unknown:
        print("  " + u)

    lines, stats, listings = build(d, words, irregular, args.frequency)
    print(f"verbs.tsv: {len(lines)} verbs")
    for key, value in sorted(stats.items()):
        print(f"  {key}: {value}")

    # Check: the forms the host will make are words nl.dic knows. A separable verb's finite forms are checked
    # without the particle (stelt ... vast): nl.dic knows "vaststelt" only for some particles.
    checked = collections.Counter()
    not_accepted = collections.defaultdict(list)
    names = ["present-1", "present-3", "past singular", "past plural", "participle"]
    for line in lines.values():
        forms = forms_of_line(line, irregular)
        if not forms:
            continue
        first = line[0].rpartition("|")[0]
        for index, (name, form) in enumerate(zip(names, forms[1:])):
            if first and index < 4:
                form = form[len(first):]
            checked[name] += 1
            if d.accepts(form):
                checked[name + " accepted"] += 1
            else:
                not_accepted[name].append(f"{line[0]}: {form}")
    for name in names:
        print(f"  generated {name} forms nl.dic accepts: {checked[name + ' accepted']} of {checked[name]}")
    participles_accepted = (checked["participle accepted"], checked["participle"])

    # Check: the classes of words.tsv against the verbs.
    verb_forms = collections.defaultdict(set)
    for row in irregular.values():
        for name, form in zip(["infinitive"] + names, row[:6]):
            verb_forms[form].add(name)
    for line in lines.values():
        forms = forms_of_line(line, irregular)
        if forms:
            for name, form in zip(["infinitive"] + names, forms):
                verb_forms[form].add(name)
    zijn_participles = {row[5] for row in irregular.values() if row[6] != "hebben"}
    for line in lines.values():
        if line[1].split(",")[0] in ("zijn", "both"):
            forms = forms_of_line(line, irregular)
            if forms:
                zijn_participles.add(forms[5])
    state_and_zijn = []
    for form, classes in sorted(words.items()):
        if "not-participle" in classes and "participle" in verb_forms.get(form, ()):
            problems.append(f"words.tsv: {form!r} is not-participle but is the participle of a verb")
        if "not-participle" in classes and "state" in classes:
            problems.append(f"words.tsv: {form!r} is both state and not-participle")
        if "state" in classes and form in zijn_participles:
            state_and_zijn.append(form)

    print(f"state words that are also the participle of a verb with its perfect in zijn: {len(state_and_zijn)}"
          f" ({' '.join(state_and_zijn)})")
    for title, items in sorted(listings.items()):
        print(f"{title}: {len(items)}")
        print("  " + " ".join(sorted(items)[:400]))
    for name, items in not_accepted.items():
        print(f"generated {name} forms nl.dic does not accept: {len(items)}")
        print("  " + " ".join(sorted(items)[:200]))

    if args.not_participle_candidates:
        print_not_participle_candidates(args, d, words, verb_forms)

    for p in problems:
        print("PROBLEM: " + p)
    if args.check:
        return 1 if problems else 0

    drop_rare_homographs(lines, irregular, read_frequency(args.frequency))

    overrides = sum(1 for line in lines.values() if line[2])
    out = os.path.join(args.lexicon, "verbs.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Dutch verbs whose forms follow the spelling rules (format: README.md in this directory).\n")
        f.write("# GENERATED by scripts/make-verb-list.py from the OpenTaal Hunspell nl dictionary\n")
        f.write("# (/usr/share/hunspell/nl.dic, package hunspell-nl), words.tsv and irregular-verbs.tsv.\n")
        f.write("# Do not edit: change the script, words.tsv or irregular-verbs.tsv and run\n")
        f.write("#   python3 scripts/make-verb-list.py\n")
        f.write(f"# {len(lines)} verbs; {overrides} need a stem override (the rules' stem is unknown to nl.dic, "
                "the other spelling is known);\n")
        f.write(f"# nl.dic accepts {participles_accepted[0]} of the {participles_accepted[1]} generated "
                "participles.\n")
        for key in sorted(lines, key=lambda k: lines[k][0].replace("|", "")):
            infinitive, flags, stem = lines[key]
            fields = [infinitive, flags, stem]
            while len(fields) > 1 and not fields[-1]:
                fields.pop()
            f.write("\t".join(fields) + "\n")
    print(f"wrote {out}")
    return 1 if problems else 0


def participle_shaped(w):
    """The shape of a past participle, as the host guesses it (host/src/passive.cpp before the lexicon)."""
    if len(w) < 5 or not (w.endswith("d") or w.endswith("t") or w.endswith("en")):
        return False
    if w.startswith(("ge", "be", "ver", "ont", "her", "er")):
        return True
    for p in ("onder", "over", "voor", "door"):
        if w.startswith(p) and len(w) > len(p) + 3:
            return True
    for p in ("aan", "af", "in", "op", "uit", "toe", "vast", "voor", "mee", "door", "over", "terug", "vrij",
              "onder", "neer", "weg", "bij", "na", "om", "samen", "tegen", "binnen", "los"):
        if w.startswith(p) and w[len(p):].startswith(("ge", "be", "ver")):
            return True
    return False


def print_not_participle_candidates(args, d, words, verb_forms):
    count = 0
    print("not-participle candidates (frequent, participle-shaped, no verb form of the lexicon):")
    with open(args.frequency, encoding="utf-8") as f:
        for rank, line in enumerate(f, 1):
            w = line.split()[0]
            if not participle_shaped(w) or w in verb_forms or w in words or not d.knows(w):
                continue
            print(f"  {rank}\t{w}")
            count += 1
            if count >= args.not_participle_candidates:
                break


if __name__ == "__main__":
    sys.exit(main())
