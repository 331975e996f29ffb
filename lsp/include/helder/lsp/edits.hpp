// Text edits the server proposes in code actions, computed on plain text: a word added to the project's
// accepted vocabulary (.helder.toml), and inline directives that switch a rule off.
#pragma once

#include <helder/reader.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace helder::lsp {

struct Insertion {
  std::uint32_t offset = 0;  // bytes into the text
  std::string text;
};

struct VocabularyEdit {
  enum class Outcome { Insert, AlreadyAccepted, CannotEdit } outcome = Outcome::CannotEdit;
  Insertion insertion;  // for Insert
};

// Adds `word` to `accept` in the [vocabulary] table of a .helder.toml text: into an existing array, as a
// new `accept` line under an existing [vocabulary] header, or as a new table at the end. CannotEdit when
// the text is not valid TOML or keeps its vocabulary in a form this does not touch (an inline table).
VocabularyEdit add_accepted_word(std::string_view toml_text, std::string_view word);

// The text of a new .helder.toml that accepts `word`.
std::string new_config_with_word(std::string_view word);

// "\r\n" when the text's first line ends so, else "\n".
std::string_view line_ending(std::string_view text);

// Two directive lines around the lines that hold source bytes [start, end): `<!-- helder-disable RULE -->`
// before the first, `<!-- helder-enable RULE -->` after the last.
std::vector<Insertion> disable_for_lines(std::string_view text, std::uint32_t start, std::uint32_t end,
                                         std::string_view rule);

// Switches `rule` off for one paragraph, source bytes [start, end) of its text. Plain text: directive lines
// around its lines (disable_for_lines). Markdown: the directives inline, right at the start and the end of the
// paragraph's text, so that a list item or a quote stays one (a line between list items splits the list).
std::vector<Insertion> disable_for_paragraph(std::string_view text, Format format, std::uint32_t start,
                                             std::uint32_t end, std::string_view rule);

// `<!-- helder-disable RULE -->` as the first line (in Markdown after YAML front matter).
Insertion disable_for_document(std::string_view text, Format format, std::string_view rule);

}  // namespace helder::lsp
