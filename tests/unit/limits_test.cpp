// One test per cap of limits.hpp: what lies just inside a cap is read, what lies beyond it gets a clear Dutch
// message (never an abort), through the readers, the real `helder` binary and the real language server. Big
// inputs are made in memory or in a temporary folder; none needs more than a few hundred MB.
#include "test_support.hpp"

#include "lsp_client.hpp"
#include "zip_test_support.hpp"

#include "../../host/src/readers/zip_archive.hpp"

#include <helder/check.hpp>
#include <helder/limits.hpp>
#include <helder/lsp/transport.hpp>
#include <helder/reader.hpp>
#include <helder/text.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

using namespace helder;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr auto kWait = std::chrono::seconds(60);

// Plain Dutch sentences, repeated up to `bytes` (cut at a character boundary: the text is ASCII).
std::string sentences(std::size_t bytes, std::string_view separator = " ") {
  static constexpr std::string_view sentence = "Wij sturen u deze brief over uw aanvraag.";
  std::string out;
  out.reserve(bytes + sentence.size() + separator.size());
  while (out.size() < bytes) {
    out += sentence;
    out += separator;
  }
  out.resize(bytes);
  return out;
}

// The message of the InputError that reading `source` as `format` throws; empty when it reads.
std::string read_error(std::string_view source, Format format) {
  try {
    read_text(source, format);
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

// Virtual memory of `bytes` zero bytes that is never touched: a size check sees a huge input without the machine
// holding it.
class Untouched {
 public:
  explicit Untouched(std::size_t bytes) : size_(bytes) {
    data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    REQUIRE(data_ != MAP_FAILED);
  }
  ~Untouched() { ::munmap(data_, size_); }
  Untouched(const Untouched&) = delete;
  Untouched& operator=(const Untouched&) = delete;
  std::string_view view() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_;
  std::size_t size_;
};

}  // namespace

// --- Files -----------------------------------------------------------------------------------------------

TEST_CASE("limits: a text file beyond the text cap gets a clear message from the CLI, as a file and on standard "
          "input", "[limits][cli]") {
  test::TempDir dir;
  const std::string text = sentences(limits::max_text_bytes + 1000, "\n\n");
  const fs::path file = dir.write("groot.txt", text);
  const std::string expected = limits::text_too_large_message();
  CHECK_THAT(expected, Catch::Contains("meer dan 256 MB") && Catch::Contains("Splits"));

  const test::RunResult from_file = test::run_helder({"check", file.string()});
  CHECK(from_file.exit_code == 2);
  CHECK_THAT(from_file.err, Catch::Contains("groot.txt: fout: " + expected));

  const test::RunResult from_stdin = test::run_helder({"check", "-"}, text);
  CHECK(from_stdin.exit_code == 2);
  CHECK_THAT(from_stdin.err, Catch::Contains("<stdin>: fout: " + expected));

  // The cap is the same before and after decoding; just inside it a text is decoded (its check is not for a
  // unit test: it takes minutes; tests/bench/archive_bench.cpp checks a text of 110 MB).
  CHECK(decode_input(std::string_view(text).substr(0, limits::max_text_bytes)).utf8.size() == limits::max_text_bytes);
  CHECK_THROWS_WITH(decode_input(std::string_view(text).substr(0, limits::max_text_bytes + 1)), expected);
  CHECK(read_error(std::string_view(text).substr(0, limits::max_text_bytes + 1), Format::PlainText) == expected);
}

TEST_CASE("limits: an endless standard input is read up to the cap, not to the end", "[limits][cli]") {
  const test::Child child = test::spawn_with_pipes({HELDER_BINARY, "check", "-"}, {}, {});
  const std::string chunk = sentences(1 << 20, "\n\n");
  std::uint64_t written = 0;
  std::thread writer([&] {
    // Stops when helder closes its end; 2 GiB is only a guard for a helder that would read on and on.
    while (written < (std::uint64_t{2} << 30)) {
      const ssize_t n = ::write(child.in, chunk.data(), chunk.size());
      if (n <= 0) break;
      written += static_cast<std::uint64_t>(n);
    }
    ::close(child.in);
  });
  std::string err;
  char buffer[4096];
  for (ssize_t n; (n = ::read(child.err, buffer, sizeof buffer)) > 0;) err.append(buffer, static_cast<std::size_t>(n));
  writer.join();
  ::close(child.out);
  ::close(child.err);
  int status = 0;
  ::waitpid(child.pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK_THAT(err, Catch::Contains(limits::text_too_large_message()));
  // What helder read, plus what the pipe and one chunk hold.
  CHECK(written < limits::max_text_bytes + (std::uint64_t{4} << 20));
}

TEST_CASE("limits: a document file beyond the file cap, and a PDF beyond poppler's, are refused unread",
          "[limits]") {
  const Untouched huge(limits::max_pdf_bytes + 1);
  CHECK_THROWS_WITH(read_document(huge.view().substr(0, limits::max_file_bytes + 1), Format::Docx),
                    limits::file_too_large_message());
  CHECK_THROWS_WITH(read_pdf(huge.view()), Catch::Contains("Deze pdf is te groot") && Catch::Contains("2 GB"));
  CHECK_THAT(limits::file_too_large_message(), Catch::Contains("meer dan 1 GB"));
}

TEST_CASE("limits: the text extracted from a document has the caps of a text file", "[limits]") {
  test::TempDir dir;
  const std::string body = "<w:p><w:r><w:t>" + sentences(limits::max_paragraph_bytes + 10) + "</w:t></w:r></w:p>";
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>)"
                          R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
                          "<w:body><w:p><w:r><w:t>Kop</w:t></w:r></w:p>" +
                          body + "</w:body></w:document>";
  const std::string docx = test::make_zip(dir, {{"word/document.xml", xml}});
  CHECK_THROWS_WITH(read_document(docx, Format::Docx),
                    Catch::StartsWith("Alinea 2 van dit document is te lang: meer dan 1 MB tekst."));
}

// --- Lines and paragraphs --------------------------------------------------------------------------------

TEST_CASE("limits: a line longer than 1 MB is refused with its number, a long line that is not prose is fine",
          "[limits]") {
  // A line of exactly the cap, the third of the file, is read; one byte more is not.
  const std::string line(limits::max_line_bytes, 'a');
  const std::string too_long =
      "Regel 3 is te lang: meer dan 1 MB zonder regeleinde. helder controleert regels tot 1 MB. Zet regeleinden in "
      "het bestand, bijvoorbeeld na elke alinea, en controleer het opnieuw.";
  for (const Format format : {Format::PlainText, Format::Markdown}) {
    INFO(to_string(format));
    CHECK(read_error("Kop\n\n" + line + "\n", format).empty());
    CHECK(read_error("Kop\n\n" + line + "a\n", format) == too_long);
  }
  const std::string paragraph = "<p>" + line.substr(7) + "</p>";
  CHECK(read_error("<h1>Kop</h1>\n\n" + paragraph + "\n", Format::Html).empty());
  CHECK(read_error("<h1>Kop</h1>\n\n" + paragraph + "a\n", Format::Html) == too_long);
  // Old Mac line ends are line ends.
  CHECK(read_error("Kop\r\r" + line + "\r\r" + line + "\r", Format::PlainText).empty());

  // Through the CLI, and an image embedded in Markdown as base64 (half a megabyte on one line) is checked.
  test::TempDir dir;
  dir.write("lang.md", "# Kop\n\n" + line + "a\n");
  dir.write("plaatje.md", "# Kop\n\nIndien u vragen heeft, belt u ons.\n\n![kaart](data:image/png;base64," +
                              std::string(512 << 10, 'Q') + ")\n");
  const test::RunResult r = test::run_helder({"check", "lang.md", "plaatje.md"}, "", dir.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("lang.md: fout: Regel 3 is te lang"));
  CHECK_THAT(r.out, Catch::Contains("plaatje.md:3:1:"));  // "Indien": checked
}

TEST_CASE("limits: a paragraph longer than 1 MB is refused where it starts, a sentence of 5,000 words is checked",
          "[limits]") {
  // A Word document saved as plain text: a line per paragraph, no blank lines, so one paragraph for helder.
  const std::string lines = sentences(limits::max_paragraph_bytes + 100, "\n");
  const std::string expected = "De alinea die begint op regel 3 is te lang: meer dan 1 MB tekst. helder controleert "
                               "alinea's tot 1 MB. Zet witregels tussen de alinea's en controleer de tekst opnieuw.";
  CHECK(read_error("Kop\n\n" + lines, Format::PlainText) == expected);
  CHECK(read_error("# Kop\n\n" + lines, Format::Markdown) == expected);
  CHECK(read_error("<!DOCTYPE html>\n<h1>Kop</h1>\n<p>" + lines + "</p>", Format::Html) == expected);
  // Split by blank lines, the same text is read.
  const std::string paragraphs = sentences(limits::max_paragraph_bytes + 100, "\n\n");
  CHECK(read_error("Kop\n\n" + paragraphs, Format::PlainText).empty());
  CHECK(read_error("Kop\n\n" + lines.substr(0, limits::max_paragraph_bytes), Format::PlainText).empty());

  // helder's users check laws: a sentence of 5,000 words is checked like any other.
  test::TempDir dir;
  std::vector<std::string> messages;
  const Engine engine(test::config_from("", dir.path()), test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  std::string sentence = "De";
  for (int i = 1; i < 500; ++i) sentence += " gemeente stuurt u een brief over uw aanvraag en de";
  sentence += " gemeente stuurt u een brief over uw aanvraag nu.\n";  // 1 + 499 * 10 + 9 words
  const FileReport report = check_bytes(sentence, "wet.txt", "wet.txt", engine);
  REQUIRE_FALSE(report.error);
  CHECK(std::any_of(report.findings.begin(), report.findings.end(), [](const Finding& f) {
    return f.rule_id == "rijksoverheid.sentence-length" && f.message.find("5000 woorden") != std::string::npos;
  }));
}

// --- Nesting ---------------------------------------------------------------------------------------------

TEST_CASE("limits: Markdown nested deeper than 1,024 blocks and spans is refused, deep real nesting is read",
          "[limits]") {
  const std::string quotes(2 * limits::max_nesting_depth, '>');
  CHECK_THAT(read_error(quotes + " Tekst.\n", Format::Markdown),
             Catch::StartsWith("Deze Markdown-tekst is te diep genest: meer dan 1024 lagen in elkaar") &&
                 Catch::Contains("bij regel 1"));
  std::string emphasis = "Kop\n\n";
  for (std::uint32_t i = 0; i < 2 * limits::max_nesting_depth; ++i) emphasis += "*w ";
  for (std::uint32_t i = 0; i < 2 * limits::max_nesting_depth; ++i) emphasis += "w* ";
  CHECK_THAT(read_error(emphasis + "\n", Format::Markdown),
             Catch::Contains("te diep genest") && Catch::Contains("bij regel 3"));
  std::string lists;
  for (int i = 0; i < 40; ++i) lists += std::string(static_cast<std::size_t>(2 * i), ' ') + "- punt " + std::to_string(i) + "\n";
  CHECK(read_error(std::string(100, '>') + " Tekst.\n\n" + lists, Format::Markdown).empty());
}

TEST_CASE("limits: the Markdown reader stays linear in inline HTML and deep spans", "[limits]") {
  // Each inline tag used to search the rest of the file for a comment, and each piece of text walked every open
  // span: 50,000 tags took minutes in a debug build. The ctest timeout guards these.
  std::string tags;
  for (int i = 0; i < 50'000; ++i) tags += "<b>woord</b> ";
  const ReadText read = read_text(tags + "\n", Format::Markdown);
  REQUIRE(read.blocks.size() == 1);
  CHECK(read.blocks[0].range.end - read.blocks[0].range.start == 50'000 * 6 - 1);  // "woord " 50,000 times
  std::string spans = "Kop\n\n";
  for (std::uint32_t i = 0; i < limits::max_nesting_depth - 10; ++i) spans += "*w ";
  for (std::uint32_t i = 0; i < limits::max_nesting_depth - 10; ++i) spans += "w* ";
  CHECK(read_error(spans + "\n", Format::Markdown).empty());
}

TEST_CASE("limits: HTML nesting and attributes at their caps", "[limits]") {
  auto divs = [](std::uint32_t depth) {
    std::string html;
    for (std::uint32_t i = 0; i < depth; ++i) html += "<div>";
    return html + "Diep genest.";
  };
  CHECK(read_error(divs(limits::max_nesting_depth), Format::Html).empty());
  CHECK_THAT(read_error(divs(limits::max_nesting_depth + 1), Format::Html),
             Catch::Contains("te diep genest: er zitten meer dan 1024 elementen in elkaar"));
  auto attributes = [](std::uint32_t count) {
    std::string html = "<p";
    for (std::uint32_t i = 0; i < count; ++i) html += " a" + std::to_string(i) + "='x'";
    return html + ">Tekst.</p>";
  };
  CHECK(read_error(attributes(limits::max_html_attributes), Format::Html).empty());
  CHECK_THAT(read_error(attributes(limits::max_html_attributes + 1), Format::Html),
             Catch::Contains("meer dan 1000 attributen"));
}

TEST_CASE("limits: Word and OpenDocument XML nested deeper than 400 is refused", "[limits]") {
  test::TempDir dir;
  auto docx = [&](std::uint32_t depth) {
    std::string nested;
    for (std::uint32_t i = 0; i < depth; ++i) nested += "<w:sdt><w:sdtContent>";
    nested += "<w:p><w:r><w:t>Diep.</w:t></w:r></w:p>";
    for (std::uint32_t i = 0; i < depth; ++i) nested += "</w:sdtContent></w:sdt>";
    return test::make_zip(dir, {{"word/document.xml",
                                 R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
                                 "<w:body>" + nested + "</w:body></w:document>"}});
  };
  CHECK_NOTHROW(read_document(docx(limits::max_xml_depth / 4), Format::Docx));
  CHECK_THROWS_WITH(read_document(docx(limits::max_xml_depth + 1), Format::Docx),
                    Catch::Contains("word/document.xml is beschadigd"));
  auto odt = [&](std::uint32_t depth) {
    std::string nested;
    for (std::uint32_t i = 0; i < depth; ++i) nested += "<text:section>";
    nested += "<text:p>Diep.</text:p>";
    for (std::uint32_t i = 0; i < depth; ++i) nested += "</text:section>";
    return test::make_zip(dir, {{"mimetype", "application/vnd.oasis.opendocument.text"},
                                {"content.xml",
                                 R"(<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
                                 R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>)" +
                                     nested + "</office:text></office:body></office:document-content>"}});
  };
  CHECK_NOTHROW(read_document(odt(limits::max_xml_depth / 4), Format::Odt));
  CHECK_THROWS_WITH(read_document(odt(limits::max_xml_depth + 1), Format::Odt),
                    Catch::Contains("content.xml is beschadigd"));
}

// --- Zip containers --------------------------------------------------------------------------------------

TEST_CASE("limits: a zip with too many entries, or that inflates beyond its caps, is refused", "[limits]") {
  // The real caps are limits.hpp's; with them, docx_reader_test checks a zip of 10,001 entries and a part that
  // inflates to 257 MB ("too many entries", "a part that inflates to more than 256 MB"). Writing such zips takes
  // the disk a while, so here the same checks run with small caps.
  CHECK(ZipLimits{}.max_entries == limits::max_zip_entries);
  CHECK(ZipLimits{}.max_part_bytes == limits::max_zip_part_bytes);
  CHECK(ZipLimits{}.max_total_bytes == limits::max_zip_total_bytes);
  const DocumentKind word{"Word-bestand", "Word"};
  test::TempDir dir;
  test::ZipParts parts;
  for (int i = 0; i < 10; ++i) parts["deel/" + std::to_string(i)] = "";
  CHECK_NOTHROW(ZipArchive(test::make_zip(dir, parts), word, ZipLimits{10, 1 << 20, 1 << 20}));
  parts["deel/10"] = "";
  CHECK_THROWS_WITH(ZipArchive(test::make_zip(dir, parts), word, ZipLimits{10, 1 << 20, 1 << 20}),
                    Catch::Contains("bestaat uit meer dan 10 onderdelen"));

  // One part within its cap, the total over all parts beyond it: two parts of 1 MB, 1.5 MB in all.
  const std::string megabyte(1 << 20, 'a');
  const std::string two_parts = test::make_zip(dir, {{"a", megabyte}, {"b", megabyte}});
  ZipArchive zip(two_parts, word, ZipLimits{10, 1 << 20, 3 << 19});
  CHECK(zip.read("a") == megabyte);
  CHECK_THROWS_WITH(zip.read("b"), Catch::Contains("uitgepakt is het meer dan 1 MB"));
  ZipArchive one_part(two_parts, word, ZipLimits{10, (1 << 20) - 1, 4 << 20});
  CHECK_THROWS_WITH(one_part.read("a"), Catch::Contains("Dit document is te groot om te controleren: uitgepakt"));
}

// --- Language server -------------------------------------------------------------------------------------

TEST_CASE("limits: the LSP framing skips a message beyond 64 MB as it arrives and reads the next one",
          "[limits][lsp]") {
  lsp::FrameParser parser;
  const std::uint64_t length = limits::max_lsp_message_bytes + 1;
  parser.feed("Content-Length: " + std::to_string(length) + "\r\n\r\n");
  const std::optional<lsp::Frame> skipped = parser.next();
  REQUIRE(skipped);
  CHECK(skipped->kind == lsp::Frame::Kind::Error);
  CHECK(skipped->oversized == length);
  const std::string chunk(1 << 20, 'x');
  for (std::uint64_t sent = 0; sent < length;) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), length - sent));
    parser.feed(std::string_view(chunk).substr(0, n));
    sent += n;
    CHECK_FALSE(parser.next());
    CHECK(parser.buffered() == 0);  // never held
  }
  parser.feed(lsp::frame("{\"id\":1}"));
  const std::optional<lsp::Frame> next = parser.next();
  REQUIRE(next);
  CHECK(next->kind == lsp::Frame::Kind::Message);
  CHECK(next->body == "{\"id\":1}");
  // A message of exactly the cap is a message: no error, its body is awaited.
  lsp::FrameParser exact;
  exact.feed("Content-Length: " + std::to_string(limits::max_lsp_message_bytes) + "\r\n\r\n");
  CHECK_FALSE(exact.next());
}

namespace {

void initialize(test::LspProcess& server, const fs::path& root) {
  server.send({{"jsonrpc", "2.0"}, {"id", 0}, {"method", "initialize"},
               {"params", {{"rootUri", test::uri_of(root)}, {"capabilities", json::object()},
                           {"initializationOptions", {{"debounceMs", 0}}}}}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == 0; }, kWait));
  server.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
}

json did_open(const std::string& uri, const std::string& text) {
  return {{"jsonrpc", "2.0"}, {"method", "textDocument/didOpen"},
          {"params", {{"textDocument", {{"uri", uri}, {"languageId", "plaintext"}, {"version", 1}, {"text", text}}}}}};
}

json diagnostics_of(test::LspProcess& server, const std::string& uri, std::int64_t version) {
  auto m = server.receive_if(
      [&](const json& m) {
        return m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri &&
               m["params"].value("version", -1) == version;
      },
      kWait);
  REQUIRE(m);
  return (*m)["params"]["diagnostics"];
}

std::string window_message(test::LspProcess& server) {
  auto m = server.receive_if([](const json& m) { return m.value("method", "") == "window/showMessage"; }, kWait);
  REQUIRE(m);
  return (*m)["params"]["message"].get<std::string>();
}

void shut_down(test::LspProcess& server) {
  server.send({{"jsonrpc", "2.0"}, {"id", "stop"}, {"method", "shutdown"}});
  REQUIRE(server.receive_if([](const json& m) { return m.value("id", json()) == "stop"; }, kWait));
  server.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  CHECK(server.wait(kWait) == 0);
}

}  // namespace

TEST_CASE("limits: the language server skips a message beyond 64 MB, says so, and goes on", "[limits][lsp]") {
  test::TempDir dir;
  test::LspProcess server({HELDER_BINARY, {}, {}, dir.path()});
  initialize(server, dir.path());
  // A real didOpen of a text of 64 MB, framed by hand and sent in two writes (no copy of 64 MB more).
  const std::string uri = test::uri_of(dir.path() / "groot.txt");
  std::string body = did_open(uri, "").dump();
  const std::size_t text_at = body.find("\"text\":\"") + 8;
  body.insert(text_at, sentences(limits::max_lsp_message_bytes));
  REQUIRE(body.size() > limits::max_lsp_message_bytes);
  server.send_raw("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  server.send_raw(body);
  body = std::string();
  CHECK_THAT(window_message(server), Catch::Contains("een bericht van meer dan 64 MB") &&
                                         Catch::Contains("documenten tot 8 MB") && Catch::Contains("helder check"));
  // The server goes on.
  const std::string small = test::uri_of(dir.path() / "brief.txt");
  server.send(did_open(small, "Indien u vragen heeft, belt u ons.\n"));
  const json diagnostics = diagnostics_of(server, small, 1);
  CHECK_FALSE(diagnostics.empty());
  shut_down(server);
}

TEST_CASE("limits: a document beyond 8 MB in the editor gets one diagnostic and a message, and stays in step",
          "[limits][lsp]") {
  test::TempDir dir;
  test::LspProcess server({HELDER_BINARY, {}, {}, dir.path()});
  initialize(server, dir.path());
  const std::string uri = test::uri_of(dir.path() / "groot.txt");
  server.send(did_open(uri, "Eerste regel.\n" + sentences(limits::max_editor_document_bytes, "\n\n")));
  const json diagnostics = diagnostics_of(server, uri, 1);
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["code"] == "input");
  CHECK(diagnostics[0]["range"]["start"] == json{{"line", 0}, {"character", 0}});
  CHECK(diagnostics[0]["range"]["end"] == json{{"line", 0}, {"character", 13}});
  const std::string expected =
      "Dit document is te groot om in de editor te controleren: meer dan 8 MB. helder controleert in de editor "
      "documenten tot 8 MB. Splits de tekst in kleinere bestanden, of controleer dit bestand met 'helder check' "
      "(tot 256 MB).";
  CHECK(diagnostics[0]["message"] == expected);
  CHECK(window_message(server) == expected);
  // Hover, code actions and the like answer on it.
  server.send({{"jsonrpc", "2.0"}, {"id", 7}, {"method", "textDocument/codeAction"},
               {"params", {{"textDocument", {{"uri", uri}}},
                           {"range", {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 1}}}}},
                           {"context", {{"diagnostics", diagnostics}}}}}});
  const auto actions = server.receive_if([](const json& m) { return m.value("id", json()) == 7; }, kWait);
  REQUIRE(actions);
  CHECK(actions->contains("result"));
  // An edit that makes it small: checked again.
  server.send({{"jsonrpc", "2.0"}, {"method", "textDocument/didChange"},
               {"params", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                           {"contentChanges", json::array({{{"text", "Indien u vragen heeft, belt u ons.\n"}}})}}}});
  const json after = diagnostics_of(server, uri, 2);
  REQUIRE_FALSE(after.empty());
  for (const json& d : after) CHECK(d["code"] != "input");

  // Within the size, a line too long for the readers: the reader's message, the same way.
  const std::string one_line = test::uri_of(dir.path() / "regel.txt");
  server.send(did_open(one_line, std::string(limits::max_line_bytes + 1, 'a')));
  const json line_diagnostics = diagnostics_of(server, one_line, 1);
  REQUIRE(line_diagnostics.size() == 1);
  CHECK_THAT(line_diagnostics[0]["message"].get<std::string>(), Catch::StartsWith("Regel 1 is te lang"));
  CHECK_THAT(window_message(server), Catch::StartsWith("Regel 1 is te lang"));
  shut_down(server);
}
