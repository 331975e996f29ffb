// JsonWriter (host/src/reporters/json_writer.cpp), the streaming writer behind the JSON, JSON Lines and SARIF
// reports: the same bytes as nlohmann::json::dump(-1) for the same values, valid JSON for invalid UTF-8.
#include "../../host/src/reporters/json_writer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using helder::JsonWriter;

namespace {

std::string written_string(std::string_view s) {
  std::string out;
  JsonWriter(out).value(s);
  return out;
}

std::string written_double(double d) {
  std::string out;
  JsonWriter(out).value(d);
  return out;
}

}  // namespace

TEST_CASE("JsonWriter escapes strings as nlohmann does", "[json-writer]") {
  for (const std::string& s : {std::string("gewoon"), std::string("\"aanhaling\" en \\ schuin"),
                              std::string("regel\neen\rtwee\tdrie\b\f"), std::string("\x01\x1f\x7f"),
                              std::string("«Elke regio telt» – één café 😀"), std::string("")}) {
    INFO(s);
    CHECK(written_string(s) == nlohmann::json(s).dump());
  }
}

TEST_CASE("JsonWriter writes numbers as nlohmann does", "[json-writer]") {
  for (const double d : {0.0, 12.0, 12.3, -4.5, 63.7, 100.0, 0.1, 1e21, -0.0}) {
    INFO(d);
    CHECK(written_double(d) == nlohmann::json(d).dump());
  }
  std::string out;
  JsonWriter(out).begin_array().value(std::int64_t{-3}).value(std::uint64_t{18446744073709551615ull}).end_array();
  CHECK(out == nlohmann::json::array({-3, 18446744073709551615ull}).dump());
}

TEST_CASE("JsonWriter replaces invalid UTF-8 and stays parseable", "[json-writer]") {
  const std::string bad = std::string("a\xA9") + "b\xC3" + "\xED\xA0\x80" + "\xF4\x90\x80\x80" + "c\xE2\x82";
  const std::string out = written_string(bad);
  const nlohmann::json parsed = nlohmann::json::parse(out);  // throws on invalid JSON or UTF-8
  const std::string text = parsed.get<std::string>();
  CHECK(text.starts_with("a\xEF\xBF\xBD" "b\xEF\xBF\xBD"));
  CHECK(text.find('c') != std::string::npos);
  CHECK(text.find("\xA9") == std::string::npos);
}

TEST_CASE("JsonWriter nests objects and arrays with commas in the right places", "[json-writer]") {
  std::string out;
  JsonWriter w(out);
  w.begin_object().field("a", 1).key("b").begin_array().value("x").begin_object().end_object().null().end_array();
  w.key("c").begin_object().field("d", true).field("e", false).end_object().end_object();
  CHECK(out == R"({"a":1,"b":["x",{},null],"c":{"d":true,"e":false}})");
  CHECK(nlohmann::json::parse(out).dump() == out);
}

// The writer checks eight bytes at a time and the rest one by one: a character that needs escaping (or a letter of
// more than one byte) is found at every place of a string, in a value and in a key.
TEST_CASE("JsonWriter finds what needs escaping at every place of a string", "[json-writer]") {
  for (const std::string special : {"\"", "\\", "\n", "\x01", "\x1f", "é", "€", "😀", "\x7f"}) {
    for (std::size_t length = 0; length <= 20; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        const std::string s = std::string(at, 'a') + special + std::string(length - at, 'b');
        INFO(length << " " << at << " " << s);
        REQUIRE(written_string(s) == nlohmann::json(s).dump());
        std::string out;
        JsonWriter(out).begin_object().field(s, 1).end_object();
        REQUIRE(out == nlohmann::json{{s, 1}}.dump());
      }
    }
  }
  const std::string long_key(100, 'k');  // longer than the writer's buffer for keys
  std::string out;
  JsonWriter(out).begin_object().field(long_key, "v").end_object();
  CHECK(out == nlohmann::json{{long_key, "v"}}.dump());
}
