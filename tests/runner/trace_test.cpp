#include "runner/trace.hpp"

#include <catch2/catch.hpp>

using namespace memconform;

TEST_CASE("a trace's events go to the case's lines, the start and the exit", "[trace]") {
    auto lines = trace_by_line(
        "<start>: before\n"
        "./prog.py:3: at three\n"
        "<frozen weakref>:40: in the library\n"
        "./prog.py:12: at twelve\n"
        "./prog.py:3: three again\n"
        "./other.py:5: another file\n"
        "./prog.py:x: not a line\n"
        "<exit>: exit: atexit\n"
        "<exit>: free A (refcount)\n",
        "./prog.py");
    CHECK(lines.start == std::vector<std::string>{"before"});
    CHECK(lines.at.at(3) == std::vector<std::string>{"at three", "<frozen weakref>:40: in the library", "three again",
                                                     "./other.py:5: another file", "./prog.py:x: not a line"});
    CHECK(lines.at.at(12) == std::vector<std::string>{"at twelve"});
    CHECK(lines.at.size() == 2);
    CHECK(lines.exit == std::vector<std::string>{"exit: atexit", "free A (refcount)"});
}

TEST_CASE("events in other code before the case's first traced line go to the start", "[trace]") {
    auto lines = trace_by_line("lib.py:1: early\n./p.py:1: late\n", "./p.py");
    CHECK(lines.start == std::vector<std::string>{"lib.py:1: early"});
    CHECK(lines.at.at(1) == std::vector<std::string>{"late"});
}

TEST_CASE("the case's file as a trace names it", "[trace]") {
    CHECK(traced_case_file("cycles/collect_inside_finalizer") == "./collect_inside_finalizer.py");
}
