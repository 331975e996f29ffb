// The version of helder.
#pragma once

namespace helder {
const char* version();
}  // namespace helder
