/* One measured fact of the plugin ABI's layout: "helder_token sizeof", "helder_token.lemma" (an offset). */
#ifndef HELDER_TESTS_ABI_LAYOUT_H
#define HELDER_TESTS_ABI_LAYOUT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct helder_layout_entry {
  const char* name;
  size_t value;
} helder_layout_entry;

/* The layout as the C11 compiler sees plugin_abi.h (abi_layout_c11.c). */
const helder_layout_entry* helder_c_layout(size_t* count);

#ifdef __cplusplus
}
#endif

#endif
