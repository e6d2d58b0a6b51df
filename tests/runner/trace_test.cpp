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

TEST_CASE("what became of each object a trace names, in order", "[trace]") {
    auto fates = object_fates(
        "./p.py:3: finalize Node 'a' (refcount)\n"
        "./p.py:3: clear 2 weakrefs to Node 'a'\n"
        "./p.py:3: free Node 'a' (refcount)\n"
        "./p.py:4: resurrected Phoenix by its finalizer\n"
        "./p.py:5: start major collection (gc.collect())\n"
        "./p.py:5: queue the finalizer of Node 'b'\n"
        "./p.py:5: free class Node (major collection)\n"
        "lib.py:9: finalize Node 'b' (finalizer queue)\n"
        "./p.py:6: flush file 'x.txt': 5 bytes (program)\n"
        "./p.py:6: close file 'x.txt' (program)\n"
        "<exit>: left alive at exit 7: Node 'b', Node 'c, d', Node \"it's, \\\" x\" and 4 more\n",
        "./p.py");
    CHECK(
        fates ==
        Fates{
            {"Node 'a'",
             {{"finalized at line 3 (refcount)"}, {"its weakrefs cleared at line 3"}, {"freed at line 3 (refcount)"}}},
            {"Phoenix", {{"resurrected at line 4 (its finalizer)"}}},
            {"Node 'b'",
             {{"queued for its finalizer at line 5"},
              {"finalized in lib.py:9 (finalizer queue)"},
              {"left alive at exit"}}},
            {"file 'x.txt'", {{"flushed 5 bytes at line 6 (program)"}, {"closed at line 6 (program)"}}},
            {"Node 'c, d'", {{"left alive at exit"}}},
            {"Node \"it's, \\\" x\"", {{"left alive at exit"}}}});
}

TEST_CASE("what happened: one line per object whose fate differs, repeats counted", "[trace]") {
    auto lines = what_happened("cpy",
                               "./p.py:2: free A (refcount)\n./p.py:2: free B (refcount)\n"
                               "./p.py:2: free B (refcount)\n./p.py:3: free Same (refcount)\n",
                               "pypy", "./p.py:3: free Same (refcount)\n<exit>: left alive at exit 1: A\n", "./p.py");
    CHECK(lines == std::vector<std::string>{
                       "`A`: cpy: freed at line 2 (refcount); pypy: left alive at exit",
                       "`B`: cpy: freed at line 2 (refcount) (x2); pypy: nothing",
                   });
}

TEST_CASE("a line written once for several alike counts as many, and adds to the lines like it", "[trace]") {
    auto fates = object_fates(
        "./p.py:2: free Node (refcount) [990 times]\n"
        "./p.py:2: free Node (refcount)\n"
        "./p.py:3: free Node (generation 2 collection) [9 times]\n"
        "./p.py:4: free Node 'x [2 times]' (refcount)\n"
        "./p.py:5: free Node (refcount) [many times]\n",
        "./p.py");
    CHECK(fates ==
          Fates{{"Node", {{"freed at line 2 (refcount)", 991}, {"freed at line 3 (generation 2 collection)", 9}}},
                {"Node 'x [2 times]'", {{"freed at line 4 (refcount)"}}},
                {"Node (refcount) [many times]", {{"freed at line 5"}}}});
    auto lines = what_happened("cpy", "./p.py:2: free Node (refcount) [3 times]\n", "pypy",
                               "./p.py:2: free Node (refcount)\n./p.py:2: free Node (refcount)\n", "./p.py");
    CHECK(lines == std::vector<std::string>{
                       "`Node`: cpy: freed at line 2 (refcount) (x3); pypy: freed at line 2 (refcount) (x2)"});
}

TEST_CASE("the case's file as a trace names it", "[trace]") {
    CHECK(traced_case_file("cycles/collect_inside_finalizer") == "./collect_inside_finalizer.py");
}
