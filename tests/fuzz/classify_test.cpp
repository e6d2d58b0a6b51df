#include "runner/fuzz/classify.hpp"

#include <catch2/catch.hpp>

using namespace memconform;
using namespace memconform::fuzz;

namespace {

std::string kind(std::string_view model, std::string_view real, std::string_view profile = "cpython-3.11",
                 Ending ending = Ending::Exited) {
    RawOutcome raw;
    raw.ending = ending;
    return classify({raw, model, real, profile});
}

}  // namespace

TEST_CASE("a model that dies or hangs is a crash", "[classify]") {
    CHECK(kind("[signal SEGV]\n", "-- end\n[exit 0]\n", "cpython-3.11", Ending::Signaled) == "crash");
    CHECK(kind("[timeout]\n", "-- end\n[exit 0]\n", "cpython-3.11", Ending::TimedOut) == "crash");
}

TEST_CASE("what the model does not support is the front end's or the VM's", "[classify]") {
    CHECK(kind("pymodel: unsupported: decorator at program.py:3:1\n[exit 3]\n", "-- end\n[exit 0]\n") == "front-end");
    CHECK(kind("pymodel: unsupported: dir() at program.py:3\n[exit 3]\n", "-- end\n[exit 0]\n") == "vm-unsupported");
    CHECK(kind("Traceback (most recent call last):\nSyntaxError: invalid syntax\n[exit 1]\n", "-- end\n[exit 0]\n") ==
          "front-end");
}

TEST_CASE("a difference after the end marker is shutdown's", "[classify]") {
    CHECK(kind("step 1\n-- end\n[exit 0]\n", "step 1\n-- end\ndel n1\n[exit 0]\n") == "shutdown");
    CHECK(kind("-- end\natexit 3\n[exit 0]\n", "-- end\n[exit 0]\n") == "shutdown");
}

TEST_CASE("the same lines in another order are an ordering of the model's family", "[classify]") {
    CHECK(kind("del n2\ndel n1\n-- end\n[exit 0]\n", "del n1\ndel n2\n-- end\n[exit 0]\n") == "dealloc-order");
    CHECK(kind("del n2\ndel n1\n-- end\n[exit 0]\n", "del n1\ndel n2\n-- end\n[exit 0]\n", "pypy-7.3") ==
          "pypy-ordering");
}

TEST_CASE("otherwise the first line that differs names the mechanism", "[classify]") {
    CHECK(kind("step 1\n-- end\n[exit 0]\n", "step 1\ndel n1\n-- end\n[exit 0]\n") == "finalizer");
    CHECK(kind("alive w3 True\n-- end\n[exit 0]\n", "alive w3 False\n-- end\n[exit 0]\n") == "weakref");
    CHECK(kind("-- end\n[exit 0]\n", "callback w3\n-- end\n[exit 0]\n") == "weakref");
    CHECK(kind("file f2.txt 0\n-- end\n[exit 0]\n", "file f2.txt 6\n-- end\n[exit 0]\n") == "file");
    CHECK(kind("-- end\n[exit 0]\n", "finally gen4\n-- end\n[exit 0]\n") == "generator");
    CHECK(kind("collect 0\n-- end\n[exit 0]\n", "collect 2\n-- end\n[exit 0]\n") == "collector");
    CHECK(kind("has o1.a True\n-- end\n[exit 0]\n", "has o1.a False\n-- end\n[exit 0]\n") == "vm");
}

TEST_CASE("a line the model prints too early is classified by what it is", "[classify]") {
    // The real interpreter's line is a plain step; the model's extra line is a finalizer's.
    CHECK(kind("del n1\nstep 2\n-- end\n[exit 0]\n", "step 2\n-- end\n[exit 0]\n") == "finalizer");
}

TEST_CASE("an uncaught exception where Python has none is the VM's", "[classify]") {
    CHECK(kind("Traceback (most recent call last):\nAttributeError: 'K0' object has no attribute 'b'\n[exit 1]\n",
               "has o1.b False\n-- end\n[exit 0]\n") == "vm");
}

TEST_CASE("exception names are read from collapsed tracebacks", "[classify]") {
    CHECK(exception_names("Exception ignored in: <function K0.__del__ at 0x?>\nTraceback (most recent call last):\n"
                          "Boom: n1\nTraceback (most recent call last):\nNameError: name 'x' is not defined\n"
                          "Traceback (most recent call last):\nBoom: n2\n[exit 1]\n") ==
          std::vector<std::string>{"Boom", "NameError"});
    CHECK(exception_names("-- end\n[exit 0]\n").empty());
}
