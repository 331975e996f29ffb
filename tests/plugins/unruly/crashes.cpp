// A test plugin whose check crashes the process it runs in (a segmentation fault): loaded only in a
// process of its own (--isolate-plugins), where it must take down that process and nothing else.
#include <helder/sdk.hpp>

namespace {

class Segfault {
 public:
  Segfault(const helder::sdk::Host&, const helder::sdk::Options&) {}
  void check(const helder::sdk::Unit&, helder::sdk::Findings&) const {
    volatile int* nowhere = nullptr;
    *nowhere = 1;  // SIGSEGV
  }
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<Segfault>("segfault", "Crashes on every check", HELDER_SCOPE_DOCUMENT),
};

}  // namespace

HELDER_PLUGIN("crashes", "1.0.0", kinds);
