// A test plugin that writes garbage where it should not: to standard output (which is the LSP channel of the
// language server) and onto descriptor 3 (the connection of a plugin worker to its host). The host must see
// broken messages, stop the plugin, and go on; the editor must never see the garbage.
#include <helder/sdk.hpp>

#include <unistd.h>

namespace {

class Garbage {
 public:
  Garbage(const helder::sdk::Host&, const helder::sdk::Options&) {}
  void check(const helder::sdk::Unit&, helder::sdk::Findings&) const {
    static const char noise[] = "Content-Length: 5\r\n\r\nrommel\xff\xfe garbage garbage garbage garbage";
    (void)!::write(1, noise, sizeof noise - 1);
    (void)!::write(3, noise, sizeof noise - 1);
  }
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<Garbage>("garbage", "Writes garbage to stdout and descriptor 3", HELDER_SCOPE_DOCUMENT),
};

}  // namespace

HELDER_PLUGIN("garbage", "1.0.0", kinds);
