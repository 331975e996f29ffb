// What the zip-based document readers (.docx, .odt) share: the zip container read from memory with caps
// against zip bombs, and the builder that lays out the extracted paragraphs as blocks with origins.
#pragma once

#include <helder/limits.hpp>
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <pugixml.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct zip;  // libzip's zip_t, kept out of this header

namespace helder {

// The kind of document, for the Dutch messages: {"Word-bestand", "Word"}, {"OpenDocument-bestand", "LibreOffice"}.
struct DocumentKind {
  std::string_view name;
  std::string_view program;
};

// Caps against zip bombs (limits.hpp says why these values); tests pass smaller ones.
struct ZipLimits {
  std::uint64_t max_entries = limits::max_zip_entries;
  std::uint64_t max_part_bytes = limits::max_zip_part_bytes;    // uncompressed bytes of one part
  std::uint64_t max_total_bytes = limits::max_zip_total_bytes;  // uncompressed bytes of all parts read, together
};

// A zip archive held in memory. Not thread-safe; `bytes` must outlive the archive (libzip reads it in place).
class ZipArchive {
 public:
  // Throws InputError when `bytes` is an OLE compound file (a password-protected Office document or an old
  // .doc), not a zip or a damaged one, has more entries than allowed, or holds an encrypted entry.
  ZipArchive(std::string_view bytes, DocumentKind kind, ZipLimits limits = {});
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // The uncompressed bytes of `part`, or nullopt when there is no such part. The bytes are counted while
  // they are inflated (the sizes in the zip headers are not trusted). Throws InputError when the part is
  // damaged or a cap is exceeded.
  std::optional<std::string> read(const char* part);

  // The error for a part whose XML is broken: "... word/document.xml is beschadigd ...".
  InputError damaged_part(std::string_view part) const;

 private:
  zip* archive_ = nullptr;
  DocumentKind kind_;
  ZipLimits limits_;
  std::uint64_t total_read_ = 0;  // uncompressed bytes read so far, all parts
};

// "Dit document is beveiligd met een wachtwoord. ..."
InputError password_error();

// One XML part of the archive, parsed.
struct XmlPart {
  std::string bytes;  // pugixml parses in place: the document points into these bytes
  pugi::xml_document document;
};

// Loads the part `name` into `part`; false when the archive has no such part. White space between elements
// is kept as text (a w:t or a text:span holding only a space is text). Throws InputError for broken XML,
// naming the part.
bool load_xml_part(ZipArchive& zip, const char* name, XmlPart& part);

// A manual line break inside a paragraph (Word's w:br, ODF's text:line-break): U+2028, as the Markdown reader
// writes a hard line break, so a line of an address block ends its sentence the same way in every format.
inline constexpr std::string_view kHardLineBreak = "\xE2\x80\xA8";

// Lays out the paragraphs of a document as ReadText: each non-empty paragraph is one block, blocks are
// separated by a blank line, and each paragraph gets an Origin with its number.
class DocumentTextBuilder {
 public:
  // Appends text of the current paragraph. Removes U+00AD (soft hyphen), makes U+00A0 and a tab a space,
  // U+2011 a hyphen and "\r" a "\n" (a line break); invalid UTF-8 becomes U+FFFD; other control characters
  // are dropped.
  void append(std::string_view utf8);
  // Text appended between these two calls is in the block but not prose (a superscript footnote number):
  // a Block::skipped range, as the Markdown reader makes for <sup>.
  void begin_skipped() { skipped_start_ = static_cast<std::uint32_t>(paragraph_.size()); }
  void end_skipped();
  // Text appended between these two calls is a Block::marks entry of `kind` (a hyperlink's text). Calls of
  // one kind may nest; the outermost pair counts. A mark still open when a paragraph ends is recorded in that
  // paragraph and goes on in the next one (a HYPERLINK field may span paragraphs).
  void begin_mark(MarkKind kind);
  void end_mark(MarkKind kind);
  // Ends the current paragraph: a block of `kind` when it holds more than white space (the white space at
  // its ends stays outside the block's range), nothing otherwise.
  void end_paragraph(BlockKind kind, std::uint32_t number);
  // Throws InputError "Dit document bevat geen tekst." when no paragraph held text.
  ReadText finish();

 private:
  ReadText read_;
  std::string paragraph_;
  std::vector<Range> skipped_;  // bytes into paragraph_
  std::uint32_t skipped_start_ = 0;
  struct OpenMark {
    unsigned depth = 0;
    std::uint32_t start = 0;  // bytes into paragraph_
  };
  std::array<OpenMark, 3> open_marks_{};  // by MarkKind
  std::vector<Mark> marks_;               // bytes into paragraph_
};

// True when `name` (case-insensitive) is a heading style: "heading 3", "Kop 1", "Title", "Titel", "heading".
bool is_heading_style_name(std::string_view name);
// True when `name` is a quotation style: "Quote", "Intense Quote", "Block Text", "Citaat", "Quotations".
bool is_quote_style_name(std::string_view name);
// True when `name` (case and spaces ignored) is a character style for the title of a work: "Title",
// "Titel", "Title Char", "Book Title", "Boektitel", "Titel van boek".
bool is_title_style_name(std::string_view name);

}  // namespace helder
