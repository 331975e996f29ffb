// Readers: turn a source (plain text, Markdown, HTML; Word, OpenDocument and PDF files) into the text that
// is analysed, its blocks and a map back to where each piece came from.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

struct Range {
  std::uint32_t start = 0;  // bytes
  std::uint32_t end = 0;
  bool operator==(const Range&) const = default;
};

enum class BlockKind : std::uint8_t { Paragraph, Heading, ListItem, Quote, TableCell };

// Words in a block that are not the writer's own to change: rules that advise other words leave them alone.
// Which readers mark what: Markdown link texts and inline <cite>/<q>; HTML <a href>, <cite>, <q>; Word
// hyperlinks, HYPERLINK fields and runs in a title character style ("Book Title", "Titel"); OpenDocument
// text:a. Plain text and PDF have no marks.
enum class MarkKind : std::uint8_t {
  Link,       // link text: often the title of the page or publication it links to
  Title,      // the title of a work: HTML <cite>, a Word run in the "Title"/"Titel" character style
  Quotation,  // a quotation marked by the format itself: HTML <q> (quotation marks in the text are found later)
};

struct Mark {
  Range range;  // bytes into ReadText::text
  MarkKind kind = MarkKind::Link;
  bool operator==(const Mark&) const = default;
};

// One block of prose: a paragraph of its own for the analysis.
struct Block {
  BlockKind kind = BlockKind::Paragraph;
  Range range;                  // bytes into ReadText::text
  std::vector<Range> skipped;   // parts of the block that are not prose (inline code, URLs in links, ...),
                                // bytes into ReadText::text
  std::vector<Mark> marks;      // link texts, titles, quotations inside the block: in text order, not
                                // overlapping (a title inside a link is a title), outside `skipped` (a
                                // link whose text is its URL is skipped, not marked), without white space
                                // at their edges; touching marks of one kind are one mark
};

// `<!-- helder-disable RULE... -->` / `<!-- helder-enable RULE... -->` (Markdown and plain text).
struct Directive {
  std::uint32_t position = 0;       // bytes into ReadText::text: applies from here on
  bool enable = false;
  std::vector<std::string> rules;   // rule ids; empty means all rules
  std::uint32_t source_offset = 0;  // where the comment is in the source, for messages
};

// Maps byte offsets in the analysed text to byte offsets in the source.
class SourceMap {
 public:
  // Text [text_offset, text_offset + text_length) came from source [source_offset, + source_length).
  // Pieces are added in increasing text order. Equal lengths mean a verbatim copy (byte for byte).
  void add(std::uint32_t text_offset, std::uint32_t source_offset, std::uint32_t text_length,
           std::uint32_t source_length);
  // An empty map is the identity.
  std::uint32_t to_source(std::uint32_t text_offset) const;
  // For the end of a range: maps so that [to_source(start), to_source_end(end)) covers the source.
  std::uint32_t to_source_end(std::uint32_t text_end) const;
  bool identity() const { return pieces_.empty(); }
  void shrink_to_fit() { pieces_.shrink_to_fit(); }

 private:
  struct Piece {
    std::uint32_t text_offset, source_offset, text_length, source_length;
  };
  std::vector<Piece> pieces_;
};

// Where a stretch of extracted text came from in a document file (Word, OpenDocument, PDF), for positions
// a writer can find in their own program: "alinea 12" in Word, "pagina 3" in a PDF.
struct Origin {
  std::uint32_t start = 0;      // bytes into ReadText::text: this origin holds from here to the next one
  std::uint32_t paragraph = 0;  // docx/odt: 1-based number of the document's paragraph (w:p, text:p/h) in
                                // reading order, body first, then footnotes and endnotes; 0 for PDF
  std::uint32_t page = 0;       // PDF: 1-based page number; 0 for docx/odt
  bool operator==(const Origin&) const = default;
};

struct ReadText {
  std::string text;                    // what is analysed; for plain text, the source itself
  std::vector<Block> blocks;           // in text order, not overlapping
  SourceMap map;                       // text -> source bytes; identity for extracted documents (see below)
  std::vector<Directive> directives;   // in text order
  // Document files only (docx, odt, pdf): the extracted text *is* the source a report shows (line:col of
  // the extracted text), and origins say where each stretch of it came from. In text order; empty otherwise.
  std::vector<Origin> origins;
};

// Text formats are decoded (decode_input) and read by read_text; document formats are files whose text is
// extracted by read_document.
enum class Format : std::uint8_t { PlainText, Markdown, Html, Docx, Odt, Pdf };
constexpr bool is_text_format(Format f) { return f == Format::PlainText || f == Format::Markdown || f == Format::Html; }
// "text", "markdown", "html", "docx", "odt", "pdf"
const char* to_string(Format format);

// By extension: ".md"/".markdown" Markdown, ".html"/".htm"/".xhtml" HTML, ".docx", ".odt", ".pdf";
// everything else plain text.
Format format_for_path(const std::filesystem::path& path);
// By content first (a zip with word/document.xml is Word, one with content.xml and an OpenDocument text
// mimetype is ODT, "%PDF-" is PDF, "<!DOCTYPE html" or "<html" is HTML), then by the extension of `name`.
Format detect_format(std::string_view bytes, const std::filesystem::path& name);

// Text formats: `source` must be valid UTF-8 (see decode_input).
ReadText read_text(std::string_view source, Format format);

// Document formats: the prose of a Word (.docx), OpenDocument (.odt) or PDF file as blocks, with origins.
// Throws InputError with a clear Dutch message for a damaged, encrypted, oversized or empty document.
ReadText read_document(std::string_view bytes, Format format);

// The readers behind read_text and read_document, one file each in host/src/readers/.
ReadText read_html(std::string_view source);   // source map into the HTML source
ReadText read_docx(std::string_view bytes);
ReadText read_odt(std::string_view bytes);
ReadText read_pdf(std::string_view bytes);

}  // namespace helder
