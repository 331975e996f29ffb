// Plain-text and Markdown (md4c) readers: analysed text, blocks, inline directives, source map, and in
// Markdown the link texts, titles and quotations that rules leave alone (Block::marks).
#include <helder/limits.hpp>
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include "readers/prose_ranges.hpp"

#include <md4c.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <utility>

namespace helder {

void SourceMap::add(std::uint32_t text_offset, std::uint32_t source_offset, std::uint32_t text_length,
                    std::uint32_t source_length) {
  if (text_length == 0) return;  // nothing in the text can point into it
  if (!pieces_.empty()) {
    Piece& last = pieces_.back();
    // Runs of verbatim text that follow each other in both text and source are one piece: most of a
    // document is such runs, split only by md4c's callbacks.
    const bool both_verbatim = last.text_length == last.source_length && text_length == source_length;
    if (both_verbatim && last.text_offset + last.text_length == text_offset &&
        last.source_offset + last.source_length == source_offset) {
      last.text_length += text_length;
      last.source_length += source_length;
      return;
    }
  }
  pieces_.push_back(Piece{text_offset, source_offset, text_length, source_length});
}

// Offsets inside a synthetic piece (a decoded entity, a line break, the gap between blocks) map to the
// start of its source for a range start and to the end of its source for a range end, so that a range
// always covers everything it stands for.
std::uint32_t SourceMap::to_source(std::uint32_t text_offset) const {
  if (pieces_.empty()) return text_offset;
  const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), text_offset,
                                      [](std::uint32_t t, const Piece& p) { return t < p.text_offset; });
  if (after == pieces_.begin()) return pieces_.front().source_offset;
  const Piece& piece = *(after - 1);
  const std::uint32_t delta = text_offset - piece.text_offset;
  if (delta >= piece.text_length) return piece.source_offset + piece.source_length;
  if (piece.text_length == piece.source_length) return piece.source_offset + delta;
  return piece.source_offset;
}

std::uint32_t SourceMap::to_source_end(std::uint32_t text_end) const {
  if (pieces_.empty()) return text_end;
  if (text_end == 0) return to_source(0);
  // The piece that holds the last byte of the range.
  const std::uint32_t last_byte = text_end - 1;
  const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), last_byte,
                                      [](std::uint32_t t, const Piece& p) { return t < p.text_offset; });
  if (after == pieces_.begin()) return pieces_.front().source_offset;
  const Piece& piece = *(after - 1);
  const std::uint32_t delta = text_end - piece.text_offset;
  if (delta >= piece.text_length) return piece.source_offset + piece.source_length;
  if (piece.text_length == piece.source_length) return piece.source_offset + delta;
  return piece.source_offset + piece.source_length;
}

namespace {

constexpr std::string_view kLineSeparator = "\xE2\x80\xA8";  // U+2028, a hard line break
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";
constexpr std::string_view kBlockSeparator = "\n\n";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// --- Limits (limits.hpp) ------------------------------------------------------------------------------

// 1-based line of byte `offset` in `source` (lines end at "\n"; read_text has made lone "\r"s "\n").
std::size_t line_number(std::string_view source, std::size_t offset) {
  offset = std::min(offset, source.size());
  return static_cast<std::size_t>(std::count(source.begin(), source.begin() + static_cast<std::ptrdiff_t>(offset), '\n')) + 1;
}

// Before reading: a line that is too long.
void check_line_lengths(std::string_view source) {
  std::size_t line = 1;
  for (std::size_t start = 0; start <= source.size(); ++line) {
    const std::size_t newline = source.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? source.size() : newline;
    if (end - start > limits::max_line_bytes) {
      const std::string cap = limits::size_text(limits::max_line_bytes);
      throw InputError("Regel " + std::to_string(line) + " is te lang: meer dan " + cap +
                       " zonder regeleinde. helder controleert regels tot " + cap +
                       ". Zet regeleinden in het bestand, bijvoorbeeld na elke alinea, en controleer het opnieuw.");
    }
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
}

// After reading: a paragraph that is too long. Named by the line where it starts in `source`.
void check_paragraph_sizes(const ReadText& read, std::string_view source) {
  for (const Block& block : read.blocks) {
    if (block.range.end - block.range.start <= limits::max_paragraph_bytes) continue;
    const std::string cap = limits::size_text(limits::max_paragraph_bytes);
    throw InputError("De alinea die begint op regel " + std::to_string(line_number(source, read.map.to_source(block.range.start))) +
                     " is te lang: meer dan " + cap + " tekst. helder controleert alinea's tot " +
                     cap + ". Zet witregels tussen de alinea's en controleer de tekst opnieuw.");
  }
}

// --- Entities -----------------------------------------------------------------------------------------

struct NamedEntity {
  std::string_view name;
  std::uint32_t code_point;
};

// The entities a Dutch text is likely to use; the rest stay as written.
constexpr std::array kNamedEntities{
    NamedEntity{"amp", 38},      NamedEntity{"lt", 60},       NamedEntity{"gt", 62},
    NamedEntity{"quot", 34},     NamedEntity{"apos", 39},     NamedEntity{"nbsp", 160},
    NamedEntity{"shy", 173},     NamedEntity{"copy", 169},    NamedEntity{"reg", 174},
    NamedEntity{"trade", 8482},  NamedEntity{"deg", 176},     NamedEntity{"plusmn", 177},
    NamedEntity{"sect", 167},    NamedEntity{"para", 182},    NamedEntity{"middot", 183},
    NamedEntity{"laquo", 171},   NamedEntity{"raquo", 187},   NamedEntity{"lsaquo", 8249},
    NamedEntity{"rsaquo", 8250}, NamedEntity{"lsquo", 8216},  NamedEntity{"rsquo", 8217},
    NamedEntity{"sbquo", 8218},  NamedEntity{"ldquo", 8220},  NamedEntity{"rdquo", 8221},
    NamedEntity{"bdquo", 8222},  NamedEntity{"ndash", 8211},  NamedEntity{"mdash", 8212},
    NamedEntity{"hellip", 8230}, NamedEntity{"bull", 8226},   NamedEntity{"euro", 8364},
    NamedEntity{"pound", 163},   NamedEntity{"cent", 162},    NamedEntity{"yen", 165},
    NamedEntity{"times", 215},   NamedEntity{"divide", 247},  NamedEntity{"minus", 8722},
    NamedEntity{"frac12", 189},  NamedEntity{"frac14", 188},  NamedEntity{"frac34", 190},
    NamedEntity{"sup1", 185},    NamedEntity{"sup2", 178},    NamedEntity{"sup3", 179},
    NamedEntity{"micro", 181},   NamedEntity{"iexcl", 161},   NamedEntity{"iquest", 191},
    NamedEntity{"ensp", 8194},   NamedEntity{"emsp", 8195},   NamedEntity{"thinsp", 8201},
    NamedEntity{"prime", 8242},  NamedEntity{"larr", 8592},   NamedEntity{"rarr", 8594},
    NamedEntity{"Agrave", 192},  NamedEntity{"Aacute", 193},  NamedEntity{"Acirc", 194},
    NamedEntity{"Atilde", 195},  NamedEntity{"Auml", 196},    NamedEntity{"Aring", 197},
    NamedEntity{"AElig", 198},   NamedEntity{"Ccedil", 199},  NamedEntity{"Egrave", 200},
    NamedEntity{"Eacute", 201},  NamedEntity{"Ecirc", 202},   NamedEntity{"Euml", 203},
    NamedEntity{"Igrave", 204},  NamedEntity{"Iacute", 205},  NamedEntity{"Icirc", 206},
    NamedEntity{"Iuml", 207},    NamedEntity{"Ntilde", 209},  NamedEntity{"Ograve", 210},
    NamedEntity{"Oacute", 211},  NamedEntity{"Ocirc", 212},   NamedEntity{"Otilde", 213},
    NamedEntity{"Ouml", 214},    NamedEntity{"Oslash", 216},  NamedEntity{"Ugrave", 217},
    NamedEntity{"Uacute", 218},  NamedEntity{"Ucirc", 219},   NamedEntity{"Uuml", 220},
    NamedEntity{"Yacute", 221},  NamedEntity{"szlig", 223},   NamedEntity{"agrave", 224},
    NamedEntity{"aacute", 225},  NamedEntity{"acirc", 226},   NamedEntity{"atilde", 227},
    NamedEntity{"auml", 228},    NamedEntity{"aring", 229},   NamedEntity{"aelig", 230},
    NamedEntity{"ccedil", 231},  NamedEntity{"egrave", 232},  NamedEntity{"eacute", 233},
    NamedEntity{"ecirc", 234},   NamedEntity{"euml", 235},    NamedEntity{"igrave", 236},
    NamedEntity{"iacute", 237},  NamedEntity{"icirc", 238},   NamedEntity{"iuml", 239},
    NamedEntity{"ntilde", 241},  NamedEntity{"ograve", 242},  NamedEntity{"oacute", 243},
    NamedEntity{"ocirc", 244},   NamedEntity{"otilde", 245},  NamedEntity{"ouml", 246},
    NamedEntity{"oslash", 248},  NamedEntity{"ugrave", 249},  NamedEntity{"uacute", 250},
    NamedEntity{"ucirc", 251},   NamedEntity{"uuml", 252},    NamedEntity{"yacute", 253},
    NamedEntity{"yuml", 255},    NamedEntity{"OElig", 338},   NamedEntity{"oelig", 339},
    NamedEntity{"IJlig", 306},   NamedEntity{"ijlig", 307},
};

// `entity` as md4c reports it: "&name;", "&#233;" or "&#xE9;". Returns the UTF-8 it stands for, or
// nothing for a name not in the table.
std::optional<std::string> decode_entity(std::string_view entity) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') return std::nullopt;
  const std::string_view body = entity.substr(1, entity.size() - 2);
  std::string out;
  if (body.front() == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    std::uint32_t value = 0;
    for (char c : digits) {
      int digit = -1;
      if (c >= '0' && c <= '9') digit = c - '0';
      if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
      if (digit < 0) return std::nullopt;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
    }
    // CommonMark: NUL, surrogates and values beyond Unicode become U+FFFD.
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) value = 0xFFFD;
    append_utf8(out, value);
    return out;
  }
  for (const NamedEntity& named : kNamedEntities) {
    if (named.name == body) {
      append_utf8(out, named.code_point);
      return out;
    }
  }
  return std::nullopt;
}

// Lower-case name of the HTML tag `html` ("<br/>" -> "br", "</sup>" -> "sup"); empty for comments and
// other markup.
std::string html_tag_name(std::string_view html, bool& closing) {
  std::string name;
  if (!html.starts_with('<')) return name;
  std::size_t i = 1;
  closing = i < html.size() && html[i] == '/';
  if (closing) ++i;
  while (i < html.size() && std::isalnum(static_cast<unsigned char>(html[i])) != 0) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
    ++i;
  }
  return name;
}

// --- Plain text ---------------------------------------------------------------------------------------

// Length of the list marker at the start of `line` ("- ", "• ", "12. ", "a) ", ...) including the
// white space after it, or 0.
std::size_t list_marker_length(std::string_view line) {
  auto followed_by_space = [&](std::size_t marker) -> std::size_t {
    if (marker >= line.size() || (line[marker] != ' ' && line[marker] != '\t')) return 0;
    std::size_t end = marker;
    while (end < line.size() && (line[end] == ' ' || line[end] == '\t')) ++end;
    return end;
  };
  if (line.starts_with("-") || line.starts_with("*")) return followed_by_space(1);
  if (line.starts_with("\xE2\x80\xA2") || line.starts_with("\xE2\x80\x93")) return followed_by_space(3);  // • –
  std::size_t digits = 0;
  while (digits < line.size() && digits < 4 && line[digits] >= '0' && line[digits] <= '9') ++digits;
  if (digits >= 1 && digits <= 3 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
    return followed_by_space(digits + 1);
  }
  if (line.size() >= 2 && std::isalpha(static_cast<unsigned char>(line[0])) != 0 && line[1] == ')') {
    return followed_by_space(2);
  }
  return 0;
}

ReadText read_plain_text(std::string_view source) {
  ReadText out;
  out.text = std::string(source);
  const auto size = static_cast<std::uint32_t>(source.size());

  Block block;
  bool block_open = false;
  bool block_has_text = false;  // a list marker line may carry no text yet
  std::uint32_t block_end = 0;  // end of the last non-blank byte added to `block`
  auto close_block = [&] {
    if (block_open && block_has_text) {
      block.range.end = block_end;
      find_urls(out.text, block.range, block.skipped);
      normalize_skipped(block.skipped, block.range);
      out.blocks.push_back(std::move(block));
    }
    block = Block{};
    block_open = false;
    block_has_text = false;
  };
  // Adds the trimmed content [start, end) of a line to the open block (starting a paragraph if needed).
  auto add_content = [&](std::uint32_t start, std::uint32_t end) {
    if (start >= end) return;
    if (!block_open) {
      block = Block{BlockKind::Paragraph, Range{start, start}, {}, {}};
      block_open = true;
    }
    if (!block_has_text) block.range.start = start;
    block_has_text = true;
    block_end = end;
  };

  std::uint32_t line_start = 0;
  while (line_start <= size) {
    const std::size_t newline = source.find('\n', line_start);
    const std::uint32_t line_end = newline == std::string_view::npos ? size : static_cast<std::uint32_t>(newline);
    const std::string_view line = source.substr(line_start, line_end - line_start);
    const std::string_view content = trim(line);
    const auto content_start = static_cast<std::uint32_t>(line_start + (content.data() - line.data()));
    const auto content_end = static_cast<std::uint32_t>(content_start + content.size());

    if (content.empty()) {
      close_block();
    } else if (content.starts_with("<!--") && content.ends_with("-->") && content.size() >= 7) {
      const auto parsed = parse_directive(content.substr(4, content.size() - 7));
      if (parsed) {
        close_block();
        out.directives.push_back(Directive{line_start, parsed->enable, parsed->rules, content_start});
      } else {
        add_content(content_start, content_end);
      }
    } else if (const std::size_t marker = list_marker_length(content); marker > 0) {
      close_block();
      const auto text_start = static_cast<std::uint32_t>(content_start + marker);
      block = Block{BlockKind::ListItem, Range{text_start, text_start}, {}, {}};
      block_open = true;
      add_content(text_start, content_end);
    } else {
      add_content(content_start, content_end);
    }
    if (newline == std::string_view::npos) break;
    line_start = line_end + 1;
  }
  close_block();
  return out;
}

// --- Markdown -----------------------------------------------------------------------------------------

// End of YAML front matter ("---" on the first line up to a "---" or "..." line, that line included),
// or 0 when there is none.
std::size_t front_matter_end(std::string_view source) {
  auto line_at = [&](std::size_t start) {
    const std::size_t newline = source.find('\n', start);
    const std::size_t end = newline == std::string_view::npos ? source.size() : newline;
    std::string_view line = source.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    return std::pair{line, newline == std::string_view::npos ? source.size() : newline + 1};
  };
  auto [first, next] = line_at(0);
  if (first != "---") return 0;
  while (next < source.size()) {
    auto [line, after] = line_at(next);
    if (line == "---" || line == "...") return after;
    next = after;
  }
  return 0;
}

class MarkdownReader {
 public:
  explicit MarkdownReader(std::string_view source) : buffer_(source) {
    // md4c does not know front matter. Blanking it (keeping line ends) turns it into empty lines, so md4c
    // skips it and every offset into the buffer is still the offset into the source.
    const std::size_t front_matter = front_matter_end(buffer_);
    for (std::size_t i = 0; i < front_matter; ++i) {
      if (buffer_[i] != '\n' && buffer_[i] != '\r') buffer_[i] = ' ';
    }
    cursor_ = static_cast<std::uint32_t>(front_matter);
    previous_block_source_end_ = cursor_;
  }

  ReadText read() && {
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                   MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
    parser.enter_block = [](MD_BLOCKTYPE type, void*, void* self) {
      return static_cast<MarkdownReader*>(self)->enter_block(type);
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
      return static_cast<MarkdownReader*>(self)->leave_block(type);
    };
    parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
      return static_cast<MarkdownReader*>(self)->enter_span(type, detail);
    };
    parser.leave_span = [](MD_SPANTYPE type, void*, void* self) {
      return static_cast<MarkdownReader*>(self)->leave_span(type);
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
      return static_cast<MarkdownReader*>(self)->on_text(type, text, size);
    };
    // md4c fails on allocation failure, and stops when a callback says so (too deep, below); what was read
    // until an allocation failure is still the best answer.
    md_parse(buffer_.data(), static_cast<MD_SIZE>(buffer_.size()), &parser, this);
    if (too_deep_) {
      throw InputError("Deze Markdown-tekst is te diep genest: meer dan " + std::to_string(limits::max_nesting_depth) +
                       " lagen in elkaar (citaten, lijsten, nadruk of links), bij regel " +
                       std::to_string(line_number(buffer_, cursor_)) + ". helder controleert teksten tot " +
                       std::to_string(limits::max_nesting_depth) +
                       " lagen. Controleer of de opmaak daar klopt, en controleer de tekst opnieuw.");
    }
    close_block();
    for (std::size_t i = pending_directives_; i < out_.directives.size(); ++i) {
      out_.directives[i].position = text_size();
    }
    return std::move(out_);
  }

 private:
  // "<cite>" or "<q>" written as inline HTML; open until its end tag or the end of the block.
  struct OpenHtmlMark {
    MarkKind kind;
    std::optional<std::uint32_t> text_start;  // set by the first text after the start tag
  };

  struct OpenSpan {
    MD_SPANTYPE type;
    std::optional<std::uint32_t> text_start;  // set by the first text inside the span
    std::string href;                          // links only
  };

  std::uint32_t text_size() const { return static_cast<std::uint32_t>(out_.text.size()); }

  bool in_prose_block() const {
    if (blocks_.empty() || code_depth_ > 0) return false;
    const MD_BLOCKTYPE type = blocks_.back();
    return type == MD_BLOCK_P || type == MD_BLOCK_H || type == MD_BLOCK_LI || type == MD_BLOCK_TH ||
           type == MD_BLOCK_TD;
  }

  BlockKind kind_from_context() const {
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
      switch (*it) {
        case MD_BLOCK_H: return BlockKind::Heading;
        case MD_BLOCK_TH:
        case MD_BLOCK_TD: return BlockKind::TableCell;
        case MD_BLOCK_LI: return BlockKind::ListItem;
        case MD_BLOCK_QUOTE: return BlockKind::Quote;
        default: break;
      }
    }
    return BlockKind::Paragraph;
  }

  // Blocks and spans open at once; more than limits::max_nesting_depth stops md4c.
  bool nesting_allowed() {
    if (blocks_.size() + spans_.size() < limits::max_nesting_depth) return true;
    too_deep_ = true;
    return false;
  }

  int enter_block(MD_BLOCKTYPE type) {
    if (!nesting_allowed()) return 1;
    close_block();
    blocks_.push_back(type);
    if (type == MD_BLOCK_CODE) ++code_depth_;
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    close_block();
    if (!blocks_.empty()) blocks_.pop_back();
    if (type == MD_BLOCK_CODE && code_depth_ > 0) --code_depth_;
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (!nesting_allowed()) return 1;
    OpenSpan span{type, std::nullopt, {}};
    if (type == MD_SPAN_A && detail != nullptr) {
      const auto* link = static_cast<const MD_SPAN_A_DETAIL*>(detail);
      if (link->href.text != nullptr) span.href.assign(link->href.text, link->href.size);
    }
    if (type == MD_SPAN_IMG) ++image_depth_;
    spans_.push_back(std::move(span));
    return 0;
  }

  int leave_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_IMG && image_depth_ > 0) --image_depth_;
    if (spans_.empty()) return 0;
    const OpenSpan span = std::move(spans_.back());
    spans_.pop_back();
    if (!block_open_ || !span.text_start) return 0;
    const Range range{*span.text_start, text_size()};
    if (type == MD_SPAN_CODE) {
      block_.skipped.push_back(range);
    } else if (type == MD_SPAN_A && is_url_link(span.href, range)) {
      block_.skipped.push_back(range);
    } else if (type == MD_SPAN_A) {
      block_.marks.push_back(Mark{range, MarkKind::Link});  // "[de Wet op de toeslagen](https://...)"
    }
    return 0;
  }

  // A link whose text is its address (autolinks, "[https://...](https://...)") is not prose.
  bool is_url_link(std::string_view href, Range range) const {
    const std::string_view shown = std::string_view(out_.text).substr(range.start, range.end - range.start);
    if (shown.empty()) return false;
    if (shown == href || looks_like_url(shown)) return true;
    // md4c adds a scheme to permissive autolinks: "www.x.nl" -> "http://www.x.nl", "a@b.nl" -> "mailto:a@b.nl".
    for (std::string_view scheme : {"http://", "mailto:"}) {
      if (href.size() == scheme.size() + shown.size() && href.starts_with(scheme) && href.ends_with(shown)) return true;
    }
    return shown.find(' ') == std::string_view::npos && shown.find('@') != std::string_view::npos;
  }

  std::optional<std::uint32_t> buffer_offset(const MD_CHAR* text, MD_SIZE size) const {
    // Compared as integers: md4c hands out pointers to its own constants too, and comparing unrelated
    // pointers with < is not defined.
    const auto p = reinterpret_cast<std::uintptr_t>(text);
    const auto begin = reinterpret_cast<std::uintptr_t>(buffer_.data());
    if (text == nullptr || p < begin || p + size > begin + buffer_.size()) return std::nullopt;
    return static_cast<std::uint32_t>(p - begin);
  }

  // The next line end ("\r\n", "\n" or "\r") at or after `from`, as a source range.
  Range next_line_break(std::uint32_t from) const {
    const std::size_t found = buffer_.find_first_of("\r\n", from);
    if (found == std::string::npos) return Range{from, from};
    const auto start = static_cast<std::uint32_t>(found);
    const std::uint32_t end = buffer_[found] == '\r' && found + 1 < buffer_.size() && buffer_[found + 1] == '\n'
                                  ? start + 2
                                  : start + 1;
    return Range{start, end};
  }

  int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    const std::optional<std::uint32_t> offset = buffer_offset(text, size);
    if (type == MD_TEXT_HTML) {
      if (offset) {
        find_directives(*offset, size);
        if (in_prose_block() && image_depth_ == 0) inline_html(std::string_view(text, size), *offset);
        advance_cursor(*offset + size);
      }
      return 0;
    }
    if (!in_prose_block() || image_depth_ > 0) {
      if (offset) advance_cursor(*offset + size);
      return 0;
    }
    switch (type) {
      case MD_TEXT_SOFTBR: {
        append(" ", next_line_break(cursor_));
        break;
      }
      case MD_TEXT_BR: {
        // The break stands for the trailing spaces or backslash before the line end, and the line end.
        Range source = next_line_break(cursor_);
        while (source.start > cursor_ && (buffer_[source.start - 1] == ' ' || buffer_[source.start - 1] == '\t')) {
          --source.start;
        }
        if (source.start > cursor_ && buffer_[source.start - 1] == '\\') --source.start;
        append(kLineSeparator, source);
        break;
      }
      case MD_TEXT_ENTITY: {
        const std::string_view written(text, size);
        const std::optional<std::string> decoded = decode_entity(written);
        const Range source = offset ? Range{*offset, *offset + size} : Range{cursor_, cursor_};
        append(decoded ? std::string_view(*decoded) : written, source);
        break;
      }
      case MD_TEXT_NULLCHAR: {
        const std::size_t nul = buffer_.find('\0', cursor_);
        const Range source = nul == std::string::npos
                                 ? Range{cursor_, cursor_}
                                 : Range{static_cast<std::uint32_t>(nul), static_cast<std::uint32_t>(nul + 1)};
        append(kReplacementCharacter, source);
        break;
      }
      default: {
        const std::string_view written(text, size);
        if (offset) {
          append(written, Range{*offset, *offset + size});
        } else if (trim(written).empty()) {
          append(written, next_line_break(cursor_));  // md4c's stand-in for a line end in a code span
        } else {
          append(written, Range{cursor_, cursor_});
        }
        break;
      }
    }
    return 0;
  }

  void advance_cursor(std::uint32_t source_offset) { cursor_ = std::max(cursor_, source_offset); }

  // Appends `piece` to the open block (opening one if needed); `source` is what it stands for.
  void append(std::string_view piece, Range source) {
    if (piece.empty()) return;
    open_block(source.start);
    // The spans and marks still waiting for their first text are the last ones opened: every append starts
    // them all. Walking back only over those keeps an append cheap inside deep nesting.
    for (auto span = spans_.rbegin(); span != spans_.rend() && !span->text_start; ++span) span->text_start = text_size();
    for (auto mark = html_marks_.rbegin(); mark != html_marks_.rend() && !mark->text_start; ++mark) {
      mark->text_start = text_size();
    }
    if (in_superscript_ && !superscript_start_) superscript_start_ = text_size();
    out_.map.add(text_size(), source.start, static_cast<std::uint32_t>(piece.size()), source.end - source.start);
    out_.text += piece;
    advance_cursor(source.end);
    last_source_end_ = std::max(last_source_end_, source.end);
  }

  void open_block(std::uint32_t source_start) {
    if (block_open_) return;
    if (!out_.text.empty()) {
      // The separator stands for whatever lies between the two blocks in the source.
      const std::uint32_t gap_start = std::min(previous_block_source_end_, source_start);
      out_.map.add(text_size(), gap_start, static_cast<std::uint32_t>(kBlockSeparator.size()),
                   source_start - gap_start);
      out_.text += kBlockSeparator;
    }
    block_ = Block{kind_from_context(), Range{text_size(), text_size()}, {}, {}};
    block_open_ = true;
    for (std::size_t i = pending_directives_; i < out_.directives.size(); ++i) {
      out_.directives[i].position = text_size();
    }
    pending_directives_ = out_.directives.size();
  }

  void close_block() {
    // An unclosed "<sup>" ends with its block, whether or not the block got any text.
    const bool superscript_open = in_superscript_ && superscript_start_;
    in_superscript_ = false;
    if (!block_open_) {
      superscript_start_.reset();
      html_marks_.clear();
      return;
    }
    block_open_ = false;
    if (superscript_open) block_.skipped.push_back(Range{*superscript_start_, text_size()});
    superscript_start_.reset();
    // As "<sup>": an unclosed "<cite>" or "<q>" ends with its block.
    for (const OpenHtmlMark& mark : html_marks_) {
      if (mark.text_start) block_.marks.push_back(Mark{Range{*mark.text_start, text_size()}, mark.kind});
    }
    html_marks_.clear();
    previous_block_source_end_ = last_source_end_;
    Range range{block_.range.start, text_size()};
    const std::string_view text = out_.text;
    while (range.start < range.end) {
      if (is_space(text[range.start])) {
        ++range.start;
      } else if (text.substr(range.start).starts_with(kLineSeparator)) {
        range.start += static_cast<std::uint32_t>(kLineSeparator.size());
      } else {
        break;
      }
    }
    while (range.end > range.start) {
      if (is_space(text[range.end - 1])) {
        --range.end;
      } else if (text.substr(range.start, range.end - range.start).ends_with(kLineSeparator)) {
        range.end -= static_cast<std::uint32_t>(kLineSeparator.size());
      } else {
        break;
      }
    }
    if (range.start >= range.end) return;
    block_.range = range;
    normalize_skipped(block_.skipped, range);
    normalize_marks(block_.marks, out_.text, range, block_.skipped);
    out_.blocks.push_back(std::move(block_));
  }

  // Raw HTML inside a paragraph is not prose, but "<br>" is a line break, "<sup>" a footnote mark, and
  // "<cite>" and "<q>" mark a title and a quotation, as in an HTML page.
  void inline_html(std::string_view html, std::uint32_t offset) {
    bool closing = false;
    const std::string tag = html_tag_name(html, closing);
    if (tag == "cite" || tag == "q") {
      const MarkKind kind = tag == "cite" ? MarkKind::Title : MarkKind::Quotation;
      if (!closing) {
        html_marks_.push_back(OpenHtmlMark{kind, std::nullopt});
        return;
      }
      // The last open one of its kind ends here; an end tag without a start tag is ignored.
      const auto open = std::find_if(html_marks_.rbegin(), html_marks_.rend(),
                                     [&](const OpenHtmlMark& mark) { return mark.kind == kind; });
      if (open == html_marks_.rend()) return;
      if (block_open_ && open->text_start) block_.marks.push_back(Mark{Range{*open->text_start, text_size()}, kind});
      html_marks_.erase(std::next(open).base());
    } else if (tag == "br") {
      append(kLineSeparator, Range{offset, offset + static_cast<std::uint32_t>(html.size())});
    } else if (tag == "sup" && !closing) {
      in_superscript_ = true;
      superscript_start_.reset();
    } else if (tag == "sup") {
      if (block_open_ && in_superscript_ && superscript_start_) {
        block_.skipped.push_back(Range{*superscript_start_, text_size()});
      }
      in_superscript_ = false;
      superscript_start_.reset();
    }
  }

  // Finds directive comments that start inside the HTML piece [offset, offset + size).
  void find_directives(std::uint32_t offset, std::uint32_t size) {
    const std::string_view buffer = buffer_;
    std::size_t from = offset;
    const std::size_t piece_end = std::size_t{offset} + size;
    // A comment starts inside the piece: searching the rest of the file for one would make a paragraph full
    // of inline HTML ("<b>", "<br>") quadratic.
    const std::string_view starts = buffer.substr(0, std::min(piece_end + 3, buffer.size()));
    while (true) {
      const std::size_t open = starts.find("<!--", from);
      if (open == std::string_view::npos || open >= piece_end) return;
      const std::size_t close = buffer.find("-->", open + 4);
      if (close == std::string_view::npos) return;
      const auto parsed = parse_directive(buffer.substr(open + 4, close - open - 4));
      if (parsed) {
        Directive directive{0, parsed->enable, parsed->rules, static_cast<std::uint32_t>(open)};
        if (block_open_) {
          directive.position = text_size();
          out_.directives.push_back(std::move(directive));
          pending_directives_ = out_.directives.size();
        } else {
          out_.directives.push_back(std::move(directive));  // its position is the start of the next block
        }
      }
      from = close + 3;
    }
  }

  std::string buffer_;  // the source with front matter blanked out; same length and offsets
  ReadText out_;
  std::vector<MD_BLOCKTYPE> blocks_;
  std::vector<OpenSpan> spans_;
  int code_depth_ = 0;
  int image_depth_ = 0;
  bool block_open_ = false;
  Block block_;
  std::uint32_t cursor_ = 0;            // source offset after the last text md4c reported
  std::uint32_t last_source_end_ = 0;   // source end of the last piece appended to the text
  std::uint32_t previous_block_source_end_ = 0;
  std::size_t pending_directives_ = 0;  // directives from here on wait for the next block's start
  bool in_superscript_ = false;
  std::optional<std::uint32_t> superscript_start_;
  std::vector<OpenHtmlMark> html_marks_;
  bool too_deep_ = false;  // nesting beyond limits::max_nesting_depth stopped md4c
};

}  // namespace

ReadText read_text(std::string_view source, Format format) {
  // The cap also keeps every offset within 32 bits.
  if (source.size() > limits::max_text_bytes) throw InputError(limits::text_too_large_message());
  // A lone carriage return (old Mac files, some editors) ends a line as "\n" and "\r\n" do. It is read as "\n":
  // the same length, so every offset stays the same.
  std::string with_newlines;
  for (std::size_t i = source.find('\r'); i != std::string_view::npos; i = source.find('\r', i + 1)) {
    if (i + 1 < source.size() && source[i + 1] == '\n') continue;
    if (with_newlines.empty()) with_newlines.assign(source);
    with_newlines[i] = '\n';
  }
  if (!with_newlines.empty()) source = with_newlines;
  check_line_lengths(source);
  ReadText read = format == Format::Markdown ? MarkdownReader(source).read()
                  : format == Format::Html   ? read_html(source)
                                             : read_plain_text(source);
  check_paragraph_sizes(read, source);
  // A long text is held while it is checked section by section: its blocks and map take no more room than
  // they need (they grew by doubling).
  if (read.text.capacity() - read.text.size() > read.text.size() / 16) read.text.shrink_to_fit();
  read.blocks.shrink_to_fit();
  read.map.shrink_to_fit();
  return read;
}

}  // namespace helder
