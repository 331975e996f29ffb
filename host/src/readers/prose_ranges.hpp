// Shared by the readers: inline directives and the parts of a block that are not prose.
#pragma once

#include <helder/reader.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

struct ParsedDirective {
  bool enable = false;
  std::vector<std::string> rules;
};

// `inner`: the text between "<!--" and "-->" of `<!-- helder-disable RULE... -->` or `helder-enable`. Rule ids
// are separated by white space or commas. nullopt for any other comment.
std::optional<ParsedDirective> parse_directive(std::string_view inner);

// Sorts, merges and clips `skipped` to `range`.
void normalize_skipped(std::vector<Range>& skipped, Range range);

// Makes `marks` what Block::marks promises: clipped to `range`, without the parts in `skipped` (normalized,
// see above) and without white space at their edges, in text order, not overlapping, and touching marks of
// one kind merged. Where marks of two kinds overlap (a <cite> inside a link), the more telling kind keeps the
// overlap: a title before a quotation before a link. `text` is ReadText::text; all ranges are bytes into it.
void normalize_marks(std::vector<Mark>& marks, std::string_view text, Range range, const std::vector<Range>& skipped);

// True when `s` starts with a URL (http://, https://, ftp://, www., mailto:), ASCII case ignored.
bool looks_like_url(std::string_view s);

// Bare URLs and e-mail addresses in `text`[range]: the rules should not read them as words. Appends to
// `skipped` (bytes into `text`).
void find_urls(std::string_view text, Range range, std::vector<Range>& skipped);

}  // namespace helder
