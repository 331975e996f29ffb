// check_bytes: one file from bytes to a FileReport.
#include <helder/check.hpp>
#include <helder/limits.hpp>
#include <helder/text.hpp>

namespace helder {

namespace {

void keep_paragraph_scores(FileReport& report, const DocumentAnalysis& analysis) {
  const SourceMap& map = analysis.read.map;
  report.paragraphs.reserve(analysis.paragraphs.size());
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

}  // namespace

FileReport check_bytes(std::string bytes, const std::string& shown_path, const std::filesystem::path& name,
                       const Engine& engine, unsigned threads) {
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
    DocumentAnalysis analysis;
    if (is_text_format(report.format)) {
      DecodedText decoded = decode_input(bytes);
      report.source = std::move(decoded.utf8);
      report.encoding = decoded.encoding;
      if (report.encoding == "UTF-8" && bytes.starts_with("\xEF\xBB\xBF")) report.bom_bytes = 3;
      if (!decoded.note.empty()) report.notes.push_back(decoded.note);
      bytes = std::string();  // the source is all that is needed from here on
      analysis = engine.analyze(report.source, report.format, nullptr, threads);
    } else {
      ReadText read = read_document(bytes, report.format);
      bytes = std::string();
      report.source = read.text;  // the extracted text is what positions point into
      report.origins = read.origins;
      analysis = engine.analyze(std::move(read), nullptr, threads);
    }
    report.findings = engine.check(analysis, report.source, threads);
    report.readability = analysis.readability;
    keep_paragraph_scores(report, analysis);
  } catch (const InputError& e) {
    report.error = e.what();
  }
  return report;
}

}  // namespace helder
