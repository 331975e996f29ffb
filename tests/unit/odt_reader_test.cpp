// Tests for the OpenDocument text (.odt) reader: documents made by pandoc at test time, and content pandoc
// cannot make (tracked changes, annotations, text boxes, broken and encrypted files) written with libzip.
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
using helder::InputError;
using helder::Origin;
using helder::read_odt;
using helder::ReadText;
using helder::test::TempDir;

namespace {

using helder::test::block_kinds;
using helder::test::block_texts;
using helder::test::mark_texts;
using helder::test::origin_paragraphs;

namespace fs = std::filesystem;

using Parts = helder::test::ZipParts;
using helder::test::make_zip;
using helder::test::unzip;

std::string pandoc_odt(const TempDir& dir, const std::string& markdown) {
  return helder::test::pandoc_document(dir, markdown, "odt");
}

std::string content_xml(const std::string& automatic_styles, const std::string& text) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>)"
         R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
         R"(xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" )"
         R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
         R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
         R"(xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" )"
         R"(xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" )"
         R"(xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink" )"
         R"(office:version="1.2"><office:automatic-styles>)" +
         automatic_styles + "</office:automatic-styles><office:body><office:text>" + text +
         "</office:text></office:body></office:document-content>";
}

// The pandoc document with content.xml replaced (and other parts added or replaced).
std::string odt_with(const TempDir& dir, const std::string& content, Parts extra = {}) {
  Parts parts = unzip(pandoc_odt(dir, "Basis.\n"));
  parts["content.xml"] = content;
  for (auto& [name, value] : extra) parts[name] = value;
  return make_zip(dir, parts);
}

std::string error_of(std::string_view bytes) {
  try {
    read_odt(bytes);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(geen fout)";
}

}  // namespace

TEST_CASE("odt: a pandoc document gives headings, list items, a quote, table cells and the footnote", "[odt]") {
  TempDir dir;
  const std::string bytes = pandoc_odt(dir,
                                       "# Uw aanvraag\n\n"
                                       "Indien u een vergunning wilt, vul dan het formulier in.[^1] Café’s zijn één.\n\n"
                                       "- eerste punt\n- tweede punt\n\n"
                                       "1. genummerd punt\n\n"
                                       "> Een citaat hier.\n\n"
                                       "| Kop A | Kop B |\n|-------|-------|\n| cel één | cel twee |\n\n"
                                       "Laatste alinea met ëën.\n\n"
                                       "[^1]: Dit is een voetnoot.\n");
  const ReadText read = helder::read_document(bytes, helder::detect_format(bytes, "brief.odt"));
  CHECK(block_texts(read) == std::vector<std::string>{
                                 "Uw aanvraag",
                                 "Indien u een vergunning wilt, vul dan het formulier in. Café’s zijn één.",
                                 "eerste punt", "tweede punt", "genummerd punt", "Een citaat hier.", "Kop A", "Kop B",
                                 "cel één", "cel twee", "Laatste alinea met ëën.", "Dit is een voetnoot."});
  CHECK(block_kinds(read) == std::vector<BlockKind>{BlockKind::Heading, BlockKind::Paragraph, BlockKind::ListItem,
                                                    BlockKind::ListItem, BlockKind::ListItem, BlockKind::Quote,
                                                    BlockKind::TableCell, BlockKind::TableCell, BlockKind::TableCell,
                                                    BlockKind::TableCell, BlockKind::Paragraph, BlockKind::Paragraph});
  // The footnote stands inside paragraph 2 in content.xml, but is read (and numbered) after the body.
  CHECK(origin_paragraphs(read) == std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  REQUIRE(read.origins.size() == read.blocks.size());
  for (std::size_t i = 0; i < read.blocks.size(); ++i) {
    CHECK(read.origins[i].start == read.blocks[i].range.start);
    if (i > 0) CHECK(read.text.substr(read.origins[i].start - 2, 2) == "\n\n");
  }
  CHECK(read.map.identity());
}

TEST_CASE("odt: tracked changes, annotations, spaces, breaks, text boxes and notes", "[odt]") {
  TempDir dir;
  const std::string styles =
      R"(<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Kop_20_1"/>)"
      R"(<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard"/>)";
  const std::string text =
      R"(<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>)"
      R"(<dc:creator>A</dc:creator></office:change-info><text:p>VERWIJDERD</text:p></text:deletion>)"
      R"(</text:changed-region></text:tracked-changes>)"
      R"(<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Tabel"/>)"
      R"(</text:sequence-decls>)"
      R"(<text:p text:style-name="P1">Kop door stijl</text:p>)"
      R"(<text:p>Wij <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>verlenen )"
      R"(<text:change-end text:change-id="ct2"/>de <text:span>ver)"
      "\xC2\xAD"  // a soft hyphen
      R"(gunning</text:span><office:annotation><dc:creator>A</dc:creator><text:p>Opmerking van A</text:p>)"
      R"(</office:annotation>.</text:p>)"
      R"(<text:p>   Veel     spaties
        en regels, <text:s text:c="3"/>drie<text:tab/>tab, art.)"
      "\xC2\xA0"  // a no-break space
      R"(5 en <text:a xlink:href="https://example.nl">een link</text:a>.</text:p>)"
      R"(<text:p/>)"
      R"(<text:p>Regel een<text:line-break/>regel <text:soft-page-break/>twee</text:p>)"
      R"(<text:p>Voor het kader.<draw:frame draw:name="Kader"><draw:text-box><text:p>Tekst in het kader.</text:p>)"
      R"(</draw:text-box></draw:frame> Na het kader.</text:p>)"
      R"(<text:p>Een eindnoot<text:note text:note-class="endnote"><text:note-citation>i</text:note-citation>)"
      R"(<text:note-body><text:p>De eindnoot.</text:p></text:note-body></text:note> en een voetnoot)"
      R"(<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>)"
      R"(<text:note-body><text:p>De voetnoot.</text:p></text:note-body></text:note>.</text:p>)"
      R"(<text:list><text:list-header><text:p>Kopje van de lijst</text:p></text:list-header>)"
      R"(<text:list-item><text:h text:outline-level="2">Kop in een lijst</text:h></text:list-item></text:list>)"
      R"(<text:table-of-content><text:table-of-content-source><text:index-title-template>SJABLOON)"
      R"(</text:index-title-template></text:table-of-content-source><text:index-body>)"
      R"(<text:p text:style-name="P2">Inhoud 1</text:p></text:index-body></text:table-of-content>)";
  const ReadText read = read_odt(odt_with(dir, content_xml(styles, text)));
  CHECK(block_texts(read) == std::vector<std::string>{
                                 "Kop door stijl", "Wij verlenen de vergunning.",
                                 "Veel spaties en regels,    drie tab, art. 5 en een link.", "Regel een\u2028regel twee",
                                 "Voor het kader. Na het kader.", "Tekst in het kader.",
                                 "Een eindnoot en een voetnoot.",
                                 "Kopje van de lijst", "Kop in een lijst", "Inhoud 1", "De voetnoot.", "De eindnoot."});
  CHECK(block_kinds(read) == std::vector<BlockKind>{BlockKind::Heading, BlockKind::Paragraph, BlockKind::Paragraph,
                                                    BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Paragraph,
                                                    BlockKind::Paragraph, BlockKind::ListItem, BlockKind::Heading,
                                                    BlockKind::Paragraph, BlockKind::Paragraph, BlockKind::Paragraph});
  // The empty paragraph (4) counts; the text box goes with its paragraph (6); footnotes before endnotes.
  CHECK(origin_paragraphs(read) == std::vector<std::uint32_t>{1, 2, 3, 5, 6, 6, 7, 8, 9, 10, 11, 12});
  for (const char* left_out : {"VERWIJDERD", "Opmerking", "SJABLOON", "Tabel", "\xC2\xAD"})
    CHECK(read.text.find(left_out) == std::string::npos);
}

TEST_CASE("odt: link texts are marks", "[odt]") {
  TempDir dir;
  const std::string text =
      R"(<text:p>Zie <text:a xlink:href="https://wetten.nl/x">de <text:span>Wet</text:span> op de toeslagen</text:a>)"
      R"( of <text:a xlink:href="https://x.nl">https://x.nl</text:a> en <text:a xlink:href="#a">Wet</text:a>)"
      R"(<text:a xlink:href="#b">geving</text:a>.</text:p>)"
      R"(<text:p>Geen <text:span>link</text:span>.</text:p>)";
  const ReadText read = read_odt(odt_with(dir, content_xml("", text)));
  REQUIRE(block_texts(read) ==
          std::vector<std::string>{"Zie de Wet op de toeslagen of https://x.nl en Wetgeving.", "Geen link."});
  // A link whose text is its address is skipped, not marked; links that touch are one mark.
  CHECK(mark_texts(read, read.blocks[0]) == std::vector<std::string>{"link:de Wet op de toeslagen", "link:Wetgeving"});
  CHECK(read.blocks[1].marks.empty());
  helder::test::check_read_text_invariants(read, read.text);
}

TEST_CASE("odt: a link in a pandoc document is a mark", "[odt]") {
  TempDir dir;
  const ReadText read = read_odt(pandoc_odt(dir, "Lees [de Wet op de toeslagen](https://wetten.overheid.nl/x).\n"));
  REQUIRE(block_texts(read) == std::vector<std::string>{"Lees de Wet op de toeslagen."});
  CHECK(mark_texts(read, read.blocks[0]) == std::vector<std::string>{"link:de Wet op de toeslagen"});
  helder::test::check_read_text_invariants(read, read.text);
}

TEST_CASE("odt: damaged, encrypted and other files give a clear Dutch error", "[odt]") {
  TempDir dir;
  const std::string password =
      "Dit document is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en probeer het opnieuw.";
  SECTION("not a zip") {
    CHECK(error_of("gewone tekst") ==
          "Dit OpenDocument-bestand kan niet worden geopend: het is beschadigd of het is geen "
          "OpenDocument-bestand. Open het in LibreOffice, sla het opnieuw op en probeer het nog eens.");
  }
  SECTION("a zip without content.xml") {
    CHECK_THAT(error_of(make_zip(dir, {{"mimetype", "application/vnd.oasis.opendocument.text"}})),
               Catch::Contains("content.xml ontbreekt"));
  }
  SECTION("broken XML names the part") {
    CHECK(error_of(odt_with(dir, "<office:document-content><office:body>")) ==
          "Dit OpenDocument-bestand kan niet worden gelezen: content.xml is beschadigd. Open het in LibreOffice, "
          "sla het opnieuw op en probeer het nog eens.");
  }
  SECTION("a password in the manifest") {
    Parts parts = unzip(pandoc_odt(dir, "Tekst.\n"));
    const std::string entry = R"(manifest:full-path="content.xml" manifest:version="1.2" />)";
    std::string& manifest = parts.at("META-INF/manifest.xml");
    const std::size_t at = manifest.find(entry);
    REQUIRE(at != std::string::npos);
    manifest.replace(at, entry.size(),
                     R"(manifest:full-path="content.xml" manifest:size="1200"><manifest:encryption-data )"
                     R"(manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm )"
                     R"(manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>)"
                     R"(</manifest:encryption-data></manifest:file-entry>)");
    CHECK(error_of(make_zip(dir, parts)) == password);
  }
  SECTION("an encrypted zip entry") {
    REQUIRE(zip_encryption_method_supported(ZIP_EM_AES_256, 1) == 1);
    CHECK(error_of(make_zip(dir, unzip(pandoc_odt(dir, "Tekst.\n")), {"content.xml", 0})) == password);
  }
  SECTION("a spreadsheet") {
    Parts parts = unzip(pandoc_odt(dir, "Tekst.\n"));
    parts["mimetype"] = "application/vnd.oasis.opendocument.spreadsheet";
    CHECK_THAT(error_of(make_zip(dir, parts)), Catch::StartsWith("Dit is geen OpenDocument-tekstbestand (.odt)"));
  }
  SECTION("a document without text") {
    CHECK(error_of(odt_with(dir, content_xml("", "<text:p/><text:p>  <text:s/> </text:p><text:h/>"))) ==
          "Dit document bevat geen tekst.");
  }
}

TEST_CASE("odt: helder check reports findings with the document paragraph", "[odt]") {
  TempDir dir;
  const fs::path odt = dir.write(
      "brief.odt", pandoc_odt(dir, "# Brief\n\nDank voor uw brief.\n\nIndien u bezwaar maakt, betalen wij ten behoeve "
                                   "van de kosten.\n"));
  const helder::test::RunResult r = helder::test::run_helder({"check", odt.string(), "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const nlohmann::json json = nlohmann::json::parse(r.out);
  bool found = false;
  for (const nlohmann::json& f : json["files"].at(0)["findings"]) {
    REQUIRE(f.contains("document"));
    if (f["text"] == "ten behoeve van") {
      found = true;
      CHECK(f["document"]["paragraph"] == 3);
      CHECK(f["document"]["offset"] == 36);
    }
  }
  CHECK(found);
}
