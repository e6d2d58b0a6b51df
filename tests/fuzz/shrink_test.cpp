#include "runner/fuzz/shrink.hpp"
#include "program_builder.hpp"
#include "runner/fuzz/generator.hpp"

#include <catch2/catch.hpp>

using namespace memconform::fuzz;
using Catch::Contains;
using memconform::fuzz::testing::Builder;

namespace {

KeepsProblem source_contains(const Program& p, std::string text, std::size_t* calls = nullptr) {
    return [&p, text, calls](const Removed& removed) {
        if (calls) ++*calls;
        return render(p, removed).find(text) != std::string::npos;
    };
}

}  // namespace

TEST_CASE("shrinking keeps what the problem needs and removes the rest", "[shrink]") {
    Program p;
    Builder b(p);
    auto a = b.add("a = 1");
    auto unrelated = b.add("z = 2");
    auto use = b.add("b = a", {a});
    b.add("print(z)", {unrelated});
    b.add("print(b)", {use});
    b.add("print(\"-- end\")", {}, Removal::WithNeeds);

    auto shrunk = shrink(p, source_contains(p, "print(b)"), 100);
    CHECK(render(p, shrunk.removed) == "a = 1\nb = a\nprint(b)\nprint(\"-- end\")\n");
}

TEST_CASE("shrinking a generated program leaves a small one that still has the problem", "[shrink]") {
    GeneratorOptions options;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        auto p = generate(seed, options);
        if (render(p).find("def __del__") == std::string::npos) continue;
        auto shrunk = shrink(p, source_contains(p, "def __del__"), 1000);
        auto source = render(p, shrunk.removed);
        INFO(source);
        CHECK_THAT(source, Contains("def __del__"));
        // The class and its method, each with one line, and the end marker
        // (with what generated programs always keep).
        CHECK(statement_count(p, shrunk.removed) <= 8);
    }
}

TEST_CASE("shrinking stops at its budget", "[shrink]") {
    auto p = generate(3, {});
    std::size_t calls = 0;
    auto shrunk = shrink(p, source_contains(p, "no program prints this", &calls), 5);
    CHECK(shrunk.tries == 5);
    CHECK(calls == 5);
}

TEST_CASE("a problem that needs nothing removed keeps the program whole", "[shrink]") {
    auto p = generate(4, {});
    auto whole = render(p);
    auto shrunk = shrink(
        p, [&](const Removed& removed) { return render(p, removed) == whole; }, 1000);
    CHECK(render(p, shrunk.removed) == whole);
}
