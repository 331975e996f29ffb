// Session: engines are cached per configuration, and a change of the settings while an engine is being made
// (the language server's main thread next to its worker) is never lost.
#include "test_support.hpp"

#include <helder/session.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

using namespace helder;

TEST_CASE("session: set_adjust while another thread makes engines, and the last adjustment wins", "[session][threads]") {
  test::TempDir dir;
  dir.write(".helder.toml", "packs = [\"rijksoverheid\"]\n");
  Session session(SessionOptions{});
  auto adjust_to = [](int n) { return [n](Config& c) { c.names = {"instelling-" + std::to_string(n)}; }; };
  session.set_adjust(adjust_to(0));

  // One thread keeps asking for an engine (as the server's worker does), the other changes the adjustment
  // (as the main thread does on workspace/didChangeConfiguration). Every change forgets the cached engine, so
  // the first thread keeps making new ones: some of them are started before a change and finished after it.
  std::atomic<bool> done{false};
  std::atomic<int> made{0};
  std::thread worker([&] {
    while (!done) {
      session.engine_for(dir.path());
      ++made;
    }
  });
  constexpr int kChanges = 8;
  for (int n = 1; n <= kChanges; ++n) {
    const int before = made;
    session.set_adjust(adjust_to(n));
    // Wait until the worker has made an engine since; a change during its next one is the case under test.
    while (made == before) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // The worker is most likely in the middle of an engine made with the last adjustment or the one before.
  session.set_adjust(adjust_to(kChanges + 1));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  done = true;
  worker.join();
  CHECK(made > kChanges);

  // No engine made with an older adjustment stayed in the cache.
  const std::shared_ptr<Engine> engine = session.engine_for(dir.path());
  REQUIRE(engine->config().names.size() == 1);
  CHECK(engine->config().names.front() == "instelling-" + std::to_string(kChanges + 1));
}
