// Unified diffs of fixes: the changed lines follow from the replacements, so no general diff is needed.
#include "unified_diff.hpp"

#include <helder/fix.hpp>
#include <helder/text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace helder::cli {

namespace {

constexpr std::uint32_t context = 3;

// Lines of `text` (without their "\n"), and whether the last one ends with a newline.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, nl + 1));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

void append_line(std::string& out, char mark, std::string_view line) {
  out += mark;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

// "start,count" as diff prints it: a count of one is left out; an empty side starts one line earlier.
std::string hunk_range(std::uint32_t first, std::uint32_t count) {
  if (count == 1) return std::to_string(first + 1);
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

std::string unified_diff(const std::string& path, std::string_view before,
                         const std::vector<Replacement>& replacements) {
  if (replacements.empty()) return "";
  const LineIndex lines(before);
  // Changed stretches of whole lines: [first, last] in `before`, merged where they touch.
  struct Change {
    std::uint32_t first, last;  // 0-based lines of `before`, inclusive
    std::vector<Replacement> inside;
  };
  std::vector<Change> changes;
  for (const Replacement& r : replacements) {
    const std::uint32_t first = lines.line_of(r.start);
    const std::uint32_t last = lines.line_of(r.end > r.start ? r.end - 1 : r.start);
    if (!changes.empty() && first <= changes.back().last) {
      changes.back().last = std::max(changes.back().last, last);
      changes.back().inside.push_back(r);
    } else {
      changes.push_back(Change{first, last, {r}});
    }
  }
  const std::vector<std::string_view> old_lines = split_lines(before);
  const auto line_count = static_cast<std::uint32_t>(old_lines.size());
  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", path, path);
  std::int64_t shift = 0;  // new line number minus old line number, before the current hunk
  for (std::size_t i = 0; i < changes.size();) {
    // A hunk: changes whose context overlaps.
    std::size_t j = i + 1;
    while (j < changes.size() && changes[j].first <= changes[j - 1].last + 2 * context + 1) ++j;
    const std::uint32_t from = changes[i].first > context ? changes[i].first - context : 0;
    const std::uint32_t to = std::min(line_count, changes[j - 1].last + 1 + context);  // exclusive
    std::string body;
    std::uint32_t old_count = 0, new_count = 0;
    std::uint32_t at = from;
    for (std::size_t k = i; k < j; ++k) {
      const Change& c = changes[k];
      for (; at < c.first; ++at, ++old_count, ++new_count) append_line(body, ' ', old_lines[at]);
      const std::uint32_t start = lines.line_start(c.first);
      const std::uint32_t end = c.last + 1 < line_count ? lines.line_start(c.last + 1) : static_cast<std::uint32_t>(before.size());
      std::vector<Replacement> local = c.inside;
      for (Replacement& r : local) {
        r.start -= start;
        r.end -= start;
      }
      const std::string changed = apply_replacements(before.substr(start, end - start), local);
      for (std::uint32_t l = c.first; l <= c.last; ++l, ++old_count) append_line(body, '-', old_lines[l]);
      for (std::string_view l : split_lines(changed)) {
        append_line(body, '+', l);
        ++new_count;
      }
      at = c.last + 1;
    }
    for (; at < to; ++at, ++old_count, ++new_count) append_line(body, ' ', old_lines[at]);
    out += fmt::format("@@ -{} +{} @@\n", hunk_range(from, old_count),
                       hunk_range(static_cast<std::uint32_t>(from + shift), new_count));
    out += body;
    shift += static_cast<std::int64_t>(new_count) - old_count;
    i = j;
  }
  return out;
}

}  // namespace helder::cli
