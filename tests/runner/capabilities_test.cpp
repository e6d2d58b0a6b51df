// Capabilities: the vocabulary, lint's check of `requires`, and, end to end
// on fixtures/capabilities (python3 runtimes), a case that needs what a
// backend lacks is UNSUPPORTED there with the reason, probes are cached,
// declared capabilities are not probed, a backend that runs nothing is not
// probed, and record removes the outcome of a case its interpreter lacks.
#include "runner/capabilities.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace memconform;
using namespace memconform::testing;
using Catch::Contains;

namespace {

Vocabulary vocabulary_of(std::string_view text, Diagnostics& out) {
    auto table = toml::parse(text);
    return read_vocabulary(*table["capabilities"].as_table(), "tags.toml", out);
}

constexpr std::string_view kVocabulary = R"(
[capabilities.weakref]
meaning = "weak references"
uses = '\bimport weakref\b'
guarded = 'except ImportError'
probe = 'print("yes")'

[capabilities.unraisable]
meaning = "exceptions in finalizers are ignored"
tag = "unraisable"
probe = 'print("yes")'
)";

nlohmann::json run_json(const fs::path& reports) {
    return nlohmann::json::parse(read_file(reports / "latest" / "results.json"));
}

std::size_t lines_of(const fs::path& file) { return fs::exists(file) ? split_lines(read_file(file)).size() : 0; }

}  // namespace

TEST_CASE("the vocabulary needs a meaning, a probe, and a pattern or a tag", "[capabilities]") {
    Diagnostics out;
    auto vocabulary = vocabulary_of(kVocabulary, out);
    CHECK(out.empty());
    REQUIRE(vocabulary.size() == 2);
    CHECK(vocabulary.at("unraisable").tag == "unraisable");

    auto bad = vocabulary_of(R"(
[capabilities.no-probe]
meaning = "m"
uses = 'x'
[capabilities.both]
meaning = "m"
uses = 'x'
tag = "t"
probe = "p"
[capabilities.bad-regex]
meaning = "m"
uses = '(unclosed'
probe = "p"
[capabilities.typo]
meaning = "m"
uses = 'x'
probe = "p"
gaurded = 'y'
)",
                             out);
    REQUIRE(out.size() == 4);
    CHECK_THAT(out[0].message, Contains("[capabilities.bad-regex] `uses` is not a regular expression"));
    CHECK_THAT(out[1].message, Contains("[capabilities.both] needs `meaning`, `probe`, and `uses` or `tag`"));
    CHECK_THAT(out[2].message, Contains("[capabilities.no-probe] needs"));
    CHECK_THAT(out[3].message, Contains("[capabilities.typo]: unknown key `gaurded`"));
    CHECK_FALSE(bad.contains("both"));
}

TEST_CASE("lint asks a case to require what it uses, unless it guards against its absence", "[capabilities]") {
    Diagnostics out;
    auto vocabulary = vocabulary_of(kVocabulary, out);
    std::string source = "# ---\n# ---\nimport gc\nimport weakref\n";
    std::vector<Located> tags{{"cycles", 3}};

    auto uses = undeclared_uses(source, 3, tags, {}, vocabulary);
    REQUIRE(uses.size() == 1);
    CHECK(uses[0].capability == "weakref");
    CHECK(uses[0].line == 4);
    CHECK(undeclared_uses(source, 3, tags, {"weakref"}, vocabulary).empty());
    CHECK(undeclared_uses(source, 5, tags, {}, vocabulary).empty());  // before the first line: front matter
    auto guarded = source + "try:\n    pass\nexcept ImportError:\n    pass\n";
    CHECK(undeclared_uses(guarded, 3, tags, {}, vocabulary).empty());

    tags.push_back({"unraisable", 7});
    auto tagged = undeclared_uses("x = 1\n", 1, tags, {}, vocabulary);
    REQUIRE(tagged.size() == 1);
    CHECK(tagged[0].capability == "unraisable");
    CHECK(tagged[0].line == 7);
}

TEST_CASE("the first capability a backend lacks is the reason", "[capabilities]") {
    Capabilities have{{"weakref", {true, "probed"}}, {"finalizers", {false, "the probe printed nothing"}}};
    CHECK_FALSE(missing_capability({"weakref"}, have));
    CHECK_FALSE(missing_capability({"not-probed"}, have));
    CHECK(missing_capability({"weakref", "finalizers"}, have) == "lacks finalizers: the probe printed nothing");
}

TEST_CASE("a case that needs what a backend lacks is UNSUPPORTED there, with the probe's answer",
          "[capabilities][end-to-end]") {
    Scratch scratch;
    auto root = copy_of_fixture("capabilities", scratch);
    auto reports = scratch.path() / "reports";
    auto run = invoke(root, {"run", "--backend", "python", "--backend", "declared", "--reports", reports.string()});
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Contains("capabilities: python lacks absent (the probe printed `ModuleNotFoundError: No "
                                    "module named 'absent_thing'`"));
    // -q: the headline and the failures only.
    auto quiet =
        invoke(root, {"run", "-q", "--backend", "python", "--backend", "declared", "--reports", reports.string()});
    CHECK(quiet.status == 0);
    CHECK_THAT(quiet.output, Contains("backend                  profile"));
    CHECK_THAT(quiet.output, !Contains("lacks absent"));
    CHECK_THAT(quiet.output, !Contains("UNSUPPORTED, by reason"));

    auto lacking = result_of(reports, "needs/absent", "python");
    CHECK(lacking["status"] == "UNSUPPORTED");
    CHECK_THAT(
        lacking["note"].get<std::string>(),
        Contains(
            "lacks absent: the probe printed `ModuleNotFoundError: No module named 'absent_thing'`, then [exit 1]"));
    CHECK(lacking["actual"] == "");
    CHECK(result_of(reports, "needs/present", "python")["status"] == "PASS");
    // Declared present in backends.toml: it runs, and nothing recorded it.
    CHECK(result_of(reports, "needs/absent", "declared")["status"] == "NO-EXPECTED");
    CHECK(result_of(reports, "needs/absent", "declared")["actual"] == "absent_thing is missing\n[exit 0]\n");

    auto backends = run_json(reports)["backends"];
    CHECK(backends[0]["lacks"].contains("absent"));
    CHECK(backends[0]["capabilities"]["present"] == "probed");
    CHECK(backends[1]["capabilities"]["absent"] == "declared");

    // Probed once (python: both; declared: the one not declared): the second
    // run takes the cache; a changed probe runs again.
    CHECK(lines_of(root / "probes.log") == 3);
    invoke(root, {"run", "--backend", "python", "--reports", reports.string()});
    CHECK(lines_of(root / "probes.log") == 3);
    auto tags = read_file(root / "cases/tags.toml");
    write_file(root / "cases/tags.toml", tags.replace(tags.find("print(\"yes\")"), 12, "print('yes')"));
    invoke(root, {"run", "--backend", "python", "--reports", reports.string()});
    CHECK(lines_of(root / "probes.log") == 4);
}

TEST_CASE("a backend that cannot run a trivial program is not probed: its cases fail", "[capabilities][end-to-end]") {
    Scratch scratch;
    auto reports = scratch.path() / "reports";
    auto run = invoke(fixture("capabilities"), {"run", "--backend", "broken", "--reports", reports.string()});
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Contains("broken: not probed for capabilities, since it cannot run `print(\"yes\")`"));
    CHECK(result_of(reports, "needs/absent", "broken")["status"] == "NO-EXPECTED");
    CHECK(result_of(reports, "needs/present", "broken")["status"] == "FAIL");
}

TEST_CASE("a probe out of time leaves its capability unknown, not lacked, and uncached", "[capabilities][end-to-end]") {
    Scratch scratch;
    auto root = copy_of_fixture("capabilities", scratch);
    auto reports = scratch.path() / "reports";
    auto run = invoke(root, {"run", "--backend", "slow", "--reports", reports.string(), "needs/absent"});
    CHECK_THAT(run.output, Contains("slow: capability absent not probed (the probe ran out of its 10 s): the cases "
                                    "that require it run"));
    // It ran (absent_thing is missing on python3 too), and has no outcome
    // recorded to be judged against.
    CHECK(result_of(reports, "needs/absent", "slow")["status"] == "NO-EXPECTED");
    auto cached = nlohmann::json::parse(read_file(reports / ".capabilities" / "slow.json"))["capabilities"];
    CHECK_FALSE(cached.contains("absent"));
}

TEST_CASE("a probe's long line is quoted cut short, and no pattern recurses over it", "[capabilities][end-to-end]") {
    Scratch scratch;
    auto reports = scratch.path() / "reports";
    // 60,000 dots on a line: a std::regex over it overflowed the stack.
    auto run = invoke(fixture("capabilities"),
                      {"run", "--backend", R"x(dots:python-1=python3 -S -c "print('.' * 60000)" {case})x", "--reports",
                       reports.string()});
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Contains("dots: not probed for capabilities, since it cannot run `print(\"yes\")`: the "
                                    "probe printed `" +
                                    std::string(200, '.') + "...` (60000 bytes), then [exit 0]"));
    CHECK(result_of(reports, "needs/present", "dots")["status"] == "FAIL");
}

TEST_CASE("record leaves out, and removes the outcome of, a case its interpreter lacks a capability for",
          "[capabilities][end-to-end][record]") {
    Scratch scratch;
    auto root = copy_of_fixture("capabilities", scratch);
    write_file(root / "expected/python-1/needs/absent.out", "stale\n[exit 0]\n");
    auto reports = (scratch.path() / "reports").string();
    // Until the profile says its interpreter lacks it too, --strict fails on it.
    CHECK(invoke(root, {"run", "--strict", "--backend", "python", "--reports", reports}).status == 1);
    auto record = invoke(root, {"record", "--backend", "python"});
    CHECK(record.status == 0);
    CHECK_THAT(record.output, Contains("UNSUPPORTED: python :: needs/absent: lacks absent"));
    CHECK_THAT(record.output, Contains("1 unchanged; 1 unsupported (1 outcomes removed)"));
    CHECK_FALSE(fs::exists(root / "expected/python-1/needs/absent.out"));
    CHECK(fs::exists(root / "expected/python-1/needs/present.out"));
    CHECK_THAT(read_file(root / "expected/python-1/profile.toml"), Contains("[lacks]\nabsent = "));
    CHECK(invoke(root, {"run", "--strict", "--backend", "python", "--reports", reports}).status == 0);
    CHECK(result_of(reports, "needs/absent", "python")["lacked_as_recorded"] == true);
    // Another runtime judged against the profile finds the case UNSUPPORTED too.
    invoke(root, {"run", "--backend", "declared", "--reports", reports});
    CHECK(result_of(reports, "needs/absent", "declared")["status"] == "UNSUPPORTED");
    CHECK_THAT(result_of(reports, "needs/absent", "declared")["note"].get<std::string>(),
               Contains("(profile python-1, recorded)"));
}

TEST_CASE("lint and run name a case that uses a capability it does not require", "[capabilities][end-to-end]") {
    Scratch scratch;
    auto root = copy_of_fixture("capabilities", scratch);
    write_file(
        root / "cases/needs/undeclared.py",
        "# ---\n# summary = \"Uses what it does not require\"\n# tags = [\"needs\"]\n# ---\nimport absent_thing\n");
    write_file(root / "cases/needs/unknown.py",
               "# ---\n# summary = \"Requires a typo\"\n# tags = [\"needs\"]\n"
               "# requires = [\"absnet\"]\n# ---\nprint(1)\n");
    auto registry = read_file(root / "backends.toml");
    write_file(root / "backends.toml", registry.replace(registry.find("{ absent = true }"), 17, "{ absnet = true }"));
    auto lint = invoke(root, {"lint"});
    CHECK(lint.status == 1);
    CHECK_THAT(lint.output, Contains("backend declared declares capability `absnet`, which cases/tags.toml does not"));
    CHECK_THAT(lint.output, Contains("cases/needs/undeclared.py:5: error: needs absent (a module no python3 has): "
                                     "add \"absent\" to `requires`"));
    CHECK_THAT(lint.output, Contains("cases/needs/unknown.py:4: error: unknown capability `absnet`"));
    auto run = invoke(root, {"run", "--backend", "python", "--reports", (scratch.path() / "reports").string()});
    CHECK(run.status == 1);
    CHECK(result_of(scratch.path() / "reports", "needs/undeclared", "python")["status"] == "ERROR");
}

TEST_CASE("lint reports a profile.toml it cannot read, not a missing one", "[capabilities][end-to-end]") {
    Scratch scratch;
    auto root = copy_of_fixture("capabilities", scratch);
    write_file(root / "expected/python-1/profile.toml", "version = [\n");
    auto lint = invoke(root, {"lint"});
    CHECK(lint.status == 1);
    CHECK_THAT(lint.output, Contains("profile.toml: error: "));
    CHECK_THAT(lint.output, !Contains("no profile.toml"));
}
