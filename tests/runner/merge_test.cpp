// `memconform merge` end to end on the fake project: the shards of a run,
// merged, are the run; shards that overlap, do not match or miss one are
// refused.
#include "tests/support/runner_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace memconform;
using namespace memconform::testing;
using Catch::Contains;

namespace {

const std::vector<std::string> kCases{"fake/prints", "fake/crash", "fake/unsupported", "fake/token"};

// `run` on both fake backends, into [reports]; [more]: --shard, ...
Invocation run_into(const fs::path& reports, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"run", "--backend", "fake", "--backend", "fake-model", "--reports", reports.string()};
    args.insert(args.end(), more.begin(), more.end());
    args.insert(args.end(), kCases.begin(), kCases.end());
    return invoke(fixture("fake"), args);
}

// The run [reports] holds, without what differs between two runs of it.
nlohmann::json without_timings(const fs::path& reports) {
    auto run = nlohmann::json::parse(read_file(reports / "latest" / "results.json"));
    for (auto key : {"id", "command", "started", "seconds"}) run.erase(key);
    for (auto& r : run["results"]) r.erase("seconds");
    return run;
}

Invocation merge(const fs::path& reports, const std::vector<fs::path>& shards) {
    std::vector<std::string> args{"merge", "--reports", reports.string()};
    for (const auto& s : shards) args.push_back(s.string());
    return invoke(fixture("fake"), args);
}

}  // namespace

TEST_CASE("merging the shards of a run gives the run", "[end-to-end][merge]") {
    Scratch scratch;
    auto whole = scratch.path() / "whole";
    auto unsharded = run_into(whole);
    std::vector<fs::path> shards;
    for (int i = 1; i <= 3; ++i) {
        shards.push_back(scratch.path() / fmt::format("shard{}", i));
        run_into(shards.back(), {"--shard", fmt::format("{}/3", i)});
    }
    auto merged_dir = scratch.path() / "merged";
    // A results.json, a run's folder and a reports folder are all accepted.
    auto merged =
        merge(merged_dir, {shards[0] / "latest" / "results.json", fs::canonical(shards[1] / "latest"), shards[2]});
    CHECK(merged.status == unsharded.status);
    CHECK(merged.status == 1);  // fake/crash
    CHECK_THAT(merged.output, Contains("Merged 3 shards: 4 cases, 8 results"));
    CHECK_THAT(merged.output, Contains("CRASH: fake :: fake/crash"));
    CHECK(without_timings(merged_dir) == without_timings(whole));
    for (auto file : {"junit.xml", "summary.md", "index.html"}) CHECK(fs::exists(merged_dir / "latest" / file));

    auto overlap = merge(scratch.path() / "refused", {shards[0], shards[1], shards[0]});
    CHECK(overlap.status == 2);
    CHECK_THAT(overlap.output, Contains("are both shard 1/3: the shards overlap"));
    CHECK_FALSE(fs::exists(scratch.path() / "refused"));
}

TEST_CASE("shards of different runs, or too few, are refused", "[end-to-end][merge]") {
    Scratch scratch;
    auto shard = [&](const std::string& name, std::vector<std::string> more) {
        auto dir = scratch.path() / name;
        run_into(dir, more);
        return dir;
    };
    auto one = shard("one", {"--shard", "1/2"});
    auto two = shard("two", {"--shard", "2/2"});
    REQUIRE(merge(scratch.path() / "merged", {one, two}).status == 1);

    auto missing = merge(scratch.path() / "refused", {one});
    CHECK(missing.status == 2);
    CHECK_THAT(missing.output, Contains("shard 2/2 is missing"));

    auto thirds = shard("thirds", {"--shard", "2/3"});
    auto counts = merge(scratch.path() / "refused", {one, thirds});
    CHECK(counts.status == 2);
    CHECK_THAT(counts.output, Contains("are not shards of one run: shard count 2 here, 3 there"));

    auto strict = shard("strict", {"--shard", "2/2", "--strict"});
    CHECK_THAT(merge(scratch.path() / "refused", {one, strict}).output, Contains("--strict off here, on there"));

    auto tagged = scratch.path() / "tagged";
    invoke(fixture("fake"), {"run", "--backend", "fake", "--backend", "fake-model", "--reports", tagged.string(),
                             "--shard", "2/2", "fake/prints"});
    CHECK_THAT(merge(scratch.path() / "refused", {one, tagged}).output, Contains("case selection 4 cases"));

    auto other_backends = scratch.path() / "other";
    std::vector<std::string> args{"run", "--backend", "fake", "--reports", other_backends.string(), "--shard", "2/2"};
    args.insert(args.end(), kCases.begin(), kCases.end());
    invoke(fixture("fake"), args);
    CHECK_THAT(merge(scratch.path() / "refused", {one, other_backends}).output,
               Contains("are not shards of one run: backends fake (real, profile fake-1, available), fake-model"));
    CHECK_FALSE(fs::exists(scratch.path() / "refused"));

    // What an interrupted shard lacks would read as never selected.
    auto cut = shard("cut", {"--shard", "2/2"});
    auto cut_results = fs::canonical(cut / "latest") / "results.json";
    auto json = nlohmann::json::parse(read_file(cut_results));
    json["interrupted"] = "SIGTERM";
    write_file(cut_results, json.dump());
    auto interrupted = merge(scratch.path() / "refused", {one, cut});
    CHECK(interrupted.status == 2);
    CHECK_THAT(interrupted.output, Contains("was interrupted by SIGTERM: run that shard again"));

    auto nothing = merge(scratch.path() / "refused", {scratch.path() / "nowhere"});
    CHECK(nothing.status == 2);
    CHECK_THAT(nothing.output, Contains("nowhere: no results.json there"));
}

TEST_CASE("a shard whose results are missing, repeated or stray is refused", "[end-to-end][merge]") {
    Scratch scratch;
    auto one = scratch.path() / "one";
    run_into(one, {"--shard", "1/2"});
    auto two = scratch.path() / "two";
    run_into(two, {"--shard", "2/2"});
    auto results = two / "latest" / "results.json";  // as merge names it
    const auto whole = nlohmann::json::parse(read_file(results));
    REQUIRE(whole["results"].size() >= 2);
    auto refused_with = [&](const nlohmann::json& damaged) {
        write_file(results, damaged.dump());
        auto merged = merge(scratch.path() / "refused", {one, two});
        CHECK(merged.status == 2);
        CHECK_FALSE(fs::exists(scratch.path() / "refused"));
        return merged.output;
    };
    auto empty = whole;
    empty["results"] = nlohmann::json::array();
    CHECK_THAT(refused_with(empty), Contains(results.string() + " has 0 results for its " +
                                             std::to_string(whole["cases"].size()) + " cases on 2 backends: none of"));
    auto repeated = whole;
    repeated["results"][1] = repeated["results"][0];
    CHECK_THAT(refused_with(repeated), Contains(fmt::format("{} has two results of {} on {}", results.string(),
                                                            whole["results"][0]["case"].get<std::string>(),
                                                            whole["results"][0]["backend"].get<std::string>())));
    auto stray = whole;
    stray["results"][0]["case"] = "fake/elsewhere";
    CHECK_THAT(refused_with(stray), Contains("has a result of fake/elsewhere on"));
}
