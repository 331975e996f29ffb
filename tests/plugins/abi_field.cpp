// A test plugin whose v1 symbol carries a descriptor that says ABI major 2 (a mislabelled build).
#include <helder/plugin_abi.h>

extern "C" __attribute__((visibility("default"))) const helder_plugin helder_plugin_v1 = {
    sizeof(helder_plugin), 2, 0, "mislabelled", "2.0.0", nullptr, 0, sizeof(helder_check_kind)};
