// Files on the PyPy model: the order in which exit flushes them (the
// AutoFlusher's weak list, rpython/rlib/rweaklist.py) and the finalizer a
// close() makes the collector ignore. The expected orders follow the
// rweaklist algorithm by hand, from a fresh list of 4 free slots: slots are
// taken from the top down; when none is free, the dead ones are gathered
// and the list doubles.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/support/vm_runtime.hpp"
#include "tracing/manager.hpp"

using namespace vm;

namespace {

// pypy-7.3 with a fresh flush list: 4 free slots.
Profile pypy_profile() {
    Profile p = test::pypy_profile();
    p.flush_list = "ffff";
    return p;
}

// Runs `body` on the PyPy model after a prelude where open_log(label)
// opens the log in append mode and writes the label unflushed; returns the
// log as the exit left it.
std::string log_after(const std::string& body) {
    const std::string log = "/tmp/pymodel-flush-order.txt";
    std::remove(log.c_str());
    Profile profile = pypy_profile();
    std::string prelude = "import gc\nfiles = {}\ndef open_log(label):\n    f = open('" + log +
                          "', 'a')\n    f.write(str(label) + ' ')\n    files[label] = f\n";
    test::Outcome o = test::run_program(prelude + body, std::make_unique<tracing::Manager>(profile), &profile);
    CHECK(o.status == 0);
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    std::remove(log.c_str());
    return text.str();
}

}  // namespace

TEST_CASE("exit flushes open files in the order of their text layers' slots", "[tracing][io]") {
    SECTION("each open() takes three slots: FileIO, buffer, text") {
        // File 0 takes slots 3 2 1, file 1 takes 0, then the list doubles
        // and it takes 7 6; file 2 takes 5 4 and, the list doubled to 16,
        // 15; files 3 and 4 take 14-12 and 11-9; file 5 takes 8, 31, 30.
        // Text slots: 1, 6, 15, 12, 9, 30.
        CHECK(log_after("for i in range(6):\n    open_log(i)\n") == "0 1 4 3 2 5 ");
    }
    SECTION("a slot freed by a collection is taken once the free ones run out") {
        std::string start = "open_log(0)\nopen_log(1)\nfiles.pop(0).close()\n";
        std::string rest = "for i in range(2, 6):\n    open_log(i)\n";
        // close() wrote "0" at once. File 0's slots 3 2 1 die; file 2 takes 5 4, then the list gathers
        // them and doubles: 15; ... file 5 takes 8, then 3 2.
        CHECK(log_after(start + "gc.collect()\n" + rest) == "0 5 1 4 3 2 ");
        // Without the collection they are not dead: file 5 takes 8, 31, 30.
        CHECK(log_after(start + rest) == "0 1 4 3 2 5 ");
    }
}

TEST_CASE("close() makes the collector ignore an io object's finalizer", "[tracing][io]") {
    Profile profile = pypy_profile();
    auto weakrefs_after = [&](const char* drop) {
        std::string source = std::string(
                                 "import gc, weakref\n"
                                 "f = open('/tmp/pymodel-ignored.txt', 'w')\n"
                                 "layers = [weakref.ref(f), weakref.ref(f.buffer), weakref.ref(f.buffer.raw)]\n") +
                             drop +
                             "gc.collect()\nprint([w() is None for w in layers])\n"
                             "gc.collect()\nprint([w() is None for w in layers])\n";
        test::Outcome o = test::run_program(source, std::make_unique<tracing::Manager>(profile), &profile);
        std::remove("/tmp/pymodel-ignored.txt");
        return o.output;
    };
    SECTION("closed: the three layers die at once, as plain objects") {
        CHECK(weakrefs_after("f.close()\ndel f\n") == "[True, True, True]\n[True, True, True]\n");
    }
    SECTION("dropped open: the text layer is finalized first; its close() frees the others") {
        CHECK(weakrefs_after("del f\n") == "[True, False, False]\n[True, True, True]\n");
    }
}
