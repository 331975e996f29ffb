/* plugin_abi.h compiled as C11 (no extensions, warnings as errors): the sizes, alignments and field offsets a C
   plugin sees. tests/unit/abi_layout_test.cpp compares them with what the C++ host sees. */
#include <helder/plugin_abi.h>

#include <stddef.h>

#include "abi_layout.h"

#define HELDER_LAYOUT_SIZE(type) {#type " sizeof", sizeof(type)}, {#type " alignof", _Alignof(type)},
#define HELDER_LAYOUT_FIELD(type, field) {#type "." #field, offsetof(type, field)},

static const helder_layout_entry entries[] = {
#include "abi_layout.inc"
};

const helder_layout_entry* helder_c_layout(size_t* count) {
  *count = sizeof entries / sizeof entries[0];
  return entries;
}
