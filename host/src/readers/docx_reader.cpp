// Reads a Word (.docx) file: the prose of the body, its text boxes, footnotes and endnotes, as blocks with origins,
// and the hyperlink texts and titles of works in them (Block::marks).
#include "zip_archive.hpp"

#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace helder {

namespace {

constexpr DocumentKind kWord{"Word-bestand", "Word"};
// Deeper nesting (tables in tables in text boxes ...) is not a real document; it would only exhaust the
// stack of the recursive walk.
constexpr unsigned kMaxDepth = limits::max_xml_depth;
constexpr int kNoOutline = -1;
constexpr int kBodyTextOutline = 9;  // w:outlineLvl 9: "body text", not a heading


std::string_view value(pugi::xml_node node) { return node.attribute("w:val").value(); }

// An on/off property such as w:vanish: on unless w:val says "0", "false" or "off".
bool switched_on(pugi::xml_node property) {
  if (!property) return false;
  const std::string_view v = value(property);
  return v != "0" && v != "false" && v != "off";
}

int outline_level(pugi::xml_node paragraph_properties) {
  const pugi::xml_node level = paragraph_properties.child("w:outlineLvl");
  if (!level) return kNoOutline;
  return std::atoi(level.attribute("w:val").value());
}

// Numbering of paragraph properties: -1 none given, 0 explicitly none (w:numId 0), 1 numbered.
int numbering(pugi::xml_node paragraph_properties) {
  const pugi::xml_node id = paragraph_properties.child("w:numPr").child("w:numId");
  if (!id) return -1;
  return value(id) == "0" ? 0 : 1;
}

// mc:AlternateContent holds the same content twice (for newer and older readers): read one branch only.
pugi::xml_node chosen_branch(pugi::xml_node alternate) {
  const pugi::xml_node choice = alternate.child("mc:Choice");
  return choice ? choice : alternate.child("mc:Fallback");
}

// True when a field instruction (" HYPERLINK \"https://...\" \o ...") makes a hyperlink.
bool is_hyperlink_instruction(std::string_view instruction) {
  while (!instruction.empty() && (instruction.front() == ' ' || instruction.front() == '\t')) {
    instruction.remove_prefix(1);
  }
  constexpr std::string_view kHyperlink = "HYPERLINK";
  if (instruction.size() < kHyperlink.size()) return false;
  for (std::size_t i = 0; i < kHyperlink.size(); ++i) {
    const char c = instruction[i];
    if ((c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c) != kHyperlink[i]) return false;
  }
  return instruction.size() == kHyperlink.size() || instruction[kHyperlink.size()] == ' ' ||
         instruction[kHyperlink.size()] == '\t';
}

// Paragraph styles of word/styles.xml, resolved through w:basedOn, and which character styles mark the title
// of a work.
class Styles {
 public:
  struct Role {
    bool heading = false;
    bool list = false;
    bool quote = false;
  };

  void load(const pugi::xml_document& styles) {
    for (pugi::xml_node style : styles.child("w:styles").children("w:style")) {
      const std::string_view type = style.attribute("w:type").value();
      if (type == "character") {
        character_styles_[style.attribute("w:styleId").value()] =
            CharacterStyle{value(style.child("w:name")).data(), value(style.child("w:basedOn")).data()};
        continue;
      }
      if (type != "paragraph") continue;
      Style s;
      s.name = value(style.child("w:name"));
      if (s.name.empty()) s.name = style.attribute("w:styleId").value();
      s.based_on = value(style.child("w:basedOn"));
      s.outline = outline_level(style.child("w:pPr"));
      s.numbering = numbering(style.child("w:pPr"));
      styles_[style.attribute("w:styleId").value()] = std::move(s);
    }
  }

  Role role(const std::string& id) {
    if (auto found = roles_.find(id); found != roles_.end()) return found->second;
    Role r;
    int outline = kNoOutline;
    int numbered = -1;
    bool named_heading = false;
    std::string current = id;
    // The nearest style that sets a property decides; the chain is capped against basedOn loops.
    for (int step = 0; step < 20 && !current.empty(); ++step) {
      auto found = styles_.find(current);
      if (found == styles_.end()) break;
      const Style& s = found->second;
      named_heading = named_heading || is_heading_style_name(s.name);
      r.quote = r.quote || is_quote_style_name(s.name);
      if (outline == kNoOutline) outline = s.outline;
      if (numbered < 0) numbered = s.numbering;
      current = s.based_on;
    }
    r.heading = outline == kNoOutline ? named_heading : outline < kBodyTextOutline;
    r.list = numbered > 0;
    roles_[id] = r;
    return r;
  }

  // Whether the character style `id` (w:rStyle) or one it is based on is a title style, by name (the id
  // where a style has no name or is not defined: Word writes the name in English, the id in the user's language).
  bool title_character_style(const std::string& id) {
    if (id.empty()) return false;
    if (auto found = titles_.find(id); found != titles_.end()) return found->second;
    bool title = false;
    std::string current = id;
    for (int step = 0; step < 20 && !current.empty() && !title; ++step) {  // capped against basedOn loops
      auto found = character_styles_.find(current);
      if (found == character_styles_.end()) {
        title = is_title_style_name(current);
        break;
      }
      title = is_title_style_name(found->second.name.empty() ? current : found->second.name);
      current = found->second.based_on;
    }
    titles_[id] = title;
    return title;
  }

 private:
  struct Style {
    std::string name, based_on;
    int outline = kNoOutline;
    int numbering = -1;
  };
  struct CharacterStyle {
    std::string name, based_on;
  };
  std::unordered_map<std::string, Style> styles_;
  std::unordered_map<std::string, Role> roles_;
  std::unordered_map<std::string, CharacterStyle> character_styles_;
  std::unordered_map<std::string, bool> titles_;  // title_character_style, by id
};

// Complex fields (w:fldChar begin ... separate ... end) of one story: the instruction between begin and
// separate is code ("PAGE \* MERGEFORMAT"), the result after separate is what the reader sees. The result
// of a HYPERLINK field is link text: a Block::marks entry.
class FieldStack {
 public:
  bool hiding() const { return open_instructions_ > 0; }

  void on(std::string_view type, DocumentTextBuilder& out) {
    if (type == "begin") {
      fields_.push_back(Field{});
      ++open_instructions_;
    } else if (type == "separate") {
      if (!fields_.empty() && fields_.back().in_instruction) {
        Field& field = fields_.back();
        field.in_instruction = false;
        --open_instructions_;
        field.link = is_hyperlink_instruction(field.instruction);
        if (field.link) out.begin_mark(MarkKind::Link);
      }
    } else if (type == "end" && !fields_.empty()) {
      if (fields_.back().in_instruction) --open_instructions_;
      if (fields_.back().link) out.end_mark(MarkKind::Link);
      fields_.pop_back();
    }
  }

  // w:instrText: a piece of the instruction of the innermost field.
  void instruction(std::string_view text) {
    if (fields_.empty() || !fields_.back().in_instruction) return;
    std::string& instruction = fields_.back().instruction;
    // Only its start is read: the name of the field.
    if (instruction.size() < kKeptInstruction) {
      instruction.append(text.substr(0, kKeptInstruction - instruction.size()));
    }
  }

  // The story ends: a field that was never ended ends here.
  void end_story(DocumentTextBuilder& out) {
    for (const Field& field : fields_) {
      if (field.link) out.end_mark(MarkKind::Link);
    }
    fields_.clear();
    open_instructions_ = 0;
  }

 private:
  static constexpr std::size_t kKeptInstruction = 32;
  struct Field {
    bool in_instruction = true;
    bool link = false;
    std::string instruction;  // its first kKeptInstruction bytes
  };
  std::vector<Field> fields_;
  std::size_t open_instructions_ = 0;
};

class DocxReader {
 public:
  explicit DocxReader(std::string_view bytes) : zip_(bytes, kWord) {}

  ReadText read() {
    XmlPart document;
    if (!load_xml_part(zip_, "word/document.xml", document))
      throw InputError(
          "Dit is geen Word-document: het onderdeel word/document.xml ontbreekt. Open het bestand in Word, sla het "
          "op als .docx en probeer het opnieuw.");
    {
      XmlPart styles;
      if (load_xml_part(zip_, "word/styles.xml", styles)) styles_.load(styles.document);
    }
    {
      FieldStack fields;
      blocks(document.document.child("w:document").child("w:body"), false, 0, fields, 0);
      fields.end_story(out_);
    }
    notes("word/footnotes.xml", "w:footnotes", "w:footnote");
    notes("word/endnotes.xml", "w:endnotes", "w:endnote");
    return out_.finish();
  }

 private:
  void check_depth(unsigned depth) const {
    if (depth > kMaxDepth) throw zip_.damaged_part(part_);
  }

  void notes(const char* name, const char* root, const char* note) {
    XmlPart part;
    if (!load_xml_part(zip_, name, part)) return;
    part_ = name;
    for (pugi::xml_node n : part.document.child(root).children(note)) {
      // The separator lines above the notes are notes too, with a w:type; real notes have none ("normal").
      const std::string_view type = n.attribute("w:type").value();
      if (!type.empty() && type != "normal") continue;
      FieldStack fields;
      blocks(n, false, 0, fields, 0);
      fields.end_story(out_);
    }
  }

  // Block-level content: paragraphs, tables, content controls. `anchor` is 0 for paragraphs that are
  // numbered themselves, or the number of the paragraph that anchors a text box.
  void blocks(pugi::xml_node container, bool in_table, std::uint32_t anchor, FieldStack& fields, unsigned depth) {
    check_depth(depth);
    for (pugi::xml_node child : container.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "w:p") {
        paragraph(child, in_table, anchor, fields, depth + 1);
      } else if (name == "w:tbl") {
        blocks(child, true, anchor, fields, depth + 1);
      } else if (name == "mc:AlternateContent") {
        blocks(chosen_branch(child), in_table, anchor, fields, depth + 1);
      } else if (name == "w:del" || name == "w:moveFrom" || name == "w:sectPr" || name == "w:tblPr" ||
                 name == "w:tblGrid" || name == "w:trPr" || name == "w:tcPr" || name == "w:sdtPr" ||
                 name == "w:sdtEndPr") {
        continue;
      } else {
        blocks(child, in_table, anchor, fields, depth + 1);  // w:tr, w:tc, w:sdt, w:sdtContent, w:customXml, ...
      }
    }
  }

  void paragraph(pugi::xml_node p, bool in_table, std::uint32_t anchor, FieldStack& fields, unsigned depth) {
    const std::uint32_t number = anchor != 0 ? anchor : ++number_;
    std::vector<pugi::xml_node> boxes;
    inline_content(p, fields, boxes, depth + 1);
    out_.end_paragraph(kind(p, in_table), number);
    // A text box is read after the paragraph it is anchored in, each of its paragraphs a block.
    for (pugi::xml_node box : boxes) {
      FieldStack box_fields;
      blocks(box, false, number, box_fields, depth + 1);
      box_fields.end_story(out_);
    }
  }

  BlockKind kind(pugi::xml_node p, bool in_table) {
    if (in_table) return BlockKind::TableCell;
    const pugi::xml_node properties = p.child("w:pPr");
    Styles::Role role = styles_.role(value(properties.child("w:pStyle")).data());
    if (const int outline = outline_level(properties); outline != kNoOutline) role.heading = outline < kBodyTextOutline;
    if (const int numbered = numbering(properties); numbered >= 0) role.list = numbered > 0;
    if (role.heading) return BlockKind::Heading;
    if (role.list) return BlockKind::ListItem;
    if (role.quote) return BlockKind::Quote;
    return BlockKind::Paragraph;
  }

  void text(std::string_view s) {
    if (!fields_hide_ && !hidden_run_) out_.append(s);
  }

  // Runs and what holds them (hyperlinks, insertions, content controls, simple fields).
  void inline_content(pugi::xml_node node, FieldStack& fields, std::vector<pugi::xml_node>& boxes, unsigned depth) {
    check_depth(depth);
    for (pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      fields_hide_ = fields.hiding();
      if (name == "w:t") {
        text(child.child_value());
      } else if (name == "w:tab" || name == "w:ptab") {
        text(" ");
      } else if (name == "w:br" || name == "w:cr") {
        text(kHardLineBreak);
      } else if (name == "w:noBreakHyphen") {
        text("-");
      } else if (name == "w:fldChar") {
        fields.on(child.attribute("w:fldCharType").value(), out_);
      } else if (name == "w:instrText") {
        fields.instruction(child.child_value());
      } else if (name == "w:r") {
        const pugi::xml_node run_properties = child.child("w:rPr");
        hidden_run_ = switched_on(run_properties.child("w:vanish"));
        // A raised run (a footnote number typed as superscript, "financiën.¹") is not prose, as <sup> in
        // Markdown: it stays in the text but is skipped, so it neither counts as a word nor glues sentences.
        const bool raised = value(run_properties.child("w:vertAlign")) == "superscript";
        // A run in a title character style ("Book Title") names a work: a Block::marks entry.
        const bool title = styles_.title_character_style(value(run_properties.child("w:rStyle")).data());
        if (raised) out_.begin_skipped();
        if (title) out_.begin_mark(MarkKind::Title);
        inline_content(child, fields, boxes, depth + 1);
        if (title) out_.end_mark(MarkKind::Title);
        if (raised) out_.end_skipped();
        hidden_run_ = false;
      } else if (name == "w:hyperlink" ||
                 (name == "w:fldSimple" && is_hyperlink_instruction(child.attribute("w:instr").value()))) {
        out_.begin_mark(MarkKind::Link);
        inline_content(child, fields, boxes, depth + 1);
        out_.end_mark(MarkKind::Link);
      } else if (name == "w:txbxContent") {
        boxes.push_back(child);
      } else if (name == "mc:AlternateContent") {
        inline_content(chosen_branch(child), fields, boxes, depth + 1);
      } else if (name == "w:pPr" || name == "w:rPr" || name == "w:del" || name == "w:moveFrom" ||
                 name == "w:delText" || name == "w:delInstrText" || name == "w:sdtPr" ||
                 name == "w:sdtEndPr" || name == "w:rt" || name == "w:softHyphen" || name == "w:sym") {
        continue;  // not shown, deleted, field code, ruby annotation, or a character we leave out
      } else {
        inline_content(child, fields, boxes, depth + 1);  // w:ins, w:moveTo, w:fldSimple, w:drawing, ...
      }
    }
  }

  ZipArchive zip_;
  Styles styles_;
  DocumentTextBuilder out_;
  std::uint32_t number_ = 0;  // document paragraphs numbered so far
  const char* part_ = "word/document.xml";
  bool fields_hide_ = false;
  bool hidden_run_ = false;
};

}  // namespace

ReadText read_docx(std::string_view bytes) { return DocxReader(bytes).read(); }

}  // namespace helder
