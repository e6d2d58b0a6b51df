#include "runner/run_case.hpp"
#include "tests/support/runner_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>

using namespace memconform;
using namespace memconform::testing;

namespace {

// A backend whose explain command writes [lines] lines to the trace, each
// naming the program by its path, and prints "ran".
Backend tracing_backend(int lines) {
    Backend b;
    b.name = "tracer";
    b.command = "sh -c 'echo plain' sh {case}";
    b.explain = "sh -c 'for i in $(seq " + std::to_string(lines) +
                "); do echo \"$1:$i: event $i\"; done > \"$2\"; echo ran' sh {case} {trace}";
    return b;
}

}  // namespace

TEST_CASE("a case runs with its backend's explain command, and keeps its trace, its folder as `.`", "[run_case]") {
    Case c;
    c.id = "area/prog";
    c.path = "/nowhere/area/prog.py";
    c.source = "print(1)\n";
    auto seen = run_case(c, tracing_backend(2), Limits{});
    CHECK(seen.outcome == "ran\n[exit 0]\n");
    CHECK(seen.trace == "./prog.py:1: event 1\n./prog.py:2: event 2\n");
}

TEST_CASE("other programs run with the plain command, and a backend without explain keeps no trace", "[run_case]") {
    auto seen = run_source("print(1)\n", "probe.py", tracing_backend(2), Limits{});
    CHECK(seen.outcome == "plain\n[exit 0]\n");
    CHECK(seen.trace.empty());
    Backend plain = tracing_backend(2);
    plain.explain.clear();
    Case c;
    c.path = "/nowhere/prog.py";
    CHECK(run_case(c, plain, Limits{}).trace.empty());
}

TEST_CASE("a long trace keeps its first and its last lines", "[run_case]") {
    Case c;
    c.path = "/nowhere/prog.py";
    auto lines = static_cast<int>(kTraceHeadLines + kTraceTailLines + 5);
    auto trace = run_case(c, tracing_backend(lines), Limits{}).trace;
    auto kept = split_lines(trace);
    REQUIRE(kept.size() == kTraceHeadLines + kTraceTailLines + 1);
    CHECK(kept.front() == "./prog.py:1: event 1");
    CHECK(kept[kTraceHeadLines - 1] == "./prog.py:1000: event 1000");
    CHECK(kept[kTraceHeadLines] == "... 5 lines left out ...");
    CHECK(kept[kTraceHeadLines + 1] == "./prog.py:1006: event 1006");
    CHECK(kept.back() == fmt::format("./prog.py:{0}: event {0}", lines));
}

TEST_CASE("a case marked `timeout = \"long\"` may run six times its backend's limit", "[run_case]") {
    Backend slow;
    slow.name = "slow";
    slow.command = "sh -c 'sleep 2; echo done' sh {case}";
    Limits limits;
    limits.timeout = std::chrono::milliseconds(1000);
    Case c;
    c.path = "/nowhere/prog.py";
    CHECK(run_case(c, slow, limits).outcome == "[timeout]\n");
    c.front.long_timeout = true;
    CHECK(run_case(c, slow, limits).outcome == "done\n[exit 0]\n");
}

TEST_CASE("a program the runner cannot set up is the runner's error, said in the outcome, not thrown", "[run_case]") {
    auto backend = tracing_backend(1);
    Scratch scratch;  // its folder, before TMPDIR names none
    auto saved = std::getenv("TMPDIR") ? std::optional<std::string>(std::getenv("TMPDIR")) : std::nullopt;
    auto missing = (scratch.path() / "no-such-folder").string();
    setenv("TMPDIR", missing.c_str(), 1);
    auto seen = run_source("print('hi')\n", "program.py", backend, Limits{});
    if (saved) setenv("TMPDIR", saved->c_str(), 1);
    else unsetenv("TMPDIR");
    CHECK_THAT(seen.runner_error, Catch::Contains(missing));
    CHECK(seen.raw.ending == Ending::NotStarted);
    CHECK_THAT(seen.outcome, Catch::StartsWith("memconform could not run it: "));
    CHECK_THAT(seen.outcome, Catch::EndsWith("\n[not started]\n"));
}
