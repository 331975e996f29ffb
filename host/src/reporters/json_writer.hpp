// A streaming JSON writer: appends compact JSON to a string as it goes, without building a document tree.
// The JSON, JSON Lines and SARIF reports write every finding through it, so memory does not grow with the
// number of findings and a finding costs no allocation beyond the output itself.
//
// Output is byte for byte what nlohmann::json::dump(-1) gives for the same values in the same key order
// (callers write keys in sorted order, as nlohmann's std::map objects do): strings escaped the same way,
// invalid UTF-8 replaced by U+FFFD, doubles in their shortest form with ".0" on whole numbers, NaN and
// infinity as null.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace helder {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The key of the next value in the open object.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();
  // A value that is JSON already (written once, used for many findings).
  JsonWriter& raw(std::string_view json);

  // Shorthands for a key and its value.
  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  // Appends `text` as a quoted, escaped JSON string.
  static void append_string(std::string& out, std::string_view text);

 private:
  void before_value();

  std::string& out_;
  std::vector<char> first_;  // per open object or array: no member written yet (char: vector<bool> is slow)
  bool after_key_ = false;
};

}  // namespace helder
