// Positions and edits at the language server's edge: UTF-16 (and UTF-8, UTF-32) columns, CRLF, incremental
// changes, file URIs; and the edits of code actions (vocabulary in .helder.toml, inline directives), checked
// against the real reader and engine.
#include "test_support.hpp"

#include <helder/lsp/edits.hpp>
#include <helder/lsp/protocol.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace helder;
using namespace helder::lsp;
namespace fs = std::filesystem;

namespace {

json pos(std::uint32_t line, std::uint32_t character) { return json{{"line", line}, {"character", character}}; }

json change(std::uint32_t l1, std::uint32_t c1, std::uint32_t l2, std::uint32_t c2, std::string text) {
  return json{{"range", {{"start", pos(l1, c1)}, {"end", pos(l2, c2)}}}, {"text", std::move(text)}};
}

std::string with_insertions(std::string text, const std::vector<Insertion>& insertions) {
  std::vector<Insertion> sorted = insertions;
  std::sort(sorted.begin(), sorted.end(), [](const Insertion& a, const Insertion& b) { return a.offset > b.offset; });
  for (const Insertion& i : sorted) text.insert(i.offset, i.text);
  return text;
}

}  // namespace

TEST_CASE("positions: UTF-16 code units for é, ’, „ and an emoji, CRLF belongs to the line end", "[lsp][positions]") {
  const std::string text = "Geachte Ëmile,\r\nDe café’s 😀 zijn „dicht”.\r\n";
  const PositionMap utf16(text, PositionEncoding::Utf16);
  const std::size_t zijn = text.find("zijn");
  CHECK(utf16.to_json(static_cast<std::uint32_t>(zijn)) == pos(1, 13));  // 😀 counts two
  CHECK(utf16.offset(pos(1, 13)) == zijn);
  CHECK(utf16.offset(pos(1, 11)) == text.find("😀"));   // inside the surrogate pair: the start of the emoji
  CHECK(utf16.offset(pos(0, 99)) == text.find("\r\n"));  // past the line end: the line end, before \r
  CHECK(utf16.offset(pos(9, 0)) == text.size());         // past the last line: the end
  CHECK(utf16.to_json(static_cast<std::uint32_t>(text.size())) == pos(2, 0));

  const PositionMap utf8(text, PositionEncoding::Utf8);
  CHECK(utf8.to_json(static_cast<std::uint32_t>(zijn)) == pos(1, zijn - text.find("De")));
  CHECK(utf8.offset(pos(1, 7)) == text.find("é"));  // inside é (byte 7 is its second byte): its start
  const PositionMap utf32(text, PositionEncoding::Utf32);
  CHECK(utf32.to_json(static_cast<std::uint32_t>(zijn)) == pos(1, 12));
  CHECK(utf32.offset(pos(1, 12)) == zijn);
  CHECK_THROWS_AS(utf16.offset(json{{"line", 1}}), ProtocolError);
}

TEST_CASE("positions: the fast conversion agrees with LineIndex at every byte", "[lsp][positions]") {
  std::string text = "De café’s 😀 zijn „dicht”.\r\n\n";
  for (int i = 0; i < 40; ++i) text += "Een lange regel met é, ë en 😀 erin, ";  // longer than a checkpoint step
  text += "\nkort\xC3\n\xF0\x9F";  // stray bytes count as one character each
  text += "\rna een losse CR é\r\rnog één\r\n";  // a lone "\r" ends a line too
  const LineIndex lines(text);
  const PositionMap utf16(text, PositionEncoding::Utf16);
  const PositionMap utf32(text, PositionEncoding::Utf32);
  for (std::uint32_t b = 0; b <= text.size(); ++b) {
    INFO("byte " << b);
    REQUIRE(utf16.position(b) == lines.to_utf16_position(b));
    REQUIRE(utf32.position(b) == lines.to_char_position(b));
  }
}

TEST_CASE("incremental changes give the same text as applying them to a model of the text", "[lsp][positions]") {
  // A model in UTF-16 (as the editor keeps it), edited at random places with Dutch and astral characters;
  // the server's text must be its UTF-8 form after every change.
  std::mt19937 random(4);
  const std::vector<std::u16string> pieces{u"é", u"ë", u"’", u"„", u"”", u"\r\n", u"\n", u"a", u" ", u"😀", u"ij"};
  std::u16string model = u"Geachte heer,\r\n\r\nDe café’s 😀 zijn dicht.\n";
  auto to_utf8 = [](const std::u16string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      std::uint32_t cp = s[i];
      if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size()) cp = 0x10000 + ((cp - 0xD800) << 10) + (s[++i] - 0xDC00);
      if (cp < 0x80) out += static_cast<char>(cp);
      else if (cp < 0x800) out += {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
      else if (cp < 0x10000)
        out += {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
      else
        out += {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    }
    return out;
  };
  // (line, character) of a UTF-16 offset in the model; lines end at \n.
  auto position_of = [&](std::size_t offset) {
    std::uint32_t line = 0;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i)
      if (model[i] == u'\n') {
        ++line;
        line_start = i + 1;
      }
    return pos(line, static_cast<std::uint32_t>(offset - line_start));
  };
  // A boundary the editor could put a cursor on: not inside a surrogate pair or a CRLF.
  auto boundary = [&](std::size_t offset) {
    while (offset > 0 && offset < model.size() &&
           ((model[offset] >= 0xDC00 && model[offset] < 0xE000) || (model[offset] == u'\n' && model[offset - 1] == u'\r')))
      --offset;
    return offset;
  };
  std::string text = to_utf8(model);
  for (int step = 0; step < 500; ++step) {
    std::size_t a = boundary(random() % (model.size() + 1));
    std::size_t b = boundary(random() % (model.size() + 1));
    if (a > b) std::swap(a, b);
    if (b - a > 8) b = boundary(a + 8);
    if (b < a) b = a;
    std::u16string insert;
    for (int n = static_cast<int>(random() % 3); n > 0; --n) insert += pieces[random() % pieces.size()];
    const json c{{"range", {{"start", position_of(a)}, {"end", position_of(b)}}}, {"text", to_utf8(insert)}};
    model.replace(a, b - a, insert);
    apply_content_change(text, c, PositionEncoding::Utf16);
    REQUIRE(text == to_utf8(model));
  }
  // A change without a range replaces everything.
  apply_content_change(text, json{{"text", "nieuw"}}, PositionEncoding::Utf16);
  CHECK(text == "nieuw");
  CHECK_THROWS_AS(apply_content_change(text, json{{"range", {{"start", pos(0, 0)}}}, {"text", "x"}}, PositionEncoding::Utf16),
                  ProtocolError);
  json without_text = change(0, 0, 0, 0, "x");
  without_text.erase("text");
  CHECK_THROWS_AS(apply_content_change(text, without_text, PositionEncoding::Utf16), ProtocolError);
}

TEST_CASE("file URIs: percent-encoding both ways, other schemes are not paths", "[lsp][positions]") {
  CHECK(path_from_uri("file:///srv/brieven/brief%20%C3%A9%C3%A9n.md") == fs::path("/srv/brieven/brief één.md"));
  CHECK(path_from_uri("file://localhost/a/b.txt") == fs::path("/a/b.txt"));
  CHECK(path_from_uri("FILE:///a") == fs::path("/a"));
  CHECK_FALSE(path_from_uri("untitled:Untitled-1"));
  CHECK_FALSE(path_from_uri("file://server/share/a.txt"));
  CHECK(uri_from_path("/srv/brief één.md") == "file:///srv/brief%20%C3%A9%C3%A9n.md");
  CHECK(path_from_uri(uri_from_path("/tmp/a b/c#d%e.txt")) == fs::path("/tmp/a b/c#d%e.txt"));
}

TEST_CASE("vocabulary: a word goes into .helder.toml without breaking it", "[lsp][edits]") {
  auto added = [](const std::string& toml, const std::string& word) {
    const VocabularyEdit e = add_accepted_word(toml, word);
    REQUIRE(e.outcome == VocabularyEdit::Outcome::Insert);
    return with_insertions(toml, std::vector<Insertion>{e.insertion});
  };
  CHECK(added("", "digid") == "[vocabulary]\naccept = [\"digid\"]\n");
  CHECK(added("packs = [\"rijksoverheid\"]", "digid") == "packs = [\"rijksoverheid\"]\n\n[vocabulary]\naccept = [\"digid\"]\n");
  CHECK(added("[vocabulary]\naccept = []\n", "digid") == "[vocabulary]\naccept = [\"digid\"]\n");
  CHECK(added("[vocabulary]\naccept = [\"a\"]  # uitleg\n", "b") == "[vocabulary]\naccept = [\"a\", \"b\"]  # uitleg\n");
  CHECK(added("[vocabulary]\naccept = [\n  \"a\",  # x ]\n  'b]' # y\n]\n", "c") ==
        "[vocabulary]\naccept = [\n  \"a\",  # x ]\n  'b]', \"c\" # y\n]\n");
  CHECK(added("[vocabulary]\naccept = [\n  \"a\",\n]\n", "c") == "[vocabulary]\naccept = [\n  \"a\", \"c\"\n]\n");
  CHECK(added("[vocabulary] # woorden\r\nreject = []\r\n", "c") == "[vocabulary] # woorden\r\naccept = [\"c\"]\r\nreject = []\r\n");
  CHECK(added("[vocabulary]", "c") == "[vocabulary]\naccept = [\"c\"]\n");
  CHECK(added("x = 1\n[vocabulary]\naccept = [\"é\"]\n[rules.\"rijksoverheid.spelling\"]\nx = 1\n", "aë\"\\") ==
        "x = 1\n[vocabulary]\naccept = [\"é\", \"aë\\\"\\\\\"]\n[rules.\"rijksoverheid.spelling\"]\nx = 1\n");
  // Every result is still valid TOML with the word in it.
  for (const std::string& toml : {std::string("[vocabulary]\naccept = [\"a\"]  # uitleg\n"), std::string("")}) {
    const helder::test::TempDir dir;
    const Config c = helder::test::config_from(added(toml, "Omgevingswet"), dir.path());
    CHECK(c.accept.count("omgevingswet") == 1);
  }
  CHECK(add_accepted_word("[vocabulary]\naccept = [\"DigiD\"]\n", "digid").outcome == VocabularyEdit::Outcome::AlreadyAccepted);
  CHECK(add_accepted_word("[vocabulary\n", "x").outcome == VocabularyEdit::Outcome::CannotEdit);
  CHECK(add_accepted_word("vocabulary = { accept = [] }\n", "x").outcome == VocabularyEdit::Outcome::CannotEdit);
}

TEST_CASE("directives: the inserted comments switch exactly that rule off, in plain text and Markdown", "[lsp][edits]") {
  const helder::test::TempDir dir;
  std::vector<std::string> messages;
  const Engine engine(helder::test::config_from("", dir.path()), helder::test::language_services(),
                      helder::test::builtin_plugins(), messages);
  const std::string rule = "rijksoverheid.officialese";
  auto officialese_at = [&](const std::string& source, Format format) {
    std::vector<std::uint32_t> starts;
    const DocumentAnalysis a = engine.analyze(source, format);
    for (const Finding& f : engine.check(a, source))
      if (f.rule_id == rule) starts.push_back(f.start);
    return starts;
  };
  for (const Format format : {Format::PlainText, Format::Markdown}) {
    const std::string eol = format == Format::Markdown ? "\n" : "\r\n";
    const std::string source = "Wij sturen u thans een brief." + eol + eol + "- Wij doen dit middels" + eol +
                               "  de post." + eol + eol + "De brief komt thans aan." + eol;
    REQUIRE(officialese_at(source, format).size() == 3);
    // The list item: the two lines of that paragraph.
    const auto item_start = static_cast<std::uint32_t>(source.find("- Wij"));
    const auto item_end = static_cast<std::uint32_t>(source.find("post.") + 5);
    const std::string quiet_item =
        with_insertions(source, disable_for_paragraph(source, format, item_start + 2, item_end, rule));
    if (format == Format::PlainText) {
      CHECK(quiet_item.find("<!-- helder-disable " + rule + " -->" + eol + "- Wij") != std::string::npos);
    } else {
      // Inline, so that the list stays one list.
      CHECK(quiet_item.find("- <!-- helder-disable " + rule + " -->Wij") != std::string::npos);
      CHECK(quiet_item.find("post.<!-- helder-enable " + rule + " -->") != std::string::npos);
      const DocumentAnalysis a = engine.analyze(quiet_item, format);
      CHECK(std::count_if(a.paragraphs.begin(), a.paragraphs.end(),
                          [](const DocumentParagraph& p) { return p->kind == BlockKind::ListItem; }) == 1);
    }
    const auto left = officialese_at(quiet_item, format);
    REQUIRE(left.size() == 2);
    CHECK(quiet_item.substr(left[0], 5) == "thans");
    CHECK(quiet_item.substr(left[1], 5) == "thans");
    CHECK(officialese_at(with_insertions(source, std::vector<Insertion>{disable_for_document(source, format, rule)}), format).empty());
  }
  // Front matter stays first.
  const std::string md = "---\ntitle: x\n---\nthans\n";
  const Insertion i = disable_for_document(md, Format::Markdown, rule);
  CHECK(with_insertions(md, std::vector<Insertion>{i}) == "---\ntitle: x\n---\n<!-- helder-disable " + rule + " -->\nthans\n");
  CHECK(disable_for_document(md, Format::PlainText, rule).offset == 0);
}
