// Tests for the Word (.docx) reader: documents made by pandoc at test time, and parts pandoc cannot make
// (tracked changes, fields, text boxes, broken and hostile files) written into a real zip with libzip.
#include "read_text_checks.hpp"
#include "test_support.hpp"
#include "zip_test_support.hpp"

#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <zip.h>

#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

using helder::BlockKind;
using helder::Format;
using helder::InputError;
using helder::Origin;
using helder::read_docx;
using helder::ReadText;
using helder::test::TempDir;

namespace {

using helder::test::block_texts;
using helder::test::mark_texts;
using helder::test::origin_paragraphs;

namespace fs = std::filesystem;

using Parts = helder::test::ZipParts;
using helder::test::make_zip;
using helder::test::unzip;

std::string pandoc_docx(const TempDir& dir, const std::string& markdown) {
  return helder::test::pandoc_document(dir, markdown, "docx");
}

constexpr const char* kNamespaces =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
    R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" )"
    R"(xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" )"
    R"(xmlns:v="urn:schemas-microsoft-com:vml" )"
    R"(xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" )"
    R"(xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main")";

std::string document_xml(const std::string& body) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document )") + kNamespaces +
         "><w:body>" + body + "<w:sectPr/></w:body></w:document>";
}

// The pandoc document with its body replaced (and other parts added or replaced).
std::string docx_with(const TempDir& dir, const std::string& body, Parts extra = {}) {
  Parts parts = unzip(pandoc_docx(dir, "Basis.\n"));
  parts["word/document.xml"] = document_xml(body);
  for (auto& [name, content] : extra) parts[name] = content;
  return make_zip(dir, parts);
}

std::string error_of(std::string_view bytes) {
  try {
    read_docx(bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(geen fout)";
}

std::string run(const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; }
std::string paragraph(const std::string& runs) { return "<w:p>" + runs + "</w:p>"; }

}  // namespace

TEST_CASE("docx: a pandoc document gives headings, list items, a quote, table cells and the footnote", "[docx]") {
  TempDir dir;
  const std::string bytes = pandoc_docx(dir,
                                        "# Uw aanvraag\n\n"
                                        "Indien u een vergunning wilt, vul dan het formulier in.[^1] Café’s zijn één.\n\n"
                                        "- eerste punt\n- tweede punt\n\n"
                                        "1. genummerd punt\n\n"
                                        "> Een citaat hier.\n\n"
                                        "| Kop A | Kop B |\n|-------|-------|\n| cel één | cel twee |\n\n"
                                        "Laatste alinea met ëën.\n\n"
                                        "[^1]: Dit is een voetnoot.\n");
  const ReadText read = helder::read_document(bytes, helder::detect_format(bytes, "brief.docx"));
  CHECK(block_texts(read) == std::vector<std::string>{
                                 "Uw aanvraag",
                                 "Indien u een vergunning wilt, vul dan het formulier in. Café’s zijn één.",
                                 "eerste punt", "tweede punt", "genummerd punt", "Een citaat hier.", "Kop A", "Kop B",
                                 "cel één", "cel twee", "Laatste alinea met ëën.", "Dit is een voetnoot."});
  std::vector<BlockKind> kinds;
  for (const helder::Block& b : read.blocks) kinds.push_back(b.kind);
  CHECK(kinds == std::vector<BlockKind>{BlockKind::Heading, BlockKind::Paragraph, BlockKind::ListItem,
                                        BlockKind::ListItem, BlockKind::ListItem, BlockKind::Quote,
                                        BlockKind::TableCell, BlockKind::TableCell, BlockKind::TableCell,
                                        BlockKind::TableCell, BlockKind::Paragraph, BlockKind::Paragraph});
  // Every w:p counts, table cells too; the footnote continues the numbering after the body.
  CHECK(origin_paragraphs(read) == std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  REQUIRE(read.origins.size() == read.blocks.size());
  for (std::size_t i = 0; i < read.blocks.size(); ++i) {
    // Blocks are separated by a blank line; an origin starts where its paragraph's text starts.
    CHECK(read.origins[i].start <= read.blocks[i].range.start);
    if (i > 0) CHECK(read.text.substr(read.origins[i].start - 2, 2) == "\n\n");
  }
  // The footnote text starts with the space pandoc puts after the note mark: in the text, not in the block.
  CHECK(read.text.substr(read.origins.back().start) == " Dit is een voetnoot.");
  CHECK(read.map.identity());
}

TEST_CASE("docx: tracked changes, comments, fields and special characters", "[docx]") {
  TempDir dir;
  const std::string body =
      paragraph(run("Wij ") +
                R"(<w:del w:id="1" w:author="A"><w:r><w:delText>weigeren </w:delText></w:r></w:del>)"
                R"(<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">verlenen </w:t></w:r></w:ins>)" +
                run("de ver") + "<w:r><w:softHyphen/></w:r>" + run("gun\u00ADning.") +
                R"(<w:commentRangeStart w:id="3"/><w:r><w:commentReference w:id="3"/></w:r>)") +
      paragraph(run("Zie pagina ") + R"(<w:r><w:fldChar w:fldCharType="begin"/></w:r>)" +
                R"(<w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r>)" +
                R"(<w:r><w:fldChar w:fldCharType="separate"/></w:r>)" + run("7") +
                R"(<w:r><w:fldChar w:fldCharType="end"/></w:r>)" + run(" en ") +
                R"(<w:fldSimple w:instr=" NUMPAGES ">)" + run("9") + "</w:fldSimple>" + run(".")) +
      "<w:p/>" +
      paragraph(run("Art.\u00A05 geldt") + "<w:r><w:tab/></w:r>" + run("voor e") + "<w:r><w:noBreakHyphen/></w:r>" +
                run("mail") + R"(<w:r><w:sym w:font="Wingdings" w:char="F0E0"/></w:r>)" + run(" en post.")) +
      paragraph(run("Regel een") + "<w:r><w:br/></w:r>" + run("regel twee") + "<w:r><w:cr/></w:r>" + run("drie")) +
      paragraph(R"(<w:moveFrom w:id="4" w:author="A"><w:r><w:t>Oud.</w:t></w:r></w:moveFrom>)"
                R"(<w:moveTo w:id="5" w:author="A"><w:r><w:t>Verplaatst.</w:t></w:r></w:moveTo>)") +
      paragraph(run("  Met spaties eromheen.  ")) +
      paragraph(R"(<w:r><w:rPr><w:vanish/></w:rPr><w:t>Verborgen.</w:t></w:r>)" + run("Zichtbaar.")) +
      paragraph(run("Geen UTF-8: \xFF, e\u2011mail."));
  const std::string comments = std::string(R"(<?xml version="1.0"?><w:comments )") + kNamespaces +
                               R"(><w:comment w:id="3" w:author="A"><w:p><w:r><w:t>Opmerking van A</w:t></w:r></w:p>)"
                               "</w:comment></w:comments>";
  const ReadText read = read_docx(docx_with(dir, body, {{"word/comments.xml", comments}}));
  CHECK(block_texts(read) == std::vector<std::string>{"Wij verlenen de vergunning.", "Zie pagina 7 en 9.",
                                                      "Art. 5 geldt voor e-mail en post.",
                                                      "Regel een\u2028regel twee\u2028drie", "Verplaatst.",
                                                      "Met spaties eromheen.", "Zichtbaar.",
                                                      "Geen UTF-8: \uFFFD, e-mail."});
  // The empty paragraph has no block but has its number.
  CHECK(origin_paragraphs(read) == std::vector<std::uint32_t>{1, 2, 4, 5, 6, 7, 8, 9});
  CHECK(read.text.find("Opmerking") == std::string::npos);
  // The white space around a paragraph is in the text, outside its block.
  CHECK(read.text.substr(read.origins[5].start, 25) == "  Met spaties eromheen.  ");
  CHECK(read.blocks[5].range.start == read.origins[5].start + 2);
}

TEST_CASE("docx: a text box is read once, after the paragraph that anchors it", "[docx]") {
  TempDir dir;
  const std::string box = R"(<w:txbxContent><w:p><w:r><w:t>Tekst in het kader.</w:t></w:r></w:p></w:txbxContent>)";
  const std::string body =
      paragraph(run("Voor het kader. ") + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
                "<wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>" + box +
                "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
                "<mc:Fallback><w:pict><v:shape><v:textbox>" + box +
                "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>" + run("Na het kader.")) +
      paragraph(run("Volgende alinea."));
  const ReadText read = read_docx(docx_with(dir, body));
  CHECK(block_texts(read) ==
        std::vector<std::string>{"Voor het kader. Na het kader.", "Tekst in het kader.", "Volgende alinea."});
  CHECK(origin_paragraphs(read) == std::vector<std::uint32_t>{1, 1, 2});
}

TEST_CASE("docx: footnotes, then endnotes, without the separator notes", "[docx]") {
  TempDir dir;
  const auto notes = [](const char* root, const char* note, const char* text) {
    return std::string("<?xml version=\"1.0\"?><w:") + root + " " + kNamespaces + ">" + "<w:" + note +
           R"( w:type="separator" w:id="-1"><w:p><w:r><w:separator/><w:t>SCHEIDING</w:t></w:r></w:p></w:)" + note +
           "><w:" + note +
           R"( w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>)"
           R"(<w:t>VERVOLG</w:t></w:r></w:p></w:)" +
           note + "><w:" + note + R"( w:id="1"><w:p><w:r><w:t>)" + text + "</w:t></w:r></w:p><w:p><w:r><w:t>Tweede " +
           "alinea.</w:t></w:r></w:p></w:" + note + "></w:" + root + ">";
  };
  const std::string body = paragraph(run("Tekst") + R"(<w:r><w:footnoteReference w:id="1"/></w:r>)" +
                                     R"(<w:r><w:endnoteReference w:id="1"/></w:r>)" + run("."));
  const ReadText read =
      read_docx(docx_with(dir, body,
                          {{"word/footnotes.xml", notes("footnotes", "footnote", "Voetnoot.")},
                           {"word/endnotes.xml", notes("endnotes", "endnote", "Eindnoot.")}}));
  CHECK(block_texts(read) ==
        std::vector<std::string>{"Tekst.", "Voetnoot.", "Tweede alinea.", "Eindnoot.", "Tweede alinea."});
  CHECK(origin_paragraphs(read) == std::vector<std::uint32_t>{1, 2, 3, 4, 5});
}

TEST_CASE("docx: headings and lists from styles.xml", "[docx]") {
  TempDir dir;
  const std::string styles = std::string(R"(<?xml version="1.0"?><w:styles )") + kNamespaces + ">" +
                             R"(<w:style w:type="paragraph" w:styleId="Standaard"><w:name w:val="Normal"/></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="Kop 1"/>)"
                             R"(<w:basedOn w:val="Standaard"/></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="MijnKop"><w:name w:val="Mijn kop"/>)"
                             R"(<w:basedOn w:val="Kop1"/></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="Opvallend"><w:name w:val="Opvallend"/>)"
                             R"(<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="Opsomming"><w:name w:val="Opsomming"/>)"
                             R"(<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="Lus"><w:name w:val="Lus"/>)"
                             R"(<w:basedOn w:val="Lus"/></w:style>)"
                             "</w:styles>";
  const auto styled = [](const char* style, const std::string& text, const std::string& extra = "") {
    return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/>" + extra + "</w:pPr>" + run(text) + "</w:p>";
  };
  const std::string body =
      styled("Titel", "Titel van de brief") + styled("Kop1", "Een kop") + styled("MijnKop", "Afgeleide kop") +
      styled("Opvallend", "Kop door overzichtsniveau") + styled("Opsomming", "Punt door stijl") +
      styled("Opsomming", "Geen punt", R"(<w:numPr><w:numId w:val="0"/></w:numPr>)") +
      styled("Standaard", "Punt direct", R"(<w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>)") +
      styled("Kop1", "Kop als platte tekst", R"(<w:outlineLvl w:val="9"/>)") +
      styled("Lus", "Stijl die naar zichzelf wijst") +
      styled("Onbekend", "Stijl die niet bestaat");
  const ReadText read = read_docx(docx_with(dir, body, {{"word/styles.xml", styles}}));
  std::vector<BlockKind> kinds;
  for (const helder::Block& b : read.blocks) kinds.push_back(b.kind);
  CHECK(kinds == std::vector<BlockKind>{BlockKind::Heading, BlockKind::Heading, BlockKind::Heading,
                                        BlockKind::Heading, BlockKind::ListItem, BlockKind::Paragraph,
                                        BlockKind::ListItem, BlockKind::Paragraph, BlockKind::Paragraph,
                                        BlockKind::Paragraph});
}

TEST_CASE("docx: hyperlinks, HYPERLINK fields and title character styles are marks", "[docx]") {
  TempDir dir;
  const std::string styles =
      std::string(R"(<?xml version="1.0"?><w:styles )") + kNamespaces + ">" +
      R"(<w:style w:type="character" w:styleId="Boektitel"><w:name w:val="Book Title"/></w:style>)"
      R"(<w:style w:type="character" w:styleId="MijnTitel"><w:name w:val="Mijn titel"/>)"
      R"(<w:basedOn w:val="Boektitel"/></w:style>)"
      R"(<w:style w:type="character" w:styleId="Nadruk"><w:name w:val="Emphasis"/></w:style>)"
      R"(<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>)"
      "</w:styles>";
  const auto styled_run = [](const char* style, const std::string& text) {
    return std::string("<w:r><w:rPr><w:rStyle w:val=\"") + style + "\"/></w:rPr><w:t xml:space=\"preserve\">" +
           text + "</w:t></w:r>";
  };
  const auto field_char = [](const char* type) {
    return std::string("<w:r><w:fldChar w:fldCharType=\"") + type + "\"/></w:r>";
  };
  const auto instruction = [](const std::string& text) {
    return "<w:r><w:instrText xml:space=\"preserve\">" + text + "</w:instrText></w:r>";
  };
  const std::string body =
      paragraph(run("Zie ") + R"(<w:hyperlink w:anchor="wet">)" + run("de Wet op ") + run("de toeslagen") +
                "</w:hyperlink>" + run(" of ") + R"(<w:hyperlink w:anchor="x">)" + run("https://www.x.nl") +
                "</w:hyperlink>" + run(".")) +
      // The instruction comes in two pieces; a PAGE field's result is not a link.
      paragraph(run("Lees ") + field_char("begin") + instruction(" HYPER") +
                instruction(R"(LINK "https://x.nl/besluit" \o "Besluit")") + field_char("separate") +
                run("het besluit") + field_char("end") + run(" op pagina ") + field_char("begin") +
                instruction(" PAGE ") + field_char("separate") + run("7") + field_char("end") + run(" en ") +
                R"(<w:fldSimple w:instr=" HYPERLINK &quot;https://a.nl&quot; ">)" + run("de regeling") +
                "</w:fldSimple>" + R"(<w:fldSimple w:instr=" NUMPAGES ">)" + run("9") + "</w:fldSimple>" + run(".")) +
      paragraph(run("Het boek ") + styled_run("Boektitel", "In het kader van") + run(", ") +
                styled_run("MijnTitel", "Deel twee") + run(" en ") + styled_run("TitelChar", "Bijlage") +
                run(" met ") + styled_run("Nadruk", "nadruk") + run(" en ") + styled_run("Titel", "Titel") + run(".")) +
      // A link field over two paragraphs marks its text in both.
      paragraph(run("Begin ") + field_char("begin") + instruction("HYPERLINK https://x.nl") +
                field_char("separate") + run("van de link")) +
      paragraph(run("einde") + field_char("end") + run(" daarna.")) +
      // A link field that never ends stops at the end of the body: the footnote is not link text.
      paragraph(run("Tekst") + R"(<w:r><w:footnoteReference w:id="1"/></w:r>)" + field_char("begin") +
                instruction("HYPERLINK https://x.nl") + field_char("separate") + run(" zonder einde."));
  const std::string footnotes = std::string(R"(<?xml version="1.0"?><w:footnotes )") + kNamespaces +
                                R"(><w:footnote w:id="1"><w:p><w:r><w:t>De voetnoot.</w:t></w:r></w:p>)"
                                "</w:footnote></w:footnotes>";
  const ReadText read =
      read_docx(docx_with(dir, body, {{"word/styles.xml", styles}, {"word/footnotes.xml", footnotes}}));
  REQUIRE(block_texts(read) ==
          std::vector<std::string>{"Zie de Wet op de toeslagen of https://www.x.nl.",
                                   "Lees het besluit op pagina 7 en de regeling9.",
                                   "Het boek In het kader van, Deel twee en Bijlage met nadruk en Titel.",
                                   "Begin van de link", "einde daarna.", "Tekst zonder einde.", "De voetnoot."});
  using Marks = std::vector<std::string>;
  CHECK(mark_texts(read, read.blocks[0]) == Marks{"link:de Wet op de toeslagen"});
  CHECK(mark_texts(read, read.blocks[1]) == Marks{"link:het besluit", "link:de regeling"});
  CHECK(mark_texts(read, read.blocks[2]) ==
        Marks{"title:In het kader van", "title:Deel twee", "title:Bijlage", "title:Titel"});
  CHECK(mark_texts(read, read.blocks[3]) == Marks{"link:van de link"});
  CHECK(mark_texts(read, read.blocks[4]) == Marks{"link:einde"});
  CHECK(mark_texts(read, read.blocks[5]) == Marks{"link:zonder einde."});
  CHECK(read.blocks[6].marks.empty());
  helder::test::check_read_text_invariants(read, read.text);
}

TEST_CASE("docx: a link in a pandoc document is a mark", "[docx]") {
  TempDir dir;
  const ReadText read = read_docx(pandoc_docx(
      dir, "Lees [de Wet op de toeslagen](https://wetten.overheid.nl/x) en <https://www.rijksoverheid.nl>.\n"));
  REQUIRE(block_texts(read) ==
          std::vector<std::string>{"Lees de Wet op de toeslagen en https://www.rijksoverheid.nl."});
  CHECK(mark_texts(read, read.blocks[0]) == std::vector<std::string>{"link:de Wet op de toeslagen"});
  helder::test::check_read_text_invariants(read, read.text);
}

TEST_CASE("docx: damaged, encrypted and hostile files give a clear Dutch error", "[docx]") {
  TempDir dir;
  SECTION("not a zip") {
    CHECK(error_of("Dit is gewone tekst met een verkeerde naam.") ==
          "Dit Word-bestand kan niet worden geopend: het is beschadigd of het is geen Word-bestand. Open het in "
          "Word, sla het opnieuw op en probeer het nog eens.");
    // A truncated zip: the central directory at the end is missing.
    const std::string whole = pandoc_docx(dir, "Tekst.\n");
    CHECK_THAT(error_of(std::string_view(whole).substr(0, whole.size() / 2)),
               Catch::StartsWith("Dit Word-bestand kan niet worden geopend"));
  }
  SECTION("a zip without word/document.xml") {
    CHECK_THAT(error_of(make_zip(dir, {{"hallo.txt", "hallo"}})),
               Catch::Contains("word/document.xml ontbreekt"));
  }
  SECTION("broken XML names the part") {
    CHECK(error_of(docx_with(dir, "<w:p><w:r><w:t>Niet gesloten</w:r></w:p>")) ==
          "Dit Word-bestand kan niet worden gelezen: word/document.xml is beschadigd. Open het in Word, sla het "
          "opnieuw op en probeer het nog eens.");
    Parts parts = unzip(pandoc_docx(dir, "Tekst.\n"));
    parts["word/styles.xml"] = "<w:styles><w:style>";
    CHECK_THAT(error_of(make_zip(dir, parts)), Catch::Contains("word/styles.xml is beschadigd"));
  }
  const std::string password =
      "Dit document is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en probeer het opnieuw.";
  SECTION("an encrypted zip entry") {
    REQUIRE(zip_encryption_method_supported(ZIP_EM_AES_256, 1) == 1);
    Parts parts = unzip(pandoc_docx(dir, "Tekst.\n"));
    CHECK(error_of(make_zip(dir, parts, {"word/document.xml", 0})) == password);
  }
  SECTION("an OLE compound file: Word's password protection, or an old .doc") {
    // The first sector of a compound file: its signature, then directory entries with UTF-16LE stream names.
    const auto ole = [](std::string_view stream) {
      std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
      bytes.resize(1024, '\0');
      for (char c : stream) bytes += std::string{c, '\0'};
      bytes.resize(4096, '\0');
      return bytes;
    };
    CHECK(error_of(ole("EncryptedPackage")) == password);
    CHECK(error_of(ole("WordDocument")) ==
          "Dit is een Word-document in het oude formaat (.doc). helder leest alleen .docx. Open het in Word, kies "
          "'Opslaan als' en 'Word-document (.docx)', en probeer het opnieuw.");
    // formats.cpp sends an OLE file named .docx to the Word reader.
    const std::string encrypted = ole("EncryptedPackage");
    CHECK(helder::detect_format(encrypted, "brief.docx") == Format::Docx);
  }
  SECTION("too many entries") {
    Parts parts = unzip(pandoc_docx(dir, "Tekst.\n"));
    for (int i = 0; i < 10'001; ++i) parts["leeg/" + std::to_string(i)] = "";
    CHECK_THAT(error_of(make_zip(dir, parts)), Catch::Contains("meer dan 10000 onderdelen"));
  }
  SECTION("a part that inflates to more than 256 MB") {
    Parts parts = unzip(pandoc_docx(dir, "Tekst.\n"));
    // Built in place: a few copies of 257 MB would be a burden on the machine that runs the tests.
    std::string xml = document_xml("<w:p><w:r><w:t>");
    const std::size_t tail = xml.find("<w:sectPr/>");
    xml.insert(tail, "</w:t></w:r></w:p>");
    xml.insert(tail, std::size_t{257} << 20, 'a');
    parts["word/document.xml"] = std::move(xml);
    CHECK(error_of(make_zip(dir, parts, {"", 1})) ==
          "Dit document is te groot om te controleren: uitgepakt is het meer dan 256 MB. Splits het in kleinere "
          "documenten en probeer het opnieuw.");
  }
  SECTION("nesting deeper than a real document") {
    std::string nested;
    for (int i = 0; i < 1000; ++i) nested += "<w:sdt><w:sdtContent>";
    nested += paragraph(run("Diep."));
    for (int i = 0; i < 1000; ++i) nested += "</w:sdtContent></w:sdt>";
    CHECK_THAT(error_of(docx_with(dir, nested)), Catch::Contains("word/document.xml is beschadigd"));
  }
  SECTION("a document without text") {
    CHECK(error_of(docx_with(dir, "<w:p/>" + paragraph(run("   ")) + "<w:p><w:r><w:tab/></w:r></w:p>")) ==
          "Dit document bevat geen tekst.");
  }
}

TEST_CASE("docx: helder check reports findings with the Word paragraph", "[docx]") {
  TempDir dir;
  const std::string bytes = pandoc_docx(dir,
                                        "# Brief\n\n"
                                        "Dank voor uw brief.\n\n"
                                        "Indien u bezwaar maakt, betalen wij ten behoeve van de kosten.\n");
  const fs::path docx = dir.write("brief.docx", bytes);
  const helder::test::RunResult r = helder::test::run_helder({"check", docx.string(), "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const nlohmann::json json = nlohmann::json::parse(r.out);
  const nlohmann::json& findings = json["files"].at(0)["findings"];
  bool found_indien = false;
  for (const nlohmann::json& f : findings) {
    REQUIRE(f.contains("document"));
    if (f["text"] == "Indien") {
      found_indien = true;
      CHECK(f["document"]["paragraph"] == 3);
      CHECK(f["document"]["offset"] == 0);
    }
    if (f["text"] == "ten behoeve van") {
      CHECK(f["document"]["paragraph"] == 3);
      // Characters from the start of the paragraph: "Indien u bezwaar maakt, betalen wij " is 36.
      CHECK(f["document"]["offset"] == 36);
    }
  }
  CHECK(found_indien);
}
