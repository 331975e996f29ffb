// No plugin source holds a list of Dutch words: words are data (host/data/lexicon-nl, a rule's options in its
// pack). The scanner reads every C++ source under plugins/ and reports word lists by file, line and words.
#include <catch2/catch.hpp>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

// One string literal of a source, as the compiler sees it (escapes decoded, UTF-8).
struct Literal {
  std::size_t line;      // 1-based, where the literal starts
  std::string text;      // decoded
  std::string before;    // the code before it on the same statement (comments left out), for the option keys
  std::size_t group;     // the outermost brace-initializer it stands in, 0: none
  bool compared;         // directly after `==` or `!=`
};

struct Finding {
  std::size_t line;
  std::vector<std::string> words;
  std::string why;
};

// One code point as UTF-8, by ICU (as the host encodes text).
void append_utf8(std::string& out, unsigned long c) {
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
unsigned long hex_value(char c) {
  return static_cast<unsigned long>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
}
bool is_ident(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Decodes the escapes of the body of an ordinary literal: "\xC3\xAB" and "\u00EB" are both "ë".
std::string decode(std::string_view body) {
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    const char e = body[++i];
    if (e == 'x') {
      unsigned long v = 0;
      while (i + 1 < body.size() && is_hex(body[i + 1])) v = v * 16 + hex_value(body[++i]);
      out += static_cast<char>(v);
    } else if (e == 'u' || e == 'U') {
      unsigned long v = 0;
      for (std::size_t k = 0, digits = e == 'u' ? 4 : 8; k < digits && i + 1 < body.size() && is_hex(body[i + 1]); ++k)
        v = v * 16 + hex_value(body[++i]);
      append_utf8(out, v);
    } else if (e >= '0' && e <= '7') {
      unsigned long v = static_cast<unsigned long>(e - '0');
      for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
        v = v * 8 + static_cast<unsigned long>(body[++i] - '0');
      out += static_cast<char>(v);
    } else {
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
    }
  }
  return out;
}

// A lower-case word of at least two letters: a-z and the lower-case Latin letters with accents (é, ë, ï, ö,
// ü, ĳ ...). "de", "heid", "\xC3\xABle" are; "Staat", "t/m", "max_words", "wij " and "é" are not.
bool is_word(std::string_view s) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    unsigned long c = 0;
    std::size_t length = 1;
    if (b < 0x80) {
      c = b;
    } else if ((b >> 5) == 0x6 && i + 1 < s.size()) {
      c = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      length = 2;
    } else {
      return false;
    }
    const bool lower_latin = (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
                             (c >= 0x100 && c <= 0x17F && c % 2 == 1);  // Latin Extended-A: mostly odd is small
    if (!lower_latin) return false;
    ++letters;
    i += length;
  }
  return letters >= 2;
}

// English names that plugins read from their data, not Dutch words: the word classes of the lexicon
// (host/data/lexicon-nl/README.md), the verb forms that confusables.toml tests and the uses of an officialese.toml
// entry (`use = "noun"`).
constexpr std::array<std::string_view, 26> format_names = {
    "article",     "determiner", "pronoun",  "preposition", "conjunction", "subordinator", "relative", "auxiliary",
    "particle",    "negation",   "degree",   "verb",        "adverb",      "copula",       "state",    "numeral",
    "comparative", "interjection", "infinitive", "participle", "finite", "separable", "guessed",
    "adjective",   "noun",       "phrase"};

bool is_format_name(std::string_view s) {
  return std::find(format_names.begin(), format_names.end(), s) != format_names.end();
}

// Option keys are English identifiers: options.string("message", ...), options.array_size("known"). (A key
// built from pieces, "known[" + i + "]" or at + ".right", holds a mark and is no word anyway.)
bool is_option_key(const Literal& l) {
  std::string_view before = l.before;
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t' || before.back() == '\n')) before.remove_suffix(1);
  if (!before.ends_with('(')) return false;
  before.remove_suffix(1);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t' || before.back() == '\n')) before.remove_suffix(1);
  for (std::string_view reader : {".string", ".integer", ".boolean", ".number", ".array_size"})
    if (before.ends_with(reader)) return true;
  return false;
}

// Whether a `{` opens an initializer (a list of values) rather than a block. `before` is the code before it.
bool opens_initializer(std::string_view before) {
  std::size_t end = before.size();
  while (end > 0 && std::isspace(static_cast<unsigned char>(before[end - 1]))) --end;
  if (end == 0) return false;
  const char last = before[end - 1];
  if (last == '=' || last == ',' || last == '(' || last == '[' || last == '{' || last == '>' || last == '?') return true;
  if (!is_ident(last)) return false;  // ) ; } : ] "C" ...: a function body, a block, a case, extern "C"
  std::size_t start = end;
  while (start > 0 && is_ident(before[start - 1])) --start;
  const std::string_view word = before.substr(start, end - start);
  for (std::string_view keyword : {"else", "do", "try", "const", "noexcept", "override", "final", "mutable",
                                   "namespace"})
    if (word == keyword) return false;
  if (word == "return") return true;
  // `struct Ending {`, `class Quotations {`, `enum class Kind {`, `namespace helder::jargon {`: a body.
  std::size_t statement = before.find_last_of(";{}", start);
  statement = statement == std::string_view::npos ? 0 : statement + 1;
  std::istringstream words{std::string(before.substr(statement, end - statement))};
  for (std::string w; words >> w;) {
    if (w.starts_with("template")) continue;
    if (w == "struct" || w == "class" || w == "enum" || w == "union" || w == "namespace") return false;
  }
  return true;
}

// The string literals of a C++ source, comments and preprocessor includes left out.
std::vector<Literal> literals_of(std::string_view src) {
  std::vector<Literal> out;
  std::string code;  // the code so far, literals and comments left out (a literal becomes "")
  std::size_t line = 1;
  // Each open bracket: '(' '[', 'b' a block brace, 'i' an initializer brace (with its group number).
  struct Open {
    char kind;
    std::size_t group;
  };
  std::vector<Open> open;
  std::size_t groups = 0;
  bool line_start = true;
  for (std::size_t i = 0; i < src.size();) {
    const char c = src[i];
    if (c == '\n') {
      ++line;
      code += c;
      ++i;
      line_start = true;
      continue;
    }
    if (line_start && c == '#') {  // a preprocessor line: #include "x.hpp"
      while (i < src.size() && src[i] != '\n') i += (src[i] == '\\' && i + 1 < src.size()) ? 2 : 1;
      continue;
    }
    if (c != ' ' && c != '\t') line_start = false;
    if (src.substr(i, 2) == "//") {
      while (i < src.size() && src[i] != '\n') ++i;
      continue;
    }
    if (src.substr(i, 2) == "/*") {
      const std::size_t close = src.find("*/", i + 2);
      const std::size_t stop = close == std::string_view::npos ? src.size() : close + 2;
      line += static_cast<std::size_t>(std::count(src.begin() + static_cast<long>(i), src.begin() + static_cast<long>(stop), '\n'));
      code += ' ';
      i = stop;
      continue;
    }
    // A character literal ('a', '\'', U'\u2019'); not a digit separator (1'000, 0xFF'FF).
    std::size_t number = i;
    while (c == '\'' && number > 0 && is_ident(src[number - 1])) --number;
    const bool digit_separator = number < i && src[number] >= '0' && src[number] <= '9';
    if (c == '\'' && !digit_separator) {
      std::size_t j = i + 1;
      while (j < src.size() && src[j] != '\'' && src[j] != '\n') j += src[j] == '\\' ? 2 : 1;
      code += "' '";
      i = j + 1;
      continue;
    }
    if (c == '"') {
      // Raw string R"delim(...)delim", or an ordinary one (prefixes u8, L, u, U are left in `code`).
      const bool raw = i > 0 && src[i - 1] == 'R';
      std::string text;
      const std::size_t start_line = line;
      std::size_t j = i + 1;
      if (raw) {
        const std::size_t paren = std::min(src.find('(', j), src.size());
        const std::string close = ")" + std::string(src.substr(j, paren - j)) + "\"";
        const std::size_t stop = std::min(src.find(close, paren), src.size());
        text = std::string(src.substr(std::min(paren + 1, stop), stop - std::min(paren + 1, stop)));
        j = stop + close.size();
      } else {
        while (j < src.size() && src[j] != '"' && src[j] != '\n') j += src[j] == '\\' ? 2 : 1;
        text = decode(src.substr(i + 1, j - i - 1));
        ++j;
      }
      line += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) * (raw ? 1 : 0);
      std::size_t group = 0;
      for (const Open& o : open)
        if (o.kind == 'i') {
          group = o.group;
          break;
        }
      std::size_t back = code.size();
      while (back > 0 && std::isspace(static_cast<unsigned char>(code[back - 1]))) --back;
      const bool compared = back >= 2 && (code.substr(back - 2, 2) == "==" || code.substr(back - 2, 2) == "!=");
      std::size_t statement = code.find_last_of(";{}");
      statement = statement == std::string::npos ? 0 : statement + 1;
      out.push_back(Literal{start_line, std::move(text), code.substr(statement), group, compared});
      code += "\"\"";
      i = j;
      continue;
    }
    if (c == '(' || c == '[') open.push_back(Open{c, 0});
    if (c == '{') {
      // Inside brackets or another initializer a brace is a value ("f({...})", "{{...}, {...}}"), unless it is
      // the body of a lambda ("[&](int x) { ... }").
      std::size_t back = code.size();
      while (back > 0 && std::isspace(static_cast<unsigned char>(code[back - 1]))) --back;
      const bool lambda_body = back > 0 && (code[back - 1] == ')' || code[back - 1] == ']');
      const bool inside_value = !open.empty() && open.back().kind != 'b' && !lambda_body;
      if (inside_value || opens_initializer(code))
        open.push_back(Open{'i', ++groups});
      else
        open.push_back(Open{'b', 0});
    }
    if ((c == ')' || c == ']' || c == '}') && !open.empty()) open.pop_back();
    code += c;
    ++i;
  }
  return out;
}

// Words in a source: three or more word literals in one brace-initializer, or within five consecutive lines;
// or more than two comparisons with a word literal in the file.
std::vector<Finding> scan_source(std::string_view src) {
  std::vector<Literal> words;
  for (Literal& l : literals_of(src))
    if (is_word(l.text) && !is_option_key(l) && !is_format_name(l.text)) words.push_back(std::move(l));
  std::vector<Finding> out;
  std::vector<bool> reported(words.size(), false);
  // One brace-initializer.
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].group == 0 || reported[i]) continue;
    std::vector<std::size_t> members;
    for (std::size_t k = i; k < words.size(); ++k)
      if (words[k].group == words[i].group) members.push_back(k);
    if (members.size() < 3) continue;
    Finding f{words[i].line, {}, "a brace-initializer holds " + std::to_string(members.size()) + " words"};
    for (std::size_t k : members) {
      f.words.push_back(words[k].text);
      reported[k] = true;
    }
    out.push_back(std::move(f));
  }
  // Five consecutive lines (outside the lists found above): three words whose first and last are at most four
  // lines apart; a run of such windows is one finding.
  std::vector<const Literal*> rest;
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!reported[i]) rest.push_back(&words[i]);
  for (std::size_t i = 0; i + 2 < rest.size(); ++i) {
    if (rest[i + 2]->line - rest[i]->line > 4) continue;
    std::size_t last = i + 2;
    while (last + 1 < rest.size() && rest[last + 1]->line - rest[last - 1]->line <= 4) ++last;
    Finding f{rest[i]->line, {}, "lines " + std::to_string(rest[i]->line) + "-" + std::to_string(rest[last]->line) +
                                     " hold " + std::to_string(last - i + 1) + " words"};
    for (std::size_t k = i; k <= last; ++k) f.words.push_back(rest[k]->text);
    out.push_back(std::move(f));
    i = last;
  }
  // Comparisons spread over the file.
  std::vector<std::size_t> compared;
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i].compared) compared.push_back(i);
  if (compared.size() > 2) {
    Finding f{words[compared.front()].line, {}, std::to_string(compared.size()) + " comparisons with a word"};
    for (std::size_t k : compared) f.words.push_back(words[k].text + " (line " + std::to_string(words[k].line) + ")");
    out.push_back(std::move(f));
  }
  return out;
}

std::string describe(const std::string& file, const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += file + ":" + std::to_string(f.line) + ": " + f.why + ":";
    for (const std::string& w : f.words) out += " \"" + w + "\"";
    out += "\n";
  }
  return out;
}

std::vector<std::string> flagged_words(std::string_view src) {
  std::vector<std::string> out;
  for (const Finding& f : scan_source(src)) out.insert(out.end(), f.words.begin(), f.words.end());
  return out;
}

}  // namespace

TEST_CASE("the plugin source scanner finds a planted list of Dutch words", "[plugin-sources]") {
  SECTION("a brace-initializer, however long") {
    const auto found = scan_source(
        "constexpr std::array<std::string_view, 4> words = {\n"
        "    \"de\", \"het\",\n\n\n\n\n\n"
        "    \"een\", \"d\\xC3\\xA9\"};\n");
    REQUIRE(found.size() == 1);
    CHECK(found[0].line == 2);
    CHECK(found[0].words == std::vector<std::string>{"de", "het", "een", "d\xC3\xA9"});
  }
  SECTION("nested initializers are one list") {
    CHECK(flagged_words("static const Pair pairs[] = {{\"heden\", \"heid\"}, {\"ingen\", \"en\"}};").size() == 4);
  }
  SECTION("a range-for over a list") {
    CHECK(flagged_words("void f() {\n  for (auto e : {\"lijk\", \"baar\", \"loos\"}) g(e);\n}\n").size() == 3);
  }
  SECTION("words within five lines, also outside an initializer") {
    const std::string src = "bool f(std::string_view w) {\n  if (w.ends_with(\"end\")) return true;\n  x();\n  y();\n"
                            "  if (w.ends_with(\"ende\")) return true;\n  return w.starts_with(\"ge\");\n}\n";
    const auto found = scan_source(src);
    REQUIRE(found.size() == 1);
    CHECK(found[0].line == 2);
    CHECK(found[0].words == std::vector<std::string>{"end", "ende", "ge"});
    CHECK(describe("f.cpp", found).starts_with("f.cpp:2: lines 2-6 hold 3 words: \"end\" \"ende\" \"ge\""));
  }
  SECTION("comparisons spread over a file") {
    std::string src = "bool a(std::string_view w) { return w == \"de\"; }\n";
    for (int i = 0; i < 10; ++i) src += "\n";
    src += "bool b(std::string_view w) { return w != \"het\"; }\n";
    CHECK(scan_source(src).empty());  // two are allowed
    for (int i = 0; i < 10; ++i) src += "\n";
    src += "bool c(std::string_view w) { return w == \"een\"; }\n";
    const auto found = scan_source(src);
    REQUIRE(found.size() == 1);
    CHECK(found[0].words.size() == 3);
  }
}

TEST_CASE("the plugin source scanner leaves code that holds no word list alone", "[plugin-sources]") {
  SECTION("comments") {
    CHECK(scan_source("// \"de\", \"het\", \"een\"\n/* {\"de\", \"het\",\n \"een\"} */\nint x = 1;\n").empty());
  }
  SECTION("option keys are English identifiers") {
    CHECK(scan_source("A::A(const sdk::Options& options)\n"
                      "    : known_(options.array_size(\"known\")), level_(options.string(\"level\", \"B1\")),\n"
                      "      words_(options.integer( \"words\", 3)), on_(options.boolean(\"enabled\", true)),\n"
                      "      ratio_(options.number(\"ratio\", 0.5)) {}\n")
              .empty());
    CHECK(scan_source("x = {options.string(\"known[\" + n + \"]\", \"\"), at + \".right\", p + \"_words\"};").empty());
  }
  SECTION("messages, marks, letters and capitals") {
    CHECK(scan_source("emit(\"Deze zin is lang.\");\nemit(\"wij \" + w);\nauto m = {\".\", \";\", \"t/m\", \"\\u2019s\"};\n"
                      "if (c == 'a' || c == 'e' || c == 'o') {}\nauto k = {\"EU\", \"VN\", \"NAVO\", \"s\", \"e\"};\n")
              .empty());
  }
  SECTION("character literals, digit separators and raw strings") {
    CHECK(scan_source("auto a = U'\\u2019'; auto b = 1'000'000; auto c = '\\'';\nauto d = R\"(\"de\" \"het\")\";\n").empty());
    CHECK(flagged_words("int n = 1'000; auto w = {\"de\", \"het\", \"een\"}; char q = '\"';").size() == 3);
  }
  SECTION("the English names of word classes and verb forms") {
    CHECK(scan_source("constexpr Named names[] = {{\"article\", 1}, {\"pronoun\", 4}, {\"participle\", 32}};").empty());
  }
  SECTION("two words in a function body, far apart") {
    std::string src = "void f() {\n  g(\"fiets\");\n";
    for (int i = 0; i < 5; ++i) src += "  h();\n";
    src += "  g(\"paard\");\n  g(\"rond\");\n}\n";
    CHECK(scan_source(src).empty());
  }
  SECTION("a namespace, a struct and an extern block are no initializers") {
    std::string src = "namespace helder::x {\nstruct Ending {\n  int a;\n};\n";
    for (const char* w : {"de", "het", "een"}) src += "void f() { g(\"" + std::string(w) + "\"); }\n\n\n\n\n";
    src += "}\n";
    CHECK(scan_source(src).empty());
  }
}

TEST_CASE("no plugin source holds a list of Dutch words", "[plugin-sources]") {
  const fs::path root = fs::path(HELDER_SOURCE_DIR) / "plugins";
  std::vector<fs::path> sources;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp" || ext == ".h")) sources.push_back(entry.path());
  }
  std::sort(sources.begin(), sources.end());
  REQUIRE(sources.size() > 10);
  std::string report;
  for (const fs::path& path : sources) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    report += describe(fs::relative(path, HELDER_SOURCE_DIR).string(), scan_source(text.str()));
  }
  INFO("Dutch words belong in host/data/lexicon-nl or in the rule's options (its pack), not in C++:\n" << report);
  CHECK(report.empty());
}
