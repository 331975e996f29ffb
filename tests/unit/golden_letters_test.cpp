// The two real letters (../shared/corpus/letters) through the default pack, as `helder check` runs it,
// compared with the reviewed findings in tests/golden/<letter>.findings. Every line there was read by a
// person: a wrong finding is a bug in a rule, and so is a missing one. After a deliberate change, write
// the files again with HELDER_UPDATE_GOLDEN=1 and review the diff line by line before committing.
#include "test_support.hpp"

#include <helder/text.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <map>

using namespace helder;
namespace fs = std::filesystem;

namespace {

// One line per finding: position, severity, rule, the words it covers (line breaks shown as ⏎), the first sure
// fix, and after " | " the message.
std::string golden_lines(const std::string& source, const std::vector<Finding>& findings) {
  const LineIndex lines(source);
  std::string out;
  for (const Finding& f : findings) {
    const auto a = lines.to_char_position(f.start);
    const auto b = lines.to_char_position(f.end);
    std::string covered = source.substr(f.start, std::min<std::size_t>(f.end - f.start, 90));
    if (f.end - f.start > 90) {
      while (!covered.empty() && (static_cast<unsigned char>(covered.back()) & 0xC0) == 0x80) covered.pop_back();
      if (!covered.empty() && static_cast<unsigned char>(covered.back()) >= 0xC0) covered.pop_back();
      covered += "…";
    }
    for (std::size_t at = covered.find('\n'); at != std::string::npos; at = covered.find('\n', at))
      covered.replace(at, 1, "⏎");
    out += fmt::format("{}:{}-{}:{} {} {} «{}»", a.line + 1, a.column + 1, b.line + 1, b.column + 1,
                       to_string(f.severity), f.rule_id, covered);
    // Fixes that need review can depend on Hunspell's time limit for suggestions: only sure fixes are kept.
    if (!f.fixes.empty() && !f.fixes.front().needs_review) out += fmt::format(" → «{}»", f.fixes.front().text);
    // The message as the writer reads it: one line (a line break in it would show here as a broken line).
    out += fmt::format(" | {}", f.message);
    out += '\n';
  }
  return out;
}

}  // namespace

TEST_CASE("the two real letters give exactly the reviewed findings", "[golden]") {
  test::TempDir dir;
  Config config = test::config_from("", dir.path());
  std::vector<std::string> messages;
  Engine engine(config, test::language_services(), test::builtin_plugins(), messages);
  REQUIRE(messages.empty());
  const bool update = std::getenv("HELDER_UPDATE_GOLDEN") != nullptr;

  std::map<std::string, std::size_t> per_rule;
  for (const auto& entry : fs::directory_iterator(fs::path(HELDER_SHARED_DIR) / "corpus" / "letters")) {
    const fs::path letter = entry.path();
    const fs::path golden = fs::path(HELDER_SOURCE_DIR) / "tests" / "golden" / (letter.filename().string() + ".findings");
    const std::string source = decode_input(test::read_file(letter)).utf8;
    const std::vector<Finding> findings = engine.check(engine.analyze(source, format_for_path(letter)), source);
    for (const Finding& f : findings) ++per_rule[f.rule_id];
    const std::string actual = golden_lines(source, findings);
    if (update) {
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    INFO("compare with " << golden.string() << " (HELDER_UPDATE_GOLDEN=1 rewrites it; review the diff)");
    REQUIRE(fs::exists(golden));
    const std::string expected = test::read_file(golden);
    if (actual != expected) {
      // Show the first lines that differ, not two walls of text.
      std::istringstream a(actual), e(expected);
      std::string la, le;
      std::size_t line = 0;
      while (true) {
        const bool more_a = static_cast<bool>(std::getline(a, la));
        const bool more_e = static_cast<bool>(std::getline(e, le));
        ++line;
        if (!more_a && !more_e) break;
        if (la != le || more_a != more_e) {
          FAIL_CHECK(letter.filename().string() << " line " << line << "\n  expected: " << (more_e ? le : "(end)")
                                                << "\n  actual:   " << (more_a ? la : "(end)"));
          break;
        }
      }
    }
  }
  for (const auto& [rule, count] : per_rule) std::cout << "golden letters: " << rule << " " << count << '\n';
}

// tests/golden/REVIEW.md gives every golden finding a verdict (right, low value, wrong), in file order.
TEST_CASE("every golden finding has a verdict in REVIEW.md", "[golden]") {
  const std::string review = test::read_file(fs::path(HELDER_SOURCE_DIR) / "tests" / "golden" / "REVIEW.md");
  for (const auto& entry : fs::directory_iterator(fs::path(HELDER_SOURCE_DIR) / "tests" / "golden")) {
    if (entry.path().extension() != ".findings") continue;
    const std::string letter = entry.path().stem().string();
    const std::size_t section = review.find("\n## " + letter + "\n");
    INFO(letter);
    REQUIRE(section != std::string::npos);
    std::size_t at = section;
    std::istringstream lines(test::read_file(entry.path()));
    for (std::string line; std::getline(lines, line);) {
      std::istringstream fields(line);
      std::string position, severity, rule;
      fields >> position >> severity >> rule;
      const std::string item = "\n- `" + position + " " + rule + "` ";
      at = review.find(item, at);
      INFO(line);
      REQUIRE(at != std::string::npos);
      at += item.size();
      const std::string_view verdict(review.data() + at, review.size() - at);
      CHECK((verdict.starts_with("right") || verdict.starts_with("low value") || verdict.starts_with("wrong")));
    }
  }
}
