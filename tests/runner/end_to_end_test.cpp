// The memconform binary on the fake project (fixtures/fake): a backend that
// crashes, hangs and floods leaves the runner intact, and record, baselines
// and the exit status work end to end.
#include "runner/execute.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace memconform;
using namespace memconform::testing;
using namespace std::chrono_literals;
using Catch::Contains;

// A copy of the fake project with fake/prints and fake/token recorded while
// the token was "a". The token case prints the project's token file: its
// outcome changes with it.
struct TokenProject {
    Scratch scratch;
    fs::path root = copy_of_fixture("fake", scratch);

    TokenProject() {
        token("a");
        REQUIRE(invoke(root, {"record", "--backend", "fake", "fake/prints", "fake/token"}).status == 0);
    }
    void token(const char* value) const { write_file(root / "token", value); }
};

TEST_CASE("a backend that crashes, hangs and floods leaves the runner intact", "[end-to-end]") {
    Scratch reports;
    auto started = std::chrono::steady_clock::now();
    auto run = invoke(fixture("fake"), {"run", "--backend", "fake", "--backend", "fake-model", "--timeout", "1",
                                        "--output-cap", "10000", "-j", "4", "--reports", reports.path().string()});
    CHECK(std::chrono::steady_clock::now() - started < 30s);
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Contains("Failures ("));
    // The UNSUPPORTED results are counted by their reason.
    CHECK_THAT(run.output, Contains("UNSUPPORTED, by reason:\n  fake-model: 1 the model rejected a construct\n"));

    CHECK(result_of(reports.path(), "fake/crash", "fake")["status"] == "CRASH");
    CHECK(result_of(reports.path(), "fake/crash", "fake")["actual"] == "about to crash\n[signal SEGV]\n");

    auto hang = result_of(reports.path(), "fake/hang", "fake");
    CHECK(hang["status"] == "TIMEOUT");
    std::string hung = hang["actual"];
    REQUIRE(hung.starts_with("child "));
    CHECK_THAT(hung, Catch::EndsWith("[timeout]\n"));
    CHECK(dies_within(std::stoi(hung.substr(6)), 5s));  // the child died with its group

    std::string flood = result_of(reports.path(), "fake/flood", "fake")["actual"];
    CHECK_THAT(flood, Catch::StartsWith("flood\nflood\n"));
    CHECK_THAT(flood, Catch::EndsWith("\n[output capped at 10000 bytes]\n"));
    CHECK(flood.size() < 10100);

    CHECK(result_of(reports.path(), "fake/prints", "fake")["actual"] == "still running\n[exit 0]\n");
    CHECK(result_of(reports.path(), "fake/prints", "fake")["status"] == "NO-EXPECTED");
    CHECK(result_of(reports.path(), "fake/unsupported", "fake-model")["status"] == "UNSUPPORTED");
    CHECK(result_of(reports.path(), "fake/unsupported", "fake")["status"] == "NO-EXPECTED");
    for (auto file : {"results.json", "junit.xml", "summary.md", "index.html"})
        CHECK(fs::exists(reports.path() / "latest" / file));
}

TEST_CASE("record keeps stable outcomes and refuses unstable ones, showing both", "[end-to-end][record]") {
    Scratch scratch;
    auto root = copy_of_fixture("fake", scratch);
    auto record = invoke(root, {"record", "--backend", "fake", "fake/prints", "fake/unstable"});
    CHECK(record.status == 1);
    CHECK_THAT(record.output, Contains("REFUSED: fake :: fake/unstable: unstable: runs 1 and 2 differ"));
    CHECK_THAT(record.output, Contains("-pid "));
    CHECK_THAT(record.output, Contains("+pid "));
    CHECK(read_file(root / "expected/fake-1/fake/prints.out") == "still running\n[exit 0]\n");
    CHECK_FALSE(fs::exists(root / "expected/fake-1/fake/unstable.out"));
    auto info = read_file(root / "expected/fake-1/profile.toml");
    CHECK_THAT(info, Contains("version = 'fake 1.0'"));
    CHECK_THAT(info, Contains("command = 'sh {case}'"));
    CHECK_THAT(info, Contains("PYTHONHASHSEED = '0'"));

    auto cut_short = invoke(root, {"record", "--backend", "fake", "--timeout", "1", "fake/hang"});
    CHECK(cut_short.status == 1);
    CHECK_THAT(cut_short.output, Contains("cut short, not recorded"));

    auto model = invoke(root, {"record", "--backend", "fake-model"});
    CHECK(model.status == 2);
    CHECK_THAT(model.output, Contains("fake-model is a model: expected outcomes come from real interpreters only"));
}

TEST_CASE("outcomes are judged against the recording, through the baseline", "[end-to-end][baseline]") {
    TokenProject project;
    const Scratch& scratch = project.scratch;
    const fs::path& root = project.root;
    auto token = [&](const char* value) { project.token(value); };
    auto reports = (scratch.path() / "reports").string();
    auto args = std::vector<std::string>{"run", "--backend", "fake", "--reports", reports, "fake/prints", "fake/token"};

    CHECK(invoke(root, args).status == 0);
    token("b");
    CHECK(invoke(root, args).status == 1);
    CHECK(result_of(reports, "fake/token", "fake")["status"] == "FAIL");

    write_file(root / "baselines/fake.toml", "\"fake/token\" = \"prints what the caller gives it\"\n");
    CHECK(invoke(root, args).status == 0);
    CHECK(result_of(reports, "fake/token", "fake")["status"] == "XFAIL");
    CHECK(result_of(reports, "fake/token", "fake")["note"] == "baseline: prints what the caller gives it");

    token("a");
    auto xpass = invoke(root, args);
    CHECK(xpass.status == 1);
    CHECK(result_of(reports, "fake/token", "fake")["status"] == "XPASS");
    CHECK(result_of(reports, "fake/token", "fake")["note"] ==
          "passes now: remove `fake/token` from baselines/fake.toml:1 (baseline: prints what the caller gives it)");
}

TEST_CASE("--failed-from runs only the cases that failed an earlier run", "[end-to-end]") {
    TokenProject project;
    const Scratch& scratch = project.scratch;
    const fs::path& root = project.root;
    auto token = [&](const char* value) { project.token(value); };
    auto first = (scratch.path() / "first").string(), second = (scratch.path() / "second").string();
    token("b");
    REQUIRE(invoke(root, {"run", "--backend", "fake", "--reports", first, "fake/prints", "fake/token"}).status == 1);

    auto again = invoke(root, {"run", "--backend", "fake", "--reports", second, "--failed-from", first});
    CHECK(again.status == 1);
    auto run = nlohmann::json::parse(read_file(fs::path(second) / "latest" / "results.json"));
    REQUIRE(run["results"].size() == 1);
    CHECK(run["results"][0]["case"] == "fake/token");

    token("a");  // fixed: the rerun passes, and a rerun of it has nothing to run
    CHECK(
        invoke(root, {"run", "--backend", "fake", "--reports", second, "--failed-from", first + "/latest/results.json"})
            .status == 0);
    auto nothing = invoke(root, {"run", "--backend", "fake", "--reports", first, "--failed-from", second});
    CHECK(nothing.status == 0);
    CHECK_THAT(nothing.output, Contains("nothing failed in " + second + ": no case to run"));
    auto missing = invoke(root, {"run", "--backend", "fake", "--failed-from", (scratch.path() / "none").string()});
    CHECK(missing.status == 2);
}

TEST_CASE("diff lists what changed between two runs, regressions first", "[end-to-end][diff]") {
    TokenProject project;
    const Scratch& scratch = project.scratch;
    const fs::path& root = project.root;
    auto token = [&](const char* value) { project.token(value); };
    auto run = [&](const char* name, std::vector<std::string> cases) {
        auto reports = (scratch.path() / name).string();
        std::vector<std::string> args{"run", "--backend", "fake", "--reports", reports};
        args.insert(args.end(), cases.begin(), cases.end());
        invoke(root, args);
        return reports;
    };
    auto passing = run("passing", {"fake/token"});
    token("b");
    auto failing = run("failing", {"fake/token", "fake/prints"});
    token("c");
    auto failing_otherwise = run("failing-otherwise", {"fake/token"});

    auto worse = invoke(root, {"diff", passing, failing});
    CHECK(worse.status == 1);
    CHECK_THAT(worse.output, Contains(": 2 results changed, 0 unchanged; 1 now failing; 1 new\n"));
    CHECK_THAT(worse.output, Contains("Now failing (1):\n  fake :: fake/token: PASS -> FAIL\n"));
    CHECK_THAT(worse.output, Contains("Only in the second run (1):\n  fake :: fake/prints: - -> PASS\n"));

    auto better = invoke(root, {"diff", failing, passing, "--html", (scratch.path() / "diff.html").string()});
    CHECK(better.status == 0);
    CHECK_THAT(better.output, Contains("No longer failing (1):\n  fake :: fake/token: FAIL -> PASS\n"));
    CHECK_THAT(better.output, Contains("Only in the first run (1):\n  fake :: fake/prints: PASS -> -\n"));
    auto page = read_file(scratch.path() / "diff.html");
    CHECK_THAT(page, Contains("<h2>No longer failing (1)</h2>"));
    CHECK_THAT(page, Contains("<td>fake/token</td><td>fake</td>"));

    auto otherwise = invoke(root, {"diff", failing, failing_otherwise});
    CHECK(otherwise.status == 0);  // failing before and after: no regression
    CHECK_THAT(otherwise.output, Contains("Outcome changed, same status (1):\n  fake :: fake/token: FAIL -> FAIL\n"));
    CHECK_THAT(otherwise.output, Contains("    @@ -1,2 +1,2 @@\n    -token b\n    +token c\n"));

    CHECK(invoke(root, {"diff", passing}).status == 2);
    CHECK(invoke(root, {"diff", passing, (scratch.path() / "none").string()}).status == 2);
}

TEST_CASE("baseline --update lists what failed and drops what passes now", "[end-to-end][baseline]") {
    TokenProject project;
    const Scratch& scratch = project.scratch;
    const fs::path& root = project.root;
    auto token = [&](const char* value) { project.token(value); };
    auto reports = (scratch.path() / "reports").string();
    auto args = std::vector<std::string>{"run", "--backend", "fake", "--reports", reports, "fake/prints", "fake/token"};
    token("b");
    REQUIRE(invoke(root, args).status == 1);

    auto update = invoke(root, {"baseline", "--update", reports});
    CHECK(update.status == 0);
    CHECK_THAT(update.output, Contains("fake.toml: 1 added (write why each fails), 0 removed"));
    auto file = root / "baselines/fake.toml";
    CHECK_THAT(read_file(file), Contains("# Known failures of fake, each with its reason"));
    CHECK_THAT(read_file(file), Contains("\"fake/token\" = \"TODO: why it fails (FAIL in run "));
    CHECK(invoke(root, args).status == 0);  // the failure is known now
    CHECK(result_of(reports, "fake/token", "fake")["status"] == "XFAIL");

    // A person writes the reason; a comment of theirs stays.
    write_file(file, "# kept\n\"fake/token\" = \"prints what the caller gives it\"\n");
    token("a");
    REQUIRE(invoke(root, args).status == 1);  // XPASS
    auto again = invoke(root, {"baseline", "--update", "--reports", reports});  // its latest run
    CHECK_THAT(again.output, Contains("fake.toml: 0 added (write why each fails), 1 removed (they pass now)"));
    CHECK(read_file(file) == "# kept\n");
    CHECK(invoke(root, args).status == 0);
    CHECK(invoke(root, {"lint"}).status == 0);

    CHECK(invoke(root, {"baseline", reports}).status == 2);  // --update is required
    CHECK(invoke(root, {"baseline", "--update", (scratch.path() / "none").string()}).status == 2);
}

TEST_CASE("a run that names --reports leaves the project's reports/latest alone", "[end-to-end]") {
    Scratch scratch;
    auto root = copy_of_fixture("fake", scratch);
    CHECK(invoke(root, {"run", "--backend", "fake", "fake/prints"}).status == 0);
    auto latest = fs::read_symlink(root / "reports/latest");
    auto elsewhere = scratch.path() / "elsewhere";
    CHECK(invoke(root, {"run", "--backend", "fake", "--reports", elsewhere.string(), "fake/prints"}).status == 0);
    CHECK(fs::read_symlink(root / "reports/latest") == latest);
    auto entries = std::distance(fs::directory_iterator(root / "reports"), fs::directory_iterator());
    CHECK(entries == 2);  // the first run's folder and latest: nothing of the second run
    CHECK(fs::exists(elsewhere / "latest/index.html"));
}

TEST_CASE("compare prints the answer first: the headline, a warning, and what each failure matches",
          "[end-to-end][console]") {
    Scratch scratch;
    auto root = copy_of_fixture("fake", scratch);
    // fake-2 is fake-1 but for fake/token, which prints what the token file
    // holds: b there, a in fake-1.
    auto record = [&](const char* token) {
        write_file(root / "token", token);
        REQUIRE(invoke(root, {"record", "--backend", "fake", "fake/prints", "fake/token"}).status == 0);
    };
    record("b");
    fs::rename(root / "expected/fake-1", root / "expected/fake-2");
    record("a");
    write_file(root / "token", "b");  // fake now prints what fake-2 recorded

    auto reports = (scratch.path() / "reports").string();
    auto compare = invoke(root, {"compare", "--backend", "fake", "--reports", reports, "fake/prints", "fake/token"});
    CHECK(compare.status == 1);
    const auto& out = compare.output;
    auto warning = out.find("WARNING: fake is most like fake-2 (2/2), judged against fake-1 (1/2)");
    CHECK(warning != std::string::npos);
    CHECK(warning < out.find("Per case:"));
    CHECK(out.find("Per case:") < out.find("Failures (1):\n  FAIL against fake-1; matches fake-2: fake :: fake/token"));
    CHECK(out.find(" of 2)") == std::string::npos);  // piped: no progress line

    auto quiet =
        invoke(root, {"compare", "-q", "--backend", "fake", "--reports", reports, "fake/prints", "fake/token"});
    CHECK(quiet.status == 1);
    CHECK_THAT(quiet.output, Contains("WARNING: fake is most like fake-2"));
    CHECK_THAT(quiet.output, Contains("  FAIL against fake-1; matches fake-2: fake :: fake/token"));
    CHECK_THAT(quiet.output, !Contains("Per case:"));
    CHECK_THAT(quiet.output, !Contains("Verdicts"));

    auto run = invoke(root, {"run", "-q", "--backend", "fake", "--reports", reports, "fake/prints", "fake/token"});
    CHECK(run.status == 1);
    CHECK_THAT(run.output, Contains("WARNING: fake is most like fake-2"));
    CHECK_THAT(run.output, Contains("Failures (1):\n  FAIL: fake :: fake/token\n"));
}

TEST_CASE("usage and input errors exit 2 with a message", "[end-to-end]") {
    auto unknown = invoke(fixture("fake"), {"run", "--backend", "nope"});
    CHECK(unknown.status == 2);
    CHECK_THAT(unknown.output, Contains("no backend `nope`; known: fake, fake-model"));
    // A profile named for a backend of backends.toml is refused, not ignored.
    for (auto command : {"run", "compare"}) {
        auto profiled = invoke(fixture("fake"), {command, "--backend", "fake:cpython-3.12", "fake/prints"});
        CHECK(profiled.status == 2);
        CHECK_THAT(profiled.output, Contains("--backend fake:cpython-3.12: fake is judged against its profile in "
                                             "backends.toml"));
    }
    CHECK(invoke(fixture("fake"), {"run", "--shard", "3/2"}).status == 2);
    auto unmatched = invoke(fixture("fake"), {"run", "--backend", "fake", "nothing/*"});
    CHECK(unmatched.status == 2);
    CHECK_THAT(unmatched.output, Contains("no case matches nothing/*"));
    auto bad_corpus = invoke(fixture("lint"), {"run"});  // a broken tags.toml stops every run
    CHECK(bad_corpus.status == 2);
    CHECK_THAT(bad_corpus.output, Contains("`bad` needs one line of text"));
    auto nowhere = invoke(fixture("fake"), {"run", "--backend", "fake", "--reports", "/proc/nope", "fake/prints"});
    CHECK(nowhere.status == 2);
    CHECK_THAT(nowhere.output, Contains("cannot write reports into /proc/nope: "));
    CHECK_THAT(nowhere.output, !Contains("fake/prints"));  // checked before any case runs
    CHECK(invoke(fixture("lint"), {"lint"}).status == 1);
    CHECK(invoke(fixture("fake"), {"lint"}).status == 0);
}

TEST_CASE("a default run names once, and does not run, a backend whose profile has no recorded outcome",
          "[end-to-end]") {
    Scratch scratch, reports;
    auto root = copy_of_fixture("fake", scratch);
    write_file(root / "backends.toml", read_file(root / "backends.toml") + R"(
[backend.old]
kind = "real"
command = "sh {case}"
version = "sh -c 'echo fake 0.9'"
profile = "fake-0"
)");
    REQUIRE(invoke(root, {"record", "--backend", "fake", "fake/prints"}).status == 0);

    auto every = invoke(root, {"run", "--reports", reports.path().string(), "fake/prints"});
    CHECK(every.status == 0);
    auto line = "old: no outcomes recorded for profile fake-0; `memconform record --backend old` records them";
    CHECK_THAT(every.output, Contains(std::string("not run: ") + line));
    auto run = nlohmann::json::parse(read_file(reports.path() / "latest" / "results.json"));
    REQUIRE(run["not_run"].size() == 1);
    CHECK(run["not_run"][0]["name"] == "old");
    for (const auto& r : run["results"]) CHECK(r["backend"] != "old");
    CHECK(result_of(reports.path(), "fake/prints", "fake")["status"] == "PASS");
    CHECK_THAT(read_file(reports.path() / "latest" / "summary.md"), Contains("| old | fake-0 | not run: "));
    CHECK_THAT(read_file(reports.path() / "latest" / "index.html"), Contains("<li>old (fake-0): no outcomes"));

    // Named on the command line, it runs: its cells say NO-EXPECTED.
    auto named = invoke(root, {"run", "--backend", "old", "--reports", reports.path().string(), "fake/prints"});
    CHECK(named.status == 0);
    CHECK(result_of(reports.path(), "fake/prints", "old")["status"] == "NO-EXPECTED");
}
