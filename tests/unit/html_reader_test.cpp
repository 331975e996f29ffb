// Tests for the HTML reader: main content, blocks, white space, entities, directives and the source map.
#include "read_text_checks.hpp"
#include "test_support.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;
using helder::Block;
using helder::BlockKind;
using helder::Format;
using helder::test::block_kinds;
using helder::test::block_texts;
using helder::test::mapped;
using helder::test::mark_texts;
using helder::test::slice;
using helder::InputError;
using helder::Range;
using helder::read_html;
using helder::read_text;
using helder::ReadText;

namespace {

constexpr std::string_view kLineSeparator = "\xE2\x80\xA8";
const std::string kBreak(kLineSeparator);

std::vector<std::string> skipped_texts(const ReadText& read) {
  std::vector<std::string> out;
  for (const Block& block : read.blocks) {
    for (const Range& skip : block.skipped) out.emplace_back(slice(read.text, skip));
  }
  return out;
}

// The source of the first occurrence of `needle` in the text at or after `from`.
std::string_view source_of(const ReadText& read, std::string_view source, std::string_view needle,
                           std::size_t from = 0) {
  const std::size_t at = read.text.find(needle, from);
  INFO("looking for " << needle);
  REQUIRE(at != std::string::npos);
  const auto start = static_cast<std::uint32_t>(at);
  return mapped(read, source, Range{start, start + static_cast<std::uint32_t>(needle.size())});
}

bool is_html_space_char(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool is_word_byte(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte >= 0x80) {
    return !text.substr(i).starts_with(kLineSeparator) && !text.substr(i).starts_with("\xC2\xA0");
  }
  return std::isalnum(byte) != 0;
}

// Words of the analysed text: runs of letters and digits (non-ASCII counts as a letter, except the line
// separator and the no-break space).
std::vector<Range> words(std::string_view text) {
  std::vector<Range> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(text, i)) {
      ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(text, i)) ++i;
    out.push_back(Range{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(i)});
  }
  return out;
}

// What must hold for any input (read_text_checks.hpp), and an HTML page has no document origins.
void check_invariants(const ReadText& read, std::string_view source) {
  helder::test::check_read_text_invariants(read, source);
  CHECK(read.origins.empty());
}

// `source` without the tags and comments in it: a word can span inline markup ("a<b>b</b>"), a comment
// or a tag that the parser dropped ("a</span>b").
std::string without_tags(std::string_view source) {
  std::string out;
  std::size_t i = 0;
  while (i < source.size()) {
    const bool tag = source[i] == '<' && i + 1 < source.size() &&
                     (std::isalpha(static_cast<unsigned char>(source[i + 1])) != 0 || source[i + 1] == '/' ||
                      source[i + 1] == '!' || source[i + 1] == '?');
    const std::size_t close = tag ? source.find('>', i) : std::string_view::npos;
    if (close == std::string_view::npos) {
      out += source[i++];
    } else {
      i = close + 1;
    }
  }
  return out;
}

// Every word maps back to itself in the source, or, for words with character references, to the source
// that decodes to it.
void check_words_map_back(const ReadText& read, std::string_view source) {
  for (const Range& word : words(read.text)) {
    const std::string_view text_word = slice(read.text, word);
    const std::string_view source_word = mapped(read, source, word);
    INFO("word at " << word.start << ": " << text_word << " <- " << source_word);
    if (source_word.find('&') == std::string_view::npos) {
      CHECK(without_tags(source_word) == text_word);
    } else {
      CHECK(source_word.size() > text_word.size());
      CHECK_FALSE(is_html_space_char(source_word.front()));
      CHECK_FALSE(is_html_space_char(source_word.back()));
    }
  }
}

std::string read_fixture(const std::string& name) { return helder::test::read_file("documents/html/" + name); }

}  // namespace

TEST_CASE("HTML: a government page gives the prose of its main content", "[html]") {
  const std::string source = read_fixture("overheid.html");
  const ReadText read = read_text(source, Format::Html);
  const std::vector<std::string> expected{
      "Huurtoeslag aanvragen",
      "U kunt huurtoeslag aanvragen indien u een huurhuis hebt. Vraag het aan op onze website.",
      "Café & co’s: de prijs is €\xC2\xA0" "12,50." + kBreak + "Nieuwe regel na een breuk.",
      "Typ huur --toeslag of druk op Enter.",
      "Uw inkomen",
      "Uw huur per maand",
      "Bedragen in 2025",
      "Leeftijd",
      "Huur",
      "Jonger dan 23",
      "€ 477,20",
      "Wij helpen u graag.",
      "Tekst direct in een div.",
      "Uw naam",
  };
  CHECK(block_texts(read) == expected);
  const std::vector<BlockKind> kinds{
      BlockKind::Heading,   BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::ListItem,
      BlockKind::ListItem,  BlockKind::Paragraph, BlockKind::TableCell, BlockKind::TableCell, BlockKind::TableCell,
      BlockKind::TableCell, BlockKind::Quote,     BlockKind::Paragraph, BlockKind::Paragraph,
  };
  CHECK(block_kinds(read) == kinds);
  CHECK(skipped_texts(read) == std::vector<std::string>{"huur --toeslag", "Enter"});
  // Nothing from the header, menu, footer, scripts, styles, hidden parts, code, form controls or images.
  for (std::string_view hidden : {"Toeslagen", "Home", "klachten", "tekst =", "color", "verborgen", "voorlezen",
                                  "Verstuur", "foto", "code", "direct naar", "https"}) {
    INFO(hidden);
    CHECK(read.text.find(hidden) == std::string::npos);
  }
  CHECK(read.text.find("indien") == read.text.rfind("indien"));  // only the one in the main text
  CHECK(read.directives.empty());
  check_invariants(read, source);
  check_words_map_back(read, source);
}

TEST_CASE("HTML: words, references, collapsed white space and breaks map to their source", "[html]") {
  const std::string source = read_fixture("overheid.html");
  const ReadText read = read_text(source, Format::Html);
  // A word maps to exactly its place in the page.
  const std::size_t indien_text = read.text.find("indien");
  const std::size_t indien_source = source.find("indien u een huurhuis");
  const auto start = static_cast<std::uint32_t>(indien_text);
  CHECK(read.map.to_source(start) == indien_source);
  CHECK(read.map.to_source_end(start + 6) == indien_source + 6);
  // Words with references cover the references.
  CHECK(source_of(read, source, "Café") == "Caf&eacute;");
  CHECK(source_of(read, source, "&") == "&amp;");
  CHECK(source_of(read, source, "co’s") == "co&#8217;s");
  CHECK(source_of(read, source, "€\xC2\xA0" "12,50") == "&euro;&nbsp;12,50");
  // Collapsed white space stands for all of it; a line break for its tag; a block separator for the
  // markup between the blocks.
  CHECK(source_of(read, source, "Huurtoeslag aanvragen") == "Huurtoeslag   aanvragen");
  CHECK(source_of(read, source, "hebt. Vraag") == "hebt.\n       Vraag");
  CHECK(source_of(read, source, "12,50." + kBreak + "Nieuwe") == "12,50.<br>Nieuwe");
  CHECK(source_of(read, source, "Uw huur per") == "Uw <em>huur</em>\n        per");
  CHECK(source_of(read, source, "inkomen\n\nUw") == "inkomen</li>\n      <li>Uw");
}

TEST_CASE("HTML: the main content is main, else the first article, else the body", "[html]") {
  SECTION("role=main counts as main") {
    const ReadText read = read_html(
        "<body><div>Buiten.</div><div role=\"main\"><p>Binnen.</p></div><article>Artikel.</article></body>");
    CHECK(block_texts(read) == std::vector<std::string>{"Binnen."});
  }
  SECTION("the first article") {
    const ReadText read = read_html(
        "<body><p>Inleiding.</p><article><h2>Eerste</h2><p>Tekst.</p></article><article>Tweede.</article></body>");
    CHECK(block_texts(read) == std::vector<std::string>{"Eerste", "Tekst."});
  }
  SECTION("the body, without its banner, menu, sidebar and footer") {
    const ReadText read = read_html(
        "<header>Kop</header><nav>Menu</nav><aside>Zie ook</aside><p>Tekst.</p>"
        "<div role=\"navigation\">Menu 2</div><footer>Voet</footer>");
    CHECK(block_texts(read) == std::vector<std::string>{"Tekst."});
  }
  SECTION("an article's header, footer and aside belong to its text") {
    const ReadText read = read_html(
        "<body><header>Site</header><article><header><h1>Titel</h1></header><p>Tekst.</p>"
        "<aside>Kader.</aside><footer>Gepubliceerd in mei.</footer></article><footer>Voet</footer></body>");
    CHECK(block_texts(read) == std::vector<std::string>{"Titel", "Tekst.", "Kader.", "Gepubliceerd in mei."});
    CHECK(read.blocks[0].kind == BlockKind::Heading);
  }
}

TEST_CASE("HTML: blocks and their kinds", "[html]") {
  const std::string source =
      "<main>Los in main.<div>Eerste <b>deel</b><p>Alinea</p>tweede deel</div>"
      "<section>Sectie<h3>Kop drie</h3></section>"
      "<dl><dt>Term</dt><dd>Uitleg</dd></dl>"
      "<ol><li>Een<ul><li>Sub</li></ul>na sub</li></ol>"
      "<blockquote>Citaat<p>Alinea in citaat</p><ul><li>Lijst in citaat</li></ul></blockquote>"
      "<figure><img src=a.png alt=\"Alt tekst\"><figcaption>Onderschrift</figcaption></figure>"
      "<table><tr><td><p>Cel met alinea</p></td></tr></table>"
      "<h6>Zes</h6><hr>Na lijn</main>";
  const ReadText read = read_html(source);
  const std::vector<std::string> texts{
      "Los in main.", "Eerste deel",      "Alinea",          "tweede deel",     "Sectie",
      "Kop drie",     "Term",             "Uitleg",          "Een",             "Sub",
      "na sub",       "Citaat",           "Alinea in citaat", "Lijst in citaat", "Onderschrift",
      "Cel met alinea", "Zes",            "Na lijn",
  };
  CHECK(block_texts(read) == texts);
  const std::vector<BlockKind> kinds{
      BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Paragraph,
      BlockKind::Heading,   BlockKind::ListItem,  BlockKind::ListItem,  BlockKind::ListItem,  BlockKind::ListItem,
      BlockKind::ListItem,  BlockKind::Quote,     BlockKind::Quote,     BlockKind::ListItem,  BlockKind::Paragraph,
      BlockKind::TableCell, BlockKind::Heading,   BlockKind::Paragraph,
  };
  CHECK(block_kinds(read) == kinds);
  check_invariants(read, source);
  check_words_map_back(read, source);
}

TEST_CASE("HTML: white space collapses as in a browser", "[html]") {
  const std::string source =
      "<p>\n   Een   <em> twee </em>  drie\t\tvier\r\n  vijf  </p>"
      "<p>a<span> </span>b <br>  na breuk<br><br></p>"
      "<p><br>&nbsp;</p><p>&nbsp;Inspringen&nbsp;</p>"
      "<p>Woord&#32;&#10;spatie</p>";
  const ReadText read = read_html(source);
  const std::vector<std::string> texts{
      "Een twee drie vier vijf",
      "a b" + kBreak + "na breuk",
      "Inspringen",
      "Woord spatie",
  };
  CHECK(block_texts(read) == texts);
  CHECK(source_of(read, source, "vier vijf") == "vier\r\n  vijf");
  CHECK(source_of(read, source, "Woord spatie") == "Woord&#32;&#10;spatie");
  check_invariants(read, source);
  check_words_map_back(read, source);
}

TEST_CASE("HTML: character references are decoded and map to their span", "[html]") {
  const std::string source =
      "<p>&eacute;&#233;&#xE9;&#XE9 &ccedil;a &euro;5 &amp &notit; &onbekend; &#128; &#0; &Tab;x &copy2025 & ; "
      "&lt;b&gt; &hellip; &quot;a&quot; &ijlig;</p>";
  const ReadText read = read_html(source);
  REQUIRE(read.blocks.size() == 1);
  CHECK(block_texts(read)[0] ==
        "éééé ça €5 & ¬it; &onbekend; € \xEF\xBF\xBD x ©2025 & ; <b> … \"a\" ĳ");
  CHECK(source_of(read, source, "éééé") == "&eacute;&#233;&#xE9;&#XE9");
  CHECK(source_of(read, source, "ça") == "&ccedil;a");
  CHECK(source_of(read, source, "¬it;") == "&notit;");
  CHECK(source_of(read, source, "&onbekend;") == "&onbekend;");
  CHECK(source_of(read, source, "©2025") == "&copy2025");
  CHECK(source_of(read, source, "<b>") == "&lt;b&gt;");
  check_invariants(read, source);
}

TEST_CASE("HTML: links, inline code and footnote marks", "[html]") {
  const std::string source =
      "<p>Lees <a href=\"/regels\">de regels</a> op "
      "<a href=\"https://www.rijksoverheid.nl\">https://www.rijksoverheid.nl</a> of mail "
      "<a href=\"mailto:info@minbzk.nl\">info@minbzk.nl</a>.<sup>1</sup> Gebruik <samp>OK</samp> "
      "en <code>x &lt; 2</code>.</p>";
  const ReadText read = read_html(source);
  REQUIRE(read.blocks.size() == 1);
  CHECK(block_texts(read)[0] ==
        "Lees de regels op https://www.rijksoverheid.nl of mail info@minbzk.nl.1 Gebruik OK en x < 2.");
  CHECK(skipped_texts(read) ==
        std::vector<std::string>{"https://www.rijksoverheid.nl", "info@minbzk.nl", "1", "OK", "x < 2"});
  CHECK(source_of(read, source, "x < 2") == "x &lt; 2");
  CHECK(read.text.find("/regels") == std::string::npos);
  check_invariants(read, source);
}

TEST_CASE("HTML: link texts, <cite> and <q> are marks", "[html]") {
  const std::string source =
      "<main><p>Lees <a href=\"/wet\">de Wet op de <cite>toeslagen</cite></a> en <a name=\"x\">het anker</a>, "
      "<a href=\"https://x.nl\">https://x.nl</a> en <a href=a>Wet</a><a href=b>geving</a>. "
      "<cite> Het rapport </cite> zegt <q>in het kader &amp; van</q>.</p>"
      "<a href=\"/blok\"><p>Eerste blok</p><p>Tweede <code>code</code> blok</p></a>"
      "<p><q>Open citaat</p><p>Gewone tekst.</p></main>";
  const ReadText read = read_html(source);
  REQUIRE(block_texts(read) ==
          std::vector<std::string>{"Lees de Wet op de toeslagen en het anker, https://x.nl en Wetgeving. Het rapport "
                                   "zegt in het kader & van.",
                                   "Eerste blok", "Tweede code blok", "Open citaat", "Gewone tekst."});
  using Marks = std::vector<std::string>;
  // An anchor without href is no link; a link whose text is its address is skipped; links that touch are one.
  CHECK(mark_texts(read, read.blocks[0]) == Marks{"link:de Wet op de", "title:toeslagen", "link:Wetgeving",
                                                  "title:Het rapport", "quotation:in het kader & van"});
  // A link around blocks marks the text in each; inline code stays skipped.
  CHECK(mark_texts(read, read.blocks[1]) == Marks{"link:Eerste blok"});
  CHECK(mark_texts(read, read.blocks[2]) == Marks{"link:Tweede", "link:blok"});
  CHECK(mark_texts(read, read.blocks[3]) == Marks{"quotation:Open citaat"});
  CHECK(read.blocks[4].marks.empty());
  // A mark maps back to its source like any text.
  CHECK(mapped(read, source, read.blocks[0].marks[4].range) == "in het kader &amp; van");
  check_invariants(read, source);
}

TEST_CASE("HTML: hidden parts are not read", "[html]") {
  const ReadText read = read_html(
      "<main><p>Zichtbaar.</p><p hidden>A</p><p aria-hidden=\"TRUE\">B</p><div style=\"color:red; DISPLAY : none\">"
      "C</div><div style=\"visibility:hidden\">D</div><p>Een <span hidden>verborgen</span>zin.</p>"
      "<noscript>E</noscript><template><p>F</p></template><select><option>G</option></select>"
      "<textarea>H</textarea><svg><text>I</text></svg><iframe>J</iframe></main>");
  CHECK(block_texts(read) == std::vector<std::string>{"Zichtbaar.", "Een zin."});
}

TEST_CASE("HTML: helder-disable and helder-enable comments are directives", "[html]") {
  const std::string source =
      "<!-- helder-disable lange-zin -->\n<html><body><p>Een.</p>\n"
      "<!-- helder-disable jargon, passief -->\n<p>Twee <!-- helder-enable jargon --> drie.</p>"
      "<!-- gewoon commentaar --><p>Vier.</p><!-- helder-enable --></body></html>";
  const ReadText read = read_html(source);
  CHECK(block_texts(read) == std::vector<std::string>{"Een.", "Twee drie.", "Vier."});
  REQUIRE(read.directives.size() == 4);
  CHECK_FALSE(read.directives[0].enable);
  CHECK(read.directives[0].rules == std::vector<std::string>{"lange-zin"});
  CHECK(read.directives[0].position == 0);
  CHECK(read.directives[0].source_offset == 0);
  CHECK(read.directives[1].rules == std::vector<std::string>{"jargon", "passief"});
  CHECK(read.directives[1].position == read.blocks[1].range.start);
  CHECK(read.directives[1].source_offset == source.find("<!-- helder-disable jargon"));
  CHECK(read.directives[2].enable);
  CHECK(read.directives[2].position == read.text.find(" drie"));
  CHECK(read.directives[3].enable);
  CHECK(read.directives[3].rules.empty());
  CHECK(read.directives[3].position == read.text.size());
  check_invariants(read, source);
}

TEST_CASE("HTML: XHTML reads the same", "[html]") {
  const std::string source =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
      "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"nl\" lang=\"nl\">\n"
      "<head><title>Titel</title><script type=\"text/javascript\">//<![CDATA[\nvar a = 1 < 2;\n//]]></script></head>\n"
      "<body>\n<h1>Kop</h1>\n<p>Eerste&#160;regel.<br/>Tweede regel met &#233;&#233;n woord.</p>\n"
      "<p>Een <abbr title=\"bijvoorbeeld\">bijv.</abbr> voorbeeld.<img src=\"a.png\" alt=\"plaatje\"/></p>\n"
      "</body>\n</html>\n";
  const ReadText read = read_text(source, Format::Html);
  CHECK(block_texts(read) == std::vector<std::string>{
                                 "Kop",
                                 "Eerste\xC2\xA0regel." + kBreak + "Tweede regel met één woord.",
                                 "Een bijv. voorbeeld.",
                             });
  CHECK(block_kinds(read) == std::vector<BlockKind>{BlockKind::Heading, BlockKind::Paragraph, BlockKind::Paragraph});
  CHECK(source_of(read, source, "één") == "&#233;&#233;n");
  CHECK(source_of(read, source, "regel." + kBreak + "Tweede") == "regel.<br/>Tweede");
  check_invariants(read, source);
  check_words_map_back(read, source);
}

TEST_CASE("HTML: a page that pandoc makes from Markdown", "[html]") {
  helder::test::TempDir dir;
  const fs::path markdown = dir.write(
      "brief.md",
      "---\ntitle: Uw aanvraag\n---\n\n"
      "# Besluit\n\n"
      "Wij hebben uw aanvraag *zorgvuldig* bekeken.[^1] Indien u het niet eens bent, kunt u bezwaar maken.\n\n"
      "- Stuur een brief\n- Of bel `0800-1234`\n\n"
      "> Dit is een citaat -- met een gedachtestreepje.\n\n"
      "| Wat | Wanneer |\n|-----|---------|\n| Bezwaar | 6 weken |\n\n"
      "```\ncode blok\n```\n\n"
      "[^1]: Zie de Algemene wet bestuursrecht.\n");
  const fs::path html = dir.path() / "brief.html";
  const std::string command =
      "pandoc -s -f markdown -t html -o '" + html.string() + "' '" + markdown.string() + "' 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string source = helder::test::read_file(html);
  const ReadText read = read_text(source, Format::Html);
  // pandoc's page has no <main>: the body is read, its title header included (it is the title block).
  const std::vector<std::string> texts = block_texts(read);
  INFO(source);
  REQUIRE(texts.size() >= 8);
  CHECK(std::find(texts.begin(), texts.end(), "Besluit") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(),
                  "Wij hebben uw aanvraag zorgvuldig bekeken.1 Indien u het niet eens bent, kunt u bezwaar maken.") !=
        texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "Stuur een brief") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "Of bel 0800-1234") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "Dit is een citaat – met een gedachtestreepje.") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "Bezwaar") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "6 weken") != texts.end());
  CHECK(std::find(texts.begin(), texts.end(), "Zie de Algemene wet bestuursrecht.") != texts.end());
  CHECK(read.text.find("code blok") == std::string::npos);
  CHECK(read.text.find("margin") == std::string::npos);  // pandoc's style sheet
  for (const Block& block : read.blocks) {
    const std::string_view text = slice(read.text, block.range);
    if (text == "Besluit") CHECK(block.kind == BlockKind::Heading);
    if (text == "Stuur een brief") CHECK(block.kind == BlockKind::ListItem);
    if (text.starts_with("Dit is een citaat")) CHECK(block.kind == BlockKind::Quote);
    if (text == "6 weken") CHECK(block.kind == BlockKind::TableCell);
  }
  const std::vector<std::string> skipped = skipped_texts(read);
  CHECK(std::find(skipped.begin(), skipped.end(), "0800-1234") != skipped.end());
  CHECK(std::find(skipped.begin(), skipped.end(), "1") != skipped.end());  // the footnote mark
  check_invariants(read, source);
  check_words_map_back(read, source);
}

TEST_CASE("HTML: pages without prose give no text", "[html]") {
  for (std::string_view source :
       {"", "<!DOCTYPE html><html><head><title>Alleen een titel</title></head><body></body></html>",
        "<body><nav>Menu</nav><script>var a;</script><p>&nbsp;</p><p> <br> </p></body>",
        "<main hidden><p>Verborgen</p></main>", "<frameset><frame src=a.html></frameset>"}) {
    INFO(source);
    const ReadText read = read_html(source);
    CHECK(read.blocks.empty());
    CHECK(read.text.empty());
  }
}

TEST_CASE("HTML: broken markup is repaired, never a crash", "[html]") {
  std::vector<std::string> inputs{
      "<p>Open <b>vet <i>schuin</b> dicht</i> zin.", "<table>Los<tr><td>cel</table>tekst", "</p></div></body>",
      "<p>a</span>b&amp;c</em>d</p>", "<", "&", "&#", "&#x;", "&#99999999999;", "<!--", "<!-- helder-disable",
      "<p>x<br", "<a href='x'>link<a href='y'>link2", "<p>één\0twee</p>", "<ul><li>a<li>b<li>c",
      "<svg><p>tekst</p></svg>", "<math><mi>x</mi></math><p>na</p>", "<pre>code", "<script>nooit dicht",
      std::string(5000, '<'), std::string(5000, '&'),
  };
  std::string many_unclosed_items;
  for (int i = 0; i < 5000; ++i) many_unclosed_items += "<li><a href=#>item <font>" + std::to_string(i) + "</font>";
  inputs.push_back(many_unclosed_items);
  for (const std::string& input : inputs) {
    INFO("input: " << input.substr(0, 60));
    const ReadText read = read_html(input);
    check_invariants(read, input);
  }
  const ReadText repaired = read_html("<p>a</span>b&amp;c</em>d</p>");
  CHECK(block_texts(repaired) == std::vector<std::string>{"ab&cd"});
  check_words_map_back(repaired, "<p>a</span>b&amp;c</em>d</p>");
  CHECK(block_texts(read_html(many_unclosed_items)).size() == 5000);
}

TEST_CASE("HTML: random markup", "[html]") {
  const std::vector<std::string_view> fragments{
      "woord ", "één ", "’s ", "\n", "\r\n", "  ", "<p>", "</p>", "<div>", "</div>", "<li>", "<ul>", "</ul>",
      "<h2>", "</h2>", "<td>", "<table>", "</table>", "<tr>", "<br>", "<b>", "</b>", "<i>", "</i>", "<a href=x>",
      "</a>", "<code>", "</code>", "<main>", "</main>", "<nav>", "</nav>", "<script>", "</script>", "<!-- ",
      " -->", "helder-disable ", "helder-enable ", "&amp;", "&eacute;", "&#233;", "&nbsp;", "&", ";", "<", ">",
      "\"", "'", "<p hidden>", "<span style='display:none'>", "</span>", "<blockquote>", "<pre>", "</pre>",
      "<![CDATA[", "]]>", "<?xml ?>", "<svg>", "<sup>", "</sup>", "😀", "<cite>", "</cite>", "<q>", "</q>",
  };
  std::mt19937 random(20250611);
  std::uniform_int_distribution<std::size_t> pick(0, fragments.size() - 1);
  std::uniform_int_distribution<int> length(1, 120);
  for (int round = 0; round < 400; ++round) {
    std::string input;
    const int count = length(random);
    for (int i = 0; i < count; ++i) input += fragments[pick(random)];
    INFO("input: " << input);
    const ReadText read = read_html(input);
    check_invariants(read, input);
    check_words_map_back(read, input);
  }
}

TEST_CASE("HTML: markup that would take gumbo minutes is refused with a clear message", "[html]") {
  auto refused = [](const std::string& source) -> std::string {
    try {
      (void)read_html(source);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "<div>";
  CHECK(refused(deep + "tekst").find("te diep genest") != std::string::npos);
  // Self-closing tags nest in HTML, also where an <svg> lets HTML in again, or after HTML ended it.
  std::string self_closing = "<svg><foreignObject>";
  for (int i = 0; i < 3000; ++i) self_closing += "<section/>";
  CHECK(refused(self_closing).find("te diep genest") != std::string::npos);
  std::string broken_out = "<svg><g>";
  for (int i = 0; i < 3000; ++i) broken_out += "<div/>";
  CHECK(refused(broken_out).find("te diep genest") != std::string::npos);
  std::string attributes = "<p";
  for (int i = 0; i < 5000; ++i) attributes += " a" + std::to_string(i) + "='x'";
  CHECK(refused(attributes + ">tekst</p>").find("meer dan 1000 attributen") != std::string::npos);

  // As deep as a real page, closed or not, is fine; so are icons with many self-closed paths.
  std::string fine;
  for (int i = 0; i < 500; ++i) fine += "<div><span>";
  fine += "Diep genest.";
  CHECK(block_texts(read_html(fine)) == std::vector<std::string>{"Diep genest."});
  std::string icons = "<p>Voor</p>";
  for (int i = 0; i < 3000; ++i) icons += "<svg><path d='M0 0'/><circle r=\"2\"/></svg>";
  icons += "<p>Na</p><img src=\"data:image/png;base64," + std::string(100000, 'A') + "\" alt=x>";
  CHECK(block_texts(read_html(icons)) == std::vector<std::string>{"Voor", "Na"});
}

TEST_CASE("HTML: a 10 MB page is read whole", "[html]") {
  std::string source = "<!DOCTYPE html><html><body><main>";
  int paragraphs = 0;
  while (source.size() < 10'000'000) {
    source += "<p>Indien u vragen heeft over de <a href=\"/x\">huurtoeslag</a>, bel ons op werkdagen&nbsp;van "
              "9 tot 17 uur.</p>\n<ul><li>Eén</li><li>Twee &amp; drie</li></ul>\n";
    ++paragraphs;
  }
  source += "</main></body></html>";
  const ReadText read = read_html(source);
  CHECK(read.blocks.size() == static_cast<std::size_t>(paragraphs) * 3);
  const Block& last = read.blocks.back();
  CHECK(slice(read.text, last.range) == "Twee & drie");
  CHECK(mapped(read, source, last.range) == "Twee &amp; drie");
}

TEST_CASE("HTML: helder check points at the word in the page", "[html]") {
  helder::test::TempDir dir;
  const std::string source = read_fixture("overheid.html");
  const fs::path page = dir.write("page.html", source);
  const auto r = helder::test::run_helder({"check", page.string(), "--format", "json"});
  INFO(r.out << r.err);
  const auto json = nlohmann::json::parse(r.out);
  REQUIRE(json["files"].size() == 1);
  const auto& file = json["files"][0];
  CHECK(file["error"].is_null());
  std::vector<nlohmann::json> indien;
  for (const auto& finding : file["findings"]) {
    const std::size_t start = finding["start"], end = finding["end"];
    const std::string found = source.substr(start, end - start);
    if (found == "indien" || found == "Indien") indien.push_back(finding);
  }
  // Only the one in the main text; not the ones in the title, script, menu, hidden parts or footer.
  REQUIRE(indien.size() == 1);
  const std::size_t at = source.find("indien u een huurhuis");
  CHECK(indien[0]["start"] == at);
  const std::size_t line_start = source.rfind('\n', at) + 1;
  const auto line = static_cast<std::size_t>(std::count(source.begin(), source.begin() + static_cast<long>(at), '\n'));
  CHECK(indien[0]["range"]["start"]["line"] == line + 1);
  CHECK(indien[0]["range"]["start"]["column"] == at - line_start + 1);
}
