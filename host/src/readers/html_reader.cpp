// HTML reader (gumbo): the prose of a page's main content as blocks, with a source map into the HTML, and the
// link texts, titles (<cite>) and quotations (<q>) in them that rules leave alone.
#include "prose_ranges.hpp"

#include <helder/limits.hpp>
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace helder {

namespace {

constexpr std::string_view kLineSeparator = "\xE2\x80\xA8";  // U+2028, what <br> becomes (as in Markdown)
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
constexpr std::string_view kBlockSeparator = "\n\n";

// The white space HTML collapses; U+00A0 is not one of them.
bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
bool is_hex_digit(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

std::string_view trim_html_space(std::string_view s) {
  while (!s.empty() && is_html_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_html_space(s.back())) s.remove_suffix(1);
  return s;
}

// Length of the UTF-8 sequence that starts with `lead` (1 for a stray continuation byte).
std::size_t utf8_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  if (byte >= 0xF0) return 4;
  if (byte >= 0xE0) return 3;
  if (byte >= 0xC0) return 2;
  return 1;
}

// --- Guard against pathological markup ---------------------------------------------------------------

// Gumbo is quadratic in two things no real page has much of: nesting and attributes on one element
// (limits::max_nesting_depth, limits::max_html_attributes). Such input is refused before parsing.
constexpr std::size_t kMaxNesting = limits::max_nesting_depth;
constexpr std::size_t kMaxAttributes = limits::max_html_attributes;

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never stay open: void elements, and those that the next one of their kind closes
// (<p>, <li>, <td>, <a>, ...), so that sloppy pages with thousands of unclosed <li> or <a> still pass.
bool never_nests(std::string_view name) {
  return one_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "menuitem",
                       "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
                       "rb", "rt", "rp", "rtc", "colgroup", "caption", "html", "head", "body", "a", "nobr",
                       "button", "form"});
}

bool is_raw_text(std::string_view name) {
  return one_of(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

// Inside <svg> and <math>, these end the foreign content (the HTML parser's "breakout" list).
bool breaks_out_of_foreign(std::string_view name) {
  return one_of(name, {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
                       "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
                       "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike",
                       "sub", "sup", "table", "tt", "u", "ul", "var"});
}

// Inside <svg> and <math>, these hold HTML again.
bool is_integration_point(std::string_view name) {
  return one_of(name, {"foreignobject", "desc", "title", "annotation-xml", "mi", "mo", "mn", "ms", "mtext"});
}

struct Tag {
  std::size_t end = 0;         // after its '>', or the end of the source
  std::size_t attributes = 0;  // how many attributes it has
};

// The tag that starts at `lt`, read as the HTML tokenizer reads it: quotes count only around attribute
// values, so "<p class=x'y>" ends at its '>'.
Tag scan_tag(std::string_view source, std::size_t lt) {
  Tag tag;
  std::size_t i = lt + 1;
  while (i < source.size() && !is_html_space(source[i]) && source[i] != '/' && source[i] != '>') ++i;  // name
  while (i < source.size()) {
    while (i < source.size() && (is_html_space(source[i]) || source[i] == '/')) ++i;
    if (i >= source.size()) break;
    if (source[i] == '>') {
      tag.end = i + 1;
      return tag;
    }
    ++tag.attributes;
    ++i;  // a name may start with '='
    while (i < source.size() && !is_html_space(source[i]) && source[i] != '/' && source[i] != '>' &&
           source[i] != '=') {
      ++i;
    }
    while (i < source.size() && is_html_space(source[i])) ++i;
    if (i >= source.size() || source[i] != '=') continue;
    ++i;
    while (i < source.size() && is_html_space(source[i])) ++i;
    if (i < source.size() && (source[i] == '"' || source[i] == '\'')) {
      const std::size_t close = source.find(source[i], i + 1);
      if (close == std::string_view::npos) break;
      i = close + 1;
    } else {
      while (i < source.size() && !is_html_space(source[i]) && source[i] != '>') ++i;
    }
  }
  tag.end = source.size();
  return tag;
}

std::size_t tag_end(std::string_view source, std::size_t lt) { return scan_tag(source, lt).end; }

// Whether the '<' at `lt` starts a tag for the tokenizer ("<p", "</p", "</>"), not a literal '<'.
bool starts_tag(std::string_view source, std::size_t lt) {
  const std::string_view rest = source.substr(lt);
  if (rest.size() < 2) return false;
  if (is_ascii_alpha(rest[1])) return true;
  return rest[1] == '/' && rest.size() >= 3 && (is_ascii_alpha(rest[2]) || rest[2] == '>');
}

// Refuses markup that would make gumbo slow, with a message for the writer. Estimates gumbo's stack of
// open elements without building a tree: a stack of the elements that can nest, an end tag closing up
// to its element. Linear: each element is pushed and popped once.
void check_markup_limits(std::string_view source) {
  struct OpenElement {
    std::string name;
    bool foreign;  // in <svg> or <math>, outside an integration point: there "<x/>" closes itself
  };
  std::vector<OpenElement> open;
  std::unordered_map<std::string, std::size_t> open_count;
  auto pop = [&] {
    --open_count[open.back().name];
    open.pop_back();
  };
  std::size_t i = 0;
  while ((i = source.find('<', i)) != std::string_view::npos) {
    const std::string_view rest = source.substr(i);
    if (rest.starts_with("<!--")) {
      const std::size_t close = source.find("-->", i + 4);
      if (close == std::string_view::npos) return;
      i = close + 3;
      continue;
    }
    const bool closing = rest.size() > 1 && rest[1] == '/';
    const std::size_t name_start = i + (closing ? 2 : 1);
    if (name_start >= source.size() || !is_ascii_alpha(source[name_start])) {
      i = rest.starts_with("<!") || rest.starts_with("<?") || closing ? tag_end(source, i) : i + 1;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < source.size() && !is_html_space(source[name_end]) && source[name_end] != '/' &&
           source[name_end] != '>') {
      ++name_end;
    }
    const std::string name = lower(source.substr(name_start, name_end - name_start));
    const Tag tag = scan_tag(source, i);
    i = tag.end;
    if (tag.attributes > kMaxAttributes) {
      throw InputError("Deze HTML-pagina heeft een element met meer dan " + std::to_string(kMaxAttributes) +
                       " attributen. helder kan de pagina niet lezen. Controleer of de pagina goed is gemaakt.");
    }
    if (closing) {
      const auto found = open_count.find(name);
      if (found == open_count.end() || found->second == 0) continue;
      while (!open.empty()) {
        const bool match = open.back().name == name;
        pop();
        if (match) break;
      }
      continue;
    }
    bool foreign = !open.empty() && open.back().foreign;
    if (foreign && breaks_out_of_foreign(name)) {
      while (!open.empty() && open.back().foreign) pop();
      foreign = false;
    }
    if (!foreign && name == "plaintext") return;  // the rest of the file is text
    if (!foreign && is_raw_text(name)) {
      // Up to the matching end tag, whatever it contains; without one, the rest of the file is text.
      const std::string end_tag = "</" + name;
      std::size_t at = tag.end;
      while (true) {
        at = source.find("</", at);
        if (at == std::string_view::npos) return;
        if (lower(source.substr(at, end_tag.size())) == end_tag) break;
        at += 2;
      }
      i = at;
      continue;
    }
    const bool self_closing = tag.end >= 2 && source[tag.end - 2] == '/';
    if ((foreign && self_closing) || (!foreign && never_nests(name))) continue;
    const bool child_foreign = name == "svg" || name == "math" || (foreign && !is_integration_point(name));
    ++open_count[name];
    open.push_back(OpenElement{name, child_foreign});
    if (open.size() > kMaxNesting) {
      throw InputError("Deze HTML-pagina is te diep genest: er zitten meer dan " + std::to_string(kMaxNesting) +
                       " elementen in elkaar. helder kan de pagina niet lezen. Controleer of alle elementen "
                       "goed worden afgesloten.");
    }
  }
}

// --- Elements ---------------------------------------------------------------------------------------

const GumboAttribute* attribute(const GumboElement& element, const char* name) {
  return gumbo_get_attribute(&element.attributes, name);
}

// The first token of the role attribute, lower case; empty without one.
std::string role_of(const GumboElement& element) {
  const GumboAttribute* role = attribute(element, "role");
  if (role == nullptr) return {};
  const std::string_view value = trim_html_space(role->value);
  std::size_t end = 0;
  while (end < value.size() && !is_html_space(value[end])) ++end;
  return lower(value.substr(0, end));
}

// The name of an element gumbo does not know (<dialog>, <search>, custom elements), lower case.
std::string unknown_tag_name(const GumboElement& element) {
  GumboStringPiece piece = element.original_tag;
  if (piece.data == nullptr || piece.length == 0) return {};
  gumbo_tag_from_original_text(&piece);
  return lower(std::string_view(piece.data, piece.length));
}

bool is_main(const GumboElement& element) { return element.tag == GUMBO_TAG_MAIN || role_of(element) == "main"; }

// Hidden from every reader of the page: the hidden attribute, aria-hidden, or an inline style.
bool is_hidden(const GumboElement& element) {
  if (attribute(element, "hidden") != nullptr) return true;
  if (const GumboAttribute* aria = attribute(element, "aria-hidden");
      aria != nullptr && lower(trim_html_space(aria->value)) == "true") {
    return true;
  }
  if (const GumboAttribute* style = attribute(element, "style"); style != nullptr) {
    std::string compact;
    for (const char c : std::string_view(style->value)) {
      if (!is_html_space(c)) compact += ascii_lower(c);
    }
    if (compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Never prose, wherever it is: code, scripts, embedded media, form controls, ruby annotations.
bool is_not_prose(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_OUTPUT: case GUMBO_TAG_METER:
    case GUMBO_TAG_PROGRESS: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_CANVAS: case GUMBO_TAG_MAP: case GUMBO_TAG_APPLET:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_RT:
    case GUMBO_TAG_RP: case GUMBO_TAG_IMG: case GUMBO_TAG_IMAGE:
      return true;
    default:
      return false;
  }
}

// Landmarks that are the site around the text rather than the text: menus, search, banners.
bool is_page_furniture_role(std::string_view role) {
  return one_of(role, {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar",
                       "toolbar", "doc-backlink"});
}

// Elements that start and end a block: the text before and after them is not one paragraph.
bool is_block_level(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_UL:
    case GUMBO_TAG_MULTICOL: case GUMBO_TAG_MARQUEE:
      return true;
    default:
      return false;
  }
}

// The kind an element gives the blocks inside it (the innermost such element wins, as in Markdown).
std::optional<BlockKind> kind_of(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return BlockKind::Heading;
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
      return BlockKind::ListItem;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
      return BlockKind::TableCell;
    case GUMBO_TAG_BLOCKQUOTE:
      return BlockKind::Quote;
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGCAPTION:
      return BlockKind::Paragraph;
    default:
      return std::nullopt;
  }
}

// Inline code, keyboard input, program output and footnote marks: in the text, but not prose.
bool is_inline_not_prose(GumboTag tag) {
  return tag == GUMBO_TAG_CODE || tag == GUMBO_TAG_KBD || tag == GUMBO_TAG_SAMP || tag == GUMBO_TAG_SUP;
}

// --- The reader -------------------------------------------------------------------------------------

struct GumboOutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};
using GumboOutputPtr = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

GumboOutputPtr parse(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // the errors are not used; a broken 10 MB page would keep millions of them
  return GumboOutputPtr(gumbo_parse_with_options(&options, html.data(), html.size()));
}

const GumboVector& children_of(const GumboNode& node) {
  return node.type == GUMBO_NODE_DOCUMENT ? node.v.document.children : node.v.element.children;
}

// The first element in document order that `accept` takes; without recursion, for deep trees.
template <typename Accept>
const GumboNode* find_element(const GumboNode* root, Accept accept) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_ELEMENT && accept(node->v.element)) return node;
    if (node->type != GUMBO_NODE_DOCUMENT && node->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector& children = children_of(*node);
    for (unsigned i = children.length; i > 0; --i) stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
  }
  return nullptr;
}

// The main content: <main> (or role="main"), else the first <article>, else <body>.
const GumboNode* content_root(const GumboOutput& output) {
  if (const GumboNode* main = find_element(output.document, is_main)) return main;
  if (const GumboNode* article =
          find_element(output.document, [](const GumboElement& e) { return e.tag == GUMBO_TAG_ARTICLE; })) {
    return article;
  }
  return find_element(output.document, [](const GumboElement& e) { return e.tag == GUMBO_TAG_BODY; });
}

class HtmlReader {
 public:
  explicit HtmlReader(std::string_view source) : source_(source) {}

  ReadText read() && {
    check_markup_limits(source_);
    const GumboOutputPtr output = parse(source_);
    if (!output || output->document == nullptr) return {};
    root_ = content_root(*output);
    walk(output->document);
    close_block();
    for (std::size_t i = pending_directives_; i < out_.directives.size(); ++i) {
      out_.directives[i].position = text_size();
    }
    if (out_.blocks.empty()) {
      // Only markup, or prose only outside the main content: nothing to check ("geen tekst").
      out_.text.clear();
      out_.map = SourceMap{};
      for (Directive& directive : out_.directives) directive.position = 0;
    }
    return std::move(out_);
  }

 private:
  // What entering an element changed, undone when leaving it.
  struct Effects {
    bool skipped = false;       // the subtree is not prose
    bool block = false;         // closes the open block on entry and exit
    bool kind = false;          // pushed onto kinds_
    bool inline_skip = false;   // its text is a skipped range
    bool link = false;          // pushed onto links_
    bool mark = false;          // pushed onto marks_
    bool content_root = false;  // the main content starts here
    bool sectioning = false;    // <article>, <section>, <main>: headers inside belong to the text
    bool article = false;       // <article>, <section>: asides inside belong to the text
  };

  struct Frame {
    const GumboNode* node;
    unsigned next_child = 0;
    Effects effects;
  };

  struct OpenLink {
    std::optional<std::uint32_t> text_start;  // set by the first text inside the link
    std::string href;
  };

  // An element whose text is a Block::marks entry. A mark that spans blocks is recorded in each of them.
  struct OpenMark {
    MarkKind kind;
    std::optional<std::uint32_t> text_start;  // set by the first text inside it, again in each next block
  };

  std::uint32_t text_size() const { return static_cast<std::uint32_t>(out_.text.size()); }

  std::optional<std::uint32_t> source_offset(const char* data, std::size_t size) const {
    // Compared as integers: comparing unrelated pointers with < is not defined.
    const auto p = reinterpret_cast<std::uintptr_t>(data);
    const auto begin = reinterpret_cast<std::uintptr_t>(source_.data());
    if (data == nullptr || p < begin || p + size > begin + source_.size()) return std::nullopt;
    return static_cast<std::uint32_t>(p - begin);
  }

  // Depth-first over the whole document with an explicit stack: comments anywhere are directives, and
  // a deeply nested page cannot overflow the call stack.
  void walk(const GumboNode* document) {
    std::vector<Frame> stack;
    stack.push_back(Frame{document, 0, {}});
    while (!stack.empty()) {
      Frame& frame = stack.back();
      const GumboNode& node = *frame.node;
      const GumboVector& children = children_of(node);
      if (frame.next_child >= children.length) {
        if (node.type != GUMBO_NODE_DOCUMENT) leave(frame.effects);
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children.data[frame.next_child++]);
      switch (child->type) {
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          Effects effects = enter(*child);
          stack.push_back(Frame{child, 0, effects});  // `frame` is not used after this
          break;
        }
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          if (in_content_ > 0 && skip_depth_ == 0) add_text(child->v.text);
          break;
        case GUMBO_NODE_COMMENT:
          add_comment(child->v.text);
          break;
        case GUMBO_NODE_DOCUMENT:
          break;
      }
    }
  }

  Effects enter(const GumboNode& node) {
    Effects effects;
    const GumboElement& element = node.v.element;
    const GumboTag tag = element.tag;
    const std::string role = role_of(element);
    if (&node == root_) {
      effects.content_root = true;
      ++in_content_;
    }
    bool not_prose = node.type == GUMBO_NODE_TEMPLATE || is_not_prose(tag) || is_hidden(element) ||
                     is_page_furniture_role(role);
    // A <header> or <footer> of an article or section holds its title and notes; those of the page
    // are its banner and colophon (as ARIA maps them). Likewise an <aside> in an article is a text box,
    // beside it a sidebar.
    if (tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER) not_prose = not_prose || sectioning_depth_ == 0;
    if (tag == GUMBO_TAG_ASIDE) not_prose = not_prose || article_depth_ == 0;
    bool block = is_block_level(tag);
    if (tag == GUMBO_TAG_UNKNOWN) {
      const std::string name = unknown_tag_name(element);
      not_prose = not_prose || name == "search";
      block = name == "dialog";
    }
    if (not_prose) {
      effects.skipped = true;
      ++skip_depth_;
    }
    // A hidden <span> inside a paragraph leaves one paragraph; only block-level elements split it.
    if (block || effects.content_root) {
      effects.block = true;
      close_block();
    }
    if (const std::optional<BlockKind> kind = kind_of(tag)) {
      effects.kind = true;
      kinds_.push_back(*kind);
    }
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_MAIN || role == "main") {
      effects.sectioning = true;
      ++sectioning_depth_;
    }
    if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_SECTION) {
      effects.article = true;
      ++article_depth_;
    }
    if (is_inline_not_prose(tag) || role == "doc-noteref") {
      effects.inline_skip = true;
      ++inline_skip_depth_;
    }
    if (tag == GUMBO_TAG_A) {
      effects.link = true;
      const GumboAttribute* href = attribute(element, "href");
      links_.push_back(OpenLink{std::nullopt, href != nullptr ? href->value : ""});
    }
    // <a> without href is an anchor, not a link.
    std::optional<MarkKind> mark;
    if (tag == GUMBO_TAG_A && attribute(element, "href") != nullptr) mark = MarkKind::Link;
    if (tag == GUMBO_TAG_CITE) mark = MarkKind::Title;
    if (tag == GUMBO_TAG_Q) mark = MarkKind::Quotation;
    if (mark) {
      effects.mark = true;
      marks_.push_back(OpenMark{*mark, std::nullopt});
    }
    if (tag == GUMBO_TAG_BR && in_content_ > 0 && skip_depth_ == 0) line_break(element);
    return effects;
  }

  void leave(const Effects& effects) {
    if (effects.mark && !marks_.empty()) {
      const OpenMark mark = marks_.back();
      marks_.pop_back();
      if (block_open_ && mark.text_start) block_.marks.push_back(Mark{Range{*mark.text_start, text_size()}, mark.kind});
    }
    if (effects.link && !links_.empty()) {
      const OpenLink link = std::move(links_.back());
      links_.pop_back();
      if (block_open_ && link.text_start && *link.text_start >= block_.range.start) {
        const Range range{*link.text_start, text_size()};
        const std::string_view shown = std::string_view(out_.text).substr(range.start, range.end - range.start);
        // A link whose text is its address is not prose.
        if (!shown.empty() && (shown == link.href || looks_like_url(shown) ||
                               link.href == "mailto:" + std::string(shown))) {
          block_.skipped.push_back(range);
        }
      }
    }
    if (effects.inline_skip) --inline_skip_depth_;
    if (effects.article) --article_depth_;
    if (effects.sectioning) --sectioning_depth_;
    if (effects.kind) kinds_.pop_back();
    if (effects.block) close_block();
    if (effects.skipped) --skip_depth_;
    if (effects.content_root) --in_content_;
  }

  // --- Text ---------------------------------------------------------------------------------------

  // Walks the node's source next to gumbo's decoded text: equal bytes are verbatim, a character
  // reference is decoded text for its span, tags that gumbo dropped inside the text ("a</span>b") are
  // skipped. Where the two cannot be matched, the rest of the text maps to the rest of the node's source.
  void add_text(const GumboText& node) {
    const std::string_view decoded = node.text != nullptr ? std::string_view(node.text) : std::string_view();
    const std::string_view original(node.original_text.data, node.original_text.length);
    const std::optional<std::uint32_t> offset = source_offset(original.data(), original.size());
    if (!offset) {
      add_unmatched(decoded, Range{last_source_end_, last_source_end_});
      return;
    }
    const auto at = [&](std::size_t i) { return static_cast<std::uint32_t>(*offset + i); };
    std::size_t i = 0;
    std::size_t j = 0;
    while (j < decoded.size()) {
      if (i >= original.size()) {
        add_unmatched(decoded.substr(j), Range{at(original.size()), at(original.size())});
        return;
      }
      const char c = original[i];
      if (is_html_space(c)) {
        // Gumbo turns "\r\n" and a lone "\r" into "\n"; the decoded run may go on with a reference
        // that stands for white space ("&Tab;"), which is not part of this run.
        std::size_t i_end = i;
        std::size_t j_end = j;
        while (i_end < original.size() && j_end < decoded.size() && is_html_space(original[i_end])) {
          if (original[i_end] == '\r' && decoded[j_end] == '\n') {
            i_end += i_end + 1 < original.size() && original[i_end + 1] == '\n' ? 2 : 1;
          } else if (original[i_end] == decoded[j_end]) {
            ++i_end;
          } else {
            break;
          }
          ++j_end;
        }
        if (j_end > j) {
          add_space(Range{at(i), at(i_end)});
          i = i_end;
          j = j_end;
          continue;
        }
      }
      if (c == '&') {
        if (const std::optional<std::size_t> end = reference_end(original, i)) {
          const std::optional<std::string_view> value = reference_value(original.substr(i, *end - i), decoded, j);
          if (value) {
            add_decoded(*value, Range{at(i), at(*end)});
            i = *end;
            j += value->size();
            continue;
          }
        }
      }
      if (c == '<' && starts_tag(original, i)) {  // a tag gumbo dropped: "a</span>b"
        i = std::min(tag_end(original, i), original.size());
        continue;
      }
      if (c == decoded[j]) {
        std::size_t i_end = i + 1;
        std::size_t j_end = j + 1;
        while (i_end < original.size() && j_end < decoded.size() && original[i_end] == decoded[j_end] &&
               !is_html_space(original[i_end]) && original[i_end] != '&' && original[i_end] != '<') {
          ++i_end;
          ++j_end;
        }
        add_words(original.substr(i, i_end - i), Range{at(i), at(i_end)});
        i = i_end;
        j = j_end;
        continue;
      }
      if (c == '\0') {  // gumbo drops NUL characters in text
        ++i;
        continue;
      }
      add_unmatched(decoded.substr(j), Range{at(i), at(original.size())});
      return;
    }
  }

  // End of the character reference that starts at `amp` ("&eacute;", "&#233;", "&#xE9", "&amp"), or
  // nothing where "&" starts none.
  static std::optional<std::size_t> reference_end(std::string_view original, std::size_t amp) {
    std::size_t i = amp + 1;
    if (i < original.size() && original[i] == '#') {
      ++i;
      const bool hex = i < original.size() && (original[i] == 'x' || original[i] == 'X');
      if (hex) ++i;
      const std::size_t digits = i;
      while (i < original.size() && (hex ? is_hex_digit(original[i]) : is_ascii_digit(original[i]))) ++i;
      if (i == digits) return std::nullopt;
    } else {
      const std::size_t name = i;
      while (i < original.size() && is_ascii_alnum(original[i])) ++i;
      if (i == name) return std::nullopt;
    }
    if (i < original.size() && original[i] == ';') ++i;
    return i;
  }

  // What gumbo made of the reference `written`, found at decoded[j]; nothing if it did not decode it.
  std::optional<std::string_view> reference_value(std::string_view written, std::string_view decoded,
                                                  std::size_t j) {
    if (written[1] == '#') {
      // A numeric reference is always one character (U+FFFD for those that name none).
      const std::size_t length = utf8_length(decoded[j]);
      if (j + length > decoded.size()) return std::nullopt;
      return decoded.substr(j, length);
    }
    // Left as written ("&onbekend;"): not a reference. Checked first, so that a page full of made-up
    // names costs no parse per name.
    if (decoded.substr(j).starts_with(written)) return std::nullopt;
    // Named references: gumbo knows all 2,231 of them, also those without ";" and the longest-prefix
    // rule ("&notit;" is "¬it;"), so it decodes each once, on its own.
    auto found = named_references_.find(std::string(written));
    if (found == named_references_.end()) {
      // A letter first: at the very start of a document gumbo drops white space ("&Tab;").
      std::string fragment = "x";  // appended, not "x" + ...: GCC 12 warns falsely (-Wrestrict) on that
      fragment += written;
      const GumboOutputPtr output = parse(fragment);
      std::string value;
      if (const GumboNode* body =
              find_element(output->document, [](const GumboElement& e) { return e.tag == GUMBO_TAG_BODY; })) {
        const GumboVector& children = body->v.element.children;
        if (children.length == 1) {
          const auto* text = static_cast<const GumboNode*>(children.data[0]);
          if (text->type == GUMBO_NODE_TEXT && text->v.text.text != nullptr) value = text->v.text.text;
        }
      }
      value = value.starts_with('x') ? value.substr(1) : std::string(written);
      found = named_references_.emplace(std::string(written), std::move(value)).first;
    }
    const std::string& value = found->second;
    if (value == written || value.empty() || decoded.substr(j, value.size()) != value) return std::nullopt;
    return decoded.substr(j, value.size());
  }

  // A decoded reference: white space if it stands for white space ("&#32;", "&NewLine;").
  void add_decoded(std::string_view value, Range source) {
    if (std::all_of(value.begin(), value.end(), is_html_space)) {
      add_space(source);
    } else {
      append(value, source);
    }
  }

  // Text without HTML white space, verbatim from `source`.
  void add_words(std::string_view words, Range source) { append(words, source); }

  // Text that could not be matched to its source piece by piece: each word maps to all of `source`.
  void add_unmatched(std::string_view text, Range source) {
    std::size_t i = 0;
    while (i < text.size()) {
      if (is_html_space(text[i])) {
        while (i < text.size() && is_html_space(text[i])) ++i;
        add_space(source);
        continue;
      }
      const std::size_t start = i;
      while (i < text.size() && !is_html_space(text[i])) ++i;
      append(text.substr(start, i - start), source);
    }
  }

  // White space collapses to one space between words of a block, and is dropped at its edges and
  // after a line break, as a browser shows it.
  void add_space(Range source) {
    if (!block_open_ || after_break_ || pending_space_) return;
    pending_space_ = source;
  }

  void line_break(const GumboElement& element) {
    if (!block_open_) return;  // a break at the start of a block shows as nothing to read
    const std::optional<std::uint32_t> offset = source_offset(element.original_tag.data, element.original_tag.length);
    const Range source = offset ? Range{*offset, *offset + static_cast<std::uint32_t>(element.original_tag.length)}
                                : Range{last_source_end_, last_source_end_};
    pending_space_.reset();
    add_piece(kLineSeparator, source);
    after_break_ = true;
  }

  // Appends prose to the open block (opening one if needed), after the space that separates it from
  // what came before.
  void append(std::string_view piece, Range source) {
    if (piece.empty()) return;
    open_block(source.start);
    std::uint32_t start = text_size();
    if (pending_space_) {
      add_piece(" ", *pending_space_);
      pending_space_.reset();
    }
    // White space inside inline code is part of it: "<code>huur --toeslag</code>" is one range.
    const bool space_in_skip = inline_skip_depth_ > 0 && !block_.skipped.empty() && block_.skipped.back().end == start;
    if (!space_in_skip) start = text_size();
    after_break_ = false;
    for (OpenLink& link : links_) {
      if (!link.text_start) link.text_start = text_size();
    }
    for (OpenMark& mark : marks_) {
      if (!mark.text_start) mark.text_start = text_size();
    }
    add_piece(piece, source);
    if (inline_skip_depth_ > 0) block_.skipped.push_back(Range{start, text_size()});
  }

  void add_piece(std::string_view piece, Range source) {
    out_.map.add(text_size(), source.start, static_cast<std::uint32_t>(piece.size()), source.end - source.start);
    out_.text += piece;
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
    block_ = Block{kinds_.empty() ? BlockKind::Paragraph : kinds_.back(), Range{text_size(), text_size()}, {}, {}};
    block_open_ = true;
    for (std::size_t i = pending_directives_; i < out_.directives.size(); ++i) {
      out_.directives[i].position = text_size();
    }
    pending_directives_ = out_.directives.size();
  }

  void close_block() {
    pending_space_.reset();
    after_break_ = false;
    if (!block_open_) return;
    block_open_ = false;
    previous_block_source_end_ = last_source_end_;
    // A link around a block element ("<a href><p>...</p></a>") marks the text in each block it holds.
    for (OpenMark& mark : marks_) {
      if (mark.text_start) block_.marks.push_back(Mark{Range{*mark.text_start, text_size()}, mark.kind});
      mark.text_start.reset();
    }
    // No-break spaces ("<p>&nbsp;</p>", a favourite of editors) and line breaks at the edges are not
    // part of the block.
    Range range{block_.range.start, text_size()};
    const std::string_view text = out_.text;
    while (range.start < range.end) {
      const std::string_view rest = text.substr(range.start, range.end - range.start);
      if (rest.starts_with(kLineSeparator)) {
        range.start += static_cast<std::uint32_t>(kLineSeparator.size());
      } else if (rest.starts_with(kNoBreakSpace)) {
        range.start += static_cast<std::uint32_t>(kNoBreakSpace.size());
      } else {
        break;
      }
    }
    while (range.end > range.start) {
      const std::string_view rest = text.substr(range.start, range.end - range.start);
      if (rest.ends_with(kLineSeparator)) {
        range.end -= static_cast<std::uint32_t>(kLineSeparator.size());
      } else if (rest.ends_with(kNoBreakSpace)) {
        range.end -= static_cast<std::uint32_t>(kNoBreakSpace.size());
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

  void add_comment(const GumboText& comment) {
    if (comment.text == nullptr) return;
    const std::optional<ParsedDirective> parsed = parse_directive(comment.text);
    if (!parsed) return;
    const std::optional<std::uint32_t> offset =
        source_offset(comment.original_text.data, comment.original_text.length);
    Directive directive{0, parsed->enable, parsed->rules, offset.value_or(last_source_end_)};
    if (directive.source_offset >= source_.size()) return;  // not in the source: nothing to point at
    if (block_open_) {
      directive.position = text_size();
      out_.directives.push_back(std::move(directive));
      pending_directives_ = out_.directives.size();
    } else {
      out_.directives.push_back(std::move(directive));  // its position is the start of the next block
    }
  }

  std::string_view source_;
  const GumboNode* root_ = nullptr;
  ReadText out_;
  std::vector<BlockKind> kinds_;
  std::vector<OpenLink> links_;
  std::vector<OpenMark> marks_;
  std::unordered_map<std::string, std::string> named_references_;  // written -> decoded
  int in_content_ = 0;
  int skip_depth_ = 0;
  int inline_skip_depth_ = 0;
  int sectioning_depth_ = 0;
  int article_depth_ = 0;
  bool block_open_ = false;
  Block block_;
  std::optional<Range> pending_space_;  // source of the white space before the next word
  bool after_break_ = false;
  std::uint32_t last_source_end_ = 0;
  std::uint32_t previous_block_source_end_ = 0;
  std::size_t pending_directives_ = 0;  // directives from here on wait for the next block's start
};

}  // namespace

ReadText read_html(std::string_view source) { return HtmlReader(source).read(); }

}  // namespace helder
