#include "runner/corpus.hpp"
#include "runner/lint.hpp"
#include "tests/support/runner_helpers.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

using namespace memconform;
using namespace memconform::testing;

namespace {

// Each diagnostic as "FILE:LINE: MESSAGE" with FILE relative to [root].
std::vector<std::string> described(const Diagnostics& problems, const fs::path& root) {
    std::vector<std::string> out;
    for (const auto& d : problems)
        out.push_back(fmt::format("{}:{}: {}{}", d.file.lexically_relative(root).generic_string(), d.line,
                                  d.is_error ? "" : "(warning) ", d.message));
    return out;
}

}  // namespace

TEST_CASE("a broken case file is a broken case, which stops no run", "[corpus]") {
    auto corpus = load_corpus(fixture("faults/cases"));
    const Case* broken = corpus.find("faults/broken");
    REQUIRE(broken);
    CHECK_THAT(broken->broken, Catch::Contains("broken.py:3: error: unknown tag `no-such-tag`"));
    CHECK_FALSE(corpus.find("faults/quick_1")->is_broken());
    CHECK(has_errors(corpus.problems));
    CHECK(corpus.blocking_problems().empty());
    auto lint_fixture = load_corpus(fixture("lint/cases"));  // a bad tags.toml and a duplicate id stop every run
    CHECK(lint_fixture.blocking_problems().size() == 2);
    CHECK(lint_fixture.find("del/no_front")->is_broken());
}

TEST_CASE("the test corpus loads with its tags and no problem", "[corpus]") {
    auto corpus = load_corpus(fixture("corpus/cases"));
    CHECK(corpus.problems.empty());
    REQUIRE(corpus.cases.size() == 3);
    CHECK(corpus.cases[0].id == "del/alias_keeps_alive");
    CHECK(corpus.cases[0].area() == "del");
    CHECK(corpus.tags.at("weakref").text == "weak references and their callbacks");
    REQUIRE(corpus.find("weakref/callback"));
    CHECK(corpus.find("weakref/callback")->has_tag("refcount"));
    CHECK_FALSE(corpus.find("weakref/nothing"));
    CHECK(corpus.find("del/alias_keeps_alive")->body().starts_with("class A:\n"));
}

TEST_CASE("case ids are paths under cases/ without .py", "[corpus]") {
    auto dir = fixture("corpus/cases");
    CHECK(case_id(dir, dir / "del" / "alias_keeps_alive.py") == "del/alias_keeps_alive");
    CHECK(case_id(dir, dir / "del" / "notes.txt").empty());
    CHECK(case_id(dir, dir.parent_path() / "elsewhere.py").empty());
}

TEST_CASE("lint reports every problem of a project with file and line", "[corpus][lint]") {
    auto root = fixture("lint");
    Project project{root, {}};
    auto corpus = load_corpus(project.cases());
    auto registry = load_registry(project.registry_file(), base_vars(root, {}));
    auto problems = described(lint(project, corpus, registry, ExpectedStore(project.expected())), root);
    CHECK_THAT(
        problems,
        Catch::Matchers::UnorderedEquals(std::vector<std::string>{
            "cases/tags.toml:3: `bad` needs one line of text: tag = \"what it means\"",
            "cases/del/no_front.py:1: no front matter: a case starts with a `# ---` line",
            "cases/toplevel.py:0: a case lives in an area folder: cases/<area>/<name>.py",
            "cases/del/unknown_tag.py:4: unknown tag `nope` (declare it in cases/tags.toml)",
            "cases/del/good.py:0: duplicate case id `del/good` (also " + (root / "cases/del/Good.py").string() +
                ", ids ignore case)",
            "cases/tags.toml:2: (warning) tag `unused` is used by no case",
            "expected/cpython-3.11/del/gone.out:0: expected outcome of a case that does not exist: `del/gone`",
            "expected/unrecorded:0: no profile.toml: record it with `memconform record`",
            "expected/cpython-3.11/profile.toml:0: no `version`: record the profile again with `memconform record`",
            "baselines/fake.toml:2: no case `del/gone`",
            "cases/del/differs.py:4: the outcomes recorded on cpython-3.11 and unrecorded differ: add `portable`, how "
            "to write the code so that every runtime behaves alike",
            "baselines/undeclared.toml:0: (warning) baseline of `undeclared`, which backends.toml does not declare "
            "here",
            "cases/del/Good.py:0: (warning) no expected outcome on cpython-3.11, unrecorded (`memconform record "
            "--backend B del/Good` with a backend of that profile); `run` reports NO-EXPECTED there",
        }));
}

TEST_CASE("lint rejects what a recording never leaves in expected/, and a case file too large", "[corpus][lint]") {
    Scratch scratch;
    auto root = copy_of_fixture("lint", scratch);
    Project project{root, {}};
    write_file(root / "expected/cpython-3.11/del/good.out.partial", "");  // a recording killed mid-write
    write_file(root / "expected/cpython-3.11/del/differs.out", "differs\r\n[exit 0]\r\n");  // a checkout's CRLF
    write_file(root / "expected/unrecorded/del/good.out", "a\rb\n[exit 0]\n");  // a program's own \r: kept
    write_file(root / "expected/cpython-3.11/peer/test_gc.txt", "test_a ok\r\n");
    auto huge = "# ---\n# summary = \"huge\"\n# tags = [\"t\"]\n# ---\n" + std::string(kMostCaseBytes, '#') + "\n";
    write_file(root / "cases/del/huge.py", huge);
    auto corpus = load_corpus(project.cases());
    auto registry = load_registry(project.registry_file(), base_vars(root, {}));
    auto problems = described(lint(project, corpus, registry, ExpectedStore(project.expected())), root);
    const std::string crlf =
        ":0: CRLF line ends, which the recording did not write (a checkout converted them?): check it out again as "
        ".gitattributes says (-text), or record it again";
    for (const auto& wanted : {
             std::string("expected/cpython-3.11/del/good.out.partial:0: a partial file of a recording cut short: "
                         "remove it (the "
                         "next `memconform record` of the profile does)"),
             "expected/cpython-3.11/del/differs.out" + crlf,
             "expected/cpython-3.11/peer/test_gc.txt" + crlf,
             fmt::format("cases/del/huge.py:0: {} bytes: a case file is at most 256 KiB (a small program; the "
                         "reports hold it once per backend)",
                         huge.size()),
         })
        CHECK_THAT(problems, Catch::Matchers::VectorContains(wanted));
    for (const auto& problem : problems) CHECK_THAT(problem, !Catch::Contains("unrecorded/del/good.out"));
    const Case* big = corpus.find("del/huge");
    REQUIRE(big);
    CHECK(big->is_broken());
    CHECK(big->source.empty());  // not read
}
