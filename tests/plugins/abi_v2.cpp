// A test plugin built for a future ABI major 2: it exports helder_plugin_v2, not helder_plugin_v1.
#include <helder/plugin_abi.h>

extern "C" __attribute__((visibility("default"))) const helder_plugin helder_plugin_v2 = {
    sizeof(helder_plugin), 2, 0, "future", "2.0.0", nullptr, 0, sizeof(helder_check_kind)};
