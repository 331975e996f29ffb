// Tests for the PDF reader: letters written at test time by cairo (tests/documents/make_test_pdf.c) and
// broken or protected files made from them with qpdf, read through the real poppler.
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include "read_text_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

using helder::BlockKind;
using helder::InputError;
using helder::Origin;
using helder::read_pdf;
using helder::ReadText;
using helder::test::block_texts;
using helder::test::TempDir;

namespace {

// Runs the real cairo tool on `description` and returns the PDF's bytes.
std::string make_pdf(const TempDir& dir, const std::string& name, const std::string& description) {
  const auto description_path = dir.write(name + ".txt", description);
  const auto pdf_path = dir.path() / (name + ".pdf");
  const std::string command = std::string("'") + HELDER_MAKE_TEST_PDF + "' '" + description_path.string() + "' '" +
                              pdf_path.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return helder::test::read_file(pdf_path);
}

int run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

std::string header(int page) {
  return "text 72 40 8 Tweede Kamer, vergaderjaar 2022–2023, 36 338, nr. 1 " + std::to_string(page) + "\n";
}

std::string footer(int page) { return "text 280 815 8 Pagina " + std::to_string(page) + " van 3\n"; }

// A Dutch letter of three A4 pages in 11 point type, 14 points from line to line, a blank line between
// paragraphs; a running header and a page number on every page, and a footnote on page 1.
std::string letter() {
  return "page\n" + header(1) +
         "text 72 100 14b Verkiezingen in Noord-Holland\n"
         "text 72 140 11 Geachte voorzitter, hierbij stuur ik u de brief over de\n"
         "text 72 154 11 verkiezings-\n"
         "text 72 168 11 uitslag in Noord-\n"
         "text 72 182 11 Holland. De gemeente zal tot uitvoering\n"
         "text 72 196 11 overgaan.\n"
         "more 4 7 3\n"
         "more 0 11  De minister is daarover geïnformeerd.\n"
         "text 72 224 11 Het college heeft het „plan van aanpak” op 12 mei vastgesteld. De\n"
         "text 72 238 11 reactie van de raad is één en al lof – en die van de AOW-\n"
         "text 72 252 11 uitkeringsgerechtigden ook. De inwoners van de gemeente krijgen de\n"
         "text 72 266 11 auto’s terug en de gemeente zal hen over de plannen van de\n"
         "text 72 760 7 3\n"
         "text 80 760 7 Zie de brief van 12 mei 2023 over de uitslag (Kamerstuk 36 338, nr. 2). De brief\n"
         "text 80 769 7 staat op de website van de Tweede Kamer.\n" +
         footer(1) +
         "page\n" + header(2) +
         "text 72 100 11 provincie informeren. Dat gebeurt in een brief.\n"
         "text 72 128 11 Indien het nodig is, komt er een extra vergadering van de raad.\n"
         "text 72 156 11 Wat gaat er gebeuren?\n"
         "text 72 170 11 • De raad besluit in juni.\n"
         "text 72 184 11 • De provincie krijgt de uitslag in juli.\n" +
         footer(2) +
         "page\n" + header(3) +
         "text 72 100 11 Hoogachtend,\n"
         "text 72 128 11 De minister van Binnenlandse Zaken en Koninkrijksrelaties.\n" +
         footer(3);
}

std::string simple_page(const std::string& line) { return "page\ntext 72 100 11 " + line + "\n"; }

}  // namespace

TEST_CASE("pdf: a three-page letter becomes its paragraphs, with pages as origins", "[pdf]") {
  TempDir dir;
  const ReadText read = read_pdf(make_pdf(dir, "letter", letter()));
  const std::vector<std::string> expected = {
      "Verkiezingen in Noord-Holland",
      "Geachte voorzitter, hierbij stuur ik u de brief over de verkiezingsuitslag in Noord-Holland. De gemeente "
      "zal tot uitvoering overgaan. De minister is daarover geïnformeerd.",
      "Het college heeft het „plan van aanpak” op 12 mei vastgesteld. De reactie van de raad is één en al lof – en "
      "die van de AOW-uitkeringsgerechtigden ook. De inwoners van de gemeente krijgen de auto’s terug en de "
      "gemeente zal hen over de plannen van de provincie informeren. Dat gebeurt in een brief.",
      "Zie de brief van 12 mei 2023 over de uitslag (Kamerstuk 36 338, nr. 2). De brief staat op de website van de "
      "Tweede Kamer.",
      "Indien het nodig is, komt er een extra vergadering van de raad.",
      "Wat gaat er gebeuren?",
      "De raad besluit in juni.",
      "De provincie krijgt de uitslag in juli.",
      "Hoogachtend,",
      "De minister van Binnenlandse Zaken en Koninkrijksrelaties.",
  };
  CHECK(block_texts(read) == expected);
  REQUIRE(read.blocks.size() == expected.size());
  CHECK(read.blocks[0].kind == BlockKind::Heading);
  CHECK(read.blocks[1].kind == BlockKind::Paragraph);
  CHECK(read.blocks[6].kind == BlockKind::ListItem);
  CHECK(read.blocks[7].kind == BlockKind::ListItem);

  // Blocks are separated by an empty line; the text is what reports show, so there is no source map.
  for (std::size_t i = 1; i < read.blocks.size(); ++i)
    CHECK(read.text.substr(read.blocks[i - 1].range.end, read.blocks[i].range.start - read.blocks[i - 1].range.end) ==
          "\n\n");
  CHECK(read.map.identity());

  // One origin a block, on the page where the block starts: the paragraph that crosses the page break
  // starts on page 1, and the footnote of page 1 follows it.
  const std::vector<std::uint32_t> pages = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3};
  REQUIRE(read.origins.size() == read.blocks.size());
  for (std::size_t i = 0; i < read.blocks.size(); ++i)
    CHECK(read.origins[i] == Origin{read.blocks[i].range.start, 0, pages[i]});

  // Nothing of the running header, the page numbers or the footnote reference is left.
  CHECK(read.text.find("vergaderjaar") == std::string::npos);
  CHECK(read.text.find("Pagina") == std::string::npos);
  CHECK(read.text.find("overgaan.3") == std::string::npos);
}

TEST_CASE("pdf: hyphens at line ends stay where Dutch keeps them", "[pdf]") {
  TempDir dir;
  const ReadText read = read_pdf(make_pdf(dir, "hyphens",
                                          "page\n"
                                          "text 72 100 11 De e-\n"
                                          "text 72 114 11 mail over de 2022-\n"
                                          "text 72 128 11 2023 begroting kwam van de zee-\n"
                                          "text 72 142 11 egel en ging over de be-\n"
                                          "text 72 156 11 eindiging van het project –\n"
                                          "text 72 170 11 zonder meer. De gemeente-\n"
                                          "text 72 184 11 raad stemt -\n"
                                          "text 72 198 11 niet altijd - in.\n"));
  CHECK(block_texts(read) == std::vector<std::string>{
                                 "De e-mail over de 2022-2023 begroting kwam van de zee-egel en ging over de "
                                 "beëindiging van het project – zonder meer. De gemeenteraad stemt - niet altijd - in."});
}

TEST_CASE("pdf: a page number alone and a running footer are left out of a one-page letter", "[pdf]") {
  TempDir dir;
  for (const std::string number : {"3", "- 3 -", "Pagina 3 van 7", "3/7", "3 / 7"}) {
    const ReadText read = read_pdf(make_pdf(dir, "number", simple_page("De brief is klaar.") +
                                                               "text 290 815 9 " + number + "\n"));
    CHECK(block_texts(read) == std::vector<std::string>{"De brief is klaar."});
  }
}

TEST_CASE("pdf: footnotes that differ only in their numbers are not taken for a running footer", "[pdf]") {
  TempDir dir;
  const ReadText read = read_pdf(make_pdf(dir, "notes",
                                          "page\n"
                                          "text 72 100 11 De eerste brief ging over de kosten.\n"
                                          "more 4 7 1\n"
                                          "text 72 780 7 1 Kamerstuk 36 338, nr. 2.\n"
                                          "page\n"
                                          "text 72 100 11 De tweede brief ging over de baten.\n"
                                          "more 4 7 2\n"
                                          "text 72 780 7 2 Kamerstuk 36 338, nr. 3.\n"));
  CHECK(block_texts(read) == std::vector<std::string>{"De eerste brief ging over de kosten.", "Kamerstuk 36 338, nr. 2.",
                                                      "De tweede brief ging over de baten.", "Kamerstuk 36 338, nr. 3."});
  CHECK(read.origins == std::vector<Origin>{{0, 0, 1}, {38, 0, 1}, {64, 0, 2}, {101, 0, 2}});
}

TEST_CASE("pdf: footnotes of several lines, with raised or plain numbers, become blocks of their own", "[pdf]") {
  TempDir dir;
  const ReadText read = read_pdf(make_pdf(dir, "footnotes",
                                          "page\n"
                                          "text 72 100 11 De wet gaat in op 1 juli.\n"
                                          "more 4 7 1\n"
                                          "more 0 11  De regels voor de gemeenten staan in het\n"
                                          "text 72 114 11 besluit.\n"
                                          "more 4 7 2\n"
                                          "more 0 11  Meer informatie over de wet volgt later.\n"
                                          "text 72 750 5 1\n"
                                          "more -3 7  Staatsblad 2023, 12. De wet is door beide\n"
                                          "text 80 759 7 Kamers aangenomen.\n"
                                          "text 72 768 7 2 Staatsblad 2023, 13.\n"
                                          "text 290 815 9 - 1 -\n"));
  CHECK(block_texts(read) ==
        std::vector<std::string>{"De wet gaat in op 1 juli. De regels voor de gemeenten staan in het besluit. Meer "
                                 "informatie over de wet volgt later.",
                                 "Staatsblad 2023, 12. De wet is door beide Kamers aangenomen.", "Staatsblad 2023, 13."});
}

TEST_CASE("pdf: a scan without a text layer is refused with a clear message", "[pdf]") {
  TempDir dir;
  const std::string scan = make_pdf(dir, "scan", "page\nimage 40 40 515 760\npage\nimage 40 40 515 760\n");
  CHECK_THROWS_WITH(read_pdf(scan), Catch::Contains("Deze pdf bevat geen tekst, alleen afbeeldingen") &&
                                        Catch::Contains("waarschijnlijk een scan"));
}

TEST_CASE("pdf: empty documents are refused", "[pdf]") {
  TempDir dir;
  // A page with nothing on it.
  CHECK_THROWS_WITH(read_pdf(make_pdf(dir, "blank", "page\n")), Catch::Contains("geen tekst"));
  // A PDF without pages, as qpdf makes it.
  const auto no_pages = dir.path() / "no-pages.pdf";
  REQUIRE(run("qpdf --empty '" + no_pages.string() + "'") == 0);
  CHECK_THROWS_WITH(read_pdf(helder::test::read_file(no_pages)), Catch::Contains("geen pagina's"));
}

TEST_CASE("pdf: damaged files are refused with a clear message", "[pdf]") {
  TempDir dir;
  const std::string good = make_pdf(dir, "good", simple_page("De brief is klaar."));
  REQUIRE(block_texts(read_pdf(good)) == std::vector<std::string>{"De brief is klaar."});

  SECTION("cut off halfway") {
    CHECK_THROWS_AS(read_pdf(std::string_view(good).substr(0, good.size() / 2)), InputError);
    CHECK_THROWS_WITH(read_pdf(std::string_view(good).substr(0, good.size() - 200)),
                      Catch::Contains("beschadigd of niet compleet"));
  }
  SECTION("garbage after the header") {
    std::string garbage = "%PDF-1.7\n";
    for (int i = 0; i < 400; ++i) garbage += static_cast<char>((i * 7919) % 251);
    CHECK_THROWS_WITH(read_pdf(garbage), Catch::Contains("beschadigd"));
    CHECK_THROWS_WITH(read_pdf(garbage + "\n%%EOF\n"), Catch::Contains("beschadigd"));
  }
  SECTION("nothing but the header") { CHECK_THROWS_AS(read_pdf("%PDF-"), InputError); }
}

TEST_CASE("pdf: a password-protected file is refused, one with only an owner password is read", "[pdf]") {
  TempDir dir;
  make_pdf(dir, "open", simple_page("De brief is klaar."));
  const std::string open = (dir.path() / "open.pdf").string();
  const std::string locked = (dir.path() / "locked.pdf").string();
  const std::string restricted = (dir.path() / "restricted.pdf").string();
  REQUIRE(run("qpdf --encrypt user owner 256 -- '" + open + "' '" + locked + "'") == 0);
  // Only an owner password (printing and copying may be restricted): it opens without a password.
  REQUIRE(run("qpdf --encrypt '' owner 256 --extract=n -- '" + open + "' '" + restricted + "'") == 0);

  CHECK_THROWS_WITH(read_pdf(helder::test::read_file(locked)),
                    Catch::StartsWith("Deze pdf is beveiligd met een wachtwoord."));
  CHECK(block_texts(read_pdf(helder::test::read_file(restricted))) == std::vector<std::string>{"De brief is klaar."});
}

TEST_CASE("pdf: helder check finds a sentence on page 2 of a PDF letter and names the page", "[pdf]") {
  TempDir dir;
  make_pdf(dir, "brief", letter());
  const auto result = helder::test::run_helder({"check", (dir.path() / "brief.pdf").string(), "--format", "json"});
  INFO(result.err);
  REQUIRE(result.out.find('{') != std::string::npos);
  const auto json = nlohmann::json::parse(result.out);
  bool found = false;
  std::function<void(const nlohmann::json&)> visit = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      // A finding: {"rule": ..., "text": "Indien", "document": {"page": 2, ...}, ...}
      if (node.contains("rule") && node.contains("text") && node["text"].is_string() &&
          node["text"].get<std::string>().find("ndien") != std::string::npos) {
        INFO(node.dump());
        REQUIRE(node.contains("document"));
        CHECK(node["document"]["page"] == 2);
        found = true;
      }
      for (const auto& [key, value] : node.items()) visit(value);
    } else if (node.is_array()) {
      for (const auto& value : node) visit(value);
    }
  };
  visit(json);
  CHECK(found);
}
