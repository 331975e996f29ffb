// Which reader a file needs: its format by content and by name, and the dispatch to the document readers.
#include <helder/limits.hpp>
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <algorithm>
#include <cctype>

namespace helder {

const char* to_string(Format format) {
  switch (format) {
    case Format::PlainText: return "text";
    case Format::Markdown: return "markdown";
    case Format::Html: return "html";
    case Format::Docx: return "docx";
    case Format::Odt: return "odt";
    case Format::Pdf: return "pdf";
  }
  return "text";
}

Format format_for_path(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".md" || extension == ".markdown") return Format::Markdown;
  if (extension == ".html" || extension == ".htm" || extension == ".xhtml") return Format::Html;
  if (extension == ".docx") return Format::Docx;
  if (extension == ".odt") return Format::Odt;
  if (extension == ".pdf") return Format::Pdf;
  return Format::PlainText;
}

namespace {

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// Case-insensitive prefix test after leading white space and a UTF-8 byte order mark.
bool starts_with_markup(std::string_view bytes, std::string_view lower_prefix) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  while (!bytes.empty() && std::isspace(static_cast<unsigned char>(bytes.front()))) bytes.remove_prefix(1);
  if (bytes.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(bytes[i])) != lower_prefix[i]) return false;
  return true;
}

}  // namespace

Format detect_format(std::string_view bytes, const std::filesystem::path& name) {
  const Format by_name = format_for_path(name);
  if (bytes.starts_with("%PDF-")) return Format::Pdf;
  if (bytes.starts_with("PK\x03\x04")) {
    // A zip: the names of its entries are stored uncompressed in the local headers and the central directory.
    // An OpenDocument file starts with the entry "mimetype" holding its type, uncompressed.
    if (contains(bytes.substr(0, 200), "application/vnd.oasis.opendocument.text")) return Format::Odt;
    if (contains(bytes, "word/document.xml")) return Format::Docx;
    if (contains(bytes, "content.xml")) return Format::Odt;
    return by_name == Format::Odt ? Format::Odt : Format::Docx;  // the reader says what is wrong with it
  }
  // An OLE compound file: an old Word document (.doc) or an Office file encrypted with a password. The Word
  // reader says which, clearly; as text it would only be "binary".
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return by_name == Format::Odt ? Format::Odt : Format::Docx;
  if (starts_with_markup(bytes, "<!doctype html") || starts_with_markup(bytes, "<html")) return Format::Html;
  if (starts_with_markup(bytes, "<?xml") && by_name != Format::Html) {
    const std::string_view head = bytes.substr(0, 1024);
    if (contains(head, "<html") || contains(head, "<!DOCTYPE html") || contains(head, "xhtml")) return Format::Html;
  }
  // A Word or PDF name on something else: let the reader refuse it with a clear message.
  return by_name;
}

namespace {

// The caps on text (limits.hpp) hold for the text extracted from a document as for a text file. A paragraph
// is named as the writer finds it: its number in Word or LibreOffice, its page in a PDF.
void check_extracted_text(const ReadText& read) {
  if (read.text.size() > limits::max_text_bytes) throw InputError(limits::text_too_large_message());
  for (const Block& block : read.blocks) {
    if (block.range.end - block.range.start <= limits::max_paragraph_bytes) continue;
    const auto after = std::upper_bound(read.origins.begin(), read.origins.end(), block.range.start,
                                        [](std::uint32_t at, const Origin& o) { return at < o.start; });
    std::string which = "Een alinea";
    if (after != read.origins.begin()) {
      const Origin& origin = *(after - 1);
      if (origin.paragraph > 0) which = "Alinea " + std::to_string(origin.paragraph);
      else if (origin.page > 0) which = "Een alinea op pagina " + std::to_string(origin.page);
    }
    const std::string cap = limits::size_text(limits::max_paragraph_bytes);
    throw InputError(which + " van dit document is te lang: meer dan " + cap + " tekst. helder controleert alinea's tot " +
                     cap + ". Splits de alinea in kleinere alinea's en controleer het document opnieuw.");
  }
}

ReadText read_document_as_is(std::string_view bytes, Format format) {
  switch (format) {
    case Format::Docx: return read_docx(bytes);
    case Format::Odt: return read_odt(bytes);
    case Format::Pdf: return read_pdf(bytes);
    default: break;
  }
  throw InputError("Dit is geen Word-, OpenDocument- of PDF-bestand.");
}

}  // namespace

ReadText read_document(std::string_view bytes, Format format) {
  if (bytes.size() > limits::max_file_bytes) throw InputError(limits::file_too_large_message());
  ReadText read = read_document_as_is(bytes, format);
  check_extracted_text(read);
  return read;
}

}  // namespace helder
