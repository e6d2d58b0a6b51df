#include "runner/fuzz/random.hpp"

#include <catch2/catch.hpp>

using memconform::fuzz::Random;

// The reference values come from an independent implementation of
// splitmix64 and xoshiro256**: a seed must give the same numbers on every
// machine and with every standard library.
TEST_CASE("the generator's numbers are xoshiro256** seeded by splitmix64", "[random]") {
    Random zero(0);
    CHECK(zero.next() == 0x99ec5f36cb75f2b4);
    CHECK(zero.next() == 0xbf6e1f784956452a);
    CHECK(zero.next() == 0x1a5f849d4933e6e0);
    Random answer(42);
    CHECK(answer.next() == 0x15780b2e0c2ec716);
    CHECK(answer.next() == 0x6104d9866d113a7e);
}

TEST_CASE("bounded draws stay in bounds and reach every value", "[random]") {
    Random r(7);
    std::vector<int> seen(6, 0);
    for (int i = 0; i < 6000; ++i) {
        auto v = r.below(6);
        REQUIRE(v < 6);
        ++seen[v];
    }
    for (int n : seen) CHECK(n > 800);
    for (int i = 0; i < 1000; ++i) {
        int v = r.between(-2, 2);
        REQUIRE(v >= -2);
        REQUIRE(v <= 2);
    }
}

TEST_CASE("weighted draws follow the weights and never pick a zero weight", "[random]") {
    Random r(11);
    std::vector<unsigned> weights{0, 1, 3, 0};
    std::vector<int> seen(4, 0);
    for (int i = 0; i < 4000; ++i) ++seen[r.weighted(weights)];
    CHECK(seen[0] == 0);
    CHECK(seen[3] == 0);
    CHECK(seen[2] > 2 * seen[1]);
}
