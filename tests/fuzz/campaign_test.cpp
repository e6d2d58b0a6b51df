// `memconform fuzz` end to end, on the real project's registry with
// backends named on the command line: one that is python3 itself (every
// program agrees) and one that loses what __del__ prints (every program
// with a finalizer disagrees, and shrinks to one).
#include "runner/fuzz/campaign.hpp"
#include "python.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <limits>

using namespace memconform;
using namespace memconform::testing;
using Catch::Contains;

namespace {

Invocation run_fuzz(const Scratch& reports, std::vector<std::string> args) {
    args.insert(args.begin(), {"fuzz", "--reports", reports.path().string()});
    return invoke(PROJECT_ROOT, args);
}

nlohmann::json latest(const Scratch& reports) {
    return nlohmann::json::parse(read_file(reports.path() / "fuzz" / "latest" / "fuzz.json"));
}

std::string dropper(const std::string& python) {
    return "dropper=" + python + " " + FIXTURES + "/drop_finalizers.py {case}";
}

}  // namespace

TEST_CASE("--show prints the programs of consecutive seeds, the same every time", "[campaign]") {
    Scratch reports;
    auto first = run_fuzz(reports, {"--backend", "x", "--against", "y", "--seed", "7", "--count", "2", "--show"});
    CHECK(first.status == 0);
    CHECK_THAT(first.output, Catch::StartsWith("# seed 7\n"));
    CHECK_THAT(first.output, Contains("\n# seed 8\n"));
    CHECK(run_fuzz(reports, {"--backend", "x", "--against", "y", "--seed", "7", "--count", "2", "--show"}).output ==
          first.output);
}

TEST_CASE("--shard runs every Nth program of the campaign, and needs --seed", "[campaign]") {
    Scratch reports;
    auto args =
        std::vector<std::string>{"--backend", "x", "--against", "y", "--count", "5", "--show", "--shard", "2/3"};
    auto no_seed = run_fuzz(reports, args);
    CHECK(no_seed.status == 2);
    CHECK_THAT(no_seed.output, Contains("--shard needs --seed"));
    args.insert(args.end(), {"--seed", "7"});
    auto shard = run_fuzz(reports, args);
    CHECK(shard.status == 0);
    CHECK_THAT(shard.output, Catch::StartsWith("# seed 8\n"));
    CHECK_THAT(shard.output, Contains("\n# seed 11\n"));
    CHECK(shard.output.find("# seed 9") == std::string::npos);
}

TEST_CASE("a campaign's seeds are counted, not listed: any count fits", "[campaign]") {
    fuzz::CampaignSettings settings;
    settings.seed = 7;
    settings.count = 5;
    settings.shard = {2, 3};
    CHECK(fuzz::campaign_size(settings) == 2);  // programs 1 and 4
    CHECK(fuzz::campaign_seed(settings, 0) == 8);
    CHECK(fuzz::campaign_seed(settings, 1) == 11);
    settings.shard = {6, 6};
    CHECK(fuzz::campaign_size(settings) == 0);
    settings.seed = 0;
    settings.count = std::numeric_limits<std::uint64_t>::max();
    settings.shard = {3, 4};
    CHECK(fuzz::campaign_size(settings) == std::uint64_t{1} << 62);  // 2, 6, ..., 2^64 - 2
    CHECK(fuzz::campaign_seed(settings, fuzz::campaign_size(settings) - 1) == settings.count - 1);
}

TEST_CASE("a campaign whose last seed would pass 2^64 - 1 is refused", "[campaign]") {
    Scratch reports;
    auto run = run_fuzz(
        reports, {"--backend", "x", "--against", "y", "--seed", "18446744073709551615", "--count", "2", "--show"});
    CHECK(run.status == 2);
    CHECK_THAT(run.output, Contains("--seed 18446744073709551615 with --count 2 goes past the last seed, "
                                    "18446744073709551615: --seed at most 18446744073709551614"));
    auto last = run_fuzz(
        reports, {"--backend", "x", "--against", "y", "--seed", "18446744073709551614", "--count", "2", "--show"});
    CHECK(last.status == 0);
    CHECK_THAT(last.output, Contains("\n# seed 18446744073709551615\n"));
}

TEST_CASE("a backend that is not available is an error", "[campaign]") {
    Scratch reports;
    auto run = run_fuzz(reports, {"--backend", "nothing:cpython-3.11=/nonexistent/runtime {case}", "--against",
                                  "python3", "--count", "3"});
    CHECK(run.status == 2);
    CHECK_THAT(run.output, Contains("backend nothing is not available: `/nonexistent/runtime` does not exist"));
}

TEST_CASE("a real interpreter of another profile skips the campaign", "[campaign][python3]") {
    auto python = fuzz::testing::python3_file();
    if (!python) return;
    Scratch reports;
    auto run = run_fuzz(
        reports, {"--backend", "other:pypy-7.3=" + *python + " -u {case}", "--against", "python3", "--count", "3"});
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Contains("fuzz skipped: python3 is cpython-3."));
    CHECK_THAT(run.output, Contains(", not pypy-7.3 (other's profile)"));
    CHECK_FALSE(fs::exists(reports.path() / "fuzz"));
}

TEST_CASE("--against must be a real interpreter", "[campaign]") {
    Scratch reports;
    auto run = run_fuzz(reports, {"--backend", "python3", "--against", "pymodel-cpython-3.11", "--count", "1"});
    CHECK(run.status == 2);
    CHECK_THAT(run.output, Contains("--against must name a real interpreter"));
}

TEST_CASE("programs on the interpreter itself all agree", "[campaign][python3]") {
    auto python = fuzz::testing::python3_file();
    if (!python) return;
    Scratch reports;
    auto run = run_fuzz(reports, {"--backend", "same=" + *python + " -S -u {case}", "--against", "python3", "--seed",
                                  "100", "--count", "12", "-j", "2"});
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Contains("12 programs (seeds 100 to 111)"));
    CHECK_THAT(run.output, Contains("AGREE: seed 105"));
    auto report = latest(reports);
    CHECK(report["agreed"] == 12);
    CHECK(report["disagreements"].empty());
    CHECK(report["unstable"].empty());
}

TEST_CASE("each disagreement is classified, shrunk and saved with both outcomes", "[campaign][python3]") {
    auto python = fuzz::testing::python3_file();
    if (!python) return;
    Scratch reports;
    auto run = run_fuzz(reports, {"--backend", dropper(*python), "--against", "real=" + *python + " -u {case}",
                                  "--seed", "40", "--count", "3", "--without", "cycles", "-j", "2", "--shrink-tries",
                                  "60", "--timeout", "60"});  // the dropper runs two Pythons: slow on a loaded machine
    CHECK(run.status == 1);
    auto report = latest(reports);
    REQUIRE_FALSE(report["disagreements"].empty());
    for (const auto& d : report["disagreements"]) {
        std::string kind = d["kind"];
        CHECK((kind == "finalizer" || kind == "shutdown"));
        CHECK(d["statements"] < d["original_statements"]);
        auto folder = reports.path() / "fuzz" / "latest" / std::to_string(d["seed"].get<std::uint64_t>());
        auto program = read_file(folder / "program.py");
        CHECK_THAT(program, Contains("def __del__"));
        CHECK(read_file(folder / "real.out") == d["real"]);
        CHECK_THAT(read_file(folder / "real.out"), Contains("del n"));
        CHECK_THAT(read_file(folder / "model.out"), !Contains("del n"));
        CHECK(fs::exists(folder / "original.py"));
    }
    auto summary = read_file(reports.path() / "fuzz" / "latest" / "summary.md");
    CHECK_THAT(summary, Contains("## Disagreements by kind"));
    CHECK_THAT(summary, Contains("--seed " + std::to_string(report["disagreements"][0]["seed"].get<std::uint64_t>()) +
                                 " --count 1 --without cycles"));
}
