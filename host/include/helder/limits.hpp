// Every cap on what helder reads, in one place: file and text size, line and paragraph length, nesting,
// zip containers, the language server's messages and documents. Each cap answers with a Dutch message
// (InputError, or a diagnostic in the editor) that says what the limit is and what the writer can do;
// none aborts, and together they keep memory and time bounded. docs/formats.md lists them for users.
//
// The values let every real document through with a wide margin: the longest act of the 2,046 in
// ../shared/corpus (the Wet op het financieel toezicht) is 1.6 MB of Markdown, its longest prose paragraph
// 15 KB, its longest line 12 KB. Measured on the release build (docs/performance.md's machine), helder
// needs about 1 s and 40 bytes of memory per byte of a law, up to 130 bytes per byte for a text in which
// nearly every word is a finding.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace helder::limits {

// --- Files --------------------------------------------------------------------------------------------

// Any file helder reads (a Word, OpenDocument or PDF file is read whole into memory): 1 GiB. Image-heavy
// PDFs of several hundred MB exist; reading 1 GiB does not exhaust a writer's machine.
inline constexpr std::uint64_t max_file_bytes = std::uint64_t{1} << 30;

// Text: a plain-text, Markdown or HTML file (its bytes, before and after conversion to UTF-8), the text
// extracted from a document file, and standard input that is text: 256 MiB, about 40 million words, 160
// times the longest act. A text longer than section_bytes is checked in sections (below), so memory stays
// about four times the text; the cap keeps time bounded (about two minutes on one core) and every offset
// well within 32 bits. A larger file is refused with a message that says to split it.
inline constexpr std::uint64_t max_text_bytes = std::uint64_t{256} << 20;

// A text longer than this is analysed and checked in sections of whole paragraphs of about this size
// (Engine::check_in_sections): 2 MiB, about 300,000 words, 1.3 times the longest act, so every act, letter
// and report is one section. The analysis of a section holds 20 to 100 bytes of memory per byte of text
// (tokens, sentences, word data, findings), so one section needs 40 to 200 MB, whatever the length of the
// text; a text of 110 MB needs about 500 MB in all (docs/performance.md). The rules that read the whole
// document (undefined abbreviations, reading level) read one section as their document; the user gets a note
// that says so.
inline constexpr std::uint64_t section_bytes = std::uint64_t{2} << 20;

// `helder analyze` writes the analysis of the whole text at once (every sentence and token as JSON): 32 MiB.
inline constexpr std::uint64_t max_analysis_bytes = std::uint64_t{32} << 20;

// One line of a text file (plain text, Markdown or HTML source): 1 MiB. A finding's line:column and the
// excerpt the terminal report shows are counted from the start of its line, so each finding costs time in
// proportion to the length of its line: a line of 1 MB full of findings takes about 10 s, one of 5 MB
// about 5 minutes. Real lines are short (12 KB at most in the corpus); long lines that are real are a
// Markdown image embedded as base64 or a minified HTML page, a few hundred KB with few findings.
inline constexpr std::uint64_t max_line_bytes = std::uint64_t{1} << 20;

// One paragraph (a block of the analysed text, in any format): 1 MiB, about 150,000 words. A paragraph is
// the unit of the analysis: the editor checks the whole paragraph again after each keystroke, the threads
// of a long file share its work by paragraphs, and some rules compare the words of a paragraph with each
// other. A sentence of 5,000 words (35 KB) is far inside the cap, and so is a Word document of 300 pages
// saved as plain text (one line a paragraph, no blank lines between: helder reads it as one paragraph).
inline constexpr std::uint64_t max_paragraph_bytes = std::uint64_t{1} << 20;

// --- Markup -------------------------------------------------------------------------------------------

// Elements in each other in HTML, and blocks plus inline spans in each other in Markdown (quotes in
// lists in quotes, emphasis in links in emphasis): 1,024. Gumbo is quadratic in HTML nesting (40,000
// unclosed <div>s take over a minute) and the Markdown reader does work per open span; browsers need no
// more (Chrome's parser flattens trees deeper than 512), and real texts nest less than 10 deep.
inline constexpr std::uint32_t max_nesting_depth = 1024;

// Attributes on one HTML element: 1,000. Gumbo is quadratic in them (40,000 take three seconds).
inline constexpr std::uint32_t max_html_attributes = 1000;

// XML elements in each other in a Word or OpenDocument part (tables in tables in text boxes): 400. The
// readers walk the tree recursively; deeper is not a real document and would only exhaust the stack.
inline constexpr std::uint32_t max_xml_depth = 400;

// --- Zip containers (.docx, .odt) ---------------------------------------------------------------------

// Entries in the zip: 10,000. A long Word document has a few dozen; a zip bomb has millions.
inline constexpr std::uint64_t max_zip_entries = 10'000;
// Uncompressed bytes of one part, and of all parts read together: 256 MiB each. Counted while inflating
// (the sizes in the zip headers are not trusted). document.xml of a 1,000-page report is about 20 MB.
inline constexpr std::uint64_t max_zip_part_bytes = std::uint64_t{256} << 20;
inline constexpr std::uint64_t max_zip_total_bytes = std::uint64_t{256} << 20;

// A PDF: poppler takes the size of a document in memory as an int.
inline constexpr std::uint64_t max_pdf_bytes = 0x7FFF'FFFF;

// --- Language server ----------------------------------------------------------------------------------

// The header of one message (bytes waited for before the bytes are called garbage): 64 KiB. A real header
// is one line of about 25 bytes.
inline constexpr std::uint64_t max_lsp_header_bytes = std::uint64_t{64} << 10;

// The body of one message: 64 MiB. The largest message an editor sends is the whole text of a document
// (didOpen, or didChange without a range) as a JSON string, which escapes quotes, backslashes and line ends;
// 64 MiB holds the largest document the server checks (below) eight times over. A larger message is read
// and thrown away as it arrives, without keeping it; the writer gets a window message.
inline constexpr std::uint64_t max_lsp_message_bytes = std::uint64_t{64} << 20;

// A document the server checks: 8 MiB, five times the longest act. The server checks again after each
// edit and keeps the analysis for hovers and quick fixes; a first check of 8 MB takes about 8 s. A larger
// document stays open and in step with the editor (its edits are applied), but is not checked: it gets one
// diagnostic and one window message saying so; `helder check` checks files up to max_text_bytes.
inline constexpr std::uint64_t max_editor_document_bytes = std::uint64_t{8} << 20;

// How much of an input that starts with `head` (its first bytes: 8 are enough) is worth reading:
// max_file_bytes for a Word, OpenDocument or PDF file (a zip, OLE or PDF signature), max_text_bytes for
// anything else. A reader that stops one byte after this knows that the input is too large (check_bytes
// says so) without ever holding more: `helder check -` on an endless stream stops at 256 MiB.
std::uint64_t input_limit(std::string_view head);

// --- Messages -----------------------------------------------------------------------------------------

// "32 MB", "1 MB", "256 kB": a size for the Dutch messages (binary units, as the caps are powers of two).
std::string size_text(std::uint64_t bytes);

// For a text larger than max_text_bytes: what the limit is and what to do.
std::string text_too_large_message();
// For a file larger than max_file_bytes.
std::string file_too_large_message();
// For `helder analyze` of a text larger than max_analysis_bytes.
std::string analysis_too_large_message();
// The note for a text longer than section_bytes: it was checked in sections.
std::string sections_note(std::uint64_t text_bytes, std::uint64_t section = section_bytes);

}  // namespace helder::limits
