// parallel_for (host/src/parallel.hpp): every index once, on several threads, errors passed on.
#include "../../host/src/parallel.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

TEST_CASE("parallel_for calls the body once for every index", "[parallel]") {
  for (const std::size_t threads : {1u, 2u, 4u, 50u}) {
    std::vector<std::atomic<int>> calls(1000);
    std::mutex mutex;
    std::set<std::thread::id> ids;
    helder::parallel_for(calls.size(), threads, [&](std::size_t i) {
      ++calls[i];
      std::lock_guard lock(mutex);
      ids.insert(std::this_thread::get_id());
    });
    for (const auto& c : calls) REQUIRE(c == 1);
    CHECK(ids.size() <= threads);
    if (threads == 1) CHECK(ids == std::set<std::thread::id>{std::this_thread::get_id()});
  }
  int none = 0;
  helder::parallel_for(0, 4, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("parallel_for passes the first error on after every call has ended", "[parallel]") {
  std::atomic<int> done{0};
  CHECK_THROWS_WITH(helder::parallel_for(100, 3,
                                         [&](std::size_t i) {
                                           if (i == 10) throw std::runtime_error("alinea 10 ging mis");
                                           ++done;
                                         }),
                    "alinea 10 ging mis");
  CHECK(done == 99);
}
