#include "runner/start_up.hpp"
#include "runner/registry.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>

using namespace memconform;
using namespace memconform::testing;

namespace {

Backend adhoc(const std::string& spec) {
    Backend b = adhoc_backend(spec);
    probe(b, base_vars(fs::current_path(), fs::current_path()));
    REQUIRE(b.available);
    return b;
}

}  // namespace

TEST_CASE("a backend typed on the command line is warned about when site runs before the case", "[start-up]") {
    if (find_program("python3").empty()) {
        WARN("python3 is not installed: not checked");
        return;
    }
    auto warning = start_up_warning(adhoc("plain=python3 -u {case}"), Limits{});
    CHECK_THAT(warning, Catch::Contains("backend plain runs `site`") && Catch::Contains("-S"));
    CHECK(start_up_warning(adhoc("pinned=python3 -S -u {case}"), Limits{}).empty());
}

TEST_CASE("a backend that is not Python gets no start-up warning", "[start-up]") {
    // `cat` prints the probe's source, which names the marker but never says site=True.
    CHECK(start_up_warning(adhoc("cat=cat {case}"), Limits{}).empty());
    CHECK(start_up_warning(adhoc("fails=false {case}"), Limits{}).empty());
}
