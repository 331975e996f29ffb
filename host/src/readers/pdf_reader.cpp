// The PDF reader: the prose of a PDF's text layer (poppler-cpp) as paragraphs in reading order, without
// running headers, page numbers and footnote references, with hyphenation at line ends repaired.
#include "prose_ranges.hpp"

#include <helder/limits.hpp>
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace helder {

namespace {

// Messages for the writer (B1).
constexpr const char* kDamaged =
    "Deze pdf is beschadigd of niet compleet. helder kan hem niet lezen. Maak de pdf opnieuw of sla hem "
    "opnieuw op, en probeer het dan nog een keer.";
constexpr const char* kLocked =
    "Deze pdf is beveiligd met een wachtwoord. helder kan hem daarom niet lezen. Sla de pdf op zonder "
    "wachtwoord en probeer het dan nog een keer.";
constexpr const char* kScan =
    "Deze pdf bevat geen tekst, alleen afbeeldingen. Het is waarschijnlijk een scan. helder kan alleen "
    "tekst controleren.";
constexpr const char* kNoPages = "Deze pdf heeft geen pagina's. Er is niets om te controleren.";
constexpr const char* kNoText = "Deze pdf is leeg: er staat geen tekst in. Er is niets om te controleren.";

// Layout thresholds. Sizes are in points (1/72 inch), as poppler gives them; factors are relative to a
// font size or to the page.
constexpr double kRunningZone = 0.12;          // top and bottom part of a page where headers and footers live
constexpr double kRunningPositionTolerance = 6;  // points: a running header sits at the same height on each page
constexpr double kSmallFont = 0.9;             // a line below this part of the body size is small (notes)
constexpr double kSuperscriptFont = 0.85;      // a footnote reference is at most this part of its line's size
constexpr double kParagraphGap = 1.3;          // a baseline step this much larger than usual starts a paragraph
constexpr double kHeadingFont = 1.15;          // a line at least this much larger than the body is a heading

// One word of the text layer, in a frame where text runs left to right and lines go down.
struct Word {
  std::string text;  // UTF-8
  double x0 = 0, x1 = 0, top = 0, bottom = 0;
  double size = 0;  // font size, points
  bool bold = false;
  bool space_after = false;
};

struct Line {
  std::vector<Word> words;    // without footnote references
  double x0 = 0, x1 = 0, top = 0, bottom = 0;
  double size = 0;            // font size of most of its characters
  bool bold = false;          // most of its characters are bold
  bool raised_start = false;  // starts with a raised (superscript) number: a footnote's own number
  bool running = false;       // a running header or footer, or a page number: left out

  std::string text() const {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
      out += words[i].text;
      if (i + 1 < words.size() && (words[i].space_after || words[i + 1].x0 - words[i].x1 > 0.15 * size)) out += ' ';
    }
    return out;
  }
};

struct PageLines {
  double height = 0;
  std::vector<Line> lines;  // reading order
};

// A block being assembled: its text, kind, the page where it starts and its font size.
struct PendingBlock {
  BlockKind kind = BlockKind::Paragraph;
  std::string text;
  std::uint32_t page = 0;
  double size = 0;
  bool bold = false;
};

// ---- Characters ----

char32_t first_code_point(std::string_view s) {
  if (s.empty()) return 0;
  std::int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<std::int32_t>(s.size()), c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

char32_t last_code_point(std::string_view s, std::size_t* start = nullptr) {
  if (s.empty()) return 0;
  std::int32_t i = static_cast<std::int32_t>(s.size());
  UChar32 c = 0;
  U8_PREV(s.data(), 0, i, c);
  if (start) *start = static_cast<std::size_t>(i);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Poppler's text with ligatures spelled out, soft hyphens inside words removed (they only mark where a
// word may break) and control characters dropped.
std::string clean_word(std::string_view raw) {
  static const std::map<char32_t, const char*> kLigatures = {
      {0xFB00, "ff"}, {0xFB01, "fi"}, {0xFB02, "fl"}, {0xFB03, "ffi"}, {0xFB04, "ffl"}, {0xFB05, "st"},
      {0xFB06, "st"}};
  std::string out;
  out.reserve(raw.size());
  const auto length = static_cast<std::int32_t>(raw.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(raw.data(), i, length, c);
    if (c < 0 || c < 0x20 || c == 0x7F || c == 0xFFFD) continue;
    const bool last = i == length;
    if (c == 0xAD && !last) continue;
    if (auto it = kLigatures.find(static_cast<char32_t>(c)); it != kLigatures.end()) {
      out += it->second;
      continue;
    }
    out.append(raw.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
}

bool is_bold_font(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("bold") != std::string::npos || lower.find("black") != std::string::npos ||
         lower.find("heavy") != std::string::npos || lower.find("demi") != std::string::npos;
}

// ".", "!", "?" or ":" at the end, possibly followed by closing quotes or brackets.
bool ends_sentence(std::string_view text) {
  while (!text.empty()) {
    std::size_t start = 0;
    const char32_t c = last_code_point(text, &start);
    if (c == '.' || c == '!' || c == '?' || c == ':') return true;
    if (c == ')' || c == '"' || c == '\'' || c == 0x2019 || c == 0x201D || c == 0xBB) {
      text = text.substr(0, start);
      continue;
    }
    return false;
  }
  return false;
}

// ---- Line ends ----

bool is_hyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0xAD; }

bool is_plain_vowel(char32_t c) {
  c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// The letter with a trema (diaeresis) on it, for the vowels a Dutch trema can take.
std::string with_trema(char32_t c) {
  switch (c) {
    case 'a': return "\xC3\xA4";
    case 'e': return "\xC3\xAB";
    case 'i': return "\xC3\xAF";
    case 'o': return "\xC3\xB6";
    case 'u': return "\xC3\xBC";
    default: return {};
  }
}

// Two vowels that Dutch reads as one sound: split over two parts of a word they need a hyphen
// (compounds: "zee-egel") or a trema ("beëindigen").
bool forms_digraph(char32_t a, char32_t b) {
  static const std::set<std::pair<char32_t, char32_t>> kDigraphs = {
      {'a', 'a'}, {'a', 'i'}, {'a', 'u'}, {'e', 'e'}, {'e', 'i'}, {'e', 'u'}, {'i', 'e'},
      {'o', 'e'}, {'o', 'o'}, {'o', 'u'}, {'o', 'i'}, {'u', 'i'}, {'u', 'u'}};
  const auto lower = [](char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); };
  return kDigraphs.count({lower(a), lower(b)}) > 0;
}

// Joins `next` (the text of the next line) to `text` (ending at a line end), repairing a word that was
// hyphenated over the line end. Dutch keeps the hyphen before a capital or a digit ("Noord-Holland",
// "2022-2023"), after a single letter ("e-mail") and after a capital or digit ("AOW-uitkering"); a dash
// that stands alone stays a word of its own. Where two vowels meet that would be read as one sound, the
// hyphen stays ("zee-egel") except after the prefixes be-, ge- and co-, which take a trema instead
// ("be-" + "eindigen" gives "beëindigen").
void join_line(std::string& text, std::string_view next) {
  if (next.empty()) return;
  if (text.empty()) {
    text.append(next);
    return;
  }
  std::size_t hyphen_at = 0;
  const char32_t last = last_code_point(text, &hyphen_at);
  // The word before the hyphen: from the last space (a dash alone has nothing before it).
  const std::size_t word_start = text.find_last_of(' ', hyphen_at == 0 ? 0 : hyphen_at - 1);
  const std::string_view word =
      std::string_view(text).substr(word_start == std::string::npos ? 0 : word_start + 1,
                                    hyphen_at - (word_start == std::string::npos ? 0 : word_start + 1));
  if (!is_hyphen(last) || word.empty()) {
    text += ' ';
    text.append(next);
    return;
  }
  // The part of the word after its last hyphen: "Noord-Zuid-" has part "Zuid".
  std::string_view part = word;
  for (std::size_t i = part.size(); i > 0; --i) {
    if (part[i - 1] == '-') {
      part = part.substr(i);
      break;
    }
  }
  const char32_t before = last_code_point(part);
  const char32_t after = first_code_point(next);
  const bool soft = last == 0xAD;
  std::size_t part_length = 0;
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(part.size()); i < n; ++part_length) {
    UChar32 c = 0;
    U8_NEXT(part.data(), i, n, c);
  }
  const bool keep = !soft && (u_isupper(static_cast<UChar32>(after)) || u_isdigit(static_cast<UChar32>(after)) ||
                              part_length == 1 || u_isupper(static_cast<UChar32>(before)) ||
                              u_isdigit(static_cast<UChar32>(before)) || !u_isalpha(static_cast<UChar32>(after)));
  text.resize(hyphen_at);
  if (keep) {
    text += '-';
    text.append(next);
    return;
  }
  if (is_plain_vowel(before) && is_plain_vowel(after) && forms_digraph(before, after)) {
    std::string prefix(part);
    std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](unsigned char c) { return std::tolower(c); });
    const bool trema_prefix = part == word && (prefix == "be" || prefix == "ge" || prefix == "co");
    if (!trema_prefix) {
      text += '-';
      text.append(next);
      return;
    }
    const std::string marked = with_trema(static_cast<char32_t>(u_tolower(static_cast<UChar32>(after))));
    if (!marked.empty() && !u_isupper(static_cast<UChar32>(after))) {
      text += marked;
      text.append(next.substr(1));
      return;
    }
  }
  text.append(next);
}

// ---- Words and lines of a page ----

// Words of one page with the font information, in poppler's reading order, turned so that the page's
// main writing direction runs left to right. Words in another direction (a stamp in the margin) are left out.
std::vector<Word> page_words(const poppler::page& page) {
  const std::vector<poppler::text_box> boxes = page.text_list(poppler::page::text_list_include_font);
  std::map<int, std::size_t> characters_by_rotation;
  for (const auto& box : boxes) characters_by_rotation[box.rotation()] += box.text().size();
  if (characters_by_rotation.empty()) return {};
  const int rotation =
      std::max_element(characters_by_rotation.begin(), characters_by_rotation.end(),
                       [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  const poppler::rectf page_box = page.page_rect();
  std::vector<Word> words;
  words.reserve(boxes.size());
  for (const auto& box : boxes) {
    if (box.rotation() != rotation) continue;
    const poppler::byte_array utf8 = box.text().to_utf8();
    Word word;
    word.text = clean_word(std::string_view(utf8.data(), utf8.size()));
    if (word.text.empty()) continue;
    const poppler::rectf r = box.bbox();
    const double left = r.left(), right = r.right(), top = r.top(), bottom = r.bottom();
    // Poppler's rotation counts quarter turns clockwise; turn the box back so that text runs to the right.
    switch (rotation) {
      case 1: word.x0 = top, word.x1 = bottom, word.top = page_box.width() - right, word.bottom = page_box.width() - left; break;
      case 2: word.x0 = page_box.width() - right, word.x1 = page_box.width() - left, word.top = page_box.height() - bottom, word.bottom = page_box.height() - top; break;
      case 3: word.x0 = page_box.height() - bottom, word.x1 = page_box.height() - top, word.top = left, word.bottom = right; break;
      default: word.x0 = left, word.x1 = right, word.top = top, word.bottom = bottom; break;
    }
    word.size = box.has_font_info() ? box.get_font_size() : word.bottom - word.top;
    word.bold = box.has_font_info() && is_bold_font(box.get_font_name());
    word.space_after = box.has_space_after();
    words.push_back(std::move(word));
  }
  return words;
}

// A footnote reference: a small number raised above the line, after a word ("overgaan.³").
bool is_reference(const Word& word, const Word& body) {
  const double raised = body.bottom - word.bottom;
  return word.size <= kSuperscriptFont * body.size && raised > 0.15 * (body.bottom - body.top) &&
         (is_digits(word.text) || word.text == "*" || word.text == ")" ||
          (word.text.size() > 1 && word.text.back() == ')' && is_digits(word.text.substr(0, word.text.size() - 1))));
}

void finish_line(Line& line, std::vector<Line>& lines) {
  if (line.words.empty()) return;
  std::map<double, std::size_t> characters_by_size;
  std::size_t bold = 0, total = 0;
  for (const auto& w : line.words) {
    characters_by_size[std::round(w.size * 2) / 2] += w.text.size();
    if (w.bold) bold += w.text.size();
    total += w.text.size();
  }
  line.size = std::max_element(characters_by_size.begin(), characters_by_size.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; })->first;
  line.bold = bold * 2 > total;
  line.x0 = line.words.front().x0;
  line.x1 = line.words.back().x1;
  line.top = line.words.front().top;
  line.bottom = line.words.front().bottom;
  for (const auto& w : line.words) {
    if (w.size < kSuperscriptFont * line.size) continue;  // a raised number does not move the baseline
    line.top = std::min(line.top, w.top);
    line.bottom = std::max(line.bottom, w.bottom);
  }
  lines.push_back(std::move(line));
  line = Line{};
}

// Groups words into lines: a word belongs to the current line while it sits at the line's height and
// further to the right. Footnote references are dropped here; their space is kept.
std::vector<Line> group_lines(std::vector<Word> words) {
  std::vector<Line> lines;
  Line line;
  double line_top = 0, line_bottom = 0;
  const Word* previous = nullptr;
  std::vector<Word> all = std::move(words);
  for (std::size_t i = 0; i < all.size(); ++i) {
    Word& word = all[i];
    const double middle = (word.top + word.bottom) / 2;
    const bool same_line = previous && middle >= line_top && middle <= line_bottom &&
                           word.x0 >= previous->x1 - 0.5 * previous->size;
    if (!same_line) {
      finish_line(line, lines);
      line_top = word.top;
      line_bottom = word.bottom;
      line.raised_start = false;
      // A footnote's own number, raised before its text.
      if (i + 1 < all.size() && is_reference(word, all[i + 1]) && word.x1 <= all[i + 1].x0 + 0.5) {
        line.raised_start = true;
        word.size = all[i + 1].size;
      }
    } else if (!line.words.empty() && is_reference(word, line.words.back())) {
      if (word.space_after) line.words.back().space_after = true;
      previous = &word;
      continue;
    }
    if (word.size >= kSuperscriptFont * (line.words.empty() ? word.size : line.words.back().size)) {
      line_top = std::min(line_top, word.top);
      line_bottom = std::max(line_bottom, word.bottom);
    }
    previous = &word;
    line.words.push_back(word);
  }
  finish_line(line, lines);
  return lines;
}

// ---- Running headers, footers and page numbers ----

bool is_page_number(const std::string& text) {
  static const std::regex kPatterns(
      R"(^\s*(?:(?:pagina|page|blz\.?|blad|p\.)\s*)?(?:-|–|—)?\s*\d{1,4}\s*(?:-|–|—)?\s*(?:(?:/|van|of)\s*\d{1,4})?\s*$)",
      std::regex::icase | std::regex::optimize);
  return std::regex_match(text, kPatterns);
}

// The text of a line with its digits left out and its spaces folded: what stays the same from page to page
// in "Tweede Kamer, vergaderjaar 2022–2023, 36 338, nr. 1 4".
std::string running_key(const std::string& text) {
  std::string key;
  for (char c : text) {
    if (c >= '0' && c <= '9') continue;
    if (c == ' ' && (key.empty() || key.back() == ' ')) continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

bool in_running_zone(const Line& line, const PageLines& page, std::size_t index) {
  return line.bottom < kRunningZone * page.height || line.top > (1 - kRunningZone) * page.height || index == 0 ||
         index + 1 == page.lines.size();
}

// Starts like a footnote: a number and then words ("3 Zie de brief van ...").
bool starts_with_note_number(const Line& line) {
  return line.words.size() > 1 && (line.raised_start || is_digits(line.words.front().text));
}

void mark_running_lines(std::vector<PageLines>& pages, double body_size) {
  // key -> (page, top) of each candidate line
  std::map<std::string, std::vector<std::pair<std::size_t, double>>> candidates;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (std::size_t i = 0; i < pages[p].lines.size(); ++i) {
      Line& line = pages[p].lines[i];
      if (!in_running_zone(line, pages[p], i)) continue;
      const std::string text = line.text();
      if (is_page_number(text)) {
        line.running = true;
        continue;
      }
      // A footnote text is not a running footer, even when two of them differ only in their numbers.
      if (line.size < kSmallFont * body_size && starts_with_note_number(line)) continue;
      const std::string key = running_key(text);
      if (key.size() >= 3) candidates[key].emplace_back(p, line.top);
    }
  }
  for (const auto& [key, places] : candidates) {
    std::set<std::size_t> repeated_on;
    for (std::size_t a = 0; a < places.size(); ++a)
      for (std::size_t b = 0; b < places.size(); ++b)
        if (places[a].first != places[b].first &&
            std::abs(places[a].second - places[b].second) <= kRunningPositionTolerance)
          repeated_on.insert(places[a].first);
    if (repeated_on.empty()) continue;
    for (std::size_t p : repeated_on)
      for (std::size_t i = 0; i < pages[p].lines.size(); ++i) {
        Line& line = pages[p].lines[i];
        if (in_running_zone(line, pages[p], i) && running_key(line.text()) == key) line.running = true;
      }
  }
}

// ---- Paragraphs ----

// The most common font size of the document, by characters: the size of its body text.
double body_font_size(const std::vector<PageLines>& pages) {
  std::map<double, std::size_t> characters_by_size;
  for (const auto& page : pages)
    for (const auto& line : page.lines)
      for (const auto& w : line.words) characters_by_size[std::round(w.size * 2) / 2] += w.text.size();
  if (characters_by_size.empty()) return 0;
  return std::max_element(characters_by_size.begin(), characters_by_size.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })->first;
}

// The usual distance between the baselines of two body lines of one paragraph, points.
double body_line_pitch(const std::vector<PageLines>& pages, double body_size) {
  std::map<double, std::size_t> steps;
  for (const auto& page : pages) {
    const Line* previous = nullptr;
    for (const auto& line : page.lines) {
      if (line.running) continue;
      if (previous && std::abs(line.size - body_size) < 0.1 * body_size &&
          std::abs(previous->size - body_size) < 0.1 * body_size) {
        const double step = line.bottom - previous->bottom;
        if (step > 0 && step < 3 * body_size) ++steps[std::round(step * 2) / 2];
      }
      previous = &line;
    }
  }
  if (steps.empty()) return 1.2 * body_size;
  return std::max_element(steps.begin(), steps.end(), [](const auto& a, const auto& b) {
           return a.second < b.second;
         })->first;
}

bool is_bullet(const std::string& word) {
  return word == "\xE2\x80\xA2" || word == "\xE2\x97\xA6" || word == "\xE2\x96\xAA" || word == "\xC2\xB7" ||
         word == "*" || word == "\xEF\x82\xB7" /* Symbol font bullet */ || word == "-" || word == "\xE2\x80\x93";
}

bool is_enumerator(const std::string& word) {
  if (word.size() < 2 || word.size() > 4 || (word.back() != '.' && word.back() != ')')) return false;
  const std::string head = word.substr(0, word.size() - 1);
  return is_digits(head) || (head.size() == 1 && head[0] >= 'a' && head[0] <= 'z');
}

std::string words_text(const Line& line, std::size_t from) {
  Line rest;
  rest.size = line.size;
  rest.words.assign(line.words.begin() + static_cast<std::ptrdiff_t>(from), line.words.end());
  return rest.text();
}

// The body of one page (running lines and footnotes left out) as blocks, and its footnotes as blocks.
void page_blocks(const PageLines& page, std::uint32_t page_number, double body_size, double pitch,
                 std::vector<PendingBlock>& body, std::vector<PendingBlock>& notes) {
  std::vector<const Line*> lines;
  for (const auto& line : page.lines)
    if (!line.running) lines.push_back(&line);

  // Footnotes: the small lines at the end of the page, the first starting with its number.
  std::size_t notes_from = lines.size();
  while (notes_from > 0 && lines[notes_from - 1]->size < kSmallFont * body_size &&
         lines[notes_from - 1]->top > 0.5 * page.height)
    --notes_from;
  while (notes_from < lines.size() && !starts_with_note_number(*lines[notes_from])) ++notes_from;
  long note_number = -1;
  for (std::size_t i = notes_from; i < lines.size(); ++i) {
    const Line& line = *lines[i];
    const bool numbered = starts_with_note_number(line);
    const long number = numbered ? std::strtol(line.words.front().text.c_str(), nullptr, 10) : -1;
    if (numbered && (notes.empty() || note_number < 0 || line.raised_start || number == note_number + 1)) {
      notes.push_back(PendingBlock{BlockKind::Paragraph, words_text(line, 1), page_number, line.size, false});
      note_number = number;
    } else if (!notes.empty()) {
      join_line(notes.back().text, line.text());
    }
  }
  lines.resize(notes_from);

  // Paragraphs, headings and list items.
  double right_edge = 0;
  for (const Line* line : lines) right_edge = std::max(right_edge, line->x1);
  const Line* previous = nullptr;
  double block_x0 = 0;
  for (const Line* line : lines) {
    const std::string first = line->words.front().text;
    const bool after_break = !previous || ends_sentence(previous->text()) || previous->text().ends_with(";") ||
                             (!body.empty() && body.back().kind != BlockKind::Paragraph);
    const bool list_start = line->words.size() > 1 && after_break && (is_bullet(first) || is_enumerator(first));
    bool starts_block = !previous || list_start;
    if (previous && !starts_block) {
      const double step = line->bottom - previous->bottom;
      const double usual = pitch * std::max(line->size, previous->size) / body_size;
      const bool gap = step <= 0 || step > kParagraphGap * usual;
      // The previous line was full when the first word of this one would not have fitted behind it: the
      // text wrapped. A bold start that wraps ("**Bold lead-in that runs on** and text") is not a heading,
      // and a sentence that ends in a line that was not full ends its paragraph.
      const double first_width = line->words.front().x1 - line->words.front().x0;
      const bool full = previous->x1 + 0.25 * previous->size + first_width > right_edge - 0.5 * previous->size;
      const bool font_change = std::abs(line->size - previous->size) > 0.1 * body_size ||
                               (line->bold != previous->bold && !full);
      const bool indented = body.back().kind != BlockKind::ListItem && line->x0 > previous->x0 + line->size &&
                            line->x0 > block_x0 + line->size;
      const bool outdented = body.back().kind == BlockKind::ListItem && line->x0 < block_x0 + 0.5 * line->size;
      const bool short_end = ends_sentence(previous->text()) && !full;
      starts_block = gap || font_change || indented || outdented || short_end;
    }
    if (starts_block) {
      PendingBlock block{BlockKind::Paragraph, {}, page_number, line->size, line->bold};
      if (list_start) {
        block.kind = BlockKind::ListItem;
        block.text = words_text(*line, 1);
      } else {
        // A raised number before the text is the label of a footnote set in body type: not prose.
        block.text = line->raised_start ? words_text(*line, 1) : line->text();
      }
      block_x0 = line->x0;
      body.push_back(std::move(block));
    } else {
      join_line(body.back().text, line->text());
      body.back().bold = body.back().bold && line->bold;
    }
    previous = line;
  }
  // Headings: a larger font, or a short bold block that does not end like a sentence.
  for (auto& block : body) {
    if (block.kind != BlockKind::Paragraph) continue;
    if (block.size >= kHeadingFont * body_size ||
        (block.bold && block.text.size() < 160 && !ends_sentence(block.text)))
      block.kind = BlockKind::Heading;
  }
}

// ---- The document ----

void silence_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// A complete PDF ends with "%%EOF" (readers accept it within the last 1024 bytes); a file cut off in
// transfer does not, and poppler would otherwise read what it can of it without a word.
bool looks_complete(std::string_view bytes) {
  const std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  return bytes.starts_with("%PDF-") && tail.find("%%EOF") != std::string_view::npos;
}

// Whether anything is painted on the first pages of a document without text (a scan) or not (empty pages).
bool has_painted_pages(const poppler::document& document) {
  if (!poppler::page_renderer::can_render()) return true;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  const int pages = std::min(document.pages(), 5);
  for (int i = 0; i < pages; ++i) {
    const std::unique_ptr<poppler::page> page(document.create_page(i));
    if (!page) continue;
    poppler::image image = renderer.render_page(page.get(), 12, 12);
    if (!image.is_valid()) continue;
    const auto* data = reinterpret_cast<const unsigned char*>(image.const_data());
    for (int y = 0; y < image.height(); ++y)
      for (int x = 0; x < image.width(); ++x)
        if (data[y * image.bytes_per_row() + x] < 245) return true;
  }
  return false;
}

}  // namespace

// An encrypted PDF that opens without a password (only an owner password, which restricts printing or
// copying) is read: its text is the writer's own, and checking it changes nothing in the file.
ReadText read_pdf(std::string_view bytes) {
  silence_poppler();
  if (bytes.size() > limits::max_pdf_bytes)
    throw InputError("Deze pdf is te groot om te controleren: meer dan " + limits::size_text(limits::max_pdf_bytes + 1) +
                     ". Splits de pdf in kleinere delen en controleer die apart.");
  if (!looks_complete(bytes)) throw InputError(kDamaged);
  // Poppler reads the bytes in place: `bytes` outlives the document.
  const std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) throw InputError(kDamaged);
  if (document->is_locked()) throw InputError(kLocked);
  const int page_count = document->pages();
  if (page_count <= 0) throw InputError(kNoPages);

  // One page at a time: poppler's page and its word boxes go as soon as its lines are made.
  std::vector<PageLines> pages;
  pages.reserve(static_cast<std::size_t>(page_count));
  bool any_text = false;
  for (int i = 0; i < page_count; ++i) {
    const std::unique_ptr<poppler::page> page(document->create_page(i));
    PageLines lines;
    if (page) {
      lines.height = page->page_rect().height();
      lines.lines = group_lines(page_words(*page));
    }
    any_text = any_text || !lines.lines.empty();
    pages.push_back(std::move(lines));
  }
  if (!any_text) throw InputError(has_painted_pages(*document) ? kScan : kNoText);

  const double body_size = body_font_size(pages);
  if (pages.size() > 1) mark_running_lines(pages, body_size);
  else
    for (std::size_t i = 0; i < pages[0].lines.size(); ++i)
      if (in_running_zone(pages[0].lines[i], pages[0], i) && is_page_number(pages[0].lines[i].text()))
        pages[0].lines[i].running = true;
  const double pitch = body_line_pitch(pages, body_size);

  ReadText out;
  const auto emit = [&out](const PendingBlock& block) {
    if (block.text.empty()) return;
    if (!out.text.empty()) out.text += "\n\n";
    const auto start = static_cast<std::uint32_t>(out.text.size());
    out.text += block.text;
    Block b{block.kind, Range{start, static_cast<std::uint32_t>(out.text.size())}, {}, {}};
    find_urls(out.text, b.range, b.skipped);  // URLs and e-mail addresses are not words, as in plain text
    normalize_skipped(b.skipped, b.range);
    out.blocks.push_back(std::move(b));
    out.origins.push_back(Origin{start, 0, block.page});
  };
  // The last body block of a page may go on on the next page; the page's footnotes wait until it ends.
  std::optional<PendingBlock> carried;
  std::vector<PendingBlock> waiting_notes;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::vector<PendingBlock> body, notes;
    page_blocks(pages[p], static_cast<std::uint32_t>(p + 1), body_size, pitch, body, notes);
    pages[p] = PageLines{};
    std::size_t i = 0;
    if (carried && !body.empty() && body[0].kind == BlockKind::Paragraph && carried->kind != BlockKind::Heading &&
        !ends_sentence(carried->text) && std::abs(carried->size - body[0].size) < 0.1 * body_size) {
      join_line(carried->text, body[0].text);
      i = 1;
    }
    for (; i < body.size(); ++i) {
      if (carried) {
        emit(*carried);
        for (const auto& note : waiting_notes) emit(note);
        waiting_notes.clear();
      }
      carried = std::move(body[i]);
    }
    for (auto& note : notes) waiting_notes.push_back(std::move(note));
  }
  if (carried) emit(*carried);
  for (const auto& note : waiting_notes) emit(note);
  if (out.blocks.empty()) throw InputError(kNoText);
  return out;
}

}  // namespace helder
