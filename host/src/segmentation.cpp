// Dutch segmentation of one paragraph: ICU proposes sentence and word breaks, Dutch rules veto and merge them.
#include <helder/segmentation.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace helder {

// ---------------------------------------------------------------------------------------------------------------
// AbbreviationList

AbbreviationList AbbreviationList::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    throw std::runtime_error("Kan de lijst met afkortingen niet lezen: " + file.string());
  }
  AbbreviationList list;
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') {
      continue;
    }
    const auto last = line.find_last_not_of(" \t\r");
    std::string entry = line.substr(first, last - first + 1);
    // "=jan." keeps an entry to its exact spelling: "Jan." is a name that can end a sentence.
    if (entry.size() > 1 && entry.front() == '=') {
      list.items_.insert(entry.substr(1));
    } else {
      list.add(std::move(entry));
    }
  }
  return list;
}

SegmentationWords SegmentationWords::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("Kan de woorden voor het splitsen in zinnen niet lezen: " + file.string());
  SegmentationWords words;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const std::size_t tab = line.find('\t');
    const std::string word = line.substr(0, tab);
    const std::string_view role = tab == std::string::npos ? std::string_view() : std::string_view(line).substr(tab + 1);
    auto* list = role == "label-noun"             ? &words.label_nouns
                 : role == "elision"              ? &words.elision_words
                 : role == "closing-abbreviation" ? &words.closing_abbreviations
                                                  : nullptr;
    if (word.empty() || list == nullptr)
      throw std::runtime_error(file.string() + ":" + std::to_string(number) +
                               ": schrijf een woord, een tab en label-noun, elision of closing-abbreviation.");
    list->insert(word);
  }
  return words;
}

void AbbreviationList::add(std::string abbreviation) {
  if (abbreviation.empty()) {
    return;
  }
  // An entry written in lower case also matches its capitalised form ("Bijv." at the start of a sentence);
  // an entry with capitals ("Stb.", "Kon.") only matches as written.
  const bool lower_case =
      std::none_of(abbreviation.begin(), abbreviation.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (lower_case) {
    lower_items_.insert(abbreviation);
  }
  items_.insert(std::move(abbreviation));
}

bool AbbreviationList::contains(std::string_view token) const {
  if (token.empty()) {
    return false;
  }
  // Reused per thread, so a lookup allocates nothing once the buffer has grown.
  thread_local std::string key;
  key.assign(token);
  if (items_.count(key) > 0) {
    return true;
  }
  // Only a capital at the start is folded ("Bijv.", "Nr."): an all-caps token is an acronym ("BW." is the
  // Burgerlijk Wetboek at the end of a sentence, not "bw.").
  if (key[0] < 'A' || key[0] > 'Z' ||
      std::any_of(key.begin() + 1, key.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return false;
  }
  key[0] = static_cast<char>(key[0] - 'A' + 'a');
  return lower_items_.count(key) > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Segmenter

namespace {

// --- UTF-8 and character classes. Offsets are bytes; ASCII takes a fast path before asking ICU.

const std::uint8_t* bytes(std::string_view text) { return reinterpret_cast<const std::uint8_t*>(text.data()); }

char32_t next_code_point(std::string_view text, std::uint32_t& i) {
  UChar32 c = 0;
  auto index = static_cast<std::int32_t>(i);
  U8_NEXT_OR_FFFD(bytes(text), index, static_cast<std::int32_t>(text.size()), c);
  i = static_cast<std::uint32_t>(index);
  return static_cast<char32_t>(c);
}

char32_t code_point_before(std::string_view text, std::uint32_t i) {
  UChar32 c = 0;
  auto index = static_cast<std::int32_t>(i);
  U8_PREV_OR_FFFD(bytes(text), 0, index, c);
  return static_cast<char32_t>(c);
}

bool is_white(char32_t c) {
  if (c < 0x80) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  }
  return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

bool is_letter(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}

bool is_digit(char32_t c) {
  if (c < 0x80) {
    return c >= '0' && c <= '9';
  }
  return u_isdigit(static_cast<UChar32>(c)) != 0;
}

bool is_upper(char32_t c) {
  if (c < 0x80) {
    return c >= 'A' && c <= 'Z';
  }
  return u_isUUppercase(static_cast<UChar32>(c)) != 0 || u_istitle(static_cast<UChar32>(c)) != 0;
}

bool is_lower(char32_t c) {
  if (c < 0x80) {
    return c >= 'a' && c <= 'z';
  }
  return u_isULowercase(static_cast<UChar32>(c)) != 0;
}

// U+2011 is the non-breaking hyphen that word processors put into compounds.
bool is_hyphen(char32_t c) { return c == U'-' || c == U'\u2010' || c == U'\u2011'; }

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019' || c == U'\u2018'; }

// Separators that end a sentence whatever precedes them (the Markdown reader writes U+2028 for a hard line
// break); ICU already breaks after them, a veto must not undo that.
bool contains_hard_separator(std::string_view between) {
  return between.find("\u2028") != std::string_view::npos || between.find("\u2029") != std::string_view::npos ||
         between.find("\u0085") != std::string_view::npos;
}

helder_token_kind mark_kind(char32_t c) {
  switch (c) {
    // Unicode calls these "other punctuation"; a reader of a government text sees signs, not punctuation.
    case U'%':
    case U'&':
    case U'§':
    case U'#':
    case U'@':
    case U'*':
    case U'/':
    case U'\\':
    case U'‰':
    case U'†':
      return HELDER_TOKEN_SYMBOL;
    default:
      break;
  }
  if (c < 0x80 && c != '+' && c != '<' && c != '=' && c != '>' && c != '|' && c != '~' && c != '^' && c != '$' &&
      c != '`') {
    return HELDER_TOKEN_PUNCTUATION;
  }
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
      return HELDER_TOKEN_SYMBOL;
    default:
      return HELDER_TOKEN_PUNCTUATION;
  }
}

// --- Pieces: what ICU's word break iterator returns, classified once.

enum class PieceClass : std::uint8_t {
  Space,        // white space between words
  JoinedSpace,  // the line break inside a word hyphenated at the line end ("verkiezings-\nuitslag")
  Letters,      // starts with a letter ("bijv", "o.a", "zo'n", "rijksoverheid.nl")
  Digits,       // starts with a digit ("2025", "1.000", "12.30", "3e")
  Mark          // one punctuation mark or symbol
};

struct Piece {
  std::uint32_t start = 0;  // bytes into the paragraph text
  std::uint32_t end = 0;
  char32_t first = 0;  // first code point
  PieceClass cls = PieceClass::Mark;
};

Piece make_piece(std::string_view text, std::uint32_t start, std::uint32_t end) {
  Piece piece{start, end, 0, PieceClass::Mark};
  std::uint32_t i = start;
  piece.first = next_code_point(text, i);
  if (is_white(piece.first)) {
    piece.cls = PieceClass::Space;
  } else if (is_letter(piece.first)) {
    piece.cls = PieceClass::Letters;
  } else if (is_digit(piece.first)) {
    piece.cls = PieceClass::Digits;
  } else {
    // ICU glues a leading connector to a word ("_intern"); such a piece is still a word.
    while (i < end) {
      const char32_t c = next_code_point(text, i);
      if (is_letter(c) || is_digit(c)) {
        piece.cls = PieceClass::Letters;
        break;
      }
    }
  }
  return piece;
}

bool is_word_piece(const Piece& piece) { return piece.cls == PieceClass::Letters || piece.cls == PieceClass::Digits; }

// "o.a.", "t.a.v.", "d.w.z.", "R.H.A.", "v.Chr.": two or more groups of one to four letters, each closed by a period.
bool is_letter_period_sequence(std::string_view token, std::string_view text, std::uint32_t start) {
  std::uint32_t groups = 0;
  std::uint32_t letters = 0;
  std::uint32_t i = start;
  const auto end = static_cast<std::uint32_t>(start + token.size());
  while (i < end) {
    const char32_t c = next_code_point(text, i);
    if (c == U'.') {
      if (letters == 0 || letters > 4) {
        return false;
      }
      ++groups;
      letters = 0;
    } else if (is_letter(c)) {
      ++letters;
    } else {
      return false;
    }
  }
  return letters == 0 && groups >= 2;
}

// "J.", "É.": one capital and a period, an initial of a name.
bool is_initial(std::string_view token, std::string_view text, std::uint32_t start) {
  std::uint32_t i = start;
  const char32_t c = next_code_point(text, i);
  return is_upper(c) && i + 1 == start + token.size() && text[i] == '.';
}

struct LetterProfile {
  std::uint32_t letters = 0;
  std::uint32_t upper = 0;
  std::uint32_t lower = 0;
  std::uint32_t digits = 0;
  bool starts_with_digit = false;  // the first letter or digit is a digit
  bool first_letter_upper = false;
};

LetterProfile profile(std::string_view text, std::uint32_t start, std::uint32_t end) {
  LetterProfile p;
  bool seen_alnum = false;
  std::uint32_t i = start;
  while (i < end) {
    const char32_t c = next_code_point(text, i);
    if (is_letter(c)) {
      if (p.letters == 0) {
        p.first_letter_upper = is_upper(c);
      }
      ++p.letters;
      if (is_upper(c)) {
        ++p.upper;
      } else if (is_lower(c)) {
        ++p.lower;
      }
      seen_alnum = true;
    } else if (is_digit(c)) {
      if (!seen_alnum) {
        p.starts_with_digit = true;
      }
      ++p.digits;
      seen_alnum = true;
    }
  }
  return p;
}

// The kind of a word-like token. Acronyms: all capitals with at most six letters ("CBS", "N-VA", "CD&V",
// "COVID-19"), capitals with digits ("D66", "G20"), or more capitals than lower-case letters after a capital
// ("AMvB", "PvdA", "IenW"). The six-letter limit keeps long words of a shouting heading ("MINISTER-PRESIDENT")
// words; short ones ("BRIEF", "VAN") still count as acronyms, a known ambiguity of all-caps text.
Token classify_word(std::string_view text, std::uint32_t start, std::uint32_t end, bool hyphenated, bool abbreviation) {
  const LetterProfile p = profile(text, start, end);
  Token token{start, end, HELDER_TOKEN_WORD, 0};
  if (abbreviation) {
    token.kind = HELDER_TOKEN_ABBREVIATION;
  } else if (p.starts_with_digit && (p.letters == 0 || !hyphenated)) {
    // "2025", "1.000,-", "2022/23", "3e", "21ste"; "10-jarige" is a word.
    token.kind = HELDER_TOKEN_NUMBER;
  } else if (p.upper >= 1 && p.lower == 0 && p.upper == p.letters &&
             ((p.upper >= 2 && p.letters <= 6) || p.digits > 0)) {
    token.kind = HELDER_TOKEN_ACRONYM;
  } else if (!hyphenated && p.first_letter_upper && p.upper >= 2 && p.lower >= 1 && p.upper >= p.lower) {
    token.kind = HELDER_TOKEN_ACRONYM;
  }
  if (p.letters > 0 && p.first_letter_upper) {
    token.flags |= HELDER_TOKEN_CAPITALIZED;
  }
  // One capital ("U", "J.") is no shouting; ALL_CAPS needs two letters.
  if (p.letters >= 2 && p.lower == 0 && p.upper == p.letters) {
    token.flags |= HELDER_TOKEN_ALL_CAPS;
  }
  if (hyphenated) {
    token.flags |= HELDER_TOKEN_HYPHENATED;
  }
  return token;
}

// --- URLs and e-mail addresses, recognised on a whole white-space-delimited chunk.

bool ascii_starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != prefix[i]) {
      return false;
    }
  }
  return true;
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// Top-level domains that Dutch government texts name without "www." ("rijksoverheid.nl", "europa.eu").
// Deliberately short: "de" and "net" are Dutch words that could follow a period typed without a space.
bool is_common_tld(std::string_view tld) {
  static constexpr std::array<std::string_view, 11> tlds = {"nl",  "eu",  "com",  "org", "be", "int",
                                                            "gov", "edu", "info", "io",  "frl"};
  return std::find(tlds.begin(), tlds.end(), tld) != tlds.end();
}

// "rijksoverheid.nl", "www.overheid.nl", "zoek.officielebekendmakingen.nl/stb-2023-1": labels of host
// characters separated by periods, at least two, the last a known top-level domain, the one before it two
// characters or more (so "o.a.nl" stays text).
bool is_bare_domain(std::string_view core) {
  const auto host_end = std::min(core.find_first_of("/?#:"), core.size());
  const std::string_view host = core.substr(0, host_end);
  std::size_t labels = 0;
  std::size_t label_start = 0;
  std::size_t previous_label_size = 0;
  bool has_letter = false;
  for (std::size_t i = 0; i <= host.size(); ++i) {
    if (i == host.size() || host[i] == '.') {
      const std::size_t size = i - label_start;
      if (size == 0) {
        return false;
      }
      if (i == host.size()) {
        return labels >= 1 && previous_label_size >= 2 && has_letter && is_common_tld(host.substr(label_start));
      }
      previous_label_size = size;
      ++labels;
      label_start = i + 1;
    } else if (!is_host_char(host[i])) {
      return false;
    } else if ((host[i] >= 'a' && host[i] <= 'z') || (host[i] >= 'A' && host[i] <= 'Z')) {
      has_letter = true;
    }
  }
  return false;
}

bool has_white_or_control(std::string_view core) {
  return std::any_of(core.begin(), core.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

bool is_url(std::string_view core) {
  if (has_white_or_control(core)) {
    return false;
  }
  for (const std::string_view scheme : {"http://", "https://", "ftp://"}) {
    if (ascii_starts_with_nocase(core, scheme)) {
      return core.size() > scheme.size();
    }
  }
  if (ascii_starts_with_nocase(core, "www.")) {
    return core.size() > 4 && is_host_char(core[4]);
  }
  return is_bare_domain(core);
}

bool is_email(std::string_view core) {
  const auto at = core.find('@');
  if (at == 0 || at == std::string_view::npos || core.find('@', at + 1) != std::string_view::npos ||
      has_white_or_control(core)) {
    return false;
  }
  for (const char c : core.substr(0, at)) {
    if (!is_host_char(c) && c != '.' && c != '_' && c != '+' && c != '%') {
      return false;
    }
  }
  const std::string_view domain = core.substr(at + 1);
  const auto last_period = domain.rfind('.');
  if (last_period == std::string_view::npos || last_period == 0 || domain.size() - last_period < 3) {
    return false;
  }
  return std::all_of(domain.begin(), domain.end(), [](char c) { return is_host_char(c) || c == '.'; });
}

// A cheap test that rules out almost every word before the URL and e-mail checks: an address has an '@', a
// "://" or a period followed by a letter ("rijksoverheid.nl"; also "o.a.", which the full check rejects).
bool may_hold_address(std::string_view chunk) {
  for (std::size_t i = 0; i + 1 < chunk.size(); ++i) {
    const char c = chunk[i];
    if (c == '@' || (c == ':' && chunk[i + 1] == '/')) {
      return true;
    }
    const char n = static_cast<char>(chunk[i + 1] | 0x20);
    if (c == '.' && n >= 'a' && n <= 'z') {
      return true;
    }
  }
  return false;
}

// Opening marks that may stand before a URL in running text: "(www.overheid.nl)", "«info@minvws.nl»".
bool is_opening_mark(char32_t c) {
  switch (c) {
    case U'(':
    case U'[':
    case U'{':
    case U'<':
    case U'"':
    case U'\'':
    case U'„':
    case U'“':
    case U'‘':
    case U'‚':
    case U'«':
    case U'‹':
      return true;
    default:
      return false;
  }
}

// --- Per-thread ICU state. BreakIterator objects are not thread-safe; every thread clones the prototypes once.

struct Prototypes {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  std::mutex clone_mutex;

  Prototypes() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale dutch("nl");
    words.reset(icu::BreakIterator::createWordInstance(dutch, status));
    sentences.reset(icu::BreakIterator::createSentenceInstance(dutch, status));
    if (U_FAILURE(status) || !words || !sentences) {
      throw std::runtime_error(std::string("ICU break iterators unavailable: ") + u_errorName(status));
    }
  }
};

Prototypes& prototypes() {
  static Prototypes instance;
  return instance;
}

// Scratch buffers reused across calls on one thread, so that segmenting a paragraph allocates only its output.
struct ThreadState {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  std::vector<Piece> pieces;
  std::vector<Piece> clipped;
  std::vector<std::uint32_t> boundaries;
  std::vector<Range> skipped;
  std::string sentence_text;

  ThreadState() {
    Prototypes& p = prototypes();
    // clone() only reads the prototype, but ICU promises thread-safety for const use of few classes: lock.
    const std::lock_guard lock(p.clone_mutex);
    words.reset(p.words->clone());
    sentences.reset(p.sentences->clone());
    if (!words || !sentences) {
      throw std::runtime_error("ICU break iterators could not be cloned");
    }
  }
};

ThreadState& thread_state() {
  thread_local ThreadState state;
  return state;
}

// Points `iterator` at `text` through a UTF-8 UText, so that boundaries are byte offsets, then calls `each`
// for every boundary, 0 and text.size() included.
template <typename Each>
void for_each_boundary(icu::BreakIterator& iterator, std::string_view text, Each&& each) {
  UErrorCode status = U_ZERO_ERROR;
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<std::int64_t>(text.size()), &status);
  iterator.setText(&utext, status);
  if (U_FAILURE(status)) {
    utext_close(&utext);
    throw std::runtime_error(std::string("ICU could not break the text: ") + u_errorName(status));
  }
  for (std::int32_t b = iterator.first(); b != icu::BreakIterator::DONE; b = iterator.next()) {
    each(static_cast<std::uint32_t>(b));
  }
  utext_close(&utext);
}

std::string_view token_text(std::string_view text, const Token& token) {
  return text.substr(token.start, token.end - token.start);
}

// --- Tokens: merges ICU's pieces into the tokens of one paragraph.

class TokenWriter {
 public:
  TokenWriter(std::string_view text, const AbbreviationList& abbreviations, const SegmentationWords& words,
              ThreadState& state, std::vector<Token>& tokens)
      : text_(text), abbreviations_(abbreviations), words_(words), state_(state), tokens_(tokens) {}

  // `chunk`: consecutive pieces without white space between them (a line-end hyphenation is no white space).
  void add_chunk(std::span<const Piece> chunk, std::span<const Range> skipped, std::size_t& skipped_cursor) {
    const std::uint32_t chunk_start = chunk.front().start;
    const std::uint32_t chunk_end = chunk.back().end;
    while (skipped_cursor < skipped.size() && skipped[skipped_cursor].end <= chunk_start) {
      ++skipped_cursor;
    }
    std::size_t r = skipped_cursor;
    std::uint32_t pos = chunk_start;
    while (pos < chunk_end) {
      while (r < skipped.size() && skipped[r].end <= pos) {
        ++r;
      }
      if (r < skipped.size() && skipped[r].start < chunk_end) {
        if (skipped[r].start <= pos) {
          const std::uint32_t end = std::min(skipped[r].end, chunk_end);
          tokens_.push_back(Token{pos, end, HELDER_TOKEN_CODE, 0});
          pos = end;
        } else {
          add_prose(chunk, pos, skipped[r].start);
          pos = skipped[r].start;
        }
        continue;
      }
      add_prose(chunk, pos, chunk_end);
      pos = chunk_end;
    }
  }

 private:
  // [start, end): a part of `chunk` outside skipped ranges.
  void add_prose(std::span<const Piece> chunk, std::uint32_t start, std::uint32_t end) {
    if (!may_hold_address(text_.substr(start, end - start))) {
      add_pieces(chunk, start, end);
      return;
    }
    std::uint32_t core_start = start;
    while (core_start < end) {
      std::uint32_t next = core_start;
      if (!is_opening_mark(next_code_point(text_, next))) {
        break;
      }
      core_start = next;
    }
    std::uint32_t core_end = end;
    std::int32_t open_parens = 0;
    for (std::uint32_t i = core_start; i < end; ++i) {
      open_parens += text_[i] == '(' ? 1 : (text_[i] == ')' ? -1 : 0);
    }
    while (core_end > core_start) {
      const char32_t c = code_point_before(text_, core_end);
      // A URL may end in '/', but not in the punctuation of the sentence around it; ')' stays when it closes
      // a '(' inside the URL (Wikipedia addresses).
      if (c == U')' && open_parens >= 0) {
        break;
      }
      // '>' closes an autolink ("<https://www.cbs.nl/...>"); ICU calls it a math symbol, not punctuation.
      if (c == U'>') {
        core_end -= 1;
        continue;
      }
      if (c == U'/' || c == U'-' || c == U'_' || c == U'#' || c == U'%' || c == U'&' || c == U'*' || c == U'@' ||
          !u_ispunct(static_cast<UChar32>(c))) {
        break;
      }
      if (c == U')') {
        ++open_parens;
      }
      core_end -= static_cast<std::uint32_t>(U8_LENGTH(static_cast<UChar32>(c)));
    }
    if (core_start < core_end) {
      const std::string_view core = text_.substr(core_start, core_end - core_start);
      const bool email = is_email(core);
      if (email || is_url(core)) {
        add_pieces(chunk, start, core_start);
        tokens_.push_back(Token{core_start, core_end, email ? HELDER_TOKEN_EMAIL : HELDER_TOKEN_URL, 0});
        add_pieces(chunk, core_end, end);
        return;
      }
    }
    add_pieces(chunk, start, end);
  }

  // Merges the pieces of `chunk` within [start, end), cutting pieces that cross its edges.
  void add_pieces(std::span<const Piece> chunk, std::uint32_t start, std::uint32_t end) {
    if (start >= end) {
      return;
    }
    std::size_t first = 0;
    while (first < chunk.size() && chunk[first].end <= start) {
      ++first;
    }
    std::size_t last = first;
    while (last < chunk.size() && chunk[last].start < end) {
      ++last;
    }
    if (first == last) {
      return;
    }
    if (chunk[first].start == start && chunk[last - 1].end == end) {
      merge(chunk.subspan(first, last - first));
      return;
    }
    std::vector<Piece>& clipped = state_.clipped;
    clipped.assign(chunk.begin() + static_cast<std::ptrdiff_t>(first),
                   chunk.begin() + static_cast<std::ptrdiff_t>(last));
    if (clipped.front().start < start) {
      clipped.front() = make_piece(text_, start, clipped.front().end);
    }
    if (clipped.back().end > end) {
      clipped.back() = make_piece(text_, clipped.back().start, end);
    }
    merge(clipped);
  }

  void merge(std::span<const Piece> pieces) {
    std::size_t k = 0;
    while (k < pieces.size()) {
      const Piece& piece = pieces[k];
      if (piece.cls == PieceClass::Space || piece.cls == PieceClass::JoinedSpace) {
        ++k;
      } else if (piece.cls == PieceClass::Mark) {
        k = starts_elided_word(pieces, k) ? take_word(pieces, k + 1, piece.start) : take_marks(pieces, k);
      } else {
        k = take_word(pieces, k, piece.start);
      }
    }
  }

  // "’s-Gravenhage", "'t", "zo'n" is one ICU piece already; "’70" (the seventies).
  static bool starts_elided_word(std::span<const Piece> pieces, std::size_t k) {
    if (!is_apostrophe(pieces[k].first) || k + 1 >= pieces.size()) {
      return false;
    }
    if (k > 0 && pieces[k - 1].end == pieces[k].start && pieces[k - 1].cls != PieceClass::Mark) {
      return false;
    }
    const Piece& next = pieces[k + 1];
    if (next.start != pieces[k].end) {
      return false;
    }
    const std::uint32_t size = next.end - next.start;
    if (next.cls == PieceClass::Digits) {
      return size == 2;
    }
    if (next.cls != PieceClass::Letters || size != 1) {
      return false;
    }
    const char32_t c = next.first | 0x20;
    if (c != U's' && c != U't' && c != U'n' && c != U'k') {
      return false;
    }
    // ‘s’ between quotes is a quoted letter, not an elided word.
    const bool quoted = k + 2 < pieces.size() && pieces[k + 2].start == next.end && is_apostrophe(pieces[k + 2].first);
    return !quoted;
  }

  // A word, number, acronym or abbreviation starting at pieces[k] (or earlier, at `start`, for an elision).
  std::size_t take_word(std::span<const Piece> pieces, std::size_t k, std::uint32_t start) {
    const std::size_t n = pieces.size();
    std::uint32_t end = pieces[k].end;
    const bool starts_with_digits = pieces[k].cls == PieceClass::Digits;
    bool only_digits = starts_with_digits && start == pieces[k].start;
    char32_t part_first = pieces[k].first;  // first code point of the last part after '&'
    bool hyphenated = false;
    bool abbreviation = false;
    ++k;
    while (k < n && pieces[k].start == end && pieces[k].cls == PieceClass::Mark) {
      const Piece& mark = pieces[k];
      const char32_t c = mark.first;
      if (is_hyphen(c)) {
        std::size_t next = k + 1;
        bool line_break = false;
        while (next < n && pieces[next].cls == PieceClass::JoinedSpace) {
          ++next;
          line_break = true;
        }
        if (next < n && is_word_piece(pieces[next]) && (line_break || pieces[next].start == mark.end)) {
          // A hyphen at a line end only splits the word, unless it follows a capital or digit ("PAS-\nmelders").
          const char32_t before = code_point_before(text_, mark.start);
          hyphenated = hyphenated || !line_break || is_upper(before) || is_digit(before);
          only_digits = false;
          part_first = pieces[next].first;
          end = pieces[next].end;
          k = next + 1;
          continue;
        }
        break;
      }
      const bool next_adjacent = k + 1 < n && pieces[k + 1].start == mark.end;
      if (c == U'&' && next_adjacent && pieces[k + 1].cls == PieceClass::Letters && is_upper(part_first) &&
          is_upper(pieces[k + 1].first)) {
        // "CD&V", "B&W".
        part_first = pieces[k + 1].first;
        end = pieces[k + 1].end;
        k += 2;
        continue;
      }
      if (c == U'/' && only_digits && next_adjacent && pieces[k + 1].cls == PieceClass::Digits) {
        // "2022/23", "12/03/2024".
        end = pieces[k + 1].end;
        k += 2;
        continue;
      }
      if (c == U',' && starts_with_digits && next_adjacent && pieces[k + 1].cls == PieceClass::Mark &&
          (is_hyphen(pieces[k + 1].first) || pieces[k + 1].first == U'–' || pieces[k + 1].first == U'—' ||
           pieces[k + 1].first == U'=')) {
        // An amount without cents: "1.000,-", "25,--", "10,=".
        end = pieces[k + 1].end;
        k += 2;
        while (k < n && pieces[k].start == end && pieces[k].cls == PieceClass::Mark && is_hyphen(pieces[k].first)) {
          end = pieces[k].end;
          ++k;
        }
        break;
      }
      if (c == U'.' && mark.end == mark.start + 1) {
        const std::string_view candidate = text_.substr(start, mark.end - start);
        const bool initial = is_initial(candidate, text_, start) && !follows_label_noun();
        if (initial || is_letter_period_sequence(candidate, text_, start) || abbreviations_.contains(candidate)) {
          end = mark.end;
          abbreviation = true;
          ++k;
        }
      }
      break;
    }
    tokens_.push_back(classify_word(text_, start, end, hyphenated, abbreviation));
    return k;
  }

  // True when the token before is a noun that takes a letter as its label ("bijlage B.", "optie A."): the
  // capital is then no initial of a name, and its period may end the sentence.
  bool follows_label_noun() const {
    if (tokens_.empty() || tokens_.back().kind != HELDER_TOKEN_WORD) {
      return false;
    }
    thread_local std::string word;
    word.assign(token_text(text_, tokens_.back()));
    if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') {
      word[0] = static_cast<char>(word[0] - 'A' + 'a');
    }
    return words_.label_nouns.contains(word);
  }

  // Punctuation and symbols. Runs that form one sign stay together: "...", "?!", ",," and "''" (Dutch quotes
  // typed on a typewriter), "--".
  std::size_t take_marks(std::span<const Piece> pieces, std::size_t k) {
    const std::size_t n = pieces.size();
    const std::uint32_t start = pieces[k].start;
    const char32_t c = pieces[k].first;
    std::uint32_t end = pieces[k].end;
    ++k;
    const auto is_stop = [](char32_t m) { return m == U'.' || m == U'!' || m == U'?'; };
    const bool repeats = c == U',' || c == U'\'' || c == U'-' || c == U'`';
    while (k < n && pieces[k].start == end && pieces[k].cls == PieceClass::Mark &&
           ((is_stop(c) && is_stop(pieces[k].first)) || (repeats && pieces[k].first == c))) {
      end = pieces[k].end;
      ++k;
    }
    tokens_.push_back(Token{start, end, mark_kind(c), 0});
    return k;
  }

  std::string_view text_;
  const AbbreviationList& abbreviations_;
  const SegmentationWords& words_;
  ThreadState& state_;
  std::vector<Token>& tokens_;
};

bool is_word_like(helder_token_kind kind) {
  return kind == HELDER_TOKEN_WORD || kind == HELDER_TOKEN_NUMBER || kind == HELDER_TOKEN_ABBREVIATION ||
         kind == HELDER_TOKEN_ACRONYM;
}

bool is_straight_quote(std::string_view text, const Token& token) {
  return token.kind == HELDER_TOKEN_PUNCTUATION && token_text(text, token) == "\"";
}

// A quote mark that can only close a quotation, standing apart from the next word. A '"' closes when a quotation
// is open, or when another '"' follows it: of two quotes between sentences the first closes, the second opens.
bool closes_quotation(std::string_view text, const std::vector<Token>& tokens, std::size_t t,
                      bool straight_quote_open) {
  const Token& token = tokens[t];
  if (token.kind != HELDER_TOKEN_PUNCTUATION) {
    return false;
  }
  const std::string_view mark = token_text(text, token);
  const bool closing =
      mark == "''" || mark == "\u201D" || mark == "\u00BB" || mark == "\u2019" || mark == "\u203A" ||
      (mark == "\"" && (straight_quote_open || (t + 1 < tokens.size() && is_straight_quote(text, tokens[t + 1]))));
  if (!closing) {
    return false;
  }
  if (token.end == text.size()) {
    return true;
  }
  std::uint32_t i = token.end;
  return is_white(next_code_point(text, i));
}

// The number or letter of a list item before its text: "1.", "2.1.", "a.", "iv.". ICU ends a sentence after it
// ("1. Een verzoek", "1.Een verzoek"), which would make the label a sentence of its own.
bool is_enumerator(std::string_view text, std::span<const Token> sentence) {
  if (sentence.size() != 2 || token_text(text, sentence[1]) != ".") {
    return false;
  }
  const std::string_view label = token_text(text, sentence[0]);
  if (sentence[0].kind == HELDER_TOKEN_NUMBER) {
    std::size_t group = 0;
    for (const char c : label) {
      if (c == '.' && group > 0) {
        group = 0;
      } else if (c >= '0' && c <= '9' && group < 3) {
        ++group;
      } else {
        return false;
      }
    }
    return group > 0;
  }
  if (label.size() == 1) {
    return (label[0] >= 'a' && label[0] <= 'z') || (label[0] >= 'A' && label[0] <= 'Z');
  }
  constexpr std::string_view lower_roman = "ivxl";
  constexpr std::string_view upper_roman = "IVXL";
  return label.size() <= 4 && (label.find_first_not_of(lower_roman) == std::string_view::npos ||
                               label.find_first_not_of(upper_roman) == std::string_view::npos);
}

// True when tokens[t - 2, t) are a list label ("b.", "iv.") that follows the end of a sentence.
bool sentence_first_is_label(std::string_view text, const std::vector<Token>& tokens, std::size_t t) {
  const std::string_view before = token_text(text, tokens[t - 3]);
  const bool sentence_end = tokens[t - 3].kind == HELDER_TOKEN_PUNCTUATION &&
                            (before.ends_with(".") || before.ends_with("?") || before.ends_with("!"));
  return sentence_end && tokens[t - 3].end < tokens[t - 2].start && tokens[t - 2].kind == HELDER_TOKEN_WORD &&
         is_enumerator(text, std::span<const Token>(tokens).subspan(t - 2, 2));
}

// Dutch sentences start with a capital or a digit; ICU also breaks after '?' and '!' before a lower-case
// word ("(van Ensor?) op een ezel"). Elisions ("’s Avonds") start with an apostrophe, not a letter.
bool next_word_is_lower_case(std::string_view text, const std::vector<Token>& tokens, std::size_t t) {
  for (; t < tokens.size(); ++t) {
    if (is_word_like(tokens[t].kind)) {
      std::uint32_t i = tokens[t].start;
      return is_lower(next_code_point(text, i));
    }
    if (tokens[t].kind == HELDER_TOKEN_CODE || tokens[t].kind == HELDER_TOKEN_URL ||
        tokens[t].kind == HELDER_TOKEN_EMAIL) {
      return false;
    }
  }
  return false;
}

// Marks white space inside a word hyphenated at a line end ("verkiezings-\nuitslag") as part of the word.
void join_line_end_hyphenation(std::string_view text, const SegmentationWords& words, std::vector<Piece>& pieces) {
  const std::size_t n = pieces.size();
  std::size_t i = 0;
  while (i < n) {
    if (pieces[i].cls != PieceClass::Space) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool newline = false;
    while (j < n && pieces[j].cls == PieceClass::Space) {
      newline = newline || pieces[j].first == U'\n' || pieces[j].first == U'\r';
      ++j;
    }
    if (newline && i >= 2 && j < n && pieces[i - 1].cls == PieceClass::Mark && is_hyphen(pieces[i - 1].first) &&
        pieces[i - 2].cls == PieceClass::Letters && pieces[i - 2].end == pieces[i - 1].start &&
        pieces[j].cls == PieceClass::Letters && is_lower(pieces[j].first) &&
        !words.elision_words.contains(text.substr(pieces[j].start, pieces[j].end - pieces[j].start))) {
      for (std::size_t s = i; s < j; ++s) {
        pieces[s].cls = PieceClass::JoinedSpace;
      }
    }
    i = j;
  }
}

// "overgaan.De minister": a full stop without the space after it, between a word in small letters and a word
// with a capital. ICU keeps "overgaan.De" as one word (as it does "rijksoverheid.nl"); it is two sentences.
// `dot`: the byte offset of the '.'. At least two small letters before it (not "o.a.De", "v.Chr."), and a capital
// followed by a small letter after it (not "nl.NL", "A.B.").
bool is_glued_full_stop(std::string_view text, std::uint32_t dot, std::uint32_t begin, std::uint32_t end) {
  if (dot <= begin || dot + 1 >= end || text[dot] != '.') return false;
  std::uint32_t lower_before = 0;
  for (std::uint32_t i = dot; i > begin;) {
    const char32_t c = code_point_before(text, i);
    if (!is_letter(c)) break;
    if (!is_lower(c)) return false;
    ++lower_before;
    i -= static_cast<std::uint32_t>(U8_LENGTH(static_cast<UChar32>(c)));
  }
  if (lower_before < 2) return false;
  std::uint32_t i = dot + 1;
  if (!is_upper(next_code_point(text, i)) || i >= end) return false;
  return is_lower(next_code_point(text, i));
}

// Cuts Letters pieces at a glued full stop: the word, the '.', and the rest (which may hold another one).
void split_glued_full_stops(std::string_view text, std::vector<Piece>& pieces) {
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    if (pieces[k].cls != PieceClass::Letters) continue;
    const Piece piece = pieces[k];
    for (std::uint32_t dot = piece.start + 1; dot + 2 < piece.end; ++dot) {
      if (!is_glued_full_stop(text, dot, piece.start, piece.end)) continue;
      pieces[k] = make_piece(text, piece.start, dot);
      pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                    {make_piece(text, dot, dot + 1), make_piece(text, dot + 1, piece.end)});
      ++k;  // the loop moves on to the rest
      break;
    }
  }
}

}  // namespace

struct Segmenter::Impl {
  std::shared_ptr<const AbbreviationList> abbreviations;
  std::shared_ptr<const SegmentationWords> words;

  void tokenize(std::string_view text, std::span<const Range> skipped, ThreadState& state,
                std::vector<Token>& tokens) const;
  void find_sentences(std::string_view text, std::span<const Range> skipped, ThreadState& state,
                      Segmentation& out) const;
  bool vetoes_break_after(std::string_view text, const Token& before) const;
};

void Segmenter::Impl::tokenize(std::string_view text, std::span<const Range> skipped, ThreadState& state,
                               std::vector<Token>& tokens) const {
  std::vector<Piece>& pieces = state.pieces;
  pieces.clear();
  std::uint32_t previous = 0;
  for_each_boundary(*state.words, text, [&](std::uint32_t b) {
    if (b > previous) {
      pieces.push_back(make_piece(text, previous, b));
    }
    previous = b;
  });
  join_line_end_hyphenation(text, *words, pieces);
  split_glued_full_stops(text, pieces);

  TokenWriter writer(text, *abbreviations, *words, state, tokens);
  std::size_t skipped_cursor = 0;
  std::size_t i = 0;
  while (i < pieces.size()) {
    if (pieces[i].cls == PieceClass::Space) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < pieces.size() && pieces[j].cls != PieceClass::Space) {
      ++j;
    }
    writer.add_chunk(std::span<const Piece>(pieces).subspan(i, j - i), skipped, skipped_cursor);
    i = j;
  }
}

bool Segmenter::Impl::vetoes_break_after(std::string_view text, const Token& before) const {
  if (before.kind != HELDER_TOKEN_ABBREVIATION || text[before.end - 1] != '.') {
    return false;
  }
  return !words->closing_abbreviations.contains(text.substr(before.start, before.end - before.start));
}

void Segmenter::Impl::find_sentences(std::string_view text, std::span<const Range> skipped, ThreadState& state,
                                     Segmentation& out) const {
  // ICU treats LF and CR as hard breaks, but in hard-wrapped text they are soft wraps; ",," is a Dutch
  // opening quote that ICU would read as commas continuing the sentence before it; skipped ranges (inline
  // code, a superscript footnote number in "financiën.¹ Zonder") are not prose and must not glue two
  // sentences together, so ICU sees them as spaces. All are replaced in a copy of the same length, so offsets
  // stay the same.
  std::string_view breakable = text;
  const bool needs_copy = std::any_of(text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }) ||
                          text.find(",,") != std::string_view::npos || !skipped.empty();
  if (needs_copy) {
    std::string& copy = state.sentence_text;
    copy.assign(text);
    for (const Range& r : skipped)
      for (std::uint32_t i = r.start; i < r.end && i < copy.size(); ++i) copy[i] = ' ';
    for (std::size_t i = 0; i < copy.size(); ++i) {
      if (copy[i] == '\r' || copy[i] == '\n') {
        copy[i] = ' ';
      } else if (copy[i] == ',' && i + 1 < copy.size() && copy[i + 1] == ',') {
        copy[i] = '"';
        copy[i + 1] = '"';
        ++i;
      }
    }
    breakable = copy;
  }

  std::vector<std::uint32_t>& boundaries = state.boundaries;
  boundaries.clear();
  const std::vector<Token>& tokens = out.tokens;
  std::size_t t = 0;  // tokens[0, t) start before the boundary
  std::size_t r = 0;
  std::size_t straight_quotes = 0;  // '"' tokens in tokens[0, t): an odd count means a quotation is open
  std::size_t sentence_first = 0;   // first token after the last boundary kept
  for_each_boundary(*state.sentences, breakable, [&](std::uint32_t b) {
    if (b == 0 || b >= text.size()) {
      return;
    }
    while (t < tokens.size() && tokens[t].start < b) {
      straight_quotes += is_straight_quote(text, tokens[t]) ? 1 : 0;
      ++t;
    }
    if (t == 0 || tokens[t - 1].end > b) {
      return;  // nothing before it, or inside a token (a URL with '?', a word across a line end)
    }
    while (r < skipped.size() && skipped[r].end <= b) {
      ++r;
    }
    if (r < skipped.size() && skipped[r].start < b) {
      return;  // inside code
    }
    if (contains_hard_separator(text.substr(tokens[t - 1].end, b - tokens[t - 1].end))) {
      boundaries.push_back(b);
      sentence_first = t;
      return;
    }
    if (vetoes_break_after(text, tokens[t - 1]) || next_word_is_lower_case(text, tokens, t) ||
        is_enumerator(text, std::span<const Token>(tokens).subspan(sentence_first, t - sentence_first))) {
      return;
    }
    // ICU ends a sentence before a closing quote that stands apart ("twijfelaar. '' Hij"), as in texts that
    // put spaces around their quotes; the quote closes the sentence before it.
    sentence_first = t;
    // "compleet. b. De termijn": ICU keeps a lower-case label with the sentence before it (a lower-case letter
    // follows the period) and breaks after the label; the break belongs before the label.
    if (t >= 3 && sentence_first_is_label(text, tokens, t)) {
      b = tokens[t - 2].start;
      sentence_first = t - 2;
    }
    if (t < tokens.size() && closes_quotation(text, tokens, t, straight_quotes % 2 == 1)) {
      b = tokens[t].end;
      sentence_first = t + 1;
    }
    boundaries.push_back(b);
  });
  // ICU does not end a sentence at a full stop without a space after it ("overgaan.De"): the tokenizer has cut
  // those apart.
  bool glued = false;
  for (std::size_t k = 1; k + 1 < tokens.size(); ++k) {
    const Token& dot = tokens[k];
    if (dot.kind != HELDER_TOKEN_PUNCTUATION || dot.end != dot.start + 1 || tokens[k - 1].end != dot.start ||
        tokens[k + 1].start != dot.end || !is_glued_full_stop(text, dot.start, tokens[k - 1].start, tokens[k + 1].end))
      continue;
    boundaries.push_back(dot.end);
    glued = true;
  }
  if (glued) {
    std::sort(boundaries.begin(), boundaries.end());
    boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());
  }
  boundaries.push_back(static_cast<std::uint32_t>(text.size()));

  // Every token goes to the sentence it starts in; a piece without any word, number or code (a closing quote
  // after a space, "''") belongs to the sentence before it.
  std::size_t next_token = 0;
  std::size_t pending = tokens.size();  // first token of word-less pieces at the paragraph start
  for (const std::uint32_t b : boundaries) {
    const std::size_t first = next_token;
    bool has_content = false;
    while (next_token < tokens.size() && tokens[next_token].start < b) {
      has_content = has_content || (tokens[next_token].kind != HELDER_TOKEN_PUNCTUATION &&
                                    tokens[next_token].kind != HELDER_TOKEN_SYMBOL);
      ++next_token;
    }
    if (first == next_token) {
      continue;
    }
    if (!has_content) {
      if (!out.sentences.empty()) {
        SentenceSpan& last = out.sentences.back();
        last.end = tokens[next_token - 1].end;
        last.token_count = static_cast<std::uint32_t>(next_token - last.first_token);
      } else if (pending == tokens.size()) {
        pending = first;
      }
      continue;
    }
    const std::size_t begin = pending < first ? pending : first;
    pending = tokens.size();
    out.sentences.push_back(SentenceSpan{tokens[begin].start, tokens[next_token - 1].end,
                                         static_cast<std::uint32_t>(begin),
                                         static_cast<std::uint32_t>(next_token - begin)});
  }
  if (pending < tokens.size()) {
    out.sentences.push_back(SentenceSpan{tokens[pending].start, tokens.back().end, static_cast<std::uint32_t>(pending),
                                         static_cast<std::uint32_t>(tokens.size() - pending)});
  }

  for (const SentenceSpan& sentence : out.sentences) {
    for (std::uint32_t i = sentence.first_token; i < sentence.first_token + sentence.token_count; ++i) {
      if (is_word_like(out.tokens[i].kind)) {
        out.tokens[i].flags |= HELDER_TOKEN_SENTENCE_START;
        break;
      }
    }
  }
}

Segmenter::Segmenter(std::shared_ptr<const AbbreviationList> abbreviations,
                     std::shared_ptr<const SegmentationWords> words)
    : impl_(std::make_unique<Impl>()) {
  impl_->abbreviations = abbreviations ? std::move(abbreviations) : std::make_shared<const AbbreviationList>();
  impl_->words = words ? std::move(words) : std::make_shared<const SegmentationWords>();
  // Creates the ICU prototypes now, so that missing ICU data fails here and not in the middle of a check.
  prototypes();
}

Segmenter::~Segmenter() = default;

Segmentation Segmenter::segment(std::string_view text, std::span<const Range> skipped) const {
  Segmentation out;
  segment_into(text, skipped, out);
  return out;
}

void Segmenter::segment_into(std::string_view text, std::span<const Range> skipped, Segmentation& out) const {
  out.tokens.clear();
  out.sentences.clear();
  if (text.empty()) {
    return;
  }
  ThreadState& state = thread_state();
  std::span<const Range> sorted_skipped = skipped;
  if (!skipped.empty() && !std::is_sorted(skipped.begin(), skipped.end(),
                                          [](const Range& a, const Range& b) { return a.start < b.start; })) {
    state.skipped.assign(skipped.begin(), skipped.end());
    std::sort(state.skipped.begin(), state.skipped.end(),
              [](const Range& a, const Range& b) { return a.start < b.start; });
    sorted_skipped = state.skipped;
  }
  // Government prose averages about six bytes per token; one reservation covers most paragraphs.
  out.tokens.reserve(text.size() / 5 + 4);
  impl_->tokenize(text, sorted_skipped, state, out.tokens);
  if (out.tokens.empty()) {
    return;
  }
  impl_->find_sentences(text, sorted_skipped, state, out);
}

}  // namespace helder
