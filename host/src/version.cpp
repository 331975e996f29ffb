// The program's version, from CMake.
#include <helder/version.hpp>

namespace helder {
const char* version() { return HELDER_VERSION; }
}  // namespace helder
