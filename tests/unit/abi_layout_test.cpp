// The plugin ABI is a C ABI: plugin_abi.h compiled by a C compiler as strict C11 (tests/abi/abi_layout_c11.c) must
// give every struct the same size, alignment and field offsets as the C++ host sees. The list of structs and
// fields (tests/abi/abi_layout.inc) is generated from the header by scripts/make-abi-layout.py; this test also
// fails when the header has a struct the list does not.
#include "test_support.hpp"

#include <helder/plugin_abi.h>

#include "abi_layout.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <map>
#include <regex>
#include <string>

namespace {

#define HELDER_LAYOUT_SIZE(type) {#type " sizeof", sizeof(type)}, {#type " alignof", alignof(type)},
#define HELDER_LAYOUT_FIELD(type, field) {#type "." #field, offsetof(type, field)},

const helder_layout_entry cpp_entries[] = {
#include "abi_layout.inc"
};

}  // namespace

TEST_CASE("plugin_abi.h has the same layout in C11 as in C++", "[abi]") {
  std::size_t count = 0;
  const helder_layout_entry* c = helder_c_layout(&count);
  REQUIRE(count == std::size(cpp_entries));
  REQUIRE(count > 100);
  for (std::size_t i = 0; i < count; ++i) {
    INFO(cpp_entries[i].name);
    CHECK(std::string(c[i].name) == cpp_entries[i].name);
    CHECK(c[i].value == cpp_entries[i].value);
  }
}

TEST_CASE("the layout list covers every struct of plugin_abi.h", "[abi]") {
  const std::string header =
      helder::test::read_file(std::filesystem::path(HELDER_SOURCE_DIR) / "plugins/sdk/include/helder/plugin_abi.h");
  const std::string list = helder::test::read_file(std::filesystem::path(HELDER_SOURCE_DIR) / "tests/abi/abi_layout.inc");
  const std::regex typedef_struct(R"(typedef struct (helder_\w+) \{)");
  std::size_t structs = 0;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), typedef_struct); it != std::sregex_iterator(); ++it) {
    ++structs;
    INFO((*it)[1].str() << ": run scripts/make-abi-layout.py");
    CHECK(list.find("HELDER_LAYOUT_SIZE(" + (*it)[1].str() + ")") != std::string::npos);
  }
  CHECK(structs >= 15);
}
