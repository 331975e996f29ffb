// Fuzz target: segmentation and tokenization over arbitrary text: the segmenter with skipped parts, the
// engine's analyze_paragraph with skipped parts and marks (tokens, sentences, passives), and, when the first
// byte asks for it, the whole check of the text as a document (every rule of the default pack runs on it).
#include "fuzz_support.hpp"

#include <helder/engine.hpp>
#include <helder/text.hpp>

#include <algorithm>
#include <vector>

namespace helder::fuzz {

namespace {

std::uint32_t snap(std::string_view text, std::uint32_t offset) {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  while (!is_boundary(text, offset)) --offset;
  return offset;
}

void check_paragraph(const ParagraphAnalysis& p) {
  const auto size = static_cast<std::uint32_t>(p.text.size());
  std::uint32_t previous_end = 0;
  for (const helder_token& t : p.tokens) {
    expect(t.start < t.end && t.end <= size && previous_end <= t.start, "analysed tokens are in order inside the text");
    expect(is_boundary(p.text, t.start) && is_boundary(p.text, t.end), "an analysed token starts and ends on a character");
    expect(t.lower.size == 0 || t.lower.data != nullptr, "a token's lower-case form is a real string");
    previous_end = t.end;
  }
  expect(p.letter_words.size() == p.sentences.size(), "one letter-word count per sentence");
  for (const helder_sentence& s : p.sentences) {
    expect(s.start <= s.end && s.end <= size, "an analysed sentence lies inside the text");
    expect(std::uint64_t{s.first_token} + s.token_count <= p.tokens.size(), "an analysed sentence's tokens exist");
  }
  expect(p.passive_view.size() == p.passives.size(), "plugins see every passive construction");
  for (const PassiveConstruction& c : p.passives) {
    expect(c.sentence < p.sentences.size(), "a passive construction belongs to a sentence");
    expect(c.auxiliary.start <= c.auxiliary.end && c.auxiliary.end <= size, "a passive auxiliary lies inside the text");
    expect(c.participle.start <= c.participle.end && c.participle.end <= size, "a participle lies inside the text");
  }
}

}  // namespace

int fuzz_segmentation(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const std::uint8_t flags = in.byte();
  const auto kind = static_cast<BlockKind>((flags & 7) % 5);
  const std::uint32_t skipped_count = (flags >> 3) & 3, mark_count = (flags >> 5) & 3;
  const bool whole_check = (flags & 0x80) != 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> raw;
  for (std::uint32_t k = 0; k < skipped_count + mark_count; ++k) raw.emplace_back(in.below(1u << 16), in.below(1u << 16));
  std::string text;
  try {
    text = decode_input(in.rest()).utf8;
  } catch (const InputError&) {
    return 0;
  }

  // Skipped parts and marks as readers make them: on characters, in order, not overlapping; marks not empty
  // and outside skipped parts.
  const auto range_of = [&](std::pair<std::uint32_t, std::uint32_t> r) {
    std::uint32_t a = snap(text, r.first % static_cast<std::uint32_t>(text.size() + 1));
    std::uint32_t b = snap(text, r.second % static_cast<std::uint32_t>(text.size() + 1));
    if (b < a) std::swap(a, b);
    return Range{a, b};
  };
  std::vector<Range> skipped;
  for (std::uint32_t k = 0; k < skipped_count; ++k) skipped.push_back(range_of(raw[k]));
  std::sort(skipped.begin(), skipped.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
  std::vector<Range> merged;
  for (const Range& r : skipped) {
    if (!merged.empty() && r.start <= merged.back().end) merged.back().end = std::max(merged.back().end, r.end);
    else merged.push_back(r);
  }
  std::vector<Mark> marks;
  for (std::uint32_t k = skipped_count; k < raw.size(); ++k) {
    const Range r = range_of(raw[k]);
    const bool clear = r.start < r.end && std::none_of(merged.begin(), merged.end(), [&](const Range& s) {
      return r.start < s.end && s.start < r.end;
    }) && std::none_of(marks.begin(), marks.end(), [&](const Mark& m) {
      return r.start < m.range.end && m.range.start < r.end;
    });
    if (clear) marks.push_back(Mark{r, static_cast<MarkKind>(k % 3)});
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.range.start < b.range.start; });

  const Engine& engine = default_engine();
  check_segmentation(text, engine.services().segmenter->segment(text, merged));
  check_paragraph(engine.analyze_paragraph(text, kind, merged, marks));

  if (whole_check) {
    DocumentAnalysis analysis;
    try {
      analysis = engine.analyze(text, Format::PlainText);
    } catch (const InputError&) {
      return 0;  // over one of the caps (limits.hpp): refused with a Dutch message, not a crash
    }
    const std::vector<Finding> findings = engine.check(analysis, text);
    std::uint32_t previous = 0;
    for (const Finding& f : findings) {
      expect(f.start <= f.end && f.end <= text.size(), "a finding lies inside the source");
      expect(is_boundary(text, f.start) && is_boundary(text, f.end), "a finding starts and ends on a character");
      expect(previous <= f.start, "findings are in source order");
      expect(!f.rule_id.empty() && !f.message.empty() && !f.id.empty(), "a finding names its rule, message and id");
      expect(is_valid_utf8(f.message), "a finding's message is valid UTF-8");
      previous = f.start;
      for (const Replacement& r : f.fixes) {
        expect(r.start <= r.end && r.end <= text.size(), "a fix lies inside the source");
        expect(is_boundary(text, r.start) && is_boundary(text, r.end), "a fix starts and ends on a character");
        expect(is_valid_utf8(r.text), "a fix's text is valid UTF-8");
      }
    }
  }
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_segmentation)
