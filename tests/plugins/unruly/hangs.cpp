// A test plugin whose check never returns: the host must stop it after its time limit.
#include <helder/sdk.hpp>

#include <chrono>
#include <thread>

namespace {

class Forever {
 public:
  Forever(const helder::sdk::Host&, const helder::sdk::Options&) {}
  void check(const helder::sdk::Unit&, helder::sdk::Findings&) const {
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<Forever>("forever", "Never returns from check", HELDER_SCOPE_DOCUMENT),
};

}  // namespace

HELDER_PLUGIN("hangs", "1.0.0", kinds);
