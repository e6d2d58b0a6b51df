// vm::Tracemalloc, the accounting of tracemalloc's traces, its table of
// traces, and the module on it: what is traced, when, and what stop(),
// clear_traces() and reset_peak() leave (backends/vm/allocator.md).
#include "vm/tracemalloc.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

#include "tests/support/vm_runtime.hpp"

TEST_CASE("the trace table assigns, replaces and removes traces", "[tracemalloc]") {
    vm::TraceTable table;
    CHECK(table.remove(0x1000) == 0);  // nothing traced yet
    CHECK(table.assign(0x1000, 40) == 0);
    CHECK(table.assign(0x1008, 24) == 0);
    CHECK(table.size() == 2);
    CHECK(table.assign(0x1000, 56) == 40);  // replaced: still two traces
    CHECK(table.size() == 2);
    CHECK(table.remove(0x1010) == 0);  // never traced
    CHECK(table.size() == 2);
    CHECK(table.remove(0x1000) == 56);
    CHECK(table.remove(0x1000) == 0);  // already gone
    CHECK(table.size() == 1);
    table.clear();
    CHECK(table.empty());
    CHECK(table.remove(0x1008) == 0);
    CHECK(table.assign(0x1008, 8) == 0);  // usable again after clear()
    CHECK(table.size() == 1);
}

namespace {

// Each trace is found again: replacing it returns the size it had.
void check_traced(vm::TraceTable& table, std::uintptr_t address, std::int64_t size) {
    INFO("address " << address);
    CHECK(table.assign(address, size) == size);
}

}  // namespace

TEST_CASE("the trace table keeps every trace while it grows", "[tracemalloc]") {
    vm::TraceTable table;
    constexpr std::uintptr_t kCount = 100000;  // from 64 slots to 2^18: twelve resizes
    for (std::uintptr_t i = 0; i < kCount; ++i) CHECK(table.assign(0x7f0000000000 + 48 * i, std::int64_t(i + 1)) == 0);
    CHECK(table.size() == kCount);
    for (std::uintptr_t i = 0; i < kCount; ++i) check_traced(table, 0x7f0000000000 + 48 * i, std::int64_t(i + 1));
    for (std::uintptr_t i = 0; i < kCount; i += 2) CHECK(table.remove(0x7f0000000000 + 48 * i) == std::int64_t(i + 1));
    CHECK(table.size() == kCount / 2);
    for (std::uintptr_t i = 1; i < kCount; i += 2) check_traced(table, 0x7f0000000000 + 48 * i, std::int64_t(i + 1));
}

TEST_CASE("the trace table tells apart addresses that share their low bits", "[tracemalloc]") {
    // The same offset in chunks 1 MiB apart, and in 4 GiB apart: only the
    // high bits differ. Removing every third leaves holes inside the runs
    // of probes, which the later traces must still be found across.
    vm::TraceTable table;
    std::vector<std::uintptr_t> addresses;
    for (std::uintptr_t i = 1; i <= 2000; ++i) addresses.push_back((i << 20) | 0x28);
    for (std::uintptr_t i = 1; i <= 2000; ++i) addresses.push_back((i << 32) | 0x28);
    for (std::size_t i = 0; i < addresses.size(); ++i) CHECK(table.assign(addresses[i], std::int64_t(i + 1)) == 0);
    for (std::size_t i = 0; i < addresses.size(); i += 3) CHECK(table.remove(addresses[i]) == std::int64_t(i + 1));
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        if (i % 3 == 0) CHECK(table.remove(addresses[i]) == 0);
        else check_traced(table, addresses[i], std::int64_t(i + 1));
    }
}

TEST_CASE("the trace table answers as a map would, whatever the order of its operations", "[tracemalloc]") {
    // Few addresses, many operations: runs of probes form, break and form again.
    vm::TraceTable table;
    std::unordered_map<std::uintptr_t, std::int64_t> expected;
    std::mt19937_64 random(16);
    for (int step = 0; step < 200000; ++step) {
        const std::uintptr_t address = 0x10000 + 8 * (random() % 3000);
        const auto found = expected.find(address);
        const std::int64_t previous = found == expected.end() ? 0 : found->second;
        if (random() % 2) {
            const auto size = std::int64_t(random() % 1000 + 1);
            REQUIRE(table.assign(address, size) == previous);
            expected[address] = size;
        } else {
            REQUIRE(table.remove(address) == previous);
            expected.erase(address);
        }
        REQUIRE(table.size() == expected.size());
    }
}

TEST_CASE("only blocks allocated while tracing are traced, until they are freed", "[tracemalloc]") {
    vm::Tracemalloc t;
    t.allocated(1, 100);  // before start(): never traced
    t.start();
    t.allocated(2, 40);
    t.allocated(3, 24);
    CHECK(t.current() == 64);
    t.freed(1);  // untraced: nothing changes
    t.freed(2);
    CHECK(t.current() == 24);
    CHECK(t.peak() == 64);
    t.reset_peak();
    CHECK(t.peak() == 24);
}

TEST_CASE("a reallocation replaces its block's trace, or traces a block made before start", "[tracemalloc]") {
    vm::Tracemalloc t;
    t.start();
    t.allocated(1, 32);
    t.allocated(1, 64);
    CHECK(t.current() == 64);
    t.allocated(1, 16);
    CHECK(t.current() == 16);
    CHECK(t.peak() == 64);
}

TEST_CASE("stop() and clear_traces() forget every trace", "[tracemalloc]") {
    vm::Tracemalloc t;
    t.start();
    t.allocated(1, 32);
    t.clear_traces();
    CHECK(t.current() == 0);
    CHECK(t.peak() == 0);
    t.freed(1);  // its trace is gone: no negative size
    CHECK(t.current() == 0);
    t.allocated(2, 8);
    t.stop();
    CHECK_FALSE(t.tracing());
    CHECK(t.current() == 0);
    t.allocated(3, 8);
    CHECK(t.current() == 0);
}

TEST_CASE("the tracemalloc module traces objects at CPython's sizes", "[tracemalloc]") {
    test::Outcome o = test::run_program(R"(
import tracemalloc
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start()
a = object()
t = (a, a)
print(tracemalloc.get_traced_memory())
del t
current, peak = tracemalloc.get_traced_memory()
print(current, peak >= 72)
del current, peak
tracemalloc.reset_peak()
print(tracemalloc.get_traced_memory())
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
)");
    INFO(o.output);
    CHECK(o.status == 0);
    // object() 16 bytes, a pair 24 + 2 * 8 and its 16-byte GC header; each
    // call's result tuple is made after the sizes are read. What print
    // allocates raises the peak.
    CHECK(o.output == "False (0, 0)\n(72, 72)\n16 True\n(16, 16)\nFalse (0, 0) 1\n");
}
