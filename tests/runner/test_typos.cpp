// Typos end to end, on the fake project: a limit out of range exits 2 with
// the reason.
#include "helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

using namespace memconform;
using namespace memconform::testing;
using Catch::Contains;

namespace {

void check_usage_error(const Invocation& run, const std::string& message) {
    CHECK(run.status == 2);
    CHECK_THAT(run.output, Contains(message));
}

}  // namespace

TEST_CASE("limits out of range exit 2 with a readable message", "[end-to-end][typo]") {
    for (auto value : {"1e10", "nan", "0", "-1", "inf", "86401", "ten"}) {
        auto run = invoke(fixture("fake"), {"run", "--backend", "fake", "--timeout", value, "fake/prints"});
        check_usage_error(run, fmt::format("takes seconds: more than 0 and at most 86400 (a day), got `{}`", value));
        CHECK(run.output.size() < 400);
    }
    for (auto command : {"run", "fuzz"}) {
        std::vector<std::string> args{command, "--backend", "fake", "--jobs", "0"};
        if (std::string(command) == "fuzz") args.insert(args.end(), {"--against", "fake"});
        check_usage_error(invoke(fixture("fake"), args), "takes a whole number, at least 1, got `0`");
    }
    check_usage_error(invoke(fixture("fake"), {"fuzz", "--backend", "fake", "--against", "fake", "--timeout", "nan"}),
                      "got `nan`");
    Scratch reports;
    auto day = invoke(fixture("fake"), {"run", "--backend", "fake", "--timeout", "86400", "--reports",
                                        reports.path().string(), "fake/prints"});
    CHECK(day.status == 0);
}
