// vm::Tracemalloc, the accounting of tracemalloc's traces, and the module on
// it: what is traced, when, and what stop(), clear_traces() and
// reset_peak() leave (backends/vm/allocator.md).
#include "vm/tracemalloc.hpp"

#include <catch2/catch.hpp>

#include "tests/support/vm_runtime.hpp"

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
