// check_bytes: one file from bytes to a FileReport.
#include <helder/check.hpp>
#include <helder/limits.hpp>
#include <helder/text.hpp>

#include <cstdlib>

namespace helder {

namespace {

void keep_paragraph_scores(FileReport& report, const DocumentAnalysis& analysis) {
  const SourceMap& map = analysis.read.map;
  report.paragraphs.reserve(report.paragraphs.size() + analysis.paragraphs.size());
  for (const DocumentParagraph& dp : analysis.paragraphs) {
    std::uint32_t sentences = 0, words = 0, letter_words = 0, syllables = 0;
    for (std::size_t i = 0; i < dp->sentences.size(); ++i) {
      ++sentences;
      words += dp->sentences[i].word_count;
      letter_words += dp->letter_words[i];
      syllables += dp->sentences[i].syllable_count;
    }
    const std::uint32_t start = map.to_source(dp.range.start);
    const std::uint32_t end = dp.range.end > dp.range.start ? map.to_source_end(dp.range.end) : start;
    report.paragraphs.push_back({start, end, readability(sentences, words, letter_words, syllables)});
  }
}

// limits::section_bytes; HELDER_SECTION_BYTES (at least 1 KiB) lets tests check texts of a few sections
// without making megabytes of text.
std::size_t section_bytes() {
  static const std::size_t bytes = [] {
    const char* value = std::getenv("HELDER_SECTION_BYTES");
    const unsigned long long n = value ? std::strtoull(value, nullptr, 10) : 0;
    return n >= 1024 ? static_cast<std::size_t>(n) : static_cast<std::size_t>(limits::section_bytes);
  }();
  return bytes;
}

// The analysis and the check, in sections for a long text (Engine::check_in_sections).
void check_text(FileReport& report, ReadText read, const Engine& engine, unsigned threads, FileParts* parts) {
  if (read.text.size() <= section_bytes()) {
    const DocumentAnalysis analysis = engine.analyze(std::move(read), nullptr, threads);
    if (parts) parts->begin(report);
    std::vector<Finding> findings = engine.check(analysis, report.source, threads);
    if (parts) parts->findings(report, std::move(findings)); else report.findings = std::move(findings);
    report.readability = analysis.readability;
    keep_paragraph_scores(report, analysis);
    return;
  }
  report.notes.push_back(limits::sections_note(report.source.size(), section_bytes()));
  report.paragraphs.reserve(read.blocks.size());
  if (parts) parts->begin(report);
  report.readability = engine.check_in_sections(
      std::move(read), report.source, section_bytes(), threads,
      [&](const DocumentAnalysis& section, std::vector<Finding>&& findings) {
        keep_paragraph_scores(report, section);
        if (parts) {
          parts->findings(report, std::move(findings));
        } else {
          report.findings.insert(report.findings.end(), std::make_move_iterator(findings.begin()),
                                 std::make_move_iterator(findings.end()));
        }
      });
}

}  // namespace

FileReport check_bytes(std::string bytes, const std::string& shown_path, const std::filesystem::path& name,
                       const Engine& engine, unsigned threads, FileParts* parts) {
  FileReport report;
  report.path = shown_path;
  report.encoding = "UTF-8";
  if (bytes.empty()) {
    report.notes.push_back("Het bestand is leeg.");
    return report;
  }
  if (bytes.size() > limits::max_file_bytes) {
    report.error = limits::file_too_large_message();
    return report;
  }
  report.format = detect_format(bytes, name);
  try {
    ReadText read;
    if (is_text_format(report.format)) {
      const bool bom = bytes.starts_with("\xEF\xBB\xBF");
      DecodedText decoded = decode_input(std::move(bytes));
      bytes = std::string();  // the source is all that is needed from here on
      report.source = std::move(decoded.utf8);
      report.encoding = decoded.encoding;
      if (report.encoding == "UTF-8" && bom) report.bom_bytes = 3;
      if (!decoded.note.empty()) report.notes.push_back(decoded.note);
      read = read_text(report.source, report.format);
    } else {
      read = read_document(bytes, report.format);
      bytes = std::string();
      report.source = read.text;  // the extracted text is what positions point into
      report.origins = read.origins;
    }
    check_text(report, std::move(read), engine, threads, parts);
  } catch (const InputError& e) {
    report.error = e.what();
  }
  return report;
}

}  // namespace helder
