#include "runner/frontmatter.hpp"

#include <catch2/catch.hpp>

using namespace memconform;

namespace {

struct Parsed {
    std::optional<FrontMatter> front;
    Diagnostics problems;
};

Parsed parse(std::string_view source) {
    Parsed p;
    p.front = parse_front_matter(source, "cases/a/b.py", p.problems);
    return p;
}

// The one problem reported, as "LINE: MESSAGE".
std::string only_problem(const Parsed& p) {
    REQUIRE_FALSE(p.front);
    REQUIRE(p.problems.size() == 1);
    return std::to_string(p.problems[0].line) + ": " + p.problems[0].message;
}

}  // namespace

TEST_CASE("a complete front matter is read", "[frontmatter]") {
    auto p = parse(
        "# ---\n"
        "# summary = \"An alias keeps an object alive\"\n"
        "# tags = [\"del\", \"refcount\"]\n"
        "# refs = [\"https://docs.python.org/3/\"]\n"
        "# explain = \"\"\"\n"
        "# CPython frees at once;\n"
        "#\n"
        "# PyPy later.\n"
        "# \"\"\"\n"
        "# requires = [\"finalizers\"]\n"
        "# portable = \"Drop the alias with del.\"\n"
        "# ---\n"
        "print('hi')\n");
    REQUIRE(p.problems.empty());
    REQUIRE(p.front);
    CHECK(p.front->summary == "An alias keeps an object alive");
    REQUIRE(p.front->tags.size() == 2);
    CHECK(p.front->tags[1].text == "refcount");
    CHECK(p.front->tags[1].line == 3);
    CHECK(p.front->refs == std::vector<std::string>{"https://docs.python.org/3/"});
    CHECK(p.front->explain == "CPython frees at once;\n\nPyPy later.\n");
    REQUIRE(p.front->required.size() == 1);
    CHECK(p.front->required[0].text == "finalizers");
    CHECK(p.front->required[0].line == 10);
    CHECK(p.front->portable == "Drop the alias with del.");
    CHECK(p.front->end_line == 12);
}

TEST_CASE("explain, refs and portable are optional", "[frontmatter]") {
    auto p = parse("# ---\n# summary = \"s\"\n# tags = [\"t\"]\n# ---\n");
    REQUIRE(p.front);
    CHECK(p.front->refs.empty());
    CHECK(p.front->explain.empty());
    CHECK(p.front->portable.empty());
    CHECK(p.front->required.empty());
}

TEST_CASE("a missing or unclosed block is reported on line 1", "[frontmatter]") {
    CHECK(only_problem(parse("print('no front matter')\n")) == "1: no front matter: a case starts with a `# ---` line");
    CHECK(only_problem(parse("# ---\n# summary = \"s\"\n")) == "1: front matter not closed: no `# ---` line ends it");
    CHECK(only_problem(parse("# ---\n# summary = \"s\"\nprint(1)\n# ---\n")) ==
          "1: front matter not closed: every line up to the closing `# ---` is a comment");
}

TEST_CASE("invalid TOML is reported at its line in the file", "[frontmatter]") {
    auto message = only_problem(parse("# ---\n# summary = \"s\"\n# tags = [\"t\"\n# ---\n"));
    CHECK(message.starts_with("3: front matter is not valid TOML"));
}

TEST_CASE("an incomplete front matter names what is missing", "[frontmatter]") {
    auto p = parse("# ---\n# tags = []\n# ---\n");
    REQUIRE_FALSE(p.front);
    REQUIRE(p.problems.size() == 2);
    CHECK(p.problems[0].message == "front matter has no `summary`");
    CHECK(p.problems[1].message == "`tags` is missing or empty: name at least one tag");
}

TEST_CASE("wrong types, unknown keys and repeated tags are errors with their line", "[frontmatter]") {
    auto p = parse(
        "# ---\n"
        "# summary = 3\n"
        "# tags = [\"a\", 1, \"a\"]\n"
        "# summry = \"typo\"\n"
        "# requires = [\"weakref\", \"weakref\"]\n"
        "# ---\n");
    REQUIRE_FALSE(p.front);
    std::vector<std::string> seen;
    for (const auto& d : p.problems) seen.push_back(std::to_string(d.line) + ": " + d.message);
    CHECK_THAT(
        seen,
        Catch::Matchers::UnorderedEquals(std::vector<std::string>{
            "4: unknown front matter key `summry` (known: summary, tags, requires, refs, explain, portable, timeout)",
            "2: `summary` must be a string",
            "3: `tags` must hold only strings",
            "3: tag `a` is named twice",
            "5: capability `weakref` is named twice",
        }));
}

TEST_CASE("a summary is one line", "[frontmatter]") {
    CHECK(only_problem(parse("# ---\n# summary = \"\"\"a\n# b\"\"\"\n# tags = [\"t\"]\n# ---\n")) ==
          "2: `summary` must be one line");
}

TEST_CASE("a portable line is one line of text", "[frontmatter]") {
    const std::string head = "# ---\n# summary = \"s\"\n# tags = [\"t\"]\n";
    CHECK(only_problem(parse(head + "# portable = \"\"\"a\n# b\"\"\"\n# ---\n")) == "4: `portable` must be one line");
    CHECK(only_problem(parse(head + "# portable = \" \"\n# ---\n")) == "4: `portable` is empty");
    CHECK(only_problem(parse(head + "# portable = [\"a\"]\n# ---\n")) == "4: `portable` must be a string");
}

TEST_CASE("a case may ask for the long time limit, and for nothing else", "[frontmatter]") {
    const std::string head = "# ---\n# summary = \"s\"\n# tags = [\"t\"]\n";
    auto plain = parse(head + "# ---\n");
    REQUIRE(plain.front);
    CHECK_FALSE(plain.front->long_timeout);
    auto slow = parse(head + "# timeout = \"long\"\n# ---\n");
    REQUIRE(slow.front);
    CHECK(slow.front->long_timeout);
    CHECK(only_problem(parse(head + "# timeout = \"60\"\n# ---\n")) ==
          "4: `timeout` is \"long\" or absent, not \"60\" (a long case may run 6 times its backend's time limit)");
    CHECK(only_problem(parse(head + "# timeout = 60\n# ---\n")) == "4: `timeout` must be a string");
}
