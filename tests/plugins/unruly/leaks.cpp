// A test plugin that leaks 64 MB on every check (and uses it, so it is resident): the host must stop it
// when its process grows past the memory limit, before the machine starts to swap.
#include <helder/sdk.hpp>

#include <cstring>

namespace {

class Leak {
 public:
  Leak(const helder::sdk::Host&, const helder::sdk::Options&) {}
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    constexpr std::size_t size = 64u << 20;
    char* block = new char[size];
    std::memset(block, 1, size);
    if (unit.size() && block[size - 1] == 1) findings.emit(0, 0, 0, "Weer 64 MB kwijt.");
  }
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<Leak>("leak", "Leaks 64 MB per check", HELDER_SCOPE_DOCUMENT),
};

}  // namespace

HELDER_PLUGIN("leaks", "1.0.0", kinds);
