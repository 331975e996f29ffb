// Tests for input decoding and LineIndex (byte offsets, code point columns, UTF-16 columns).
#include <helder/text.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

using helder::decode_input;
using helder::InputError;
using helder::LineIndex;
using Position = helder::LineIndex::Position;

namespace {

std::string bytes(std::initializer_list<unsigned char> values) {
  std::string out;
  for (unsigned char v : values) out += static_cast<char>(v);
  return out;
}

bool is_boundary(std::string_view text, std::size_t i) {
  return i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

}  // namespace

TEST_CASE("valid UTF-8 is returned as is", "[text]") {
  const std::string input = "Één café, ’s morgens „zo” voor €5 😀\n";
  const auto decoded = decode_input(input);
  CHECK(decoded.utf8 == input);
  CHECK(decoded.encoding == "UTF-8");
  CHECK(decoded.note.empty());
}

TEST_CASE("a UTF-8 byte order mark is stripped", "[text]") {
  const auto decoded = decode_input("\xEF\xBB\xBF" "café");
  CHECK(decoded.utf8 == "café");
  CHECK(decoded.encoding == "UTF-8");
  CHECK(decoded.note.empty());
}

TEST_CASE("empty input gives empty text", "[text]") {
  const auto decoded = decode_input("");
  CHECK(decoded.utf8.empty());
  CHECK(decoded.encoding == "UTF-8");
  const auto only_bom = decode_input("\xEF\xBB\xBF");
  CHECK(only_bom.utf8.empty());
}

TEST_CASE("UTF-16 with a byte order mark is converted", "[text]") {
  // "é€😀\n": U+00E9, U+20AC, U+1F600 (surrogate pair D83D DE00), U+000A.
  const std::string little = bytes({0xFF, 0xFE, 0xE9, 0x00, 0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE, 0x0A, 0x00});
  const auto le = decode_input(little);
  CHECK(le.utf8 == "é€😀\n");
  CHECK(le.encoding == "UTF-16LE");
  CHECK_FALSE(le.note.empty());

  const std::string big = bytes({0xFE, 0xFF, 0x00, 0xE9, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00, 0x00, 0x0A});
  const auto be = decode_input(big);
  CHECK(be.utf8 == "é€😀\n");
  CHECK(be.encoding == "UTF-16BE");
}

TEST_CASE("UTF-16 without a byte order mark is recognised", "[text]") {
  std::string little;
  for (char c : std::string_view("Geachte heer,\r\n")) {
    little += c;
    little += '\0';
  }
  const auto decoded = decode_input(little);
  CHECK(decoded.utf8 == "Geachte heer,\r\n");
  CHECK(decoded.encoding == "UTF-16LE");
}

TEST_CASE("Windows-1252 input is converted", "[text]") {
  // "Café kost €5, zo’n „prijs”": é = E9, € = 80, ’ = 92, „ = 84, ” = 94.
  const std::string input = "Caf\xE9 kost \x80" "5, zo\x92n \x84prijs\x94";
  const auto decoded = decode_input(input);
  CHECK(decoded.utf8 == "Café kost €5, zo’n „prijs”");
  CHECK(decoded.encoding == "windows-1252");
  CHECK(decoded.note == "Dit bestand is geen UTF-8. helder heeft het gelezen als Windows-1252.");
}

TEST_CASE("bytes that Windows-1252 leaves undefined mean Latin-1", "[text]") {
  const std::string input = "caf\xE9\x81";
  const auto decoded = decode_input(input);
  CHECK(decoded.encoding == "ISO-8859-1");
  CHECK(decoded.utf8 == "café\xC2\x81");
  CHECK_FALSE(decoded.note.empty());
}

TEST_CASE("invalid UTF-8 forms are not accepted as UTF-8", "[text]") {
  CHECK(decode_input("\xC0\xAF").encoding == "windows-1252");      // overlong
  CHECK(decode_input("\xED\xA0\x80").encoding == "windows-1252");  // surrogate
  CHECK(decode_input("caf\xC3").encoding == "windows-1252");       // truncated
  CHECK(decode_input("\xF5\x80\x80\x80").encoding == "windows-1252");  // beyond U+10FFFF
  CHECK(decode_input("\xF0\x9F\x98\x80").encoding == "UTF-8");     // 😀
}

TEST_CASE("NUL bytes mean binary input", "[text]") {
  const std::string input("PK\x03\x04\0\0\x08\0binary", 14);
  CHECK_THROWS_AS(decode_input(input), InputError);
  CHECK_THROWS_WITH(decode_input(input), Catch::Contains("nul-bytes"));
  CHECK_THROWS_AS(decode_input(std::string("tekst\0", 6)), InputError);
}

TEST_CASE("line starts and ends", "[text]") {
  const std::string text = "één\r\ntwee\n\nlaatste";
  const LineIndex index(text);
  REQUIRE(index.line_count() == 4);
  CHECK(index.line_start(0) == 0);
  CHECK(index.line_end(0) == 5);  // "één" is 5 bytes; "\r\n" is the line end
  CHECK(index.line_start(1) == 7);
  CHECK(index.line_end(1) == 11);
  CHECK(index.line_start(2) == 12);
  CHECK(index.line_end(2) == 12);
  CHECK(index.line_start(3) == 13);
  CHECK(index.line_end(3) == text.size());
  CHECK(index.line_of(0) == 0);
  CHECK(index.line_of(6) == 0);  // the "\n" belongs to the line it ends
  CHECK(index.line_of(7) == 1);
  CHECK(index.line_of(12) == 2);
  CHECK(index.line_of(static_cast<std::uint32_t>(text.size())) == 3);
  CHECK(index.line_start(99) == text.size());
}

TEST_CASE("a text ending in a newline has an empty last line", "[text]") {
  const LineIndex index("a\n");
  CHECK(index.line_count() == 2);
  CHECK(index.to_utf16_position(2) == Position{1, 0});
  CHECK(index.from_utf16_position({1, 5}) == 2);
}

TEST_CASE("empty text has one empty line", "[text]") {
  const LineIndex index("");
  CHECK(index.line_count() == 1);
  CHECK(index.to_char_position(0) == Position{0, 0});
  CHECK(index.to_utf16_position(10) == Position{0, 0});
  CHECK(index.from_utf16_position({0, 3}) == 0);
  CHECK(index.from_char_position({4, 0}) == 0);
}

TEST_CASE("columns in code points and in UTF-16 units", "[text]") {
  // Bytes: é(2) ë(2) ï(2) ’(3) „(3) ”(3) €(3) 😀(4)
  const std::string text = "x é😀 ’n „€”\r\nïë";
  const LineIndex index(text);
  const auto at = [&](std::string_view needle) { return static_cast<std::uint32_t>(text.find(needle)); };

  CHECK(index.to_char_position(at("é")) == Position{0, 2});
  CHECK(index.to_utf16_position(at("é")) == Position{0, 2});
  CHECK(index.to_char_position(at("😀")) == Position{0, 3});
  CHECK(index.to_char_position(at(" ’n")) == Position{0, 4});
  CHECK(index.to_utf16_position(at(" ’n")) == Position{0, 5});  // the emoji counts two units
  CHECK(index.to_char_position(at("„")) == Position{0, 8});
  CHECK(index.to_utf16_position(at("€")) == Position{0, 10});
  CHECK(index.to_utf16_position(at("\r")) == Position{0, 12});  // offset at the line end
  CHECK(index.to_char_position(at("ï")) == Position{1, 0});
  CHECK(index.to_char_position(at("ë")) == Position{1, 1});
  CHECK(index.to_utf16_position(static_cast<std::uint32_t>(text.size())) == Position{1, 2});

  CHECK(index.from_utf16_position({0, 5}) == at(" ’n"));
  CHECK(index.from_char_position({0, 4}) == at(" ’n"));
  CHECK(index.from_utf16_position({0, 10}) == at("€"));
  CHECK(index.from_char_position({1, 1}) == at("ë"));
  // Inside the emoji's surrogate pair: the start of the emoji.
  CHECK(index.from_utf16_position({0, 4}) == at("😀"));
}

TEST_CASE("conversions clamp past the line end and past the text end", "[text]") {
  const std::string text = "één\r\ntwee";
  const LineIndex index(text);
  CHECK(index.from_utf16_position({0, 100}) == 5);  // before the "\r\n"
  CHECK(index.from_char_position({0, 3}) == 5);
  CHECK(index.from_char_position({0, 4}) == 5);
  CHECK(index.from_utf16_position({1, 100}) == text.size());
  CHECK(index.from_utf16_position({7, 0}) == text.size());
  CHECK(index.from_char_position({7, 3}) == text.size());
  CHECK(index.to_utf16_position(1000) == Position{1, 4});
  // An offset inside a character gets that character's column.
  CHECK(index.to_char_position(1) == Position{0, 0});
}

TEST_CASE("round trips for every character boundary", "[text]") {
  const std::string text =
      "Geachte heer Plasterk,\r\n\r\nWij lezen uw brief ’s morgens. „Eén” idee 😀 kost €5 — zo ïs het.\n"
      "👩‍👩‍👧 familie\n\n\ttab en ë\nlaatste regel zonder newline 🇳🇱";
  const LineIndex index(text);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (!is_boundary(text, i)) continue;
    // Between "\r" and "\n" is no position in the line: the line end clamps to before the "\r".
    if (i > 0 && i < text.size() && text[i] == '\n' && text[i - 1] == '\r') continue;
    const auto byte = static_cast<std::uint32_t>(i);
    INFO("byte " << i);
    const Position utf16 = index.to_utf16_position(byte);
    CHECK(index.from_utf16_position(utf16) == byte);
    const Position chars = index.to_char_position(byte);
    CHECK(index.from_char_position(chars) == byte);
    CHECK(chars.line == utf16.line);
    CHECK(chars.column <= utf16.column);
  }
}

TEST_CASE("a lone carriage return ends a line, as in LSP", "[text]") {
  const std::string text = "een\rtwee\r\ndrie\n\rvier";
  const LineIndex index(text);
  REQUIRE(index.line_count() == 5);
  CHECK(index.line_end(0) == 3);
  CHECK(index.line_start(1) == 4);
  CHECK(index.line_end(1) == 8);  // "\r\n" is one line end
  CHECK(index.line_start(2) == 10);
  CHECK(index.line_end(2) == 14);
  CHECK(index.line_start(3) == 15);  // "\n" then a lone "\r": an empty line
  CHECK(index.line_end(3) == 15);
  CHECK(index.line_start(4) == 16);
  CHECK(index.line_of(3) == 0);  // the "\r" belongs to the line it ends
  CHECK(index.line_of(16) == 4);
}

TEST_CASE("columns on long lines with ASCII runs, letters of two to four bytes and broken bytes", "[text]") {
  // The reference: one column per whole character (valid UTF-8 sequence), one per stray byte; a surrogate pair
  // (two UTF-16 units) for a character of four bytes. An offset inside a character gets that character's column.
  std::string text;
  const std::vector<std::string> pieces{"Indien u vragen heeft over deze brief, ", "é", "’", "😀", "\xC3", "\x80",
                                        "abcdefgh", "ij", "\xE2\x80", " "};
  std::uint32_t seed = 12345;
  for (int i = 0; i < 3000; ++i) {
    seed = seed * 1103515245u + 12345u;
    text += pieces[(seed >> 16) % pieces.size()];
    if ((seed >> 8) % 97 == 0) text += '\n';
  }
  const helder::LineIndex lines(text);
  std::uint32_t line = 0, chars = 0, units = 0;
  for (std::uint32_t i = 0; i <= text.size();) {
    // Every byte of the character that starts at i (its first byte included) has the column of that character.
    std::uint32_t length = 1;
    if (i < text.size() && text[i] != '\n') {
      const auto lead = static_cast<unsigned char>(text[i]);
      const std::uint32_t want = lead >= 0xF0 && lead <= 0xF7 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC0 ? 2 : 1;
      bool whole = i + want <= text.size();
      for (std::uint32_t k = 1; whole && k < want; ++k) whole = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
      length = whole ? want : 1;
    }
    for (std::uint32_t k = 0; k < length && i + k <= text.size(); ++k) {
      INFO("byte " << i + k);
      REQUIRE(lines.to_char_position(i + k) == helder::LineIndex::Position{line, chars});
      REQUIRE(lines.to_utf16_position(i + k) == helder::LineIndex::Position{line, units});
    }
    if (i == text.size()) break;
    if (text[i] == '\n') {
      ++line;
      chars = units = 0;
    } else {
      ++chars;
      units += length == 4 ? 2 : 1;
    }
    i += length;
  }
}
