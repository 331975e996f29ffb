// Applying fixes: which fixes a machine may apply, overlaps, and writing files atomically.
#include "test_support.hpp"

#include <helder/fix.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace helder;
namespace fs = std::filesystem;

namespace {

Finding finding(std::string rule, std::vector<Replacement> fixes) {
  Finding f;
  f.rule_id = std::move(rule);
  f.fixes = std::move(fixes);
  return f;
}

}  // namespace

TEST_CASE("only a single fix that needs no review, of a rule with autofix, is machine-applicable", "[fix]") {
  test::TempDir dir;
  Config config = test::config_from("[rules.\"rijksoverheid.abbreviation-with-periods\"]\nautofix = false\n", dir.path());
  CHECK(machine_applicable(finding("rijksoverheid.officialese", {{0, 6, "als"}}), config));
  CHECK_FALSE(machine_applicable(finding("rijksoverheid.officialese", {{0, 6, "als"}, {0, 6, "wanneer"}}), config));
  CHECK_FALSE(machine_applicable(finding("rijksoverheid.officialese", {{0, 6, "als", true}}), config));
  CHECK_FALSE(machine_applicable(finding("rijksoverheid.officialese", {}), config));
  CHECK_FALSE(machine_applicable(finding("rijksoverheid.abbreviation-with-periods", {{0, 4, "onder andere"}}), config));
  CHECK_FALSE(machine_applicable(finding("rijksoverheid.bestaat-niet", {{0, 4, "x"}}), config));
}

TEST_CASE("fixes are applied in order, an overlapping fix is left out", "[fix]") {
  const std::string text = "Indien u dat wenst, kunt u middels de site betalen.";
  std::vector<Finding> findings{finding("a", {{27, 34, "met"}}), finding("b", {{0, 6, "Als"}}),
                                finding("c", {{3, 10, "xx"}}), finding("d", {{20, 24, "mag"}})};
  const auto fixes = select_fixes(findings, [](const Finding& f) { return f.rule_id != "d"; });
  REQUIRE(fixes.size() == 2);
  CHECK(apply_replacements(text, fixes) == "Als u dat wenst, kunt u met de site betalen.");
  CHECK_THROWS(apply_replacements(text, {{5, 8, "a"}, {6, 9, "b"}}));
}

TEST_CASE("a file is written atomically and keeps its permissions", "[fix]") {
  test::TempDir dir;
  const fs::path file = dir.write("brief.txt", "oud");
  ::chmod(file.c_str(), 0640);
  write_file_atomically(file, "nieuw");
  CHECK(test::read_file(file) == "nieuw");
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);  // no temporary file left behind

  // A folder we may not write in: a clear error, and the old file is untouched.
  const fs::path locked = dir.path() / "dicht";
  fs::create_directory(locked);
  const fs::path inside = dir.write("dicht/brief.txt", "blijft");
  ::chmod(locked.c_str(), 0555);
  if (::geteuid() != 0) {  // root may write anywhere
    CHECK_THROWS_WITH(write_file_atomically(inside, "weg"), Catch::Contains("niet veranderd"));
    CHECK(test::read_file(inside) == "blijft");
  }
  ::chmod(locked.c_str(), 0755);
}
