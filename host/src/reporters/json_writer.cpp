#include "json_writer.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace helder {

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one (overlong forms, surrogates and code
// points past U+10FFFF are invalid too).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  const auto continuation = [&](std::size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  if (b >= 0xC2 && b <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!continuation(i + 1) || !continuation(i + 2)) return 0;
    if (b == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
    if (b == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return 0;
    if (b == 0xF0 && byte(i + 1) < 0x90) return 0;  // overlong
    if (b == 0xF4 && byte(i + 1) >= 0x90) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

namespace {

// Whether any of the eight bytes of `x` needs a look before it is copied: a control character, a quote, a
// backslash, or a byte of a multi-byte UTF-8 sequence (checked for validity). Most of a Dutch text is plain
// ASCII, so a string is mostly checked eight bytes at a time.
constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
inline bool needs_look(std::uint64_t x) {
  const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  return ((x - ones * 0x20) | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\')) | x) & highs;
}

// Bytes from `from` on that need no escaping and no UTF-8 check, found eight at a time: the length of that run.
std::size_t plain_ascii_run(std::string_view text, std::size_t from) {
  std::size_t i = from;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t block;
    std::memcpy(&block, text.data() + i, sizeof block);
    if (needs_look(block)) break;
  }
  // The bytes that need a look, as a table: one load per byte for the rest (and for the short keys).
  static constexpr auto special = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) table[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
    return table;
  }();
  while (i < text.size() && !special[static_cast<unsigned char>(text[i])]) ++i;
  return i - from;
}

}  // namespace

void JsonWriter::append_string(std::string& out, std::string_view text) {
  std::size_t i = plain_ascii_run(text, 0);
  if (i == text.size()) {  // most strings: quoted as they are, with one copy
    const std::size_t at = out.size();
    out.resize(at + text.size() + 2);
    char* to = out.data() + at;
    to[0] = '"';
    if (!text.empty()) std::memcpy(to + 1, text.data(), text.size());
    to[text.size() + 1] = '"';
    return;
  }
  out.push_back('"');
  std::size_t plain = 0;  // start of the run of bytes copied as they are
  const auto flush = [&](std::size_t to) { out.append(text.data() + plain, to - plain); };
  while (i < text.size()) {
    if (i + 8 <= text.size()) {
      std::uint64_t block;
      std::memcpy(&block, text.data() + i, sizeof block);
      if (!needs_look(block)) {
        i += 8;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = utf8_sequence(text, i)) {
        i += n;
        continue;
      }
      flush(i);
      out.append("\xEF\xBF\xBD");  // U+FFFD for a byte that starts no valid sequence
      plain = ++i;
      continue;
    }
    flush(i);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c); break;
    }
    plain = ++i;
  }
  flush(text.size());
  out.push_back('"');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  first_.pop_back();
  out_.push_back('}');
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  first_.pop_back();
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  if (name.size() <= 60 && plain_ascii_run(name, 0) == name.size()) {  // the keys helder writes: one append
    char quoted[64];
    quoted[0] = '"';
    std::memcpy(quoted + 1, name.data(), name.size());
    quoted[name.size() + 1] = '"';
    quoted[name.size() + 2] = ':';
    out_.append(quoted, name.size() + 3);
  } else {
    append_string(out_, name);
    out_.push_back(':');
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  append_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t number) {
  before_value();
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_.append("null");
    return *this;
  }
  const std::size_t start = out_.size();
  fmt::format_to(std::back_inserter(out_), "{}", number);  // shortest form that reads back the same
  if (out_.find_first_of(".eE", start) == std::string::npos) out_.append(".0");
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_.append(flag ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_.append(json);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_.append("null");
  return *this;
}

}  // namespace helder
