#include "runner/status.hpp"
#include "runner/results.hpp"

#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>

using namespace memconform;
using memconform::testing::ended;

TEST_CASE("the status of an outcome", "[status]") {
    const std::string out = "x\n[exit 0]\n";
    const std::optional<std::string> same = out, other = std::string("y\n[exit 0]\n"), none;
    auto exited = ended(Ending::Exited);
    CHECK(judge(BackendKind::Real, exited, out, same) == Status::Pass);
    CHECK(judge(BackendKind::Real, exited, out, other) == Status::Fail);
    CHECK(judge(BackendKind::Real, exited, out, none) == Status::NoExpected);
    CHECK(judge(BackendKind::Real, ended(Ending::TimedOut), out, same) == Status::Timeout);
    CHECK(judge(BackendKind::Real, ended(Ending::Signaled, 11), out, other) == Status::Crash);
    CHECK(judge(BackendKind::Real, ended(Ending::Signaled, 11), out, none) == Status::Crash);
    CHECK(judge(BackendKind::Real, ended(Ending::NotStarted), out, none) == Status::Crash);
    CHECK(judge(BackendKind::Real, ended(Ending::Capped), out, other) == Status::Fail);
}

TEST_CASE("exit status 3 is UNSUPPORTED on a model only, and never hides a pass", "[status]") {
    const std::string out = "[exit 3]\n";
    auto three = ended(Ending::Exited, 3);
    CHECK(judge(BackendKind::Model, three, out, std::string("y\n[exit 0]\n")) == Status::Unsupported);
    CHECK(judge(BackendKind::Model, three, out, std::nullopt) == Status::Unsupported);
    CHECK(judge(BackendKind::Real, three, out, std::string("y\n[exit 0]\n")) == Status::Fail);
    CHECK(judge(BackendKind::Model, three, out, out) == Status::Pass);  // the program itself exits 3
}

TEST_CASE("a case a baseline lists", "[status]") {
    CHECK(apply_baseline(Status::Fail, true) == Status::XFail);
    CHECK(apply_baseline(Status::Pass, true) == Status::XPass);
    CHECK(apply_baseline(Status::Crash, true) == Status::Crash);
    CHECK(apply_baseline(Status::Fail, false) == Status::Fail);
}

namespace {

// The exit status of a run of results with [statuses].
int exit_status_of(std::vector<Status> statuses, bool strict) {
    RunRecord run;
    run.strict = strict;
    for (Status s : statuses) run.results.push_back({"c", "b", s, "", std::nullopt, "", 0});
    return run.failing_status();
}

}  // namespace

TEST_CASE("the run fails on FAIL, CRASH, TIMEOUT, XPASS and ERROR only", "[status]") {
    for (const auto& code : kResultCodes) {
        bool fails = code.status == Status::Fail || code.status == Status::Crash || code.status == Status::Timeout ||
                     code.status == Status::XPass || code.status == Status::Error;
        INFO(code.name);
        CHECK(exit_status_of({Status::Pass, code.status}, false) == (fails ? 1 : 0));
        CHECK(result_code(code.status).is_failure == fails);
    }
    CHECK(exit_status_of({}, false) == 0);
}

TEST_CASE("--strict also fails what did not pass", "[status]") {
    CHECK(exit_status_of({Status::NoExpected}, true) == 1);
    CHECK(exit_status_of({Status::Skipped}, true) == 1);
    CHECK(exit_status_of({Status::Unsupported}, true) == 1);
    CHECK(exit_status_of({Status::Pass, Status::XFail}, true) == 0);
}

TEST_CASE("--strict does not fail a capability the profile's interpreter lacked too", "[status]") {
    RunRecord run;
    run.strict = true;
    run.results.push_back({"c", "b", Status::Unsupported, "", std::nullopt, "lacks weakref: ...", 0, true});
    CHECK(run.failing_status() == 0);
    run.results.back().lacked_as_recorded = false;
    CHECK(run.failing_status() == 1);
}

TEST_CASE("result codes are found by name", "[status]") {
    CHECK(status_named("NO-EXPECTED") == Status::NoExpected);
    CHECK_FALSE(status_named("MAYBE"));
}
