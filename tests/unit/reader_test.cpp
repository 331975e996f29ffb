// Tests for the plain-text and Markdown readers: blocks, directives and the source map back to the source.
#include "read_text_checks.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using helder::Block;
using helder::BlockKind;
using helder::Format;
using helder::Range;
using helder::read_text;
using helder::ReadText;
using helder::SourceMap;
using helder::test::block_texts;
using helder::test::mark_texts;
using helder::test::mapped;
using helder::test::slice;

namespace {

constexpr std::string_view kLineSeparator = "\xE2\x80\xA8";

std::string_view block_text(const ReadText& read, const Block& block) { return slice(read.text, block.range); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool is_word_byte(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte >= 0x80) return !text.substr(i).starts_with(kLineSeparator);
  return std::isalnum(byte) != 0;
}

// Words of the analysed text: runs of letters and digits (any non-ASCII character counts as a letter,
// except the line separator a hard break becomes).
std::vector<Range> words(std::string_view text) {
  std::vector<Range> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(text, i)) {
      i += text.substr(i).starts_with(kLineSeparator) ? kLineSeparator.size() : 1;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(text, i)) ++i;
    out.push_back(Range{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
  }
  return out;
}

void check_invariants(const ReadText& read, std::string_view source) { helder::test::check_read_text_invariants(read, source); }

// Every word of the analysed text maps back to the same word in the source.
void check_words_map_back(const ReadText& read, std::string_view source) {
  for (const Range& word : words(read.text)) {
    INFO("word at " << word.start << ": " << slice(read.text, word));
    CHECK(mapped(read, source, word) == slice(read.text, word));
  }
}

}  // namespace

TEST_CASE("format follows the file extension", "[reader]") {
  CHECK(helder::format_for_path("brief.md") == Format::Markdown);
  CHECK(helder::format_for_path("map/Brief.MARKDOWN") == Format::Markdown);
  CHECK(helder::format_for_path("brief.txt") == Format::PlainText);
  CHECK(helder::format_for_path("brief") == Format::PlainText);
  CHECK(helder::format_for_path("md") == Format::PlainText);
}

TEST_CASE("an empty source map is the identity", "[reader]") {
  const SourceMap map;
  CHECK(map.identity());
  CHECK(map.to_source(17) == 17);
  CHECK(map.to_source_end(17) == 17);
}

TEST_CASE("source map: verbatim and synthetic pieces", "[reader]") {
  // Source "ab&amp;cd\n\nef": text "ab&cd" + "\n\n" + "ef".
  SourceMap map;
  map.add(0, 0, 2, 2);   // "ab"
  map.add(2, 2, 1, 5);   // "&" from "&amp;"
  map.add(3, 7, 2, 2);   // "cd"
  map.add(5, 9, 2, 2);   // "\n\n" from "\n\n" (a synthetic piece that happens to be as long)
  map.add(7, 11, 2, 2);  // "ef"
  map.add(9, 13, 0, 4);  // nothing in the text: ignored
  CHECK_FALSE(map.identity());
  CHECK(map.to_source(0) == 0);
  CHECK(map.to_source(1) == 1);
  CHECK(map.to_source(2) == 2);
  CHECK(map.to_source_end(3) == 7);  // the end of "&amp;"
  CHECK(map.to_source(3) == 7);
  CHECK(map.to_source_end(5) == 9);
  CHECK(map.to_source(8) == 12);
  CHECK(map.to_source_end(9) == 13);
  CHECK(map.to_source(9) == 13);  // the text end maps to the source end
  CHECK(map.to_source(100) == 13);

  SourceMap longer;
  longer.add(0, 4, 3, 1);  // a 3-byte character standing for one source byte
  CHECK(longer.to_source(0) == 4);
  CHECK(longer.to_source(1) == 4);
  CHECK(longer.to_source_end(2) == 5);
  CHECK(longer.to_source_end(3) == 5);
}

TEST_CASE("plain text: blocks, list items, trimming", "[reader]") {
  const std::string source =
      "  Geachte heer Jansen,  \r\n"
      "\r\n"
      "Wij hebben uw brief ontvangen.\r\n"
      "Wij reageren binnen zes weken.\r\n"
      "   \t \r\n"
      "Wat u moet doen:\r\n"
      "- stuur ons de loonstrook\r\n"
      "  van mei\r\n"
      "• bel ons\r\n"
      "– of mail ons op info@toeslagen.nl\r\n"
      "1. eerste punt\r\n"
      "a) tweede punt\r\n"
      "12) derde punt\r\n"
      "Zie www.toeslagen.nl.\r\n"
      "\r\n"
      "Met vriendelijke groet";
  const ReadText read = read_text(source, Format::PlainText);
  CHECK(read.text == source);
  CHECK(read.map.identity());
  CHECK(read.directives.empty());
  const std::vector<std::string> expected{
      "Geachte heer Jansen,",
      "Wij hebben uw brief ontvangen.\r\nWij reageren binnen zes weken.",
      "Wat u moet doen:",
      "stuur ons de loonstrook\r\n  van mei",
      "bel ons",
      "of mail ons op info@toeslagen.nl",
      "eerste punt",
      "tweede punt",
      "derde punt\r\nZie www.toeslagen.nl.",
      "Met vriendelijke groet",
  };
  CHECK(block_texts(read) == expected);
  REQUIRE(read.blocks.size() == expected.size());
  CHECK(read.blocks[0].kind == BlockKind::Paragraph);
  CHECK(read.blocks[2].kind == BlockKind::Paragraph);
  for (std::size_t i = 3; i <= 8; ++i) CHECK(read.blocks[i].kind == BlockKind::ListItem);
  CHECK(read.blocks[9].kind == BlockKind::Paragraph);

  // E-mail addresses and URLs are not prose; the final period is the sentence's.
  REQUIRE(read.blocks[5].skipped.size() == 1);
  CHECK(slice(read.text, read.blocks[5].skipped[0]) == "info@toeslagen.nl");
  REQUIRE(read.blocks[8].skipped.size() == 1);
  CHECK(slice(read.text, read.blocks[8].skipped[0]) == "www.toeslagen.nl");
  check_invariants(read, source);
}

TEST_CASE("plain text: directives", "[reader]") {
  const std::string source =
      "Eerste alinea.\n"
      "<!-- helder-disable jargon, lange-zin -->\n"
      "Tweede alinea.\n"
      "  <!-- helder-enable jargon -->  \n"
      "<!-- helder-disable -->\n"
      "<!-- een gewone opmerking -->\n"
      "<!-- helder-disable-next-line jargon -->\n"
      "<!-- helder-enable-->\n";
  const ReadText read = read_text(source, Format::PlainText);
  REQUIRE(read.directives.size() == 4);

  const auto& disable = read.directives[0];
  CHECK_FALSE(disable.enable);
  CHECK(disable.rules == std::vector<std::string>{"jargon", "lange-zin"});
  CHECK(disable.position == source.find("<!-- helder-disable jargon"));
  CHECK(disable.source_offset == disable.position);

  const auto& enable = read.directives[1];
  CHECK(enable.enable);
  CHECK(enable.rules == std::vector<std::string>{"jargon"});
  CHECK(enable.position == source.find("  <!-- helder-enable jargon"));  // the start of the line
  CHECK(enable.source_offset == source.find("<!-- helder-enable jargon"));

  CHECK_FALSE(read.directives[2].enable);
  CHECK(read.directives[2].rules.empty());  // no rules: all rules
  CHECK(read.directives[3].enable);
  CHECK(read.directives[3].rules.empty());

  // A directive ends the block before it and is in no block; other comments are text.
  const std::vector<std::string> expected{"Eerste alinea.", "Tweede alinea.",
                                          "<!-- een gewone opmerking -->\n<!-- helder-disable-next-line jargon -->"};
  CHECK(block_texts(read) == expected);
  check_invariants(read, source);
}

TEST_CASE("plain text: empty and blank input", "[reader]") {
  CHECK(read_text("", Format::PlainText).blocks.empty());
  CHECK(read_text(" \n\t\n", Format::PlainText).blocks.empty());
  CHECK(read_text("", Format::Markdown).blocks.empty());
  CHECK(read_text("\n\n", Format::Markdown).text.empty());
}

namespace {

constexpr std::string_view kLetter = R"(---
titel: Brief over huurtoeslag
datum: 2024-01-12
---

# Uw aanvraag voor huurtoeslag

Geachte heer Jansen,

Wij hebben uw aanvraag **goed ontvangen**. Wij lezen die *zorgvuldig*
en sturen u binnen zes weken een besluit.  
U kunt ons bellen op werkdagen.\
Of kijk op www.toeslagen.nl voor meer informatie.

<!-- helder-disable jargon, lange-zin -->

## Wat moet u doen?

- Stuur ons uw loonstrook van de maand mei.
- Gebruik het formulier op [onze website](https://www.toeslagen.nl/formulier).
- Noem het nummer `AB-1234` in uw brief.

> Let op: zonder deze stukken kunnen wij
> niet beslissen over uw aanvraag.

| Stuk | Wanneer |
|------|---------|
| Loonstrook | vóór 1 juni |
| Huurcontract | zo snel mogelijk |

```text
Dit is code en geen proza.
```

Het café van de gemeente &amp; de bibliotheek zijn open.
Prijs: &euro; 5 of &#8364; 5.<!-- helder-enable jargon --> Dat is ’s morgens.

![Logo van de Belastingdienst](logo.png)

<!-- een gewone opmerking -->

Mail ons via <info@toeslagen.nl> of lees <https://www.rijksoverheid.nl>.

Met vriendelijke groet,

De Belastingdienst/Toeslagen
)";

}  // namespace

TEST_CASE("Markdown: blocks and their kinds", "[reader]") {
  const ReadText read = read_text(kLetter, Format::Markdown);
  const std::string br(kLineSeparator);
  const std::vector<std::string> expected{
      "Uw aanvraag voor huurtoeslag",
      "Geachte heer Jansen,",
      "Wij hebben uw aanvraag goed ontvangen. Wij lezen die zorgvuldig en sturen u binnen zes weken een besluit." +
          br + "U kunt ons bellen op werkdagen." + br + "Of kijk op www.toeslagen.nl voor meer informatie.",
      "Wat moet u doen?",
      "Stuur ons uw loonstrook van de maand mei.",
      "Gebruik het formulier op onze website.",
      "Noem het nummer AB-1234 in uw brief.",
      "Let op: zonder deze stukken kunnen wij niet beslissen over uw aanvraag.",
      "Stuk",
      "Wanneer",
      "Loonstrook",
      "vóór 1 juni",
      "Huurcontract",
      "zo snel mogelijk",
      "Het café van de gemeente & de bibliotheek zijn open. Prijs: € 5 of € 5. Dat is ’s morgens.",
      "Mail ons via info@toeslagen.nl of lees https://www.rijksoverheid.nl.",
      "Met vriendelijke groet,",
      "De Belastingdienst/Toeslagen",
  };
  CHECK(block_texts(read) == expected);
  REQUIRE(read.blocks.size() == expected.size());
  const std::vector<BlockKind> kinds{
      BlockKind::Heading,   BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Heading,
      BlockKind::ListItem,  BlockKind::ListItem,  BlockKind::ListItem,  BlockKind::Quote,
      BlockKind::TableCell, BlockKind::TableCell, BlockKind::TableCell, BlockKind::TableCell,
      BlockKind::TableCell, BlockKind::TableCell, BlockKind::Paragraph, BlockKind::Paragraph,
      BlockKind::Paragraph, BlockKind::Paragraph,
  };
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    INFO("block " << i);
    CHECK(read.blocks[i].kind == kinds[i]);
  }

  // Blocks are separated by "\n\n"; front matter, code, images, link destinations and HTML are gone.
  for (std::size_t i = 1; i < read.blocks.size(); ++i) {
    CHECK(read.text.substr(read.blocks[i - 1].range.end, read.blocks[i].range.start - read.blocks[i - 1].range.end) ==
          "\n\n");
  }
  for (std::string_view absent : {"titel", "Dit is code", "Logo", "logo.png", "/formulier", "<!--", "**", "`", "|"}) {
    INFO(absent);
    CHECK(read.text.find(absent) == std::string::npos);
  }
  check_invariants(read, kLetter);
}

TEST_CASE("Markdown: inline code and URLs are skipped", "[reader]") {
  const ReadText read = read_text(kLetter, Format::Markdown);
  REQUIRE(read.blocks.size() == 18);
  auto skipped_texts = [&](const Block& block) {
    std::vector<std::string> out;
    for (const Range& r : block.skipped) out.emplace_back(slice(read.text, r));
    return out;
  };
  CHECK(skipped_texts(read.blocks[2]) == std::vector<std::string>{"www.toeslagen.nl"});
  CHECK(skipped_texts(read.blocks[5]).empty());  // link text is prose
  CHECK(skipped_texts(read.blocks[6]) == std::vector<std::string>{"AB-1234"});
  CHECK(skipped_texts(read.blocks[15]) ==
        std::vector<std::string>{"info@toeslagen.nl", "https://www.rijksoverheid.nl"});
}

TEST_CASE("Markdown: every word maps back to the source", "[reader]") {
  const ReadText read = read_text(kLetter, Format::Markdown);
  for (const Range& word : words(read.text)) {
    const std::string_view text_word = slice(read.text, word);
    INFO("word at " << word.start << ": " << text_word);
    if (text_word == "€") {
      const std::string_view source_word = mapped(read, kLetter, word);
      CHECK((source_word == "&euro;" || source_word == "&#8364;"));
    } else {
      CHECK(mapped(read, kLetter, word) == text_word);
    }
  }
}

TEST_CASE("Markdown: synthetic text maps to what it stands for", "[reader]") {
  const ReadText read = read_text(kLetter, Format::Markdown);
  const std::string_view source = kLetter;
  auto source_of = [&](std::string_view needle, std::size_t from = 0) {
    const std::size_t at = read.text.find(needle, from);
    REQUIRE(at != std::string::npos);
    const auto start = static_cast<std::uint32_t>(at);
    return mapped(read, source, Range{start, start + static_cast<std::uint32_t>(needle.size())});
  };
  CHECK(source_of("&") == "&amp;");
  CHECK(source_of("€") == "&euro;");
  CHECK(source_of("zorgvuldig en") == "zorgvuldig*\nen");  // soft break
  CHECK(source_of("besluit.\xE2\x80\xA8U") == "besluit.  \nU");  // hard break: two spaces
  CHECK(source_of("werkdagen.\xE2\x80\xA8Of") == "werkdagen.\\\nOf");  // hard break: backslash
  CHECK(source_of("wij niet") == "wij\n> niet");
  CHECK(source_of("onze website.") == "onze website](https://www.toeslagen.nl/formulier).");
  CHECK(source_of("open. Prijs") == "open.\nPrijs");

  // The separator between blocks stands for the source between them.
  const Block& list_item = read.blocks[4];
  const Block& heading = read.blocks[3];
  CHECK(mapped(read, source, Range{heading.range.end, list_item.range.start}) == "\n\n- ");
}

TEST_CASE("Markdown: directives in HTML blocks and inline", "[reader]") {
  const ReadText read = read_text(kLetter, Format::Markdown);
  REQUIRE(read.directives.size() == 2);
  const auto& disable = read.directives[0];
  CHECK_FALSE(disable.enable);
  CHECK(disable.rules == std::vector<std::string>{"jargon", "lange-zin"});
  CHECK(disable.source_offset == kLetter.find("<!-- helder-disable"));
  CHECK(disable.position == read.blocks[3].range.start);  // applies from the next block on

  const auto& enable = read.directives[1];
  CHECK(enable.enable);
  CHECK(enable.rules == std::vector<std::string>{"jargon"});
  CHECK(enable.source_offset == kLetter.find("<!-- helder-enable"));
  CHECK(enable.position == read.text.find(" Dat is"));  // right after "5."
}

TEST_CASE("Markdown: front matter needs its closing line", "[reader]") {
  const std::string closed_with_dots = "---\ntitel: x\n...\nTekst.\n";
  CHECK(block_texts(read_text(closed_with_dots, Format::Markdown)) == std::vector<std::string>{"Tekst."});
  // Without a closing line, "---" is a thematic break and the rest is Markdown.
  const std::string unclosed = "---\nGewone tekst.\n";
  CHECK(block_texts(read_text(unclosed, Format::Markdown)) == std::vector<std::string>{"Gewone tekst."});
  // Only at the very start.
  const std::string later = "Tekst\n\n---\ntitel: x\n---\n";
  const ReadText read = read_text(later, Format::Markdown);
  CHECK(read.blocks.size() == 2);
}

TEST_CASE("Markdown: entities, footnote marks, line breaks in HTML, nested lists", "[reader]") {
  const std::string source =
      "Caf&eacute; &#233;&#xE9; &onbekend; &#0; A&nbsp;B\n\n"
      "De kosten stijgen.<sup>1</sup> Dat is zo.<br>Nieuwe regel.\n\n"
      "1. een\n"
      "   - twee\n"
      "     > drie\n\n"
      "Code `over\nregels` hier.\n";
  const ReadText read = read_text(source, Format::Markdown);
  const std::string br(kLineSeparator);
  const std::vector<std::string> expected{
      "Café éé &onbekend; \xEF\xBF\xBD A\xC2\xA0" "B",
      "De kosten stijgen.1 Dat is zo." + br + "Nieuwe regel.",
      "een",
      "twee",
      "drie",
      "Code over regels hier.",
  };
  CHECK(block_texts(read) == expected);
  REQUIRE(read.blocks.size() == expected.size());
  REQUIRE(read.blocks[1].skipped.size() == 1);
  CHECK(slice(read.text, read.blocks[1].skipped[0]) == "1");
  CHECK(read.blocks[2].kind == BlockKind::ListItem);
  CHECK(read.blocks[3].kind == BlockKind::ListItem);
  CHECK(read.blocks[4].kind == BlockKind::Quote);
  REQUIRE(read.blocks[5].skipped.size() == 1);
  CHECK(slice(read.text, read.blocks[5].skipped[0]) == "over regels");
  const auto cafe = static_cast<std::uint32_t>(read.text.find("Café"));
  CHECK(mapped(read, source, Range{cafe, cafe + 5}) == "Caf&eacute;");
  const auto newline_in_code = static_cast<std::uint32_t>(read.text.find("over regels") + 4);
  CHECK(mapped(read, source, Range{newline_in_code, newline_in_code + 1}) == "\n");
  check_invariants(read, source);
}

TEST_CASE("Markdown: links", "[reader]") {
  const std::string source =
      "Lees [de website](http://x.nl/website) of [https://x.nl](https://x.nl) of [x.nl](http://x.nl).\n\n"
      "Alleen een voetnoot: <sup></sup>\n\n"
      "Gewone tekst.\n";
  const ReadText read = read_text(source, Format::Markdown);
  const std::vector<std::string> expected{"Lees de website of https://x.nl of x.nl.", "Alleen een voetnoot:",
                                          "Gewone tekst."};
  CHECK(block_texts(read) == expected);
  REQUIRE(read.blocks.size() == 3);
  std::vector<std::string> skipped;
  for (const Range& r : read.blocks[0].skipped) skipped.emplace_back(slice(read.text, r));
  CHECK(skipped == std::vector<std::string>{"https://x.nl", "x.nl"});
  CHECK(read.blocks[2].skipped.empty());
  check_words_map_back(read, source);
}

TEST_CASE("Markdown: link texts, <cite> and <q> are marks", "[reader]") {
  const std::string source =
      "Lees [de Wet op de toeslagen](https://wetten.overheid.nl/x) en [https://x.nl](https://x.nl).\n\n"
      "Zie [`code` en tekst](http://a.nl) of [*nadruk* erin](b.html).\n\n"
      "Het boek <cite>In het kader van</cite> zegt: <q>ten behoeve van</q>.\n\n"
      "Open <cite>zonder einde\n\n"
      "Twee links [een](a)[twee](b) raken elkaar, </q> sluit niets.\n\n"
      "[Link met <cite>titel</cite> erin](c).\n\n"
      "    [code](d)\n\n"
      "Gewone tekst.\n";
  const ReadText read = read_text(source, Format::Markdown);
  REQUIRE(block_texts(read) == std::vector<std::string>{"Lees de Wet op de toeslagen en https://x.nl.",
                                                        "Zie code en tekst of nadruk erin.",
                                                        "Het boek In het kader van zegt: ten behoeve van.",
                                                        "Open zonder einde",
                                                        "Twee links eentwee raken elkaar,  sluit niets.",
                                                        "Link met titel erin.", "Gewone tekst."});
  using Marks = std::vector<std::string>;
  // A link whose text is its address is skipped, not marked.
  CHECK(mark_texts(read, read.blocks[0]) == Marks{"link:de Wet op de toeslagen"});
  // Inline code is skipped: the mark leaves it out, and the space after it.
  CHECK(mark_texts(read, read.blocks[1]) == Marks{"link:en tekst", "link:nadruk erin"});
  CHECK(mark_texts(read, read.blocks[2]) == Marks{"title:In het kader van", "quotation:ten behoeve van"});
  // An unclosed <cite> ends with its block.
  CHECK(mark_texts(read, read.blocks[3]) == Marks{"title:zonder einde"});
  // Links that touch are one mark; an end tag without a start tag marks nothing.
  CHECK(mark_texts(read, read.blocks[4]) == Marks{"link:eentwee"});
  // A title inside a link is a title.
  CHECK(mark_texts(read, read.blocks[5]) == Marks{"link:Link met", "title:titel", "link:erin"});
  CHECK(read.blocks[6].marks.empty());
  // Not check_words_map_back: "eentwee" is one word in the text but two link texts in the source.
  check_invariants(read, source);
}

TEST_CASE("Markdown: CRLF line ends", "[reader]") {
  const std::string source = "# Kop\r\n\r\nEen regel\r\nen nog een.  \r\nLaatste.\r\n";
  const ReadText read = read_text(source, Format::Markdown);
  CHECK(block_texts(read) == std::vector<std::string>{"Kop", "Een regel en nog een.\xE2\x80\xA8Laatste."});
  check_words_map_back(read, source);
  check_invariants(read, source);
}

TEST_CASE("Markdown: the letter to the informateur", "[reader]") {
  const std::string source =
      read_file(std::string(HELDER_SHARED_DIR) + "/corpus/letters/sg-brief-2024-01-12-aan-informateur.md");
  const ReadText read = read_text(source, Format::Markdown);
  REQUIRE(read.blocks.size() > 30);
  for (const Block& block : read.blocks) {
    const std::string_view text = block_text(read, block);
    INFO(text);
    CHECK(text.find("**") == std::string_view::npos);
    CHECK(text.find("<sup>") == std::string_view::npos);
    CHECK(text.find("](") == std::string_view::npos);
    CHECK(text.find('\n') == std::string_view::npos);
  }
  const std::vector<std::string> texts = block_texts(read);
  CHECK(std::find(texts.begin(), texts.end(), "Geachte heer Plasterk,") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "Retouradres Postbus 20001 2500 EA Den Haag") != texts.end());
  check_words_map_back(read, source);
  check_invariants(read, source);
}

TEST_CASE("plain text: the Kamerbrief maps to itself", "[reader]") {
  const std::string source =
      read_file(std::string(HELDER_SHARED_DIR) +
                "/corpus/letters/kamerbrief-2023-03-31-reflectie-verkiezingsuitslag.txt");
  const ReadText read = read_text(source, Format::PlainText);
  CHECK(read.blocks.size() > 5);
  check_words_map_back(read, source);
  check_invariants(read, source);
}

TEST_CASE("readers survive hostile input", "[reader]") {
  std::vector<std::string> inputs{
      std::string(20000, '>') + " diep",
      std::string(20000, '[') + "x" + std::string(20000, ']'),
      std::string(20000, '*') + "x",
      "**open *en nooit dicht `code [link](",
      std::string(100000, 'a') + "\n\n" + std::string(50000, ' ') + "b",
      "<!--", "<!-- helder-disable", "-->", "---", "---\n", "---\n---", "```", "|", "|a|\n|-|\n|",
      "- \n-\n* \n1.\n", "&", "&#;", "&#x;", "&#99999999999;", "\\", "  \n", "a  ", "a\\",
      std::string("a\0b\n\nc", 6), "\r\r\r", "\xE2\x80\xA8", "<sup>1", "</sup>", "<br>", "![a](b",
      "- a\n  ```\n  code\n\n> q\n```",
      "| a | b |\n|---|---|\n| `x\\|y` | [l](u) |",
  };
  std::string deep_list;
  for (int i = 0; i < 2000; ++i) deep_list += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- item\n";
  inputs.push_back(deep_list);
  for (const std::string& input : inputs) {
    for (Format format : {Format::PlainText, Format::Markdown}) {
      INFO("input of " << input.size() << " bytes: " << input.substr(0, 40));
      ReadText read;
      try {
        read = read_text(input, format);
      } catch (const helder::InputError& e) {
        // Markdown nested beyond limits::max_nesting_depth (the 20,000 quotes, the list 2,000 deep) is refused
        // with a clear message.
        CHECK(format == Format::Markdown);
        CHECK_THAT(e.what(), Catch::Contains("te diep genest"));
        continue;
      }
      check_invariants(read, input);
    }
  }
}

TEST_CASE("readers survive random markup", "[reader]") {
  // Fragments that start and end Markdown constructs; random mixes of them open and close things in
  // every order. A fixed seed keeps the test repeatable.
  const std::vector<std::string_view> fragments{
      "woord ", "één ", "’s ", "\n", "\r\n", "\n\n", "  \n", "\\\n", "# ", "> ", "- ", "1. ", "   ", "\t",
      "**", "*", "_", "~~", "`", "```\n", "    ", "[", "](", ")", "![", "<", ">", "<!-- ", " -->",
      "helder-disable ", "helder-enable ", "<sup>", "</sup>", "<br>", "&amp;", "&#233;", "&", ";", "|",
      "|---|", "---\n", "...\n", "www.x.nl ", "https://a.b/c ", "a@b.nl ", "\\", "\xE2\x80\xA8", "😀",
      "<cite>", "</cite>", "<q>", "</q>", "](https://x.nl)",
  };
  std::mt19937 random(20240112);
  std::uniform_int_distribution<std::size_t> pick(0, fragments.size() - 1);
  std::uniform_int_distribution<int> length(1, 80);
  for (int round = 0; round < 400; ++round) {
    std::string input;
    const int count = length(random);
    for (int i = 0; i < count; ++i) input += fragments[pick(random)];
    for (Format format : {Format::PlainText, Format::Markdown}) {
      INFO("input: " << input);
      const ReadText read = read_text(input, format);
      check_invariants(read, input);
    }
  }
}

TEST_CASE("plain text: lone carriage returns end lines and paragraphs", "[reader]") {
  const std::string source = "Geachte heer,\r\rIndien u vragen heeft,\rbelt u ons.\r\rMet vriendelijke groet,\r";
  const ReadText read = read_text(source, Format::PlainText);
  REQUIRE(read.blocks.size() == 3);
  CHECK(block_text(read, read.blocks[0]) == "Geachte heer,");
  CHECK(block_text(read, read.blocks[2]) == "Met vriendelijke groet,");
  CHECK(read.text.size() == source.size());  // read as "\n": every offset stays the same
  check_invariants(read, source);
}
