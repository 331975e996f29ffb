// The ELF reader behind the plugin loader's first look at a library: the entry symbol is found in every build
// (sanitizer builds lay their sections out differently) and in a stripped plugin; a damaged file is an error.
#include "test_support.hpp"

#include "../../host/src/elf_symbols.hpp"

#include <helder/plugin_loader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

using namespace helder;
namespace fs = std::filesystem;

namespace {

const fs::path broken_dir = HELDER_BROKEN_PLUGIN_DIR;

bool has(const std::vector<std::string>& symbols, const std::string& name) {
  return std::find(symbols.begin(), symbols.end(), name) != symbols.end();
}

std::string bytes_of(const fs::path& file) { return test::read_file(file); }

}  // namespace

TEST_CASE("elf: the exported entry symbol of each test plugin, and nothing the library only uses", "[loader][elf]") {
  const std::vector<std::string> good = elf_exported_symbols(broken_dir / "good.so");
  CHECK(has(good, "helder_plugin_v1"));
  CHECK_FALSE(has(good, "malloc"));  // undefined here: the library uses it, it does not export it
  const std::vector<std::string> v2 = elf_exported_symbols(broken_dir / "abi_v2.so");
  CHECK(has(v2, "helder_plugin_v2"));
  CHECK_FALSE(has(v2, "helder_plugin_v1"));
  CHECK(has(elf_exported_symbols(broken_dir / "abi_field.so"), "helder_plugin_v1"));
  CHECK_FALSE(has(elf_exported_symbols(broken_dir / "no_entry.so"), "helder_plugin_v1"));
}

TEST_CASE("elf: a stripped plugin keeps its entry symbol and loads", "[loader][elf]") {
  test::TempDir dir;
  const fs::path copy = dir.path() / "good.so";
  fs::copy_file(broken_dir / "good.so", copy);
  // What a distribution package or `cmake --install --strip` does to a plugin: .symtab goes, .dynsym stays.
  const std::string command = "strip --strip-unneeded '" + copy.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  REQUIRE(bytes_of(copy).size() < bytes_of(broken_dir / "good.so").size());
  CHECK(has(elf_exported_symbols(copy), "helder_plugin_v1"));

  PluginRegistry registry;
  std::vector<std::string> messages;
  registry.load_directory(dir.path(), messages);
  for (const std::string& m : messages) UNSCOPED_INFO(m);
  CHECK(messages.empty());
  CHECK(registry.find("good"));
}

TEST_CASE("elf: a file that is no ELF library, or a damaged one, is an error and never a read outside it",
          "[loader][elf]") {
  test::TempDir dir;
  CHECK_THROWS_AS(elf_exported_symbols(broken_dir / "not_a_library.so"), ElfError);
  CHECK_THROWS_AS(elf_exported_symbols(dir.path() / "missing.so"), ElfError);
  CHECK_THROWS_AS(elf_exported_symbols(dir.write("empty.so", "")), ElfError);

  const std::string good = bytes_of(broken_dir / "good.so");
  REQUIRE(good.size() > 4096);
  // Cut short at many places: the headers, the section table, the symbols, the names.
  for (std::size_t size : {std::size_t{4}, std::size_t{20}, std::size_t{63}, std::size_t{64}, std::size_t{700},
                           good.size() / 3, good.size() / 2, good.size() - 1}) {
    INFO("cut at " << size);
    CHECK_THROWS_AS(elf_exported_symbols_in(std::string_view(good).substr(0, size)), ElfError);
  }
  // Every byte of the ELF header and of the section table changed in turn: an answer or an ElfError, no crash
  // (the sanitizer builds see any read outside the file's bytes).
  const auto read_u64 = [&](std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(good[at + i]);
    return v;
  };
  const std::uint64_t section_table = read_u64(0x28);  // e_shoff of ELF64
  REQUIRE(section_table < good.size());
  std::vector<std::size_t> places;
  for (std::size_t at = 0; at < 64; ++at) places.push_back(at);
  for (std::size_t at = section_table; at < good.size(); ++at) places.push_back(at);
  std::size_t errors = 0;
  std::string damaged = good;
  for (std::size_t at : places) {
    damaged[at] = static_cast<char>(good[at] ^ 0xA5);
    try {
      elf_exported_symbols_in(damaged);
    } catch (const ElfError&) {
      ++errors;
    }
    damaged[at] = good[at];
  }
  CHECK(errors > 0);
}
