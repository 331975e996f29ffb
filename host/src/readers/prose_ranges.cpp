// Shared by the readers: inline directives (<!-- helder-disable RULE -->), the parts of a block that are
// not prose (URLs, e-mail addresses) as Block::skipped ranges, and the normal form of Block::marks.
#include "prose_ranges.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace helder {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool is_ascii_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `prefix` is lower-case ASCII.
bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (ascii_lower(s[i]) != prefix[i]) return false;
  return true;
}

}  // namespace

std::optional<ParsedDirective> parse_directive(std::string_view inner) {
  inner = trim(inner);
  ParsedDirective directive;
  constexpr std::string_view kDisable = "helder-disable";
  constexpr std::string_view kEnable = "helder-enable";
  if (inner.starts_with(kDisable)) {
    inner.remove_prefix(kDisable.size());
  } else if (inner.starts_with(kEnable)) {
    inner.remove_prefix(kEnable.size());
    directive.enable = true;
  } else {
    return std::nullopt;
  }
  // "helder-disable-next-line" and the like are other words, not this directive.
  if (!inner.empty() && !is_space(inner.front()) && inner.front() != ',') return std::nullopt;
  std::size_t i = 0;
  while (i < inner.size()) {
    while (i < inner.size() && (is_space(inner[i]) || inner[i] == ',')) ++i;
    const std::size_t start = i;
    while (i < inner.size() && !is_space(inner[i]) && inner[i] != ',') ++i;
    if (i > start) directive.rules.emplace_back(inner.substr(start, i - start));
  }
  return directive;
}

void normalize_skipped(std::vector<Range>& skipped, Range range) {
  for (Range& r : skipped) {
    r.start = std::clamp(r.start, range.start, range.end);
    r.end = std::clamp(r.end, range.start, range.end);
  }
  std::erase_if(skipped, [](const Range& r) { return r.end <= r.start; });
  std::sort(skipped.begin(), skipped.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
  std::vector<Range> merged;
  for (const Range& r : skipped) {
    if (!merged.empty() && r.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, r.end);
    } else {
      merged.push_back(r);
    }
  }
  skipped = std::move(merged);
}

namespace {

// Higher wins where marks overlap.
int precedence(MarkKind kind) {
  switch (kind) {
    case MarkKind::Title: return 2;
    case MarkKind::Quotation: return 1;
    case MarkKind::Link: return 0;
  }
  return 0;
}

constexpr std::size_t kMarkKinds = 3;

// White space a mark does not start or end with: ASCII white space, U+00A0 and U+2028 (a hard line break).
std::size_t space_at_start(std::string_view s) {
  if (!s.empty() && is_space(s.front())) return 1;
  if (s.starts_with("\xC2\xA0")) return 2;
  if (s.starts_with("\xE2\x80\xA8")) return 3;
  return 0;
}

std::size_t space_at_end(std::string_view s) {
  if (!s.empty() && is_space(s.back())) return 1;
  if (s.ends_with("\xC2\xA0")) return 2;
  if (s.ends_with("\xE2\x80\xA8")) return 3;
  return 0;
}

}  // namespace

void normalize_marks(std::vector<Mark>& marks, std::string_view text, Range range, const std::vector<Range>& skipped) {
  if (marks.empty()) return;  // most blocks
  range.end = std::min<std::uint32_t>(range.end, static_cast<std::uint32_t>(text.size()));
  // A sweep over the starts and ends of the marks: between two such points the same marks are open, and
  // the one of highest precedence owns the stretch.
  struct Event {
    std::uint32_t at;
    int delta;  // +1 a mark opens, -1 it closes
    MarkKind kind;
  };
  std::vector<Event> events;
  events.reserve(marks.size() * 2);
  for (const Mark& mark : marks) {
    const std::uint32_t start = std::clamp(mark.range.start, range.start, range.end);
    const std::uint32_t end = std::clamp(mark.range.end, range.start, range.end);
    if (end <= start) continue;
    events.push_back(Event{start, +1, mark.kind});
    events.push_back(Event{end, -1, mark.kind});
  }
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  std::vector<Mark> owned;
  std::array<int, kMarkKinds> open{};
  for (std::size_t i = 0; i < events.size();) {
    const std::uint32_t at = events[i].at;
    for (; i < events.size() && events[i].at == at; ++i) {
      open[static_cast<std::size_t>(events[i].kind)] += events[i].delta;
    }
    if (i == events.size()) break;
    const std::uint32_t next = events[i].at;
    std::optional<MarkKind> owner;
    for (std::size_t k = 0; k < kMarkKinds; ++k) {
      const auto kind = static_cast<MarkKind>(k);
      if (open[k] > 0 && (!owner || precedence(kind) > precedence(*owner))) owner = kind;
    }
    if (!owner) continue;
    if (!owned.empty() && owned.back().kind == *owner && owned.back().range.end == at) {
      owned.back().range.end = next;
    } else {
      owned.push_back(Mark{Range{at, next}, *owner});
    }
  }
  // Skipped text is left alone anyway: the marks keep only what lies outside it. Both lists are sorted.
  std::vector<Mark> kept;
  auto skip = skipped.begin();
  for (const Mark& mark : owned) {
    std::uint32_t from = mark.range.start;
    while (skip != skipped.end() && skip->end <= from) ++skip;
    for (auto s = skip; s != skipped.end() && s->start < mark.range.end; ++s) {
      if (s->start > from) kept.push_back(Mark{Range{from, s->start}, mark.kind});
      from = std::max(from, s->end);
    }
    if (from < mark.range.end) kept.push_back(Mark{Range{from, mark.range.end}, mark.kind});
  }
  marks.clear();
  for (Mark mark : kept) {
    while (mark.range.start < mark.range.end) {
      const std::size_t n = space_at_start(text.substr(mark.range.start, mark.range.end - mark.range.start));
      if (n == 0) break;
      mark.range.start += static_cast<std::uint32_t>(n);
    }
    while (mark.range.start < mark.range.end) {
      const std::size_t n = space_at_end(text.substr(mark.range.start, mark.range.end - mark.range.start));
      if (n == 0) break;
      mark.range.end -= static_cast<std::uint32_t>(n);
    }
    if (mark.range.start < mark.range.end) marks.push_back(mark);
  }
}

bool looks_like_url(std::string_view s) {
  // Most words start with another letter: one comparison for them (this runs at every word of a document).
  const char first = s.empty() ? '\0' : ascii_lower(s.front());
  if (first != 'h' && first != 'f' && first != 'w' && first != 'm') return false;
  return starts_with_ignoring_case(s, "http://") || starts_with_ignoring_case(s, "https://") ||
         starts_with_ignoring_case(s, "ftp://") || starts_with_ignoring_case(s, "www.") ||
         starts_with_ignoring_case(s, "mailto:");
}

namespace {

bool is_url_end(char c) { return is_space(c) || c == '<' || c == '>' || c == '"'; }

// Trailing punctuation belongs to the sentence, not to the URL: "zie www.rijksoverheid.nl."
std::size_t trim_url_end(std::string_view text, std::size_t start, std::size_t end) {
  while (end > start) {
    const char c = text[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '\'') {
      --end;
    } else if (end - start >= 3 && text.substr(end - 3, 2) == "\xE2\x80" &&
               (text[end - 1] == '\x99' || text[end - 1] == '\x9D')) {
      end -= 3;  // ’ or ”
    } else {
      break;
    }
  }
  return end;
}

bool is_email_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }

}  // namespace

namespace {

// Whether `block` may hold a URL or an e-mail address at all: every one has a ':' ("https:", "mailto:"), an '@'
// or "www." in it. Most paragraphs have none, and memchr finds that out many bytes at a time (this runs over the
// whole text on every keystroke in the editor).
bool may_hold_url(std::string_view block) {
  if (block.find(':') != std::string_view::npos || block.find('@') != std::string_view::npos) return true;
  for (std::size_t dot = block.find('.', 3); dot != std::string_view::npos; dot = block.find('.', dot + 1))
    if (ascii_lower(block[dot - 1]) == 'w' && ascii_lower(block[dot - 2]) == 'w' && ascii_lower(block[dot - 3]) == 'w')
      return true;
  return false;
}

}  // namespace

void find_urls(std::string_view text, Range range, std::vector<Range>& skipped) {
  const std::string_view block = text.substr(range.start, range.end - range.start);
  if (!may_hold_url(block)) return;
  std::size_t i = 0;
  while (i < block.size()) {
    const bool word_start = i == 0 || !is_ascii_alnum(block[i - 1]);
    if (word_start && looks_like_url(block.substr(i))) {
      std::size_t end = i;
      while (end < block.size() && !is_url_end(block[end])) ++end;
      end = trim_url_end(block, i, end);
      skipped.push_back(Range{range.start + static_cast<std::uint32_t>(i),
                              range.start + static_cast<std::uint32_t>(end)});
      i = std::max(end, i + 1);
      continue;
    }
    if (block[i] == '@' && i > 0 && is_email_char(block[i - 1])) {
      std::size_t start = i;
      while (start > 0 && is_email_char(block[start - 1])) --start;
      std::size_t end = i + 1;
      while (end < block.size() && is_email_char(block[end])) ++end;
      while (end > i + 1 && block[end - 1] == '.') --end;
      const std::string_view domain = block.substr(i + 1, end - i - 1);
      if (domain.find('.') != std::string_view::npos && start < i) {
        skipped.push_back(Range{range.start + static_cast<std::uint32_t>(start),
                                range.start + static_cast<std::uint32_t>(end)});
      }
      i = end;
      continue;
    }
    ++i;
  }
}

}  // namespace helder
