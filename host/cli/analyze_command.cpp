// `helder analyze FILE --format json`: the analysis behind the findings (paragraphs, sentences, readability).
#include "cli.hpp"

#include <helder/engine.hpp>
#include <helder/limits.hpp>
#include <helder/report.hpp>
#include <helder/text.hpp>

#include <iostream>

namespace fs = std::filesystem;

namespace helder::cli {

int run_analyze(Session& session, const std::string& path, const std::string& stdin_name) {
  std::string error;
  std::optional<std::string> bytes = path == "-" ? std::optional<std::string>(read_stdin()) : read_bytes(path, error);
  if (!bytes) {
    error_line(path + ": " + error);
    return exit_problem;
  }
  const auto engine = session.engine_for(path == "-" ? fs::current_path() : fs::path(path));
  const Format format = detect_format(*bytes, path == "-" ? fs::path(stdin_name) : fs::path(path));
  const std::string shown = path == "-" ? (stdin_name.empty() ? "<stdin>" : stdin_name) : path;
  try {
    if (!is_text_format(format)) {
      ReadText read = read_document(*bytes, format);
      if (read.text.size() > limits::max_analysis_bytes) throw InputError(limits::analysis_too_large_message());
      const std::string text = read.text;
      std::cout << analysis_to_json(shown, text, engine->analyze(std::move(read)));
      return exit_clean;
    }
    DecodedText decoded = decode_input(*bytes);
    if (decoded.utf8.size() > limits::max_analysis_bytes) throw InputError(limits::analysis_too_large_message());
    if (!decoded.note.empty()) std::cerr << path << ": let op: " << decoded.note << '\n';
    std::cout << analysis_to_json(shown, decoded.utf8, engine->analyze(decoded.utf8, format));
  } catch (const InputError& e) {
    error_line(path + ": " + e.what());
    return exit_problem;
  }
  return exit_clean;
}

}  // namespace helder::cli
