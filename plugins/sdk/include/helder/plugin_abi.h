/* The versioned C boundary between the helder host and its rule plugins (ABI major 1).
 *
 * Rules of this contract (see docs/plugins.md):
 * - A plugin exports one data symbol, `helder_plugin_v1` (the ABI major is part of the name), of type
 *   `helder_plugin`. The host reads it without calling plugin code first.
 * - Every struct starts with `struct_size` and only ever grows at the end. Readers check the size before
 *   reading a field that was added later. Arrays of structs carry their element size (stride).
 * - Strings cross as borrowed UTF-8 views (`helder_str`). The receiver copies what it keeps. Nobody frees
 *   memory of the other side.
 * - Exceptions never cross: functions return a `helder_status` and report a message through the
 *   `helder_errors` callback.
 * - Offsets are bytes into the UTF-8 text of one paragraph (`helder_paragraph.text`).
 * - `check` may run on several threads at once for the same rule: a rule is read-only after `create`.
 */
#ifndef HELDER_PLUGIN_ABI_H
#define HELDER_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HELDER_ABI_MAJOR 1
#define HELDER_ABI_MINOR 4
#define HELDER_PLUGIN_SYMBOL "helder_plugin_v1"

typedef struct helder_str {
  const char* data;
  size_t size;
} helder_str;

typedef enum helder_status { HELDER_OK = 0, HELDER_ERROR = 1 } helder_status;

typedef enum helder_severity {
  HELDER_SEVERITY_RULE = 0, /* use the severity configured for the rule */
  HELDER_SEVERITY_HINT = 1,
  HELDER_SEVERITY_INFO = 2,
  HELDER_SEVERITY_WARNING = 3,
  HELDER_SEVERITY_ERROR = 4
} helder_severity;

typedef enum helder_token_kind {
  HELDER_TOKEN_WORD = 0,
  HELDER_TOKEN_NUMBER = 1,
  HELDER_TOKEN_ABBREVIATION = 2, /* with periods: "bijv.", "o.a." */
  HELDER_TOKEN_ACRONYM = 3,      /* "CBS", "AMvB" */
  HELDER_TOKEN_URL = 4,
  HELDER_TOKEN_EMAIL = 5,
  HELDER_TOKEN_PUNCTUATION = 6,
  HELDER_TOKEN_SYMBOL = 7, /* "€", "%", "&" */
  HELDER_TOKEN_CODE = 8    /* inline code and other text that is not prose */
} helder_token_kind;

/* Token flags (bit set). */
#define HELDER_TOKEN_SENTENCE_START 0x1u /* first word-like token of its sentence */
#define HELDER_TOKEN_CAPITALIZED 0x2u    /* first letter upper case */
#define HELDER_TOKEN_ALL_CAPS 0x4u
#define HELDER_TOKEN_HYPHENATED 0x8u /* a compound written with a hyphen: "PAS-melders" */
/* Where a token stands (ABI minor 2): words that are not the writer's own to change. */
#define HELDER_TOKEN_IN_QUOTATION 0x10u /* between quotation marks, or in a quote block */
#define HELDER_TOKEN_IN_LINK 0x20u      /* link text: often the title of the page it links to */
#define HELDER_TOKEN_IN_TITLE 0x40u     /* the title of a work (HTML <cite>, a Word "Title" run) */
#define HELDER_TOKEN_IN_NAME 0x80u      /* part of a fixed name from a pack's `names` list */

/* Word classes (bit set, ABI minor 2), from the host's Dutch lexicon (host/data/lexicon-nl, extended by
 * packs). A form may have several: "dat" is a determiner, a pronoun, a subordinator and a relative. */
#define HELDER_CLASS_ARTICLE 0x1u         /* de, het, een */
#define HELDER_CLASS_DETERMINER 0x2u      /* before a noun: deze, dit, elk, alle, uw, mijn, welke */
#define HELDER_CLASS_PRONOUN 0x4u         /* ik, u, hij, zij, men, iets, niemand, hen, hun */
#define HELDER_CLASS_PREPOSITION 0x8u     /* in, op, door, volgens, ten aanzien (first words only) */
#define HELDER_CLASS_CONJUNCTION 0x10u    /* coordinating: en, of, maar, want, dus */
#define HELDER_CLASS_SUBORDINATOR 0x20u   /* opens a subordinate clause: dat, omdat, als, wanneer, terwijl */
#define HELDER_CLASS_RELATIVE 0x40u       /* may open a relative clause: die, dat, wat, waar, wie, waarvan */
#define HELDER_CLASS_AUXILIARY 0x80u      /* a form of zijn, worden, hebben or a modal verb */
#define HELDER_CLASS_PARTICLE 0x100u      /* separable verb particle: aan, af, op, uit, vast, terug */
#define HELDER_CLASS_NEGATION 0x200u      /* niet, geen, nooit, niemand, niets, nergens */
#define HELDER_CLASS_DEGREE 0x400u        /* zeer, erg, heel, te, zo, vrij, best */
#define HELDER_CLASS_VERB 0x800u          /* a form of a verb of the lexicon (see helder_token.verb_form) */
#define HELDER_CLASS_ADVERB 0x1000u       /* ook, nog, al, wel, daarom, echter */
#define HELDER_CLASS_COPULA 0x2000u       /* a form of zijn, worden, blijven, lijken, blijken, schijnen */
#define HELDER_CLASS_STATE 0x4000u        /* an adjective of state after "zijn": bekend, gesloten, verplicht */
#define HELDER_CLASS_NUMERAL 0x8000u      /* een, twee, tien, honderd, eerste */
#define HELDER_CLASS_COMPARATIVE 0x10000u /* a comparative: meer, minder, groter, beter (also "-er" forms) */
#define HELDER_CLASS_INTERJECTION 0x20000u
#define HELDER_CLASS_INFINITIVE_MARKER 0x40000u /* "te" before an infinitive: te sturen, terug te sturen */

/* Verb forms (bit set, ABI minor 2). A form may be several: "besloten" is past plural and participle. */
#define HELDER_VERB_INFINITIVE 0x1u      /* also the present plural: nemen, vaststellen */
#define HELDER_VERB_PRESENT_1 0x2u       /* the stem: neem, stel (vast) */
#define HELDER_VERB_PRESENT_3 0x4u       /* stem + t: neemt, stelt */
#define HELDER_VERB_PAST_SINGULAR 0x8u   /* nam, stelde */
#define HELDER_VERB_PAST_PLURAL 0x10u    /* namen, stelden */
#define HELDER_VERB_PARTICIPLE 0x20u     /* past participle: genomen, vastgesteld */
#define HELDER_VERB_PERFECT_ZIJN 0x40u   /* the verb makes its perfect with "zijn": is gegaan, is gebleken */
#define HELDER_VERB_SEPARABLE 0x80u      /* the lemma is a separable verb: vaststellen (vast|stellen) */
#define HELDER_VERB_GUESSED 0x100u       /* not in the lexicon: the host guessed from the shape of the word */
#define HELDER_VERB_FINITE (HELDER_VERB_PRESENT_1 | HELDER_VERB_PRESENT_3 | HELDER_VERB_PAST_SINGULAR | HELDER_VERB_PAST_PLURAL)

typedef struct helder_token {
  uint32_t struct_size;
  uint32_t kind;  /* helder_token_kind */
  uint32_t flags; /* HELDER_TOKEN_* */
  uint32_t start; /* bytes into the paragraph text */
  uint32_t end;
  uint32_t syllables;      /* 0 for tokens that are not words */
  helder_str lower;        /* lower-case form, owned by the host for the whole check */
  uint32_t frequency_band; /* 1 (very common) .. 5 (rare or unknown); 0 if not a word */
  /* Since ABI minor 2 (read only when struct_size covers them): what the lexicon knows of the word. */
  uint32_t word_class; /* HELDER_CLASS_* */
  uint32_t verb_form;  /* HELDER_VERB_* (0 for a word that is not a verb form) */
  uint32_t lemma;      /* lemma id of the verb form (see helder_host.lemma_text); 0: none */
  /* Since ABI minor 4 (read only when struct_size covers them): word ids. The host gives every word form one
   * number, the same for as long as the host runs (all checks, all documents): equal ids are equal strings.
   * A rule compares and looks up ids instead of strings (helder_host.word_id gives the id of a word of its
   * own lists). 0 for a token without a lower-case form (marks, numbers, links). */
  uint32_t word; /* id of `lower` */
  uint32_t form; /* id of the word as written (a word broken at a line end joined, soft hyphens dropped) */
} helder_token;

/* What the lexicon knows of one word form (ABI minor 2). */
typedef struct helder_word {
  uint32_t struct_size;
  uint32_t word_class; /* HELDER_CLASS_* */
  uint32_t verb_form;  /* HELDER_VERB_* */
  uint32_t lemma;      /* 0: none */
} helder_word;

typedef struct helder_sentence {
  uint32_t struct_size;
  uint32_t start; /* bytes into the paragraph text */
  uint32_t end;
  uint32_t first_token; /* index into helder_paragraph.tokens */
  uint32_t token_count;
  uint32_t word_count; /* words, numbers, abbreviations and acronyms */
  uint32_t syllable_count;
  uint32_t passive; /* number of passive constructions the host found */
} helder_sentence;

/* A construction the host found in a sentence, e.g. a passive ("wordt ... besloten"). */
typedef struct helder_construction {
  uint32_t struct_size;
  uint32_t sentence; /* index into helder_paragraph.sentences */
  uint32_t start;    /* bytes into the paragraph text: from the first to the last word of the construction */
  uint32_t end;
  uint32_t auxiliary_start; /* the auxiliary ("wordt") */
  uint32_t auxiliary_end;
  uint32_t head_start; /* the main word (the participle "besloten") */
  uint32_t head_end;
} helder_construction;

typedef enum helder_block_kind {
  HELDER_BLOCK_PARAGRAPH = 0,
  HELDER_BLOCK_HEADING = 1,
  HELDER_BLOCK_LIST_ITEM = 2,
  HELDER_BLOCK_QUOTE = 3,
  HELDER_BLOCK_TABLE_CELL = 4
} helder_block_kind;

typedef struct helder_paragraph {
  uint32_t struct_size;
  uint32_t block_kind; /* helder_block_kind */
  helder_str text;
  const helder_sentence* sentences;
  size_t sentence_count;
  size_t sentence_stride; /* sizeof(helder_sentence) of the host */
  const helder_token* tokens;
  size_t token_count;
  size_t token_stride;
  const helder_construction* passives; /* passive voice, in text order */
  size_t passive_count;
  size_t passive_stride;
} helder_paragraph;

/* What a check sees: one paragraph (scope paragraph), all paragraphs of a document (scope document), or one
 * paragraph after the paragraphs it is read with (scope paragraph in context). */
typedef struct helder_unit {
  uint32_t struct_size;
  const helder_paragraph* paragraphs;
  size_t paragraph_count;
  size_t paragraph_stride;
  /* Since ABI minor 3 (read only when struct_size covers it): the first `context` paragraphs are there to be
   * read, not checked (scope HELDER_SCOPE_PARAGRAPH_IN_CONTEXT); the host drops findings in them. */
  size_t context;
} helder_unit;

/* Fix flags (bit set; ABI minor 1). */
#define HELDER_FIX_NEEDS_REVIEW 0x1u /* may not fit the sentence: offer it, never apply it without a person */

typedef struct helder_fix {
  uint32_t struct_size;
  uint32_t start; /* bytes into the paragraph text */
  uint32_t end;
  helder_str replacement;
  uint32_t flags; /* HELDER_FIX_* (since ABI minor 1; read only when struct_size covers it) */
} helder_fix;

typedef struct helder_finding {
  uint32_t struct_size;
  uint32_t paragraph; /* index into helder_unit.paragraphs */
  uint32_t start;     /* bytes into that paragraph's text */
  uint32_t end;
  uint32_t severity; /* helder_severity; HELDER_SEVERITY_RULE for the configured one */
  helder_str message; /* Dutch, B1 */
  const helder_fix* fixes;
  size_t fix_count;
  size_t fix_stride;
} helder_finding;

/* Where a check sends its findings and errors. The host copies everything it receives. */
typedef struct helder_sink {
  uint32_t struct_size;
  void* context;
  void (*emit)(void* context, const helder_finding* finding);
} helder_sink;

typedef struct helder_errors {
  uint32_t struct_size;
  void* context;
  void (*report)(void* context, helder_str message);
} helder_errors;

/* The rule's options, as configured in its pack and in .helder.toml. Paths use dots and brackets:
 * "warning_above", "entries[3].word". Every read is recorded, so `helder dump-config` can print the
 * effective value (including defaults). */
typedef struct helder_options {
  uint32_t struct_size;
  void* context;
  int64_t (*get_int)(void* context, helder_str path, int64_t fallback);
  double (*get_double)(void* context, helder_str path, double fallback);
  int (*get_bool)(void* context, helder_str path, int fallback);
  /* The returned view stays valid until the rule is destroyed. */
  helder_str (*get_string)(void* context, helder_str path, helder_str fallback);
  /* Number of elements of an array option; 0 if absent. */
  size_t (*array_size)(void* context, helder_str path);
} helder_options;

/* Word services the host lends to plugins. Thread-safe; results are cached per word form. */
typedef struct helder_host {
  uint32_t struct_size;
  uint32_t abi_minor;
  void* context;
  uint32_t (*syllables)(void* context, helder_str word);
  int (*spelled_correctly)(void* context, helder_str word); /* 1 yes, 0 no, -1 no dictionary */
  uint32_t (*frequency_band)(void* context, helder_str word);
  /* Calls `each` once per suggestion / compound part; the views live for the duration of the call. A word that
   * is not a compound has one part: itself. Every part of a compound has at least 3 letters (plus any linking
   * letters: "verkiezings" + "uitslag"). */
  void (*suggestions)(void* context, helder_str word, void (*each)(void* user, helder_str), void* user);
  void (*compound_parts)(void* context, helder_str word, void (*each)(void* user, helder_str), void* user);
  /* The project's vocabulary: 1 if the word is accepted, -1 if rejected, 0 otherwise (case-insensitive). */
  int (*vocabulary)(void* context, helder_str word);
  /* Since ABI minor 1: 1 when the check must be quick: leave out slow extras such as spelling suggestions.
   * Set in the editor while the writer types (the editor asks for suggestions itself when the writer opens
   * the quick fixes) and in `helder check` unless --suggestions is given. */
  uint32_t quick;
  /* Since ABI minor 2: the Dutch lexicon. Words are looked up in lower case. Returned views stay valid for
   * the lifetime of the host. */
  helder_word (*lookup)(void* context, helder_str word);
  helder_str (*lemma_text)(void* context, uint32_t lemma); /* "" for 0 or an unknown id */
  uint32_t (*lemma_id)(void* context, helder_str lemma);   /* 0 when the lexicon has no such lemma */
  /* The separable verb made of a particle and a verb: ("vast", id of "stellen") -> id of "vaststellen"; 0: none. */
  uint32_t (*separable_verb)(void* context, helder_str particle, uint32_t lemma);
  /* One form of a verb: `form` is a single HELDER_VERB_* form bit. A separable verb gives its form as it
   * stands in a subordinate clause ("vaststelt", "vastgesteld"); "" when the lexicon has no such form. */
  helder_str (*verb_form)(void* context, uint32_t lemma, uint32_t form);
  /* The inflected form of an adjective ("groot" -> "grote", "wit" -> "witte"), by the spelling rules. */
  helder_str (*inflect_adjective)(void* context, helder_str adjective);
  /* Since ABI minor 4: word ids (see helder_token.word). word_id gives the id of any string (it is added when
   * the host has not seen it yet; 0 only for ""); word_text the string of an id ("" for 0 or an unknown id),
   * valid for the lifetime of the host. spelled_word is spelled_correctly by id, answered from a table. */
  uint32_t (*word_id)(void* context, helder_str word);
  helder_str (*word_text)(void* context, uint32_t id);
  int (*spelled_word)(void* context, uint32_t id); /* 1 yes, 0 no, -1 no dictionary or unknown id */
} helder_host;

typedef enum helder_scope {
  HELDER_SCOPE_PARAGRAPH = 0, /* check() sees one paragraph; results are cached per paragraph text */
  HELDER_SCOPE_DOCUMENT = 1,  /* check() sees the whole document */
  /* Since ABI minor 3: check() sees one paragraph after the whole paragraphs before it that hold at least
   * `context_sentences` sentences (fewer at the start of a document), for a rule that reads a few sentences
   * back ("hun" refers to an organisation in the sentence before). Results are cached per paragraph and its
   * context: after an edit only the changed paragraph and the paragraphs that read it are checked again. */
  HELDER_SCOPE_PARAGRAPH_IN_CONTEXT = 2
} helder_scope;

typedef struct helder_check_kind {
  uint32_t struct_size;
  const char* name;    /* "sentence-length"; a rule names it as "<plugin>.<kind>" */
  const char* summary; /* one line, English, for developers */
  uint32_t scope;      /* helder_scope */
  helder_status (*create)(const helder_host* host, const helder_options* options, const helder_errors* errors,
                          void** rule);
  helder_status (*check)(const void* rule, const helder_unit* unit, const helder_sink* sink,
                         const helder_errors* errors);
  void (*destroy)(void* rule);
  /* Since ABI minor 3 (read only when struct_size covers it): for scope HELDER_SCOPE_PARAGRAPH_IN_CONTEXT, the
   * sentences before the paragraph the rule reads. */
  uint32_t context_sentences;
} helder_check_kind;

typedef struct helder_plugin {
  uint32_t struct_size;
  uint32_t abi_major; /* HELDER_ABI_MAJOR the plugin was built with */
  uint32_t abi_minor;
  const char* name; /* "complexity" */
  const char* version;
  const helder_check_kind* kinds;
  size_t kind_count;
  size_t kind_stride;
} helder_plugin;

#ifdef __cplusplus
}
#endif

#endif /* HELDER_PLUGIN_ABI_H */
