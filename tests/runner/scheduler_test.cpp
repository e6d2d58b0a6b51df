// run_parallel(): an exception in a job is the caller's, once the running
// jobs are done, not std::terminate on a worker thread.
#include "runner/scheduler.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace memconform;

TEST_CASE("every job runs on the workers", "[scheduler]") {
    std::atomic<std::size_t> sum{0};
    run_parallel(100, 4, [&](std::size_t i) { sum += i; });
    CHECK(sum == 4950);
}

TEST_CASE("a job that throws stops the others from starting, and its exception is the caller's", "[scheduler]") {
    // One worker takes the jobs in order: none starts after the one that threw.
    std::atomic<std::size_t> ran{0};
    auto job = [&](std::size_t i) {
        ++ran;
        if (i == 3) throw std::runtime_error("cannot write /tmp/x: disk full");
    };
    CHECK_THROWS_WITH(run_parallel(1000, 1, job), "cannot write /tmp/x: disk full");
    CHECK(ran == 4);
    // With two, the other worker finishes the job it holds and takes no
    // more; its jobs take a millisecond each, so running all 996 left would
    // take a second, not the microseconds stopping takes, even on a busy
    // machine.
    ran = 0;
    CHECK_THROWS_WITH(run_parallel(1000, 2,
                                   [&](std::size_t i) {
                                       if (i != 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                                       job(i);
                                   }),
                      "cannot write /tmp/x: disk full");
    CHECK(ran < 1000);
}
