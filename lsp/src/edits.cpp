// Edits for code actions: vocabulary in .helder.toml, inline directives (see edits.hpp).
#include <helder/lsp/edits.hpp>

#include <helder/text.hpp>

#include <toml++/toml.h>

#include <algorithm>

namespace helder::lsp {

namespace {

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char hex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += hex[(c >> 4) & 0xF];
          out += hex[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// Byte offset of a toml++ source position (1-based line and column; columns count code points).
std::uint32_t offset_of(std::string_view text, const toml::source_position& p) {
  const LineIndex lines(text);
  return lines.from_char_position(LineIndex::Position{p.line - 1, p.column - 1});
}

// From the quote at `open`, the offset of the last character of that string ("..." or '...', also triple).
std::size_t matching_quote(std::string_view text, std::size_t open) {
  const char q = text[open];
  const std::string close = text.substr(open, 3) == std::string(3, q) ? std::string(3, q) : std::string(1, q);
  std::size_t i = open + close.size();
  while (i < text.size() && text.substr(i, close.size()) != close) {
    if (q == '"' && text[i] == '\\') ++i;
    ++i;
  }
  return i >= text.size() ? std::string_view::npos : i + close.size() - 1;
}

// From the '[' at `open`, the offset of its matching ']', skipping strings and comments; npos if none.
std::size_t matching_bracket(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      i = matching_quote(text, i);
      if (i == std::string_view::npos) return i;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

// The offset after the last character inside [open, close) that is neither white space nor a comment.
std::size_t after_last_item(std::string_view text, std::size_t open, std::size_t close) {
  std::size_t last = open + 1;
  for (std::size_t i = open + 1; i < close; ++i) {
    const char c = text[i];
    if (c == '#') {
      while (i < close && text[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      const std::size_t end = matching_quote(text, i);
      if (end == std::string_view::npos || end >= close) return close;
      i = end;
      last = i + 1;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      last = i + 1;
    }
  }
  return last;
}

}  // namespace

std::string_view line_ending(std::string_view text) {
  const std::size_t newline = text.find('\n');
  return newline != std::string_view::npos && newline > 0 && text[newline - 1] == '\r' ? "\r\n" : "\n";
}

std::string new_config_with_word(std::string_view word) {
  return "[vocabulary]\naccept = [" + toml_string(word) + "]\n";
}

VocabularyEdit add_accepted_word(std::string_view toml_text, std::string_view word) {
  VocabularyEdit edit;
  toml::table table;
  try {
    table = toml::parse(toml_text);
  } catch (const toml::parse_error&) {
    return edit;
  }
  const std::string eol(line_ending(toml_text));
  toml::node* vocabulary_node = table.get("vocabulary");
  if (!vocabulary_node) {
    // A new table at the end, after a blank line.
    std::string text;
    if (!toml_text.empty() && toml_text.back() != '\n') text += eol;
    if (!toml_text.empty()) text += eol;
    text += "[vocabulary]" + eol + "accept = [" + toml_string(word) + "]" + eol;
    edit.outcome = VocabularyEdit::Outcome::Insert;
    edit.insertion = Insertion{static_cast<std::uint32_t>(toml_text.size()), text};
    return edit;
  }
  toml::table* vocabulary = vocabulary_node->as_table();
  if (!vocabulary || vocabulary->is_inline()) return edit;
  if (toml::node* accept_node = vocabulary->get("accept")) {
    toml::array* accept = accept_node->as_array();
    if (!accept || accept->is_array_of_tables()) return edit;
    for (const toml::node& item : *accept) {
      const auto* s = item.as_string();
      if (!s) return edit;
      std::string lowered = s->get();
      for (char& c : lowered)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (lowered == word) {
        edit.outcome = VocabularyEdit::Outcome::AlreadyAccepted;
        return edit;
      }
    }
    std::size_t open = offset_of(toml_text, accept->source().begin);
    if (open >= toml_text.size() || toml_text[open] != '[') open = toml_text.find('[', open);
    if (open == std::string_view::npos) return edit;
    const std::size_t close = matching_bracket(toml_text, open);
    if (close == std::string_view::npos) return edit;
    // Right after the last item (or its comma): before white space and comments, so both stay valid.
    const std::size_t at = after_last_item(toml_text, open, close);
    const char before = toml_text[at - 1];
    const std::string text =
        before == '[' ? toml_string(word) : before == ',' ? " " + toml_string(word) : ", " + toml_string(word);
    edit.outcome = VocabularyEdit::Outcome::Insert;
    edit.insertion = Insertion{static_cast<std::uint32_t>(at), text};
    return edit;
  }
  // [vocabulary] without accept: a new line right under the header.
  const std::uint32_t header = offset_of(toml_text, vocabulary->source().begin);
  const std::size_t line_end = toml_text.find('\n', header);
  const std::string_view header_line = toml_text.substr(header, line_end == std::string_view::npos ? std::string_view::npos : line_end - header);
  const std::size_t first = header_line.find_first_not_of(" \t");
  if (first == std::string_view::npos || header_line[first] != '[' || header_line.substr(first, 2) == "[[") return edit;
  edit.outcome = VocabularyEdit::Outcome::Insert;
  if (line_end == std::string_view::npos) {
    edit.insertion = Insertion{static_cast<std::uint32_t>(toml_text.size()), eol + "accept = [" + toml_string(word) + "]" + eol};
  } else {
    edit.insertion = Insertion{static_cast<std::uint32_t>(line_end + 1), "accept = [" + toml_string(word) + "]" + eol};
  }
  return edit;
}

std::vector<Insertion> disable_for_lines(std::string_view text, std::uint32_t start, std::uint32_t end,
                                         std::string_view rule) {
  const LineIndex lines(text);
  const std::string eol(line_ending(text));
  const std::uint32_t first_line = lines.line_of(start);
  const std::uint32_t last_line = lines.line_of(end > start ? end - 1 : start);
  return {Insertion{lines.line_start(first_line), "<!-- helder-disable " + std::string(rule) + " -->" + eol},
          Insertion{lines.line_end(last_line), eol + "<!-- helder-enable " + std::string(rule) + " -->"}};
}

std::vector<Insertion> disable_for_paragraph(std::string_view text, Format format, std::uint32_t start,
                                             std::uint32_t end, std::string_view rule) {
  if (format != Format::Markdown) return disable_for_lines(text, start, end, rule);
  return {Insertion{start, "<!-- helder-disable " + std::string(rule) + " -->"},
          Insertion{end, "<!-- helder-enable " + std::string(rule) + " -->"}};
}

Insertion disable_for_document(std::string_view text, Format format, std::string_view rule) {
  const std::string eol(line_ending(text));
  const std::string line = "<!-- helder-disable " + std::string(rule) + " -->" + eol;
  if (format != Format::Markdown) return Insertion{0, line};
  // YAML front matter: "---" on the first line up to a "---" or "..." line; the directive goes after it.
  auto line_at = [&](std::size_t from) {
    const std::size_t newline = text.find('\n', from);
    std::string_view l = text.substr(from, newline == std::string_view::npos ? std::string_view::npos : newline - from);
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    return std::pair{l, newline == std::string_view::npos ? text.size() : newline + 1};
  };
  auto [first, next] = line_at(0);
  if (first != "---") return Insertion{0, line};
  while (next < text.size()) {
    auto [l, after] = line_at(next);
    if (l == "---" || l == "...") {
      if (after == text.size() && text.back() != '\n') return Insertion{static_cast<std::uint32_t>(after), eol + line};
      return Insertion{static_cast<std::uint32_t>(after), line};
    }
    next = after;
  }
  return Insertion{0, line};
}

}  // namespace helder::lsp
