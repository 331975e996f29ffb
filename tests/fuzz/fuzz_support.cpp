// The shared part of the fuzz targets (see fuzz_support.hpp).
#include "fuzz_support.hpp"

#include <helder/config.hpp>
#include <helder/word_services.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace helder::fuzz {

void fail(std::string_view what) {
#ifdef HELDER_FUZZ_REPLAY
  throw std::logic_error("fuzz oracle: " + std::string(what));
#else
  std::fprintf(stderr, "fuzz oracle: %.*s\n", static_cast<int>(what.size()), what.data());
  __builtin_trap();
#endif
}

std::uint32_t ByteReader::below(std::uint32_t bound) {
  if (bound <= 1) return 0;
  std::uint32_t value = 0;
  for (std::uint32_t range = bound - 1; range != 0; range >>= 8) value = (value << 8) | byte();
  return value % bound;
}

std::string_view ByteReader::short_string(std::size_t max) {
  const std::size_t length = std::min<std::size_t>({byte(), max, left()});
  const std::string_view s(reinterpret_cast<const char*>(data_ + at_), length);
  at_ += length;
  return s;
}

std::string_view ByteReader::rest() {
  const std::string_view s(reinterpret_cast<const char*>(data_ + std::min(at_, size_)), left());
  at_ = size_;
  return s;
}

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char lead = *p;
    std::size_t length = 1;
    unsigned char low = 0x80, high = 0xBF;
    if (lead < 0x80) {
      ++p;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) < length || p[1] < low || p[1] > high) return false;
    for (std::size_t i = 2; i < length; ++i)
      if ((p[i] & 0xC0) != 0x80) return false;
    p += length;
  }
  return true;
}

bool is_boundary(std::string_view text, std::size_t offset) {
  return offset <= text.size() &&
         (offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80);
}

namespace {

std::uint32_t crc32(std::string_view data) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char c : data) {
    crc ^= static_cast<unsigned char>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

}  // namespace

std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  std::string out, directory;
  for (const auto& [name, content] : parts) {
    const auto offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(content);
    const auto size = static_cast<std::uint32_t>(content.size());
    // Local file header: version 2.0, no flags, stored, no time, CRC, sizes, name.
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, size), put32(out, size);
    put16(out, static_cast<std::uint32_t>(name.size())), put16(out, 0);
    out += name;
    out += content;
    // Its central directory entry.
    put32(directory, 0x02014b50);
    put16(directory, 20), put16(directory, 20), put16(directory, 0), put16(directory, 0), put16(directory, 0),
        put16(directory, 0x21);
    put32(directory, crc), put32(directory, size), put32(directory, size);
    put16(directory, static_cast<std::uint32_t>(name.size()));
    put16(directory, 0), put16(directory, 0), put16(directory, 0), put16(directory, 0);
    put32(directory, 0), put32(directory, offset);
    directory += name;
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<std::uint32_t>(parts.size())), put16(out, static_cast<std::uint32_t>(parts.size()));
  put32(out, static_cast<std::uint32_t>(directory.size())), put32(out, directory_offset);
  put16(out, 0);
  return out;
}

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> pieces;
  for (std::size_t at = text.find(separator); at != std::string_view::npos; at = text.find(separator)) {
    pieces.push_back(text.substr(0, at));
    text.remove_prefix(at + separator.size());
  }
  pieces.push_back(text);
  return pieces;
}

namespace {

struct TempFolder {
  fs::path path;
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "helder-fuzz-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) fail("cannot make a temporary folder");
    path = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

const fs::path& temp_dir() {
  static const TempFolder folder;
  return folder.path;
}

const InstallLayout& layout() {
  static const InstallLayout detected = InstallLayout::detect();
  return detected;
}

std::shared_ptr<const LanguageServices> services() {
  static const std::shared_ptr<const LanguageServices> loaded = [] {
    const fs::path data = layout().data_dir();
    auto services = LanguageServices::load(data, WordServicePaths::defaults(data));
    for (const std::string& p : services->problems) std::fprintf(stderr, "fuzz: %s\n", p.c_str());
    return services;
  }();
  return loaded;
}

const PluginRegistry& plugins() {
  static const PluginRegistry registry = [] {
    PluginRegistry r;
    std::vector<std::string> messages;
    r.load_directory(layout().plugin_dir, messages);
    for (const std::string& m : messages) std::fprintf(stderr, "fuzz: %s\n", m.c_str());
    if (r.plugins().empty()) fail("no plugins found in " + layout().plugin_dir.string());
    return r;
  }();
  return registry;
}

const Engine& default_engine() {
  static const std::unique_ptr<Engine> engine = [] {
    const fs::path dir = temp_dir() / "default";
    fs::create_directories(dir);
    ConfigRequest request;
    request.checked_path = dir;
    request.pack_dirs = {layout().pack_dir()};
    Config config = load_config(request);
    config.editor = true;
    std::vector<std::string> messages;
    auto made = std::make_unique<Engine>(std::move(config), services(), plugins(), messages);
    for (const std::string& m : messages) std::fprintf(stderr, "fuzz: %s\n", m.c_str());
    return made;
  }();
  return *engine;
}

namespace {

bool inside(const Range& inner, const Range& outer) { return outer.start <= inner.start && inner.end <= outer.end; }
bool overlap(const Range& a, const Range& b) { return a.start < b.end && b.start < a.end; }

}  // namespace

void check_read_text(const ReadText& read, std::size_t source_size) {
  const std::string_view text = read.text;
  const auto size = static_cast<std::uint32_t>(text.size());
  expect(is_valid_utf8(text), "the analysed text is valid UTF-8");
  std::uint32_t previous_end = 0;
  for (const Block& b : read.blocks) {
    expect(b.range.start <= b.range.end && b.range.end <= size, "a block lies inside the text");
    expect(previous_end <= b.range.start, "blocks are in text order and do not overlap");
    expect(is_boundary(text, b.range.start) && is_boundary(text, b.range.end), "a block starts and ends on a character");
    previous_end = b.range.end;
    for (const Range& s : b.skipped) expect(s.start <= s.end && inside(s, b.range), "a skipped part lies inside its block");
    std::uint32_t previous_mark = b.range.start;
    for (const Mark& m : b.marks) {
      expect(m.range.start < m.range.end && inside(m.range, b.range), "a mark lies inside its block");
      expect(previous_mark <= m.range.start, "marks are in text order and do not overlap");
      previous_mark = m.range.end;
      for (const Range& s : b.skipped) expect(!overlap(m.range, s), "a mark lies outside the skipped parts");
    }
    const std::uint32_t source_start = read.map.to_source(b.range.start);
    const std::uint32_t source_end = read.map.to_source_end(b.range.end);
    expect(source_start <= source_end && source_end <= source_size, "a block maps into the source");
  }
  std::uint32_t previous_directive = 0;
  for (const Directive& d : read.directives) {
    expect(d.position <= size && previous_directive <= d.position, "directives are in text order inside the text");
    expect(d.source_offset <= source_size, "a directive's source offset lies inside the source");
    previous_directive = d.position;
  }
  std::uint32_t previous_origin = 0;
  for (const Origin& o : read.origins) {
    expect(o.start <= size && previous_origin <= o.start, "origins are in text order inside the text");
    previous_origin = o.start;
  }
}

void check_segmentation(std::string_view text, const Segmentation& segmentation) {
  const auto size = static_cast<std::uint32_t>(text.size());
  std::uint32_t previous_end = 0;
  for (const Token& t : segmentation.tokens) {
    expect(t.start < t.end && t.end <= size, "a token is not empty and lies inside the text");
    expect(previous_end <= t.start, "tokens are in text order and do not overlap");
    expect(is_boundary(text, t.start) && is_boundary(text, t.end), "a token starts and ends on a character");
    previous_end = t.end;
  }
  std::uint32_t previous_sentence = 0;
  std::uint64_t previous_token = 0;
  for (const SentenceSpan& s : segmentation.sentences) {
    expect(s.start <= s.end && s.end <= size, "a sentence lies inside the text");
    expect(previous_sentence <= s.start, "sentences are in text order and do not overlap");
    previous_sentence = s.end;
    const std::uint64_t last = std::uint64_t{s.first_token} + s.token_count;
    expect(last <= segmentation.tokens.size(), "a sentence's tokens exist");
    expect(previous_token <= s.first_token, "sentences take their tokens in order");
    previous_token = last;
    for (std::uint64_t i = s.first_token; i < last; ++i) {
      const Token& t = segmentation.tokens[static_cast<std::size_t>(i)];
      expect(s.start <= t.start && t.end <= s.end, "a sentence's tokens lie inside the sentence");
    }
  }
}

}  // namespace helder::fuzz
