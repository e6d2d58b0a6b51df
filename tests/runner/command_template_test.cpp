#include "runner/command_template.hpp"

#include <catch2/catch.hpp>

using namespace memconform;

TEST_CASE("placeholders are replaced, other braces kept", "[command]") {
    Vars vars{{"root", "/p"}, {"version.1", "3"}};
    CHECK(expand("{root}/x {version.1}", vars) == "/p/x 3");
    CHECK(expand("print({}) {case} {root", vars) == "print({}) {case} {root");
    CHECK(expand("{ {root}", vars) == "{ /p");
}

TEST_CASE("commands split into words like a shell, without expansions", "[command]") {
    CHECK(split_words("  python3   -u {case} ") == std::vector<std::string>{"python3", "-u", "{case}"});
    CHECK(split_words(R"(sh -c 'echo "a b"' "x\"y" a\ b)") ==
          std::vector<std::string>{"sh", "-c", "echo \"a b\"", "x\"y", "a b"});
    CHECK(split_words("a '' b") == std::vector<std::string>{"a", "", "b"});
    CHECK_THROWS_WITH(split_words("python3 'oops"), Catch::Contains("unclosed '"));
}

TEST_CASE("a value with blanks stays one argument", "[command]") {
    Vars vars{{"case", "/tmp/my dir/case.py"}};
    CHECK(command_argv("python3 -u {case}", vars) == std::vector<std::string>{"python3", "-u", "/tmp/my dir/case.py"});
}

TEST_CASE("a template's placeholders are the braces around a name", "[command]") {
    CHECK(placeholders("{root}/x {version.1} {case}") == std::vector<std::string>{"root", "version.1", "case"});
    CHECK(placeholders("{ {root} {version.7}") == std::vector<std::string>{"root", "version.7"});
    CHECK(placeholders("d = {}; print({1}, {a b}, {.x}, {x.}, {x..y}) {") == std::vector<std::string>{});
}
