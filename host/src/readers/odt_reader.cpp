// Reads an OpenDocument text (.odt) file: the prose of the body, its text boxes and notes, as blocks with origins,
// and the hyperlink texts in them (Block::marks).
#include "zip_archive.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace helder {

namespace {

constexpr DocumentKind kOpenDocument{"OpenDocument-bestand", "LibreOffice"};
// Deeper nesting is not a real document; it would only exhaust the stack of the recursive walk.
constexpr unsigned kMaxDepth = limits::max_xml_depth;
constexpr std::string_view kTextMimetype = "application/vnd.oasis.opendocument.text";


bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// Style names are stored encoded: "Heading_20_1" is "Heading 1".
std::string decoded_style_name(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name.substr(i, 4) == "_20_") {
      out += ' ';
      i += 3;
    } else {
      out += name[i];
    }
  }
  return out;
}

// The paragraph styles of styles.xml and content.xml, resolved through style:parent-style-name.
class Styles {
 public:
  struct Role {
    bool heading = false;
    bool quote = false;
  };

  void load(pugi::xml_node styles) {
    for (pugi::xml_node style : styles.children("style:style")) {
      if (std::string_view(style.attribute("style:family").value()) != "paragraph") continue;
      Style s;
      s.names = {decoded_style_name(style.attribute("style:name").value()),
                 style.attribute("style:display-name").value()};
      s.parent = style.attribute("style:parent-style-name").value();
      s.outline = !style.attribute("style:default-outline-level").empty() &&
                  std::atoi(style.attribute("style:default-outline-level").value()) > 0;
      styles_[style.attribute("style:name").value()] = std::move(s);
    }
  }

  Role role(const std::string& name) {
    if (auto found = roles_.find(name); found != roles_.end()) return found->second;
    Role r;
    std::string current = name;
    for (int step = 0; step < 20 && !current.empty(); ++step) {  // capped against parent loops
      auto found = styles_.find(current);
      if (found == styles_.end()) {
        // A style that is named but not defined (a common style left out of styles.xml): its name still counts.
        const std::string decoded = decoded_style_name(current);
        r.heading = r.heading || is_heading_style_name(decoded);
        r.quote = r.quote || is_quote_style_name(decoded);
        break;
      }
      const Style& s = found->second;
      r.heading = r.heading || s.outline || is_heading_style_name(s.names[0]) || is_heading_style_name(s.names[1]);
      r.quote = r.quote || is_quote_style_name(s.names[0]) || is_quote_style_name(s.names[1]);
      current = s.parent;
    }
    roles_[name] = r;
    return r;
  }

 private:
  struct Style {
    std::array<std::string, 2> names;  // decoded style:name, style:display-name
    std::string parent;
    bool outline = false;
  };
  std::unordered_map<std::string, Style> styles_;
  std::unordered_map<std::string, Role> roles_;
};

bool has_encryption_data(pugi::xml_node node) {
  return node.find_node([](pugi::xml_node n) { return ends_with(n.name(), "encryption-data"); });
}

class OdtReader {
 public:
  explicit OdtReader(std::string_view bytes) : zip_(bytes, kOpenDocument) {}

  ReadText read() {
    refuse_other_documents();
    XmlPart content;
    if (!load_xml_part(zip_, "content.xml", content))
      throw InputError(
          "Dit is geen OpenDocument-tekstbestand: het onderdeel content.xml ontbreekt. Open het bestand in "
          "LibreOffice, sla het op als .odt en probeer het opnieuw.");
    const pugi::xml_node root = content.document.child("office:document-content");
    {
      XmlPart styles;
      if (load_xml_part(zip_, "styles.xml", styles))
        styles_.load(styles.document.child("office:document-styles").child("office:styles"));
    }
    styles_.load(root.child("office:automatic-styles"));
    blocks(root.child("office:body").child("office:text"), false, false, 0, 0);
    // The notes stand where they are cited; their text follows the body: footnotes first, then endnotes.
    // Indices, not iterators: a note may cite another note, which is appended while reading.
    for (std::size_t i = 0; i < footnotes_.size(); ++i) blocks(footnotes_[i], false, false, 0, 0);
    for (std::size_t i = 0; i < endnotes_.size(); ++i) blocks(endnotes_[i], false, false, 0, 0);
    return out_.finish();
  }

 private:
  void refuse_other_documents() {
    // LibreOffice encrypts the parts themselves and says so in the manifest; the zip entries look normal.
    XmlPart manifest;
    bool manifest_read = false;
    try {
      manifest_read = load_xml_part(zip_, "META-INF/manifest.xml", manifest);
    } catch (const InputError&) {
      // a broken manifest is not needed to read the text; content.xml says whether the file is usable
    }
    if (manifest_read && has_encryption_data(manifest.document)) throw password_error();
    if (std::optional<std::string> mimetype = zip_.read("mimetype")) {
      std::string_view type = *mimetype;
      while (!type.empty() && (type.back() == '\n' || type.back() == '\r' || type.back() == ' ')) type.remove_suffix(1);
      if (!type.starts_with(kTextMimetype))
        throw InputError(
            "Dit is geen OpenDocument-tekstbestand (.odt) maar een ander soort OpenDocument-bestand, zoals een "
            "rekenblad of een presentatie. helder controleert alleen tekstdocumenten.");
    }
  }

  void check_depth(unsigned depth) const {
    if (depth > kMaxDepth) throw zip_.damaged_part("content.xml");
  }

  // Block-level content. `anchor` is 0 for paragraphs that are numbered themselves, or the number of the
  // paragraph that anchors a text box.
  void blocks(pugi::xml_node container, bool in_table, bool in_list, std::uint32_t anchor, unsigned depth) {
    check_depth(depth);
    for (pugi::xml_node child : container.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "text:p" || name == "text:h") {
        paragraph(child, in_table, in_list, anchor, depth + 1);
      } else if (name == "table:table") {
        blocks(child, true, false, anchor, depth + 1);
      } else if (name == "text:list-item" || name == "text:list-header") {
        blocks(child, in_table, true, anchor, depth + 1);
      } else if (name == "draw:text-box") {
        // A frame anchored to the page stands between paragraphs: it goes with the paragraph before it.
        blocks(child, false, false, anchor != 0 ? anchor : std::max<std::uint32_t>(number_, 1), depth + 1);
      } else if (skipped(name)) {
        continue;
      } else {
        blocks(child, in_table, in_list, anchor, depth + 1);  // text:list, text:section, table rows and cells, ...
      }
    }
  }

  // Elements whose content is not prose of the document.
  static bool skipped(std::string_view name) {
    return name == "text:tracked-changes" || name == "office:annotation" || name == "office:annotation-end" ||
           name == "text:note-citation" || name == "svg:title" || name == "svg:desc" || name == "text:ruby-text" ||
           name == "office:forms" || name == "text:sequence-decls" || name == "text:variable-decls" ||
           name == "text:user-field-decls" || name == "text:dde-connection-decls" || name == "draw:image" ||
           name == "draw:object" || name == "draw:object-ole" ||
           (name.starts_with("text:") && ends_with(name, "-source"));  // templates of an index
  }

  void paragraph(pugi::xml_node p, bool in_table, bool in_list, std::uint32_t anchor, unsigned depth) {
    const std::uint32_t number = anchor != 0 ? anchor : ++number_;
    std::vector<pugi::xml_node> boxes;
    after_space_ = true;  // white space at the start of a paragraph is not text (ODF 1.2, 6.1.2)
    inline_content(p, boxes, depth + 1);
    out_.end_paragraph(kind(p, in_table, in_list), number);
    for (pugi::xml_node box : boxes) blocks(box, false, false, number, depth + 1);
  }

  BlockKind kind(pugi::xml_node p, bool in_table, bool in_list) {
    if (in_table) return BlockKind::TableCell;
    const Styles::Role role = styles_.role(p.attribute("text:style-name").value());
    if (std::string_view(p.name()) == "text:h" || role.heading) return BlockKind::Heading;
    if (in_list) return BlockKind::ListItem;
    if (role.quote) return BlockKind::Quote;
    return BlockKind::Paragraph;
  }

  // Character data: every run of white space (space, tab, line feed) is one space.
  void character_data(std::string_view data) {
    std::string collapsed;
    collapsed.reserve(data.size());
    for (char c : data) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (!after_space_) collapsed += ' ';
        after_space_ = true;
      } else {
        collapsed += c;
        after_space_ = false;
      }
    }
    out_.append(collapsed);
  }

  void literal(std::string_view s) {
    out_.append(s);
    after_space_ = false;
  }

  void inline_content(pugi::xml_node node, std::vector<pugi::xml_node>& boxes, unsigned depth) {
    check_depth(depth);
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        character_data(child.value());
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "text:s") {
        // text:c spaces, capped: a count is no reason to allocate gigabytes
        const int count = child.attribute("text:c").empty() ? 1 : std::atoi(child.attribute("text:c").value());
        literal(std::string(static_cast<std::size_t>(std::clamp(count, 1, 1000)), ' '));
      } else if (name == "text:tab") {
        literal(" ");
      } else if (name == "text:line-break") {
        literal(kHardLineBreak);
      } else if (name == "text:note") {
        const pugi::xml_node body = child.child("text:note-body");
        (std::string_view(child.attribute("text:note-class").value()) == "endnote" ? endnotes_ : footnotes_)
            .push_back(body);
      } else if (name == "draw:text-box") {
        boxes.push_back(child);
      } else if (name == "draw:a" || name == "draw:frame" || name == "draw:g") {
        inline_content(child, boxes, depth + 1);  // frames and groups hold the text boxes
      } else if (name.starts_with("draw:") && !skipped(name)) {
        boxes.push_back(child);  // a shape with text (draw:custom-shape, draw:rect, ...) holds paragraphs
      } else if (skipped(name) || name == "text:soft-page-break") {
        continue;
      } else if (name == "text:a") {
        out_.begin_mark(MarkKind::Link);
        inline_content(child, boxes, depth + 1);
        out_.end_mark(MarkKind::Link);
      } else {
        inline_content(child, boxes, depth + 1);  // text:span, text:meta, fields, text:ruby, ...
      }
    }
  }

  ZipArchive zip_;
  Styles styles_;
  DocumentTextBuilder out_;
  std::vector<pugi::xml_node> footnotes_, endnotes_;  // note bodies in the order they are cited
  std::uint32_t number_ = 0;  // document paragraphs numbered so far
  bool after_space_ = true;   // the last character of the paragraph is collapsible white space (or none yet)
};

}  // namespace

ReadText read_odt(std::string_view bytes) { return OdtReader(bytes).read(); }

}  // namespace helder
