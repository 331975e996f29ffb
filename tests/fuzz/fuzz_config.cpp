// Fuzz target: the TOML configuration and rule packs. The input is a project's .helder.toml, optionally
// followed by "\n#~pack\n" and the pack.toml of a pack "fuzzpack" (in packs/, which the project can name with
// pack_paths = ["packs"]), and by "\n#~lexicon\n" and a lexicon file "lexicon.tsv" beside both. The files are
// written to a folder and loaded as `helder check` loads them: load_config, then an engine whose rules take
// their options (a rule with options it does not know is a ConfigError), then a short check. The code
// action that adds a word to [vocabulary] accept (lsp/src/edits.cpp) is checked on the same .helder.toml:
// the edited file must parse and hold exactly the old settings plus the word.
#include "fuzz_support.hpp"

#include <helder/config.hpp>
#include <helder/engine.hpp>
#include <helder/lexicon.hpp>
#include <helder/lsp/edits.hpp>

#include <toml++/toml.h>

#include <fstream>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace helder::fuzz {

namespace {

constexpr std::string_view kPackSeparator = "\n#~pack\n";
constexpr std::string_view kLexiconSeparator = "\n#~lexicon\n";

// Writes `content` to `file`, or removes the file when there is none (nothing of the last input stays).
void put(const fs::path& file, const std::optional<std::string_view>& content) {
  std::error_code ec;
  if (!content) {
    fs::remove(file, ec);
    return;
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(content->data(), static_cast<std::streamsize>(content->size()));
  if (!out) fail("cannot write " + file.string());
}

std::string lower_ascii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// add_accepted_word against toml++: Insert gives the old table plus the word, AlreadyAccepted means it was there.
void check_vocabulary_edit(std::string_view toml_text, std::string_view word) {
  const lsp::VocabularyEdit edit = lsp::add_accepted_word(toml_text, word);
  toml::table before;
  try {
    before = toml::parse(toml_text);
  } catch (const toml::parse_error&) {
    expect(edit.outcome == lsp::VocabularyEdit::Outcome::CannotEdit, "a file that is not TOML is not edited");
    return;
  }
  if (edit.outcome == lsp::VocabularyEdit::Outcome::CannotEdit) return;
  const toml::array* accept = before["vocabulary"]["accept"].as_array();
  if (edit.outcome == lsp::VocabularyEdit::Outcome::AlreadyAccepted) {
    bool found = false;
    if (accept)
      for (const toml::node& item : *accept)
        if (const auto* s = item.as_string(); s && lower_ascii(s->get()) == word) found = true;
    expect(found, "AlreadyAccepted: the word is in accept");
    return;
  }
  expect(edit.insertion.offset <= toml_text.size(), "the insertion lies inside the file");
  std::string after_text(toml_text);
  after_text.insert(edit.insertion.offset, edit.insertion.text);
  toml::table after;
  try {
    after = toml::parse(after_text);
  } catch (const toml::parse_error& e) {
    fail("the edited .helder.toml is valid TOML: " + std::string(e.description()) + "\n" + after_text);
  }
  toml::table expected = before;
  if (!expected.contains("vocabulary")) expected.insert("vocabulary", toml::table{});
  toml::table* vocabulary = expected["vocabulary"].as_table();
  expect(vocabulary != nullptr, "vocabulary is a table");
  if (!vocabulary->contains("accept")) vocabulary->insert("accept", toml::array{});
  toml::array* list = (*vocabulary)["accept"].as_array();
  expect(list != nullptr, "accept is an array");
  list->push_back(std::string(word));
  expect(after == expected, "the edited .helder.toml holds the old settings plus the word:\n" + after_text);
}

}  // namespace

int fuzz_config(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = as_text(data, size);
  std::string_view project = input;
  std::optional<std::string_view> pack, lexicon;
  if (const std::size_t at = project.find(kLexiconSeparator); at != std::string_view::npos) {
    lexicon = project.substr(at + kLexiconSeparator.size());
    project = project.substr(0, at);
  }
  if (const std::size_t at = project.find(kPackSeparator); at != std::string_view::npos) {
    pack = project.substr(at + kPackSeparator.size());
    project = project.substr(0, at);
  }

  static const fs::path dir = [] {
    const fs::path d = temp_dir() / "config";
    fs::create_directories(d / "packs" / "fuzzpack");
    return d;
  }();
  put(dir / ".helder.toml", project);
  put(dir / "packs" / "fuzzpack" / "pack.toml", pack);
  put(dir / "lexicon.tsv", lexicon);
  put(dir / "packs" / "fuzzpack" / "lexicon.tsv", lexicon);

  static constexpr std::string_view kWords[] = {"fuzzwoord", "één", "a\"b\\c", "x y"};
  check_vocabulary_edit(project, kWords[size % 4]);

  ConfigRequest request;
  request.checked_path = dir / "brief.txt";
  request.pack_dirs = {layout().pack_dir()};
  Config config;
  try {
    config = load_config(request);
  } catch (const ConfigError& e) {
    // file:line:col: message, about one of the files of this configuration.
    expect(std::string_view(e.what()).starts_with(e.file().string() + ":"), "a ConfigError starts with its file");
    expect(!e.description().empty(), "a ConfigError says what is wrong");
    return 0;
  }
  config.editor = true;
  try {
    std::vector<std::string> messages;
    const Engine engine(std::move(config), services(), plugins(), messages);
    for (const RuleDescription& d : engine.describe_rules()) {
      try {
        (void)toml::parse(d.effective_options);
      } catch (const toml::parse_error&) {
        fail("a rule's effective options are TOML: " + d.effective_options);
      }
    }
    constexpr std::string_view kLetter =
        "Indien u vragen heeft, kunt u ons bellen. Het besluit wordt door de gemeente genomen ten behoeve van u.\n";
    const DocumentAnalysis analysis = engine.analyze(kLetter, Format::PlainText);
    for (const Finding& f : engine.check(analysis, kLetter))
      expect(f.start <= f.end && f.end <= kLetter.size(), "a finding lies inside the text");
  } catch (const ConfigError& e) {
    expect(std::string_view(e.what()).starts_with(e.file().string() + ":"), "a ConfigError starts with its file");
  } catch (const LexiconError&) {
    // A broken lexicon line: file:line and a message, as `helder check` reports it.
  }
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_config)
