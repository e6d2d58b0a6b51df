// Typos and refusals end to end, on copies of the fake project: a name the
// project does not know, a limit out of range, a recording from the wrong
// interpreter each exit 2 with the reason and change nothing; --strict
// lists what fails the run in every report.
#include "runner/record.hpp"
#include "tests/support/runner_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace memconform;
using namespace memconform::testing;
using Catch::Contains;

namespace {

// A copy of the fake project with expected/fake-1 recorded and [extra]
// appended to its backends.toml.
fs::path recorded_fake(const Scratch& scratch, const std::string& extra = "") {
    auto root = scratch.path() / "fake";
    fs::copy(fixture("fake"), root, fs::copy_options::recursive);
    write_file(root / "backends.toml", read_file(root / "backends.toml") + extra);
    REQUIRE(invoke(root, {"record", "--backend", "fake", "fake/prints", "fake/token"}).status == 0);
    return root;
}

// Every file under [dir], with its content: equal trees give equal strings.
std::string tree(const fs::path& dir) {
    std::vector<std::string> entries;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            entries.push_back(entry.path().lexically_relative(dir).string() + "\n" + read_file(entry.path()));
    std::sort(entries.begin(), entries.end());
    std::string all;
    for (const auto& e : entries) all += e + "\n";
    return all;
}

void check_usage_error(const Invocation& run, const std::string& message) {
    CHECK(run.status == 2);
    CHECK_THAT(run.output, Contains(message));
}

// A backend whose version answer is not of the profile it names.
constexpr std::string_view kLiar = R"(
[backend.liar]
kind = "real"
command = "sh {case}"
version = "sh -c 'echo fake 2.0'"
version_match = 'fake (\d+)'
profile = "fake-1"
)";

constexpr std::string_view kAbsent = R"(
[backend.absent]
kind = "real"
command = "no-such-runtime {case}"
version = "no-such-runtime --version"
profile = "fake-1"
)";

}  // namespace

TEST_CASE("a tag tags.toml does not declare exits 2", "[end-to-end][typo]") {
    for (auto command : {"run", "compare", "record"})
        check_usage_error(invoke(fixture("fake"), {command, "--backend", "fake", "--tag", "nosuchtag"}),
                          "no tag nosuchtag in cases/tags.toml; known: fake");
}

TEST_CASE("a backend named on the command line must exist, run and have a recorded profile", "[end-to-end][typo]") {
    Scratch scratch;
    auto root = recorded_fake(scratch, std::string(kAbsent));
    for (auto command : {"run", "compare"}) {
        check_usage_error(
            invoke(root, {command, "--backend", "typo:fake-9=sh {case}", "fake/prints"}),
            "backend typo: no profile `fake-9` in " + (root / "expected").string() + "; recorded: fake-1");
        check_usage_error(invoke(root, {command, "--backend", "gone:fake-1=no-such-runtime {case}", "fake/prints"}),
                          "backend gone is not available: `no-such-runtime` is not on PATH");
        check_usage_error(invoke(root, {command, "--backend", "absent", "fake/prints"}),
                          "backend absent is not available: `no-such-runtime` is not on PATH");
    }
    check_usage_error(invoke(root, {"record", "--backend", "absent"}), "backend absent is not available");
    // The default, every backend, skips the one that is not installed here.
    Scratch reports;
    auto every = invoke(root, {"run", "--reports", reports.path().string(), "fake/prints"});
    CHECK(every.status == 0);
    CHECK_THAT(every.output, Contains("skipped: `no-such-runtime` is not on PATH"));
}

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

TEST_CASE("a version answer fits the profile whose version it names", "[record]") {
    CHECK(version_fits_profile("Python 3.11.7 (main, May  9 2026)", "cpython-3.11"));
    CHECK(
        version_fits_profile("Python 3.9.16 (7.3.11+dfsg-2+deb12u3, ...)\n[PyPy 7.3.11 with GCC 12.2.0]", "pypy-7.3"));
    CHECK(version_fits_profile("fake 1.0", "fake-1"));
    CHECK(version_fits_profile("anything", "myruntime"));  // no version in the name
    CHECK_FALSE(version_fits_profile("Python 3.12.1", "cpython-3.11"));
    CHECK_FALSE(version_fits_profile("Python 3.1.5", "cpython-3.11"));
    CHECK_FALSE(version_fits_profile("Python 3.11.7", "cpython-3.1"));
    CHECK_FALSE(version_fits_profile("Python 13.11.0", "cpython-3.11"));
    CHECK_FALSE(version_fits_profile("", "cpython-3.11"));
}

TEST_CASE("record refuses an interpreter that is not of the profile, leaving expected/ as it was",
          "[end-to-end][record]") {
    Scratch scratch;
    auto root = recorded_fake(scratch, std::string(kLiar));
    auto before = tree(root / "expected");
    REQUIRE_THAT(before, Contains("version = 'fake 1.0'"));

    check_usage_error(invoke(root, {"record", "--backend", "liar"}),
                      "liar answers `fake 2.0`, which is not a version of profile fake-1");
    check_usage_error(invoke(root, {"record", "--backend", "adhoc:fake-1=sh {case}"}),
                      "adhoc has no version answer (a backend named on the command line has no version query)");
    CHECK(tree(root / "expected") == before);
}

TEST_CASE("record says how many outcomes changed", "[end-to-end][record]") {
    Scratch scratch;
    auto root = recorded_fake(scratch);
    write_file(root / "token", "changed");
    auto again = invoke(root, {"record", "--backend", "fake", "fake/prints", "fake/token", "fake/crash"});
    CHECK(again.status == 0);
    CHECK_THAT(again.output, Contains("Recorded 3 of 3 cases from fake (fake 1.0) into " +
                                      (root / "expected/fake-1").string() + ": 1 changed, 1 new, 1 unchanged"));
}

// A second runtime of the fake project, of the profile fake-2: fake/token
// prints another token there.
constexpr std::string_view kSecondProfile = R"(
[backend.fake-two]
kind = "real"
command = "sh {case}"
version = "sh -c 'echo fake 2.0'"
version_match = 'fake (\d+)'
profile = "fake-{version.1}"
env = { MEMCONFORM_TEST_TOKEN_FILE = "{root}/token-two" }
)";

TEST_CASE("report --differences checks its profiles and writes where it is told", "[end-to-end][differences]") {
    Scratch scratch;
    auto root = recorded_fake(scratch, std::string(kSecondProfile));
    write_file(root / "token-two", "two\n");
    REQUIRE(invoke(root, {"record", "--backend", "fake-two", "fake/prints", "fake/token"}).status == 0);
    auto output = (scratch.path() / "d.md").string();
    auto args = [&](std::vector<std::string> more) {
        std::vector<std::string> all{"report", "--differences", "--output", output};
        all.insert(all.end(), more.begin(), more.end());
        return all;
    };
    check_usage_error(invoke(root, args({"--left", "fake-9", "--right", "fake-2"})), "--left: no profile `fake-9`");
    check_usage_error(invoke(root, args({"--left", "fake-2", "--right", "fake-2"})),
                      "--left and --right are both fake-2");
    CHECK_FALSE(fs::exists(output));
    check_usage_error(invoke(root, {"report", "--output", output}), "--output requires --differences");

    auto pair = args({"--left", "fake-1", "--right", "fake-2"});
    auto written = invoke(root, pair);
    REQUIRE(written.status == 0);
    CHECK_THAT(written.output, Contains("no model backend with an explain command"));
    auto document = read_file(output);
    CHECK_THAT(document, Contains("fake/token"));
    CHECK_THAT(document, Contains("token two"));
    CHECK_THAT(document, !Contains("fake/prints"));  // the same on both
    pair.push_back("--check");
    CHECK(invoke(root, pair).status == 0);
    write_file(output, "stale");
    auto stale = invoke(root, pair);
    CHECK(stale.status == 1);
    CHECK_THAT(stale.output, Contains("is stale: run `memconform report --differences --left fake-1 --right fake-2 "
                                      "--output " +
                                      output + "`"));
}

TEST_CASE("--strict lists what fails the run as a failure everywhere", "[end-to-end][strict]") {
    Scratch scratch;
    auto root = recorded_fake(scratch, std::string(kAbsent));
    auto reports = scratch.path() / "reports";
    auto run = invoke(root, {"run", "--strict", "--reports", reports.string(), "fake/prints", "fake/unsupported"});
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Contains("Failures (4):\n"));
    CHECK_THAT(run.output, Contains("  NO-EXPECTED: fake :: fake/unsupported\n"));
    CHECK_THAT(run.output, Contains("  UNSUPPORTED: fake-model :: fake/unsupported\n"));
    CHECK_THAT(run.output, Contains("  SKIPPED: absent :: fake/prints\n"));
    CHECK_THAT(read_file(reports / "latest/summary.md"), Contains("### NO-EXPECTED: fake :: fake/unsupported"));
    auto junit = read_file(reports / "latest/junit.xml");
    CHECK_THAT(junit, Contains("tests=\"6\" failures=\"4\" skipped=\"0\""));
    CHECK_THAT(junit, Contains("<failure type=\"SKIPPED\""));
    auto results = nlohmann::json::parse(read_file(reports / "latest/results.json"));
    CHECK(results["strict"] == true);
    std::size_t failing = 0;
    for (const auto& r : results["results"]) failing += r["fails_run"].get<bool>();
    CHECK(failing == 4);
}

TEST_CASE("a backends.toml entry that cannot run as written fails lint and every run, named or not",
          "[end-to-end][typo]") {
    Scratch scratch;
    auto root = recorded_fake(scratch);
    auto registry = read_file(root / "backends.toml");
    auto lines = std::count(registry.begin(), registry.end(), '\n');
    write_file(root / "backends.toml", registry + R"(
[backend.typo]
kind = "real"
command = "sh -c 'echo {case}"
version = "sh -c 'echo fake 1.0'"
version_match = 'fake (\d+)'
profile = "fake-{version.7}"
)");
    auto lint = invoke(root, {"lint"});
    CHECK(lint.status == 1);
    CHECK_THAT(lint.output, Contains(fmt::format(
                                "backends.toml:{}: error: `command`: unclosed ' in: sh -c 'echo {{case}}", lines + 4)));
    CHECK_THAT(lint.output,
               Contains(fmt::format(
                   "backends.toml:{}: error: `profile` uses {{version.7}}, which is no placeholder here", lines + 7)));
    Scratch reports;
    for (auto named : {std::vector<std::string>{}, std::vector<std::string>{"--backend", "fake"}}) {
        std::vector<std::string> args{"run", "--reports", reports.path().string(), "fake/prints"};
        args.insert(args.end(), named.begin(), named.end());
        auto run = invoke(root, args);
        CHECK(run.status == 2);
        CHECK_THAT(run.output, Contains("`command`: unclosed '"));
        CHECK_THAT(run.output, Contains("backends.toml has problems"));
        CHECK_THAT(run.output, !Contains("skipped"));
    }
}
