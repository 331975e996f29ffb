// The zip container of .docx and .odt files (libzip, from memory, with caps) and the layout of their text.
#include "zip_archive.hpp"

#include "prose_ranges.hpp"

#include <fmt/format.h>
#include <unicode/utf8.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace helder {

namespace {

constexpr std::string_view kOleSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// The name of an OLE stream as it is stored in the compound file's directory: UTF-16LE.
std::string utf16le(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// Word, Excel and PowerPoint store a password-protected file as an OLE compound file that holds the
// encrypted zip in a stream named "EncryptedPackage"; a Word 97-2003 (.doc) file has a "WordDocument" stream.
[[noreturn]] void refuse_ole_file(std::string_view bytes, DocumentKind kind) {
  if (bytes.find(utf16le("EncryptedPackage")) != std::string_view::npos)
    throw password_error();
  if (bytes.find(utf16le("WordDocument")) != std::string_view::npos)
    throw InputError(
        "Dit is een Word-document in het oude formaat (.doc). helder leest alleen .docx. Open het in Word, kies "
        "'Opslaan als' en 'Word-document (.docx)', en probeer het opnieuw.");
  throw InputError(fmt::format(
      "Dit is geen {0} maar een ouder Office-bestand. Open het in {1}, sla het op als {0} en probeer het opnieuw.",
      kind.name, kind.program));
}

InputError damaged_file(DocumentKind kind) {
  return InputError(fmt::format(
      "Dit {0} kan niet worden geopend: het is beschadigd of het is geen {0}. Open het in {1}, sla het "
      "opnieuw op en probeer het nog eens.",
      kind.name, kind.program));
}

InputError too_large(std::uint64_t cap) {
  return InputError(fmt::format(
      "Dit document is te groot om te controleren: uitgepakt is het meer dan {} MB. Splits het in kleinere "
      "documenten en probeer het opnieuw.",
      cap >> 20));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_white(char c) { return c == ' ' || c == '\n'; }

}  // namespace

InputError password_error() {
  return InputError(
      "Dit document is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en probeer het opnieuw.");
}

ZipArchive::ZipArchive(std::string_view bytes, DocumentKind kind, ZipLimits limits) : kind_(kind), limits_(limits) {
  if (bytes.starts_with(kOleSignature)) refuse_ole_file(bytes, kind);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    throw damaged_file(kind);
  }
  archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive_ == nullptr) {
    zip_source_free(source);  // only an opened archive takes ownership of its source
    throw damaged_file(kind);
  }
  try {
    const zip_int64_t entries = zip_get_num_entries(archive_, 0);
    if (entries < 0) throw damaged_file(kind);
    if (static_cast<std::uint64_t>(entries) > limits_.max_entries)
      throw InputError(fmt::format(
          "Dit {} bestaat uit meer dan {} onderdelen. Zo veel heeft een gewoon document niet: het is beschadigd. "
          "Open het in {}, sla het opnieuw op en probeer het nog eens.",
          kind.name, limits_.max_entries, kind.program));
    for (zip_int64_t i = 0; i < entries; ++i) {
      zip_stat_t stat;
      zip_stat_init(&stat);
      if (zip_stat_index(archive_, static_cast<zip_uint64_t>(i), 0, &stat) != 0) throw damaged_file(kind);
      if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE)
        throw password_error();
    }
  } catch (...) {
    zip_discard(archive_);
    throw;
  }
}

ZipArchive::~ZipArchive() { zip_discard(archive_); }

std::optional<std::string> ZipArchive::read(const char* part) {
  const zip_int64_t index = zip_name_locate(archive_, part, 0);
  if (index < 0) return std::nullopt;
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    const int code = zip_error_code_zip(zip_get_error(archive_));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) throw password_error();
    throw damaged_part(part);
  }
  std::string out;
  std::array<char, 1 << 16> buffer;
  try {
    for (;;) {
      const zip_int64_t n = zip_fread(file, buffer.data(), buffer.size());
      if (n < 0) throw damaged_part(part);  // inflate error or CRC mismatch
      if (n == 0) break;
      const auto count = static_cast<std::uint64_t>(n);
      if (out.size() + count > limits_.max_part_bytes) throw too_large(limits_.max_part_bytes);
      if (total_read_ + count > limits_.max_total_bytes) throw too_large(limits_.max_total_bytes);
      total_read_ += count;
      out.append(buffer.data(), static_cast<std::size_t>(n));
    }
  } catch (...) {
    zip_fclose(file);
    throw;
  }
  zip_fclose(file);
  return out;
}

InputError ZipArchive::damaged_part(std::string_view part) const {
  return InputError(fmt::format(
      "Dit {} kan niet worden gelezen: {} is beschadigd. Open het in {}, sla het opnieuw op en probeer het nog eens.",
      kind_.name, part, kind_.program));
}

bool load_xml_part(ZipArchive& zip, const char* name, XmlPart& part) {
  std::optional<std::string> bytes = zip.read(name);
  if (!bytes) return false;
  part.bytes = std::move(*bytes);
  const pugi::xml_parse_result result = part.document.load_buffer_inplace(
      part.bytes.data(), part.bytes.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) throw zip.damaged_part(name);
  return true;
}

void DocumentTextBuilder::append(std::string_view utf8) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  // The text comes from a part of at most 256 MB (ZipLimits), so int32_t indices (ICU's U8_NEXT) suffice.
  const auto length = static_cast<std::int32_t>(utf8.size());
  std::int32_t i = 0;
  while (i < length) {
    const std::int32_t from = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      paragraph_ += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
    } else if (c == 0xAD) {
      // a soft hyphen only shows where a word may be broken
    } else if (c == 0xA0 || c == '\t') {
      paragraph_ += ' ';
    } else if (c == 0x2011) {
      paragraph_ += '-';
    } else if (c == '\r') {
      paragraph_ += '\n';
    } else if (c < 0x20 && c != '\n') {
      // other control characters are not text (XML 1.0 does not even allow them)
    } else {
      paragraph_.append(utf8.data() + from, static_cast<std::size_t>(i - from));
    }
  }
}

void DocumentTextBuilder::end_skipped() {
  const auto end = static_cast<std::uint32_t>(paragraph_.size());
  if (end > skipped_start_) skipped_.push_back(Range{skipped_start_, end});
}

void DocumentTextBuilder::begin_mark(MarkKind kind) {
  OpenMark& open = open_marks_[static_cast<std::size_t>(kind)];
  if (open.depth++ == 0) open.start = static_cast<std::uint32_t>(paragraph_.size());
}

void DocumentTextBuilder::end_mark(MarkKind kind) {
  OpenMark& open = open_marks_[static_cast<std::size_t>(kind)];
  if (open.depth == 0 || --open.depth > 0) return;
  const auto end = static_cast<std::uint32_t>(paragraph_.size());
  if (end > open.start) marks_.push_back(Mark{Range{open.start, end}, kind});
}

void DocumentTextBuilder::end_paragraph(BlockKind kind, std::uint32_t number) {
  // Marks still open go on in the next paragraph, from its start.
  for (std::size_t k = 0; k < open_marks_.size(); ++k) {
    OpenMark& open = open_marks_[k];
    if (open.depth == 0) continue;
    const auto end = static_cast<std::uint32_t>(paragraph_.size());
    if (end > open.start) marks_.push_back(Mark{Range{open.start, end}, static_cast<MarkKind>(k)});
    open.start = 0;
  }
  // White space and hard line breaks at either end are outside the block.
  const std::string_view all = paragraph_;
  std::size_t from = 0, to = all.size();
  for (;;) {
    if (from < to && is_white(all[from])) ++from;
    else if (all.substr(from, to - from).starts_with(kHardLineBreak)) from += kHardLineBreak.size();
    else break;
  }
  for (;;) {
    if (to > from && is_white(all[to - 1])) --to;
    else if (all.substr(from, to - from).ends_with(kHardLineBreak)) to -= kHardLineBreak.size();
    else break;
  }
  if (from == to) {
    paragraph_.clear();
    skipped_.clear();
    marks_.clear();
    return;
  }
  const auto first = paragraph_.begin() + static_cast<std::ptrdiff_t>(from);
  const auto last = paragraph_.begin() + static_cast<std::ptrdiff_t>(to);
  if (!read_.text.empty()) read_.text += "\n\n";
  const auto start = static_cast<std::uint32_t>(read_.text.size());
  read_.origins.push_back(Origin{start, number, 0});
  Block block;
  block.kind = kind;
  block.range = {start + static_cast<std::uint32_t>(first - paragraph_.begin()),
                 start + static_cast<std::uint32_t>(last - paragraph_.begin())};
  for (const Range& r : skipped_) block.skipped.push_back(Range{start + r.start, start + r.end});
  read_.text += paragraph_;
  find_urls(read_.text, block.range, block.skipped);  // URLs and e-mail addresses are not words, as in plain text
  normalize_skipped(block.skipped, block.range);       // and clipped to the block
  for (const Mark& m : marks_) block.marks.push_back(Mark{Range{start + m.range.start, start + m.range.end}, m.kind});
  normalize_marks(block.marks, read_.text, block.range, block.skipped);
  read_.blocks.push_back(std::move(block));
  paragraph_.clear();
  skipped_.clear();
  marks_.clear();
}

ReadText DocumentTextBuilder::finish() {
  if (read_.blocks.empty()) throw InputError("Dit document bevat geen tekst.");
  return std::move(read_);
}

bool is_heading_style_name(std::string_view name) {
  const std::string lower = ascii_lower(name);
  std::string_view rest = lower;
  if (rest == "title" || rest == "titel") return true;
  if (rest.starts_with("heading")) {
    rest.remove_prefix(7);
  } else if (rest.starts_with("kop")) {
    rest.remove_prefix(3);
  } else {
    return false;
  }
  if (rest.starts_with(' ')) rest.remove_prefix(1);
  return rest.size() <= 2 && std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_title_style_name(std::string_view name) {
  static constexpr std::array<std::string_view, 7> names = {"title",      "titel",    "titlechar", "titelchar",
                                                            "booktitle",  "boektitel", "titelvanboek"};
  std::string compact;
  for (char c : ascii_lower(name)) {
    if (c != ' ') compact += c;
  }
  return std::find(names.begin(), names.end(), compact) != names.end();
}

bool is_quote_style_name(std::string_view name) {
  static constexpr std::array<std::string_view, 8> names = {
      "quote", "intense quote", "block text", "citaat", "duidelijk citaat", "quotations", "quotation", "blockquote"};
  const std::string lower = ascii_lower(name);
  return std::find(names.begin(), names.end(), lower) != names.end();
}

}  // namespace helder
