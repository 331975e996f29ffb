// What the reader tests share: a ReadText's blocks as texts and kinds, its origins, and the invariants any
// reader's output must hold.
#pragma once

#include <helder/reader.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace helder::test {

// `text`[range] and the source a text range maps back to (REQUIREs that it lies inside `source`).
std::string_view slice(std::string_view text, Range range);
std::string_view mapped(const ReadText& read, std::string_view source, Range text_range);

std::vector<std::string> block_texts(const ReadText& read);
std::vector<BlockKind> block_kinds(const ReadText& read);
std::vector<std::uint32_t> origin_paragraphs(const ReadText& read);

// A block's marks as "kind:text", in order: "link:de Wet op de toeslagen", "title:...", "quotation:...".
std::vector<std::string> mark_texts(const ReadText& read, const Block& block);
// The marks of all blocks, in text order, as mark_texts gives them.
std::vector<std::string> all_mark_texts(const ReadText& read);

// Blocks in order inside the text, skipped ranges inside their block, marks inside their block (sorted, not
// overlapping, not in a skipped range, touching marks of one kind merged), directives in order, every text
// offset maps into `source`. REQUIREs, so a broken invariant stops the test.
void check_read_text_invariants(const ReadText& read, std::string_view source);

}  // namespace helder::test
