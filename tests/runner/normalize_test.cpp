#include "runner/normalize.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>

#include <signal.h>

using namespace memconform;
using namespace memconform::testing;

namespace {

RawOutcome exited(std::string output, int code) {
    RawOutcome raw;
    raw.output = std::move(output);
    raw.ending = Ending::Exited;
    raw.code = code;
    return raw;
}

std::string apply(std::string_view rule_name, std::string_view text, const NormalizeContext& context = {}) {
    for (const auto& rule : normalize_rules())
        if (rule.name == rule_name) return rule.apply(text, context);
    FAIL("no rule " << rule_name);
    return "";
}

}  // namespace

// Raw outputs of real python3 (3.11) and pypy3 (7.3) running the programs of
// fixtures/normalize from /tmp/memconform-fixture, each next to its outcome.
TEST_CASE("real interpreter outputs normalize to their reviewed outcomes", "[normalize]") {
    NormalizeContext context{{"/tmp/memconform-fixture"}};
    for (auto program : {"tracebacks", "syntax_error", "recursion"}) {
        for (auto interpreter : {"python3", "pypy3"}) {
            auto stem = fixture("normalize") / (std::string(program) + "." + interpreter);
            INFO(stem);
            auto raw = exited(read_file(stem.string() + ".raw"), 1);
            CHECK(outcome_text(raw, {}, context) == read_file(stem.string() + ".out"));
        }
    }
}

TEST_CASE("a traceback keeps its header and final line; chained blocks collapse apart", "[normalize]") {
    auto text =
        "before\n"
        "Traceback (most recent call last):\n"
        "  File \"x.py\", line 3, in <module>\n"
        "    f()\n"
        "    ^^^\n"
        "KeyError: 'a'\n"
        "\n"
        "During handling of the above exception, another exception occurred:\n"
        "\n"
        "Traceback (most recent call last):\n"
        "  File \"x.py\", line 5, in <module>\n"
        "ValueError: b\n"
        "  indented output outside a traceback stays\n";
    CHECK(apply("traceback", text) ==
          "before\n"
          "Traceback (most recent call last):\n"
          "KeyError: 'a'\n"
          "\n"
          "During handling of the above exception, another exception occurred:\n"
          "\n"
          "Traceback (most recent call last):\n"
          "ValueError: b\n"
          "  indented output outside a traceback stays\n");
    CHECK(apply("traceback", "no newline at end") == "no newline at end");
}

TEST_CASE("addresses and the temporary folder are hidden", "[normalize]") {
    CHECK(apply("address", "<A at 0x7f2f141a5b10> 0x00007f29ed2e7360 0xABC") == "<A at 0x?> 0x? 0x?");
    NormalizeContext context{{"/tmp/mc-1", "/private/tmp/mc-1"}};
    CHECK(apply("temp-dir", "File \"/private/tmp/mc-1/a.py\" /tmp/mc-1/b /tmp/mc-1", context) ==
          "File \"./a.py\" ./b .");
}

TEST_CASE("every outcome ends with how the program ended", "[normalize]") {
    RawOutcome raw = exited("partial line", 0);
    CHECK(outcome_text(raw, {}, {}) == "partial line\n[exit 0]\n");
    raw.output.clear();
    CHECK(outcome_text(raw, {}, {}) == "[exit 0]\n");
    raw.ending = Ending::Signaled;
    raw.code = SIGABRT;
    CHECK(ending_line(raw, {}) == "[signal ABRT]");
    raw.ending = Ending::TimedOut;
    CHECK(ending_line(raw, {}) == "[timeout]");
    raw.ending = Ending::NotStarted;
    CHECK(ending_line(raw, {}) == "[not started]");
    raw.ending = Ending::Interrupted;
    CHECK(ending_line(raw, {}) == "[interrupted]");
}

TEST_CASE("the rules are named, in order", "[normalize]") {
    CHECK(normalize_rule_names() == std::vector<std::string>{"temp-dir", "traceback", "address"});
}
