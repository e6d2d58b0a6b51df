#include "runner/execute.hpp"
#include "runner/normalize.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>

#include <signal.h>

using namespace memconform;
using namespace memconform::testing;
using namespace std::chrono_literals;

namespace {

RawOutcome sh(const std::string& script, Limits limits = {}) {
    Scratch dir;
    return execute({"sh", "-c", script}, case_environment({}), dir.path(), limits);
}

}  // namespace

TEST_CASE("stdout and stderr arrive merged, in order, with the exit status", "[execute]") {
    auto out = sh("echo one; echo two >&2; echo three; exit 4");
    CHECK(out.output == "one\ntwo\nthree\n");
    CHECK(out.ending == Ending::Exited);
    CHECK(out.code == 4);
}

TEST_CASE("a death by signal is reported with its name", "[execute]") {
    auto out = sh("echo before; kill -SEGV $$");
    CHECK(out.ending == Ending::Signaled);
    CHECK(out.code == SIGSEGV);
    CHECK(ending_line(out, {}) == "[signal SEGV]");
}

TEST_CASE("at the time limit the whole process group is killed", "[execute]") {
    auto started = std::chrono::steady_clock::now();
    auto out = sh("sleep 60 & echo child $!; wait", {500ms, 1 << 20, 0});
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK(out.ending == Ending::TimedOut);
    REQUIRE(out.output.starts_with("child "));
    pid_t child = std::stoi(out.output.substr(6));
    CHECK(dies_within(child, 5s));
}

TEST_CASE("a process the case leaves behind is killed when the case exits", "[execute]") {
    auto started = std::chrono::steady_clock::now();
    auto out = sh("sleep 60 & echo child $!", {10s, 1 << 20, 0});
    CHECK(std::chrono::steady_clock::now() - started < 5s);
    CHECK(out.ending == Ending::Exited);
    pid_t child = std::stoi(out.output.substr(6));
    CHECK(dies_within(child, 5s));
}

TEST_CASE("a process that left the case's session and process group dies with the case", "[execute]") {
    // The child waits until it leads a session of its own before the case exits.
    auto out = sh("setsid sleep 60 & echo child $!; until [ \"$(cut -d' ' -f6 /proc/$!/stat)\" = $! ]; do :; done",
                  {10s, 1 << 20, 0});
    CHECK(out.ending == Ending::Exited);
    REQUIRE(out.output.starts_with("child "));
    CHECK(dies_within(std::stoi(out.output.substr(6)), 5s));
}

TEST_CASE("every process of a case carries its own marker", "[execute]") {
    auto marker_of = [] { return sh("echo $MEMCONFORM_CASE; sh -c 'echo $MEMCONFORM_CASE'").output; };
    auto first = split_lines(marker_of()), second = split_lines(marker_of());
    REQUIRE(first.size() == 2);
    CHECK(first[0] == first[1]);
    CHECK(first[0].starts_with(std::to_string(::getpid()) + "."));
    CHECK(first[0] != second[0]);
}

TEST_CASE("output past the cap is dropped and the flood stopped", "[execute]") {
    auto out = sh("yes flood", {10s, 4096, 0});
    CHECK(out.ending == Ending::Capped);
    CHECK(out.output.size() == 4096);
    CHECK(ending_line(out, {10s, 4096, 0}) == "[output capped at 4096 bytes]");
}

TEST_CASE("a write up to the output cap never waits for the reader", "[execute]") {
    // A non-blocking write takes only what the pipe has room for: all of it
    // when the pipe holds the cap, 64 KiB with the kernel's default pipe.
    auto out = execute({"python3", "-S", "-c",
                        "import os\nos.set_blocking(1, False)\nn = os.write(1, b'x' * 500000)\n"
                        "os.set_blocking(1, True)\nprint(n)"},
                       case_environment({}), Scratch().path(), {10s, 1 << 20, 0});
    CHECK(out.ending == Ending::Exited);
    CHECK(out.output.substr(out.output.find_first_not_of('x')) == "500000\n");
}

TEST_CASE("the memory limit stops a program that allocates past it", "[execute]") {
    Scratch dir;
    std::vector<std::string> argv{"python3", "-c", "b = bytearray(1 << 30); print('allocated')"};
    // A generous time limit: under a loaded machine (the sanitizer build's
    // tests run beside this) filling a GiB can take seconds.
    auto limited = execute(argv, case_environment({}), dir.path(), {60s, 1 << 20, 256});
    CHECK_THAT(limited.output, Catch::Contains("MemoryError"));
    CHECK(limited.code == 1);
    auto unlimited = execute(argv, case_environment({}), dir.path(), {60s, 1 << 20, 2048});
    INFO("ending " << static_cast<int>(unlimited.ending) << ", code " << unlimited.code);
    CHECK(unlimited.output == "allocated\n");
}

TEST_CASE("the default memory limit lets V8 and the JVM start", "[execute]") {
    Scratch dir;
    for (std::vector<std::string> argv :
         {std::vector<std::string>{"node", "-e", "console.log('up')"}, std::vector<std::string>{"java", "-version"}}) {
        if (find_program(argv[0]).empty()) {
            WARN(argv[0] << " is not installed: not checked");
            continue;
        }
        auto out = execute(argv, case_environment({}), dir.path(), {30s, 1 << 20, Limits{}.memory_mib});
        INFO(argv[0] << ": " << out.output);
        CHECK(out.ending == Ending::Exited);
        CHECK(out.code == 0);
    }
}

TEST_CASE("a command that cannot start is reported, not thrown", "[execute]") {
    Scratch dir;
    auto out = execute({"no-such-program-anywhere"}, case_environment({}), dir.path(), {});
    CHECK(out.ending == Ending::NotStarted);
    CHECK(out.output == "no-such-program-anywhere: not found");
}

TEST_CASE("a case runs without address-space randomization", "[execute]") {
    Scratch dir;
    auto out = execute({"cat", "/proc/self/personality"}, case_environment({}), dir.path(), {});
    REQUIRE(out.ending == Ending::Exited);
    constexpr unsigned long kAddrNoRandomize = 0x0040000;  // <sys/personality.h>
    CHECK((std::stoul(out.output, nullptr, 16) & kAddrNoRandomize) != 0);
}

TEST_CASE("a case runs in its folder with the pinned environment", "[execute]") {
    ::setenv("PYTHONPATH", "/leaked", 1);
    ::setenv("PYTHONHASHSEED", "random", 1);
    ::setenv("SOME_MACHINE_VARIABLE", "leaked", 1);
    auto env = case_environment({{"EXTRA", "1"}});
    ::unsetenv("PYTHONPATH");
    ::unsetenv("PYTHONHASHSEED");
    ::unsetenv("SOME_MACHINE_VARIABLE");
    Scratch dir;
    auto out = execute({"sh", "-c",
                        "pwd; echo ${PYTHONPATH-unset} ${SOME_MACHINE_VARIABLE-unset} $PYTHONHASHSEED "
                        "$PYTHONUNBUFFERED $LC_ALL $EXTRA; test \"$PATH\" = \"$CALLER_PATH\" && echo PATH passed"},
                       [&] {
                           auto with_caller = env;
                           with_caller["CALLER_PATH"] = ::getenv("PATH");
                           return with_caller;
                       }(),
                       dir.path(), {});
    CHECK(out.output == fs::canonical(dir.path()).string() + "\nunset unset 0 1 C.UTF-8 1\nPATH passed\n");
}
