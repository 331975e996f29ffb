// What the reader tests share (see read_text_checks.hpp).
#include "read_text_checks.hpp"

#include <catch2/catch.hpp>

#include <optional>

namespace helder::test {

std::string_view slice(std::string_view text, Range range) { return text.substr(range.start, range.end - range.start); }

std::string_view mapped(const ReadText& read, std::string_view source, Range text_range) {
  const std::uint32_t start = read.map.to_source(text_range.start);
  const std::uint32_t end = read.map.to_source_end(text_range.end);
  REQUIRE(start <= end);
  REQUIRE(end <= source.size());
  return source.substr(start, end - start);
}

std::vector<std::string> block_texts(const ReadText& read) {
  std::vector<std::string> out;
  for (const Block& b : read.blocks) out.push_back(read.text.substr(b.range.start, b.range.end - b.range.start));
  return out;
}

std::vector<BlockKind> block_kinds(const ReadText& read) {
  std::vector<BlockKind> out;
  for (const Block& b : read.blocks) out.push_back(b.kind);
  return out;
}

std::vector<std::uint32_t> origin_paragraphs(const ReadText& read) {
  std::vector<std::uint32_t> out;
  for (const Origin& o : read.origins) out.push_back(o.paragraph);
  return out;
}

namespace {

const char* kind_name(MarkKind kind) {
  switch (kind) {
    case MarkKind::Link: return "link";
    case MarkKind::Title: return "title";
    case MarkKind::Quotation: return "quotation";
  }
  return "?";
}

}  // namespace

std::vector<std::string> mark_texts(const ReadText& read, const Block& block) {
  std::vector<std::string> out;
  for (const Mark& m : block.marks) {
    out.push_back(std::string(kind_name(m.kind)) + ":" + std::string(slice(read.text, m.range)));
  }
  return out;
}

std::vector<std::string> all_mark_texts(const ReadText& read) {
  std::vector<std::string> out;
  for (const Block& b : read.blocks) {
    for (std::string& m : mark_texts(read, b)) out.push_back(std::move(m));
  }
  return out;
}

void check_read_text_invariants(const ReadText& read, std::string_view source) {
  std::uint32_t previous_end = 0;
  for (const Block& block : read.blocks) {
    REQUIRE(block.range.start >= previous_end);
    REQUIRE(block.range.start < block.range.end);
    REQUIRE(block.range.end <= read.text.size());
    previous_end = block.range.end;
    std::uint32_t previous_skip = block.range.start;
    for (const Range& skip : block.skipped) {
      REQUIRE(skip.start >= previous_skip);
      REQUIRE(skip.start < skip.end);
      REQUIRE(skip.end <= block.range.end);
      previous_skip = skip.end;
    }
    std::optional<Mark> previous_mark;
    for (const Mark& mark : block.marks) {
      REQUIRE(mark.range.start >= block.range.start);
      REQUIRE(mark.range.start < mark.range.end);
      REQUIRE(mark.range.end <= block.range.end);
      if (previous_mark) {
        REQUIRE(mark.range.start >= previous_mark->range.end);
        // Touching marks of one kind are one mark.
        REQUIRE_FALSE((mark.range.start == previous_mark->range.end && mark.kind == previous_mark->kind));
      }
      for (const Range& skip : block.skipped) REQUIRE((mark.range.end <= skip.start || mark.range.start >= skip.end));
      previous_mark = mark;
    }
  }
  std::uint32_t previous_position = 0;
  for (const auto& directive : read.directives) {
    REQUIRE(directive.position >= previous_position);
    REQUIRE(directive.position <= read.text.size());
    REQUIRE(directive.source_offset < source.size());
    previous_position = directive.position;
  }
  std::size_t outside = 0;
  for (std::uint32_t t = 0; t <= read.text.size(); ++t)
    if (read.map.to_source(t) > source.size() || read.map.to_source_end(t) > source.size()) ++outside;
  REQUIRE(outside == 0);
}

}  // namespace helder::test
