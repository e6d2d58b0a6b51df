#include "runner/capabilities.hpp"
#include "runner/compare.hpp"
#include "runner/corpus.hpp"
#include "runner/diff.hpp"
#include "runner/display.hpp"
#include "runner/reports/differences.hpp"
#include "runner/reports/html_panels.hpp"
#include "runner/reports/report.hpp"
#include "runner/reports/versions.hpp"
#include "tests/support/runner_helpers.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace memconform;
using namespace memconform::testing;
using Catch::Contains;
using namespace std::string_view_literals;

namespace {

RunRecord sample_run() {
    RunRecord run;
    run.id = "20250101-120000";
    run.command = "memconform run";
    run.started = "2025-01-01T12:00:00Z";
    run.seconds = 1.5;
    run.shard = "1/1";
    run.exit_status = 1;
    run.backends = {{"python3", "real", "cpython-3.11", "python3 -u {case}", "Python 3.11.7", true, "", {}, {}},
                    {"pypy3", "real", "pypy-7.3", "pypy3 -u {case}", "PyPy 7.3.11", true, "", {}, {}},
                    {"gone", "real", "", "gone {case}", "", false, "`gone` is not on PATH", {}, {}}};
    run.cases = {{"del/a", "Deleting <things>", {"del"}, {}}, {"del/b", "Another", {"del"}, {}}};
    run.results = {
        {"del/a", "python3", Status::Pass, "x\n[exit 0]\n", "x\n[exit 0]\n", "", 0.1},
        {"del/a", "pypy3", Status::Fail, "y <z>\n[exit 0]\n", "x\n[exit 0]\n", "", 0.2},
        {"del/a", "gone", Status::Skipped, "", std::nullopt, "`gone` is not on PATH", 0},
        {"del/b", "python3", Status::NoExpected, "bad \xff byte\n[exit 0]\n", std::nullopt, "", 0.1},
        {"del/b", "pypy3", Status::XFail, "q\n[exit 0]\n", "p\n[exit 0]\n", "baseline: known", 0.1},
        {"del/b", "gone", Status::Skipped, "", std::nullopt, "`gone` is not on PATH", 0},
    };
    run.comparisons = {{"del/a", "pypy3", {"pypy-7.3"}, {"cpython-3.11", "pypy-7.3"}, "only pypy"}};
    return run;
}

std::string render(std::unique_ptr<ReportWriter> writer) { return writer->render(sample_run()); }

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("results.json is the run, versioned, with sorted keys", "[reports]") {
    auto text = render(json_report());
    auto json = nlohmann::json::parse(text);
    CHECK(json["schema"] == kResultsSchema);
    CHECK(json["results"][1]["status"] == "FAIL");
    CHECK(json["results"][3]["expected"].is_null());
    CHECK(json["results"][0]["trace"] == "");
    CHECK(text.find("\"backends\"") < text.find("\"cases\""));
    CHECK(text.find("\"cases\"") < text.find("\"results\""));
    CHECK(text.find("\"results\"") < text.find("\"schema\""));
    CHECK_THAT(text, Contains("bad \xef\xbf\xbd byte"));  // invalid UTF-8 replaced, not thrown on

    auto back = run_from_json(json);
    CHECK(back.id == "20250101-120000");
    CHECK(back.results.size() == 6);
    CHECK(back.results[4].status == Status::XFail);
    CHECK(back.results[4].expected == std::optional<std::string>("p\n[exit 0]\n"));
    CHECK(back.comparisons[0].verdict == "only pypy");
    json["schema"] = kResultsSchema + 1;
    CHECK_THROWS_WITH(run_from_json(json), Contains("schema"));
}

TEST_CASE("junit.xml has a suite per backend, failures with their diff", "[reports]") {
    auto xml = render(junit_report());
    CHECK_THAT(xml, Contains("<testsuites name=\"memconform\" tests=\"6\" failures=\"1\" skipped=\"4\""));
    CHECK_THAT(xml, Contains("<testsuite name=\"pypy3\" tests=\"2\" failures=\"1\" skipped=\"1\""));
    CHECK_THAT(xml, Contains("<skipped message=\"XFAIL: baseline: known\"/>"));  // as pytest has it
    CHECK_THAT(xml, Contains("<failure type=\"FAIL\""));
    CHECK_THAT(xml, Contains("+y &lt;z&gt;"));
    CHECK_THAT(xml, Contains("<skipped message=\"SKIPPED: `gone` is not on PATH\"/>"));
    CHECK(occurrences(xml, "<testcase ") == 6);
    CHECK(occurrences(xml, "</testcase>") == 6);
}

TEST_CASE("text from a backend becomes valid UTF-8 and XML 1.0", "[reports]") {
    CHECK(valid_utf8("ok \xc3\xa9 \xf0\x9f\x90\x8d") == "ok \xc3\xa9 \xf0\x9f\x90\x8d");
    CHECK(valid_utf8("\xf8\x90\x80\x80") == "\uFFFD\uFFFD\uFFFD\uFFFD");
    CHECK(valid_utf8("\xff|\xc3|\xc0\x80|\xed\xa0\x80|\xf4\x90\x80\x80") ==
          "\uFFFD|\uFFFD|\uFFFD\uFFFD|\uFFFD\uFFFD\uFFFD|\uFFFD\uFFFD\uFFFD\uFFFD");
    CHECK(printable("a\0b\x1b[31mc\x7f\td\n"sv) == "a\uFFFDb\uFFFD[31mc\uFFFD\td\n");
    CHECK(escape_markup("]]> <&\0\xef\xbf\xbe\xff"sv) == "]]&gt; &lt;&amp;\uFFFD\uFFFD\uFFFD");
}

TEST_CASE("an interrupted run says so in every report", "[reports]") {
    auto run = sample_run();
    run.interrupted = "SIGTERM";
    run.exit_status = 143;
    const std::string note = "Interrupted by SIGTERM: 6 of 6 results";
    CHECK(json_report()->render(run).find("\"interrupted\": \"SIGTERM\"") != std::string::npos);
    CHECK_THAT(junit_report()->render(run), Contains("<property name=\"interrupted\" value=\"" + note));
    CHECK_THAT(markdown_report()->render(run), Contains("**" + note));
    CHECK_THAT(html_report()->render(run), Contains(note));
    CHECK(run_from_json(to_json(run)).interrupted == "SIGTERM");
    CHECK_FALSE(sample_run().interruption_note().size());
}

TEST_CASE("-v shows a flood's first 8 KiB, printable, and says the reports hold the rest", "[reports]") {
    std::ostringstream out;
    Progress progress(1, out, false, true);
    std::string flood;
    for (int i = 0; i < 10000; ++i) flood += "\x1b[31mflood\n";
    progress.step("FAIL", 0, true, true, "b :: c", flood);
    CHECK(out.str().size() < (16 << 10));  // of 110 KB; each ESC shows as 3 bytes
    CHECK(out.str().find('\x1b') == std::string::npos);
    CHECK_THAT(out.str(), Contains("\uFFFD[31mflood\n... "));
    CHECK_THAT(out.str(), Catch::EndsWith(" more bytes: the reports hold all of it\n"));
}

TEST_CASE("answer first, without -v, progress prints no line but the live one", "[reports][console]") {
    std::ostringstream piped, live, fuzz;
    Progress(1, piped, false, false, false, true).step("FAIL", 0, true, true, "b :: c", "");
    CHECK(piped.str().empty());
    Progress(1, fuzz, false, false).step("PASS", 0, false, false, "b :: c", "");  // fuzz's: a line per step
    CHECK(fuzz.str() == "PASS: b :: c (1 of 1)\n");
    Progress(1, live, true, false, false, true).step("FAIL", 0, true, true, "b :: c", "");
    CHECK(live.str().find("FAIL") == std::string::npos);
    CHECK_THAT(live.str(), Contains("[1/1] 1 failed | b :: c"));
}

// A backend judged against p, whose outcomes are q's: c1 is all profiles',
// c2 q's only, c3 no profile's.
RunRecord judged_against_another() {
    RunRecord run;
    run.backends = {{"b", "real", "p", "b {case}", "b 1", true, "", {}, {}}};
    run.results = {{"c1", "b", Status::Pass, "1", "1", "", 0},
                   {"c2", "b", Status::Fail, "2", "x", "", 0},
                   {"c3", "b", Status::Fail, "new", "y", "", 0}};
    run.behaviors = {{"c1", {{{"p", "q"}, "1"}}}, {"c2", {{{"p"}, "x"}, {{"q"}, "2"}}}, {"c3", {{{"p", "q"}, "y"}}}};
    run.comparisons = {{"c1", "b", {"p", "q"}, {"p", "q"}, "all"},
                       {"c2", "b", {"q"}, {"p", "q"}, "some"},
                       {"c3", "b", {}, {"p", "q"}, "none"}};
    return run;
}

TEST_CASE("the headline warns of a backend more like another profile than its own", "[reports][console]") {
    auto run = judged_against_another();
    auto top = headline(run, false);
    CHECK_THAT(top, Contains("b                        p                 1    2\n"));
    CHECK_THAT(top, Contains("  b                        q 2/3, p 1/3\n"));
    CHECK_THAT(top, Contains("WARNING: b is most like q (2/3), judged against p (1/3)"));
    run.backends[0].profile = "q";  // judged against the most alike: no warning
    CHECK(headline(run, false).find("WARNING") == std::string::npos);
}

TEST_CASE("each failure of compare says what it matches, those matching nothing first", "[reports][console]") {
    auto run = judged_against_another();
    CHECK_THAT(failure_list(run, false),
               Contains("Failures (2):\n  FAIL against p; matches no recorded profile: b :: c3\n"
                        "  FAIL against p; matches q: b :: c2\n"));
    run.comparisons.clear();  // run's: no profile but its own
    CHECK_THAT(failure_list(run, false), Contains("  FAIL: b :: c2\n  FAIL: b :: c3\n"));
}

TEST_CASE("a capability left unprobed is neither had nor lacked", "[reports][console]") {
    auto run = judged_against_another();
    run.backends[0].capabilities = {{"weakref", std::string(kNotProbed)}, {"finalizers", std::string(kNotProbed)}};
    auto details = comparison_details(run);
    CHECK_THAT(details, Contains("  b                        not probed (its probe gave no answer)"));
    CHECK(details.find("has ") == std::string::npos);
    auto html = html_report()->render(run);
    CHECK_THAT(html, Contains("<tr><td>b</td><td title=\"its probe gave no answer: the cases that require it "
                              "run\">not probed</td>"));
    CHECK(html.find("class=\"has\"") == std::string::npos);
    run.backends[0].capabilities["weakref"] = "probed";
    run.backends[0].lacks = {{"gc-counts", "the probe printed `AttributeError`"}};
    CHECK_THAT(comparison_details(run),
               Contains("  b                        has 1 of 3; lacks gc-counts; not probed, so their cases run: "
                        "finalizers\n"));
}

TEST_CASE("summary.md shows no empty diff for an XPASS", "[reports]") {
    auto run = sample_run();
    run.results[0].status = Status::XPass;
    run.results[0].note = "passes now: remove `del/a` from baselines/python3.toml:1 (baseline: known)";
    auto md = markdown_report()->render(run);
    CHECK_THAT(md, Contains("### XPASS: python3 :: del/a\n\nDeleting <things>\n\npasses now: remove `del/a` from "
                            "baselines/python3.toml:1 (baseline: known)\n\nThe outcome is the expected one.\n"));
    CHECK_FALSE(md.find("```diff\n```") != std::string::npos);
}

TEST_CASE("summary.md has the counts, each failure's diff and the comparisons", "[reports]") {
    auto md = render(markdown_report());
    CHECK_THAT(md, Contains("| backend | profile | PASS | XFAIL | NO-EXPECTED | SKIPPED | FAIL |"));
    CHECK_THAT(md, Contains("| pypy3 | pypy-7.3 | 0 | 1 | 0 | 0 | 1 |"));
    CHECK_THAT(md, Contains("| gone | — | skipped: `gone` is not on PATH |"));
    CHECK_THAT(md, Contains("### FAIL: pypy3 :: del/a\n\nDeleting <things>\n\n```diff\n--- expected\n+++ actual\n"));
    CHECK_THAT(md, Contains("| del/a | pypy3 | only pypy | pypy-7.3 |"));
    CHECK(occurrences(md, "### ") == 1);  // failures only
}

TEST_CASE("index.html is a matrix whose cells open panels named by case and backend", "[reports]") {
    auto html = render(html_report());
    CHECK_THAT(html, Contains("<td class=\"status st-FAIL\"><a href=\"#del/a@pypy3\">FAIL</a></td>"));
    CHECK_THAT(html, Contains("<a href=\"#del/a@python3\">PASS</a>"));  // a PASS opens its output too
    CHECK_THAT(html, Contains("<a href=\"#del/b@python3\">NO-EXP</a>"));  // short labels, so that many backends fit
    CHECK_THAT(html, Contains(".st-FAIL { background: #d9412b; }"));  // FAIL's colour, from the result code table
    CHECK_THAT(html, Contains("<tr data-c=\"0\" id=\"row:del/a\"><td class=\"case\" title=\"Deleting &lt;things&gt;\">"
                              "<a href=\"#del/a\">del/a</a></td>"));
    // The page holds no outcome: the panels are loaded when opened.
    CHECK(html.find("y &lt;z&gt;") == std::string::npos);
    CHECK_THAT(html, Contains("<section class=\"panel\" id=\"panel\" hidden>"));
    // Nothing is downloaded: the one script is inline.
    CHECK(occurrences(html, "<script") == 2);  // the run's data, and the script
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("http") == std::string::npos);
}

TEST_CASE("index.html counts each backend's results by status, and what fails the run", "[reports]") {
    auto html = render(html_report());
    // The statuses the run has are the columns: PASS, XFAIL, NO-EXPECTED, SKIPPED, FAIL.
    CHECK_THAT(html,
               Contains("<tr><th>pypy3</th><td class=\"profile\">pypy-7.3</td><td></td>"
                        "<td><a href=\"#matrix\" data-backend=\"pypy3\" data-status=\"XFAIL\">1</a></td>"
                        "<td></td><td></td><td><a href=\"#matrix\" data-backend=\"pypy3\" data-status=\"FAIL\">1</a>"
                        "</td><td><a href=\"#matrix\" data-backend=\"pypy3\" data-status=\"fails\">1</a></td></tr>"));
    CHECK(html.find("data-status=\"UNSUPPORTED\"") == std::string::npos);
}

TEST_CASE("index.html carries what its filter needs: areas, tags, statuses, backends", "[reports]") {
    auto run = sample_run();
    run.cases.push_back({"cycles/c", "A </script> in a summary", {"cycles", "gc"}, {}});
    run.results.push_back({"cycles/c", "python3", Status::Unsupported, "", std::nullopt, "lacks weakref: no", 0});
    auto html = html_report()->render(run);
    CHECK_THAT(html, Contains("<option>cycles</option><option>del</option>"));
    CHECK_THAT(html, Contains("<option>gc</option>"));
    CHECK_THAT(html, Contains("<option value=\"fails\">fails the run</option>"));
    CHECK_THAT(html, Contains("<tr class=\"area\" data-area=\"cycles\">"));
    auto start = html.find("<script type=\"application/json\" id=\"run-data\">");
    REQUIRE(start != std::string::npos);
    start = html.find('>', start) + 1;
    auto data = nlohmann::json::parse(html.substr(start, html.find("</script>", start) - start));
    CHECK(data["backends"] == nlohmann::json({"python3", "pypy3", "gone"}));
    CHECK(data["cases"][0]["status"] == nlohmann::json({0, 5, 4}));  // PASS, FAIL, SKIPPED
    CHECK(data["cases"][0]["fails"] == nlohmann::json({1}));
    CHECK(data["cases"][2]["area"] == "cycles");
    CHECK(data["cases"][2]["status"] == nlohmann::json({2, -1, -1}));  // UNSUPPORTED; no result elsewhere
    CHECK(data["cases"][2]["summary"] == "A </script> in a summary");  // escaped in the page, whole in the data
}

TEST_CASE("a case's panels: the outcomes side by side, UNSUPPORTED's reason alone", "[reports]") {
    auto run = sample_run();
    run.results.push_back(
        {"del/b", "pypy3", Status::Unsupported, "", std::nullopt, "lacks weakref: the probe said", 0});
    run.results[4].status = Status::Unsupported;  // del/b on pypy3
    run.results[4].note = "lacks finalizers: not <probed>";
    auto a = case_panels(run, run.cases[0]);
    CHECK_THAT(a["results"]["pypy3"].get<std::string>(),
               Contains("<tr class=\"changed\"><td class=\"l\">x</td><td class=\"r\">y &lt;z&gt;</td></tr>"));
    CHECK_THAT(a["results"]["python3"].get<std::string>(), Contains("<pre>x\n[exit 0]\n</pre>"));
    CHECK(a["results"].size() == 3);
    CHECK(case_panels(run, run.cases[1])["results"]["pypy3"] ==
          "<h2>UNSUPPORTED: pypy3 :: del/b</h2>\n<p class=\"reason\">lacks finalizers: not &lt;probed&gt;</p>\n");
    // A model's rejection is its outcome, which is the reason then.
    run.results[4].note = "";
    run.results[4].actual = "unsupported: the with statement\n[exit 3]\n";
    CHECK_THAT(case_panels(run, run.cases[1])["results"]["pypy3"].get<std::string>(),
               Contains("<p class=\"reason\">unsupported: the with statement\n[exit 3]</p>"));
    auto script = case_panels_script(run, run.cases[0]);
    CHECK(script.starts_with("memconformCase(\"del/a\", {"));
    CHECK(script.ends_with("});\n"));
    CHECK(panel_file("del/a") == "panels/del/a.js");
    CHECK_THROWS_WITH(panel_file("../../etc/a"), Contains("not a path under cases/"));
    CHECK_THROWS_WITH(panel_file("/tmp/a"), Contains("not a path under cases/"));
}

TEST_CASE("a case's panel shows its file once, with line numbers, linked from its results", "[reports]") {
    auto run = sample_run();
    run.cases[0].source = "# ---\n# summary = \"x\"\n# ---\nif a < b:\n    print(1)\n";
    auto panels = case_panels(run, run.cases[0]);
    auto source = panels["source"].get<std::string>();
    CHECK_THAT(source, Contains("<span class=\"ln\">   4</span>  if a &lt; b:\n"));
    CHECK_THAT(source, Contains("<span class=\"ln\">   5</span>      print(1)\n"));
    for (auto backend : {"python3", "pypy3", "gone"})
        CHECK_THAT(panels["results"][backend].get<std::string>(),
                   Contains("<a href=\"#del/a\">the case, with line numbers</a>"));
    auto b = case_panels(run, run.cases[1]);  // no source in this run
    CHECK_THAT(b["source"].get<std::string>(), Contains("The run holds no copy of the case's file."));
    CHECK(b["results"]["python3"].get<std::string>().find("the case, with line numbers") == std::string::npos);
}

TEST_CASE("a case's panel shows the models' traces beside the case's lines, marking where they differ", "[reports]") {
    auto run = sample_run();
    run.cases[0].source = "x = A()\ndel x\nprint(1)\n";
    run.results[0].trace =
        "<start>: start generation 0 collection (threshold)\n./a.py:2: free A (refcount)\n"
        "./a.py:3: call weakref callback function f\n<exit>: exit: atexit\n";
    run.results[1].trace =
        "./a.py:2: unrelated\nlib.py:7: in library code\n<exit>: exit: atexit\n"
        "<exit>: free A (major collection)\n";
    auto panels = case_panels(run, run.cases[0]);
    auto html = panels["source"].get<std::string>();
    CHECK_THAT(html, Contains("<th>python3 trace</th><th>pypy3 trace</th>"));
    CHECK_THAT(html,
               Contains("<tr><td class=\"ln\"></td><td>(start)</td><td class=\"event differs\">start generation 0 "
                        "collection (threshold)</td><td class=\"event differs\"></td></tr>"));
    // Library code's events go with the case's line that ran before them.
    CHECK_THAT(html, Contains("<tr><td class=\"ln\">2</td><td>del x</td><td class=\"event differs\">free A (refcount)"
                              "</td><td class=\"event differs\">unrelated\nlib.py:7: in library code</td></tr>"));
    CHECK_THAT(html, Contains("<tr><td class=\"ln\">1</td><td>x = A()</td><td class=\"event\"></td>"
                              "<td class=\"event\"></td></tr>"));
    CHECK_THAT(html, Contains("<td>(exit)</td><td class=\"event differs\">exit: atexit</td>"
                              "<td class=\"event differs\">exit: atexit\nfree A (major collection)</td>"));
    auto link = "the case, with line numbers and the models' traces";
    CHECK_THAT(panels["results"]["python3"].get<std::string>(), Contains(link));
    CHECK_THAT(panels["results"]["pypy3"].get<std::string>(), Contains(link));
    CHECK(panels["results"]["gone"].get<std::string>().find(link) == std::string::npos);  // gone has no trace
}

TEST_CASE("reports go to reports/<run>/ and reports/latest points there", "[reports]") {
    Scratch dir;
    auto run = sample_run();
    auto written = write_reports(run, dir.path());
    CHECK(written == dir.path() / run.id);
    for (auto file : {"results.json", "junit.xml", "summary.md", "index.html", "panels/del/a.js", "panels/del/b.js"})
        CHECK(fs::exists(written / file));
    CHECK(fs::read_symlink(dir.path() / "latest") == run.id);
    CHECK(read_latest_run(dir.path()).results.size() == run.results.size());
    run.id = "20250101-130000";
    write_reports(run, dir.path());
    CHECK(read_latest_run(dir.path()).id == "20250101-130000");
}

TEST_CASE("side-by-side diffs pair changed lines", "[reports]") {
    auto rows = side_by_side("a\nb\nc\n", "a\nB\nc\nd\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].kind == DiffRow::Kind::Same);
    CHECK((rows[1].kind == DiffRow::Kind::Changed && rows[1].left == "b" && rows[1].right == "B"));
    CHECK((rows[3].kind == DiffRow::Kind::Added && rows[3].right == "d"));
    CHECK(unified_diff("a\n", "a\n").empty());
    CHECK_THAT(unified_diff("a\nb\n", "a\nc\n"), Contains("-b\n+c\n"));
}

TEST_CASE("compare places an outcome among the recorded profiles", "[reports][compare]") {
    Scratch dir;
    ExpectedStore store(dir.path());
    store.save("cpython-3.11", "del/a", "freed\n");
    store.save("cpython-3.12", "del/a", "freed\n");
    store.save("pypy-7.3", "del/a", "kept\n");
    auto profiles = store.profiles();
    CHECK(classify("del/a", "b", "freed\n", store, profiles).verdict == "only cpython");
    CHECK(classify("del/a", "b", "kept\n", store, profiles).verdict == "only pypy");
    CHECK(classify("del/a", "b", "other\n", store, profiles).verdict == "none");
    CHECK(classify("del/zzz", "b", "x\n", store, profiles).verdict == "unrecorded");
    store.save("pypy-7.3", "del/a", "freed\n");
    auto all = classify("del/a", "b", "freed\n", store, profiles);
    CHECK(all.verdict == "all");
    CHECK(all.matches == std::vector<std::string>{"cpython-3.11", "cpython-3.12", "pypy-7.3"});
    CHECK(verdict({"cpython-3.11", "pypy-7.3"}, {"cpython-3.11", "jython-2.7", "pypy-7.3"}) == "some");
}

TEST_CASE("the differences document shows each differing case side by side", "[reports][differences]") {
    Scratch dir;
    auto corpus = load_corpus(fixture("corpus/cases"));
    ExpectedStore store(dir.path());
    store.save_info({"cpython-3.11", "python3", "Python 3.11.7", "python3 -u {case}", {}, {}, {}});
    store.save("cpython-3.11", "del/alias_keeps_alive", "after del x\nA freed\n[exit 0]\n");
    store.save("pypy-7.3", "del/alias_keeps_alive", "after del x\n[exit 0]\n");
    store.save("cpython-3.11", "weakref/callback", "same\n[exit 0]\n");
    store.save("pypy-7.3", "weakref/callback", "same\n[exit 0]\n");
    auto doc = differences_document(corpus, store, "cpython-3.11", "pypy-7.3");
    CHECK_THAT(doc, Contains("# Differences between cpython-3.11 and pypy-7.3"));
    CHECK_THAT(doc, Contains("(Python 3.11.7)"));
    CHECK_THAT(doc, Contains("1 of 3 cases differ: 1 in what the runtimes do, 0 only because"));
    CHECK_THAT(doc,
               Contains("### `del/alias_keeps_alive`\n\nAn alias keeps an object alive after del of the other name"));
    CHECK_THAT(doc, Contains("CPython frees the object when its last reference goes"));  // explain
    CHECK_THAT(doc, Contains("```python\nclass A:\n"));
    CHECK_THAT(doc, Contains("<tr><th>cpython-3.11</th><th>pypy-7.3</th></tr>"));
    CHECK_THAT(doc, Contains("```text\nafter del x\nA freed\n[exit 0]\n```"));
    CHECK_THAT(doc, Contains("```diff\n@@ -1,3 +1,2 @@\n after del x\n-A freed\n [exit 0]\n```"));  // what differs
    CHECK_THAT(doc, Contains("## Behavior differences, by area\n\n**del**\n\n- [`del/alias_keeps_alive`]"));
    CHECK_THAT(doc, Contains("Not recorded for both profiles:\n\n- `errors/chained`"));
    CHECK(doc.find("weakref/callback`") == std::string::npos);  // the same on both
    CHECK(doc.find("What happened") == std::string::npos);  // no model traces given
    CHECK(differing_cases(corpus, store, "cpython-3.11", "pypy-7.3").size() == 1);
}

TEST_CASE("the differences document opens with what bites in practice and tables the missing APIs",
          "[reports][differences]") {
    Scratch dir;
    auto root = copy_of_fixture("corpus", dir);
    write_file(root / "cases" / "tags.toml", read_file(root / "cases" / "tags.toml") +
                                                 "realistic = \"a pattern real code has\"\n"
                                                 "pypy-doc = \"an item of PyPy's list\"\n"
                                                 "[capabilities.gc-counts]\nmeaning = \"gc.get_count()\"\n"
                                                 "uses = \"gc.get_count\"\n"
                                                 "probe = \"import gc; gc.get_count(); print('yes')\"\n");
    auto with_front = [](std::string front, std::string body) { return "# ---\n" + front + "# ---\n" + body; };
    write_file(root / "cases" / "files" / "left_open.py",
               with_front("# summary = \"A file left open\"\n# tags = [\"realistic\"]\n"
                          "# portable = \"Close it in a with block.\"\n",
                          "print(1)\n"));
    write_file(root / "cases" / "weakref" / "documented.py",
               with_front("# summary = \"PyPy documents it\"\n# tags = [\"realistic\", \"pypy-doc\"]\n", "print(2)\n"));
    write_file(root / "cases" / "del" / "counts.py",
               with_front("# summary = \"The counts\"\n# tags = [\"del\"]\n# requires = [\"gc-counts\"]\n",
                          "import gc\nprint(gc.get_count())\n"));
    auto corpus = load_corpus(root / "cases");
    for (const auto& problem : corpus.problems) FAIL_CHECK(problem.message);
    ExpectedStore store(dir.path() / "expected");
    store.save_info({"pypy-7.3", "pypy3", "PyPy", "pypy3 {case}", {}, {}, {{"gc-counts", "no gc.get_count"}}});
    for (auto id : {"files/left_open", "weakref/documented", "del/alias_keeps_alive"}) {
        store.save("cpython-3.11", id, "freed\n[exit 0]\n");
        store.save("pypy-7.3", id, "kept\n[exit 0]\n");
    }
    store.save("cpython-3.11", "del/counts", "(1, 0, 0)\n[exit 0]\n");
    auto doc = differences_document(corpus, store, "cpython-3.11", "pypy-7.3");
    CHECK_THAT(doc, Contains("4 of 6 cases differ: 3 in what the runtimes do, 1 only because one runtime lacks"));
    // Both tags first, then the realistic ones; with the portable fix.
    CHECK_THAT(doc, Contains("## The differences that bite in practice\n\n"));
    CHECK_THAT(doc, Contains("\n- [`weakref/documented`](#weakref-documented) — PyPy documents it\n"
                             "- [`files/left_open`](#files-left_open) — A file left open **Portable code:** "
                             "Close it in a with block.\n\n"));
    CHECK_THAT(doc, Contains("| [`del/counts`](../cases/del/counts.py) | The counts | pypy-7.3 | `gc-counts` |\n"));
    CHECK(doc.find("### `del/counts`") == std::string::npos);  // a row, not a section with a diff
    CHECK_THAT(doc, Contains("### `files/left_open`"));
    CHECK_THAT(doc, Contains("A file left open (`realistic`)\n"));  // tags in the contents
    CHECK(doc.find("## The differences that bite") < doc.find("## Where one runtime lacks an API"));
    CHECK(doc.find("## Where one runtime lacks an API") < doc.find("## Behavior differences, by area"));
}

TEST_CASE("the differences document tells what happened from the two models' traces", "[reports][differences]") {
    Scratch dir;
    auto corpus = load_corpus(fixture("corpus/cases"));
    ExpectedStore store(dir.path());
    store.save("cpython-3.11", "del/alias_keeps_alive", "after del x\nA freed\n[exit 0]\n");
    store.save("pypy-7.3", "del/alias_keeps_alive", "after del x\n[exit 0]\n");
    ModelsTold models{"model-c", "model-p", {}};
    models.traces["del/alias_keeps_alive"] = {"./alias_keeps_alive.py:12: free A (refcount)\n",
                                              "<exit>: left alive at exit 1: A\n", true, false};
    auto doc = differences_document(corpus, store, "cpython-3.11", "pypy-7.3", models);
    CHECK_THAT(doc, Contains("the explain traces (`pymodel --explain`) of `model-c` and `model-p`"));
    CHECK_THAT(doc, Contains("What happened, as the models' explain traces tell it (`model-c`, `model-p`):\n\n"
                             "(`model-p` does not reproduce its profile's outcome here.)\n\n"
                             "- `A`: model-c: freed at line 12 (refcount); model-p: left alive at exit\n"));
    // A model that does not reproduce its outcome, and no object fares
    // differently: nothing worth a line.
    models.traces["del/alias_keeps_alive"].right = models.traces["del/alias_keeps_alive"].left;
    CHECK(differences_document(corpus, store, "cpython-3.11", "pypy-7.3", models).find("What happened") ==
          std::string::npos);
    models.traces["del/alias_keeps_alive"].right_agrees = true;
    CHECK_THAT(differences_document(corpus, store, "cpython-3.11", "pypy-7.3", models),
               Contains("No object the traces name fares differently."));
}

TEST_CASE("the versions document groups the CPython versions that share an outcome, in version order",
          "[reports][versions]") {
    Scratch dir;
    auto corpus = load_corpus(fixture("corpus/cases"));
    ExpectedStore store(dir.path());
    for (auto profile : {"cpython-3.9", "cpython-3.10", "cpython-3.12", "pypy-7.3"})
        store.save(profile, "weakref/callback", "same\n[exit 0]\n");
    store.save("cpython-3.9", "del/alias_keeps_alive", "after del x\nA freed\n[exit 0]\n");
    store.save("cpython-3.10", "del/alias_keeps_alive", "after del x\n[exit 0]\n");
    store.save("cpython-3.12", "del/alias_keeps_alive", "after del x\nA freed\n[exit 0]\n");
    store.save("pypy-7.3", "del/alias_keeps_alive", "something else\n[exit 0]\n");  // not a CPython
    auto doc = versions_document(corpus, store);
    CHECK_THAT(doc, Contains("# CPython versions side by side"));
    CHECK_THAT(doc, Contains("1 of 3 cases differ between versions"));
    CHECK_THAT(doc, Contains("- [`del/alias_keeps_alive`](#del-alias_keeps_alive) — 3.9, 3.12 | 3.10\n"));
    CHECK_THAT(doc, Contains("<tr><th>3.9, 3.12</th><th>3.10</th></tr>"));
    CHECK_THAT(doc, Contains("```text\nafter del x\n[exit 0]\n```"));
    CHECK(doc.find("something else") == std::string::npos);
    CHECK(doc.find("weakref/callback`") == std::string::npos);  // the same on every version
}

TEST_CASE("under --strict what fails the run is a failure in every report", "[reports][strict]") {
    auto run = sample_run();
    run.strict = true;
    auto xml = junit_report()->render(run);
    // The XFAIL stays <skipped>: it does not fail the run, strict or not.
    CHECK_THAT(xml, Contains("<testsuites name=\"memconform\" tests=\"6\" failures=\"4\" skipped=\"1\""));
    CHECK_THAT(xml, Contains("<failure type=\"NO-EXPECTED\""));
    CHECK_THAT(xml, Contains("<failure type=\"SKIPPED\""));
    auto md = markdown_report()->render(run);
    CHECK_THAT(md, Contains("### NO-EXPECTED: python3 :: del/b"));
    CHECK_THAT(md, Contains("### SKIPPED: gone :: del/a"));
    CHECK_THAT(failure_list(run, false), Contains("Failures (4):\n"));
    auto json = nlohmann::json::parse(json_report()->render(run));
    CHECK(json["strict"] == true);
    CHECK(json["results"][3]["fails_run"] == true);
    CHECK(json["results"][4]["fails_run"] == false);  // XFAIL
    CHECK(run_from_json(json).strict);

    run.strict = false;
    CHECK_THAT(failure_list(run, false), Contains("Failures (1):\n"));
    CHECK(nlohmann::json::parse(json_report()->render(run))["results"][3]["fails_run"] == false);
}

TEST_CASE("the console counts UNSUPPORTED once per backend and reason, the most common first", "[reports]") {
    auto run = sample_run();
    CHECK(unsupported_counts(run).find("UNSUPPORTED, by reason") == std::string::npos);
    auto lacking = [](std::string c, std::string why) {
        return Result{std::move(c), "pypy3", Status::Unsupported, "", std::nullopt, std::move(why), 0};
    };
    run.results.push_back(lacking("c/1", "lacks gc-counts: the probe printed `AttributeError`"));
    run.results.push_back(lacking("c/2", "lacks getrefcount: the probe printed `AttributeError`"));
    run.results.push_back(lacking("c/3", "lacks getrefcount: the probe printed `AttributeError`"));
    run.results.push_back(lacking("c/4", ""));  // a model's refusal: its reason is its outcome
    CHECK_THAT(unsupported_counts(run),
               Contains("\nUNSUPPORTED, by reason:\n  pypy3: 2 lacks getrefcount, 1 lacks gc-counts, 1 the model "
                        "rejected a construct\n"));
}

TEST_CASE("the behavior map groups the recorded outcomes and places each backend's", "[reports][behaviors]") {
    auto run = sample_run();
    run.behaviors = {{"del/a", {{{"cpython-3.11", "cpython-3.12"}, "x\n[exit 0]\n"}, {{"pypy-7.3"}, "z\n[exit 0]\n"}}},
                     {"del/b", {{{"cpython-3.11", "cpython-3.12", "pypy-7.3"}, "q\n[exit 0]\n"}}}};
    auto html = html_report()->render(run);
    CHECK_THAT(html, Contains("<h2 id=\"behaviors\">Behavior map</h2>"));
    // python3 printed what the CPython profiles recorded: behavior A.
    CHECK_THAT(html, Contains("title=\"python3: as cpython-3.11, cpython-3.12\"><a href=\"#del/a@python3\">A</a>"));
    // pypy3's outcome of del/a no profile recorded.
    CHECK_THAT(html, Contains("<td class=\"behavior new\" title=\"pypy3: an outcome no profile recorded\">"));
    // Each backend's headline: python3 matched one of the two cases of
    // cpython-3.11 and of 3.12 (del/b printed a byte no profile did).
    CHECK_THAT(html, Contains("like cpython-3.11 on 1/2"));
    // Below the first screen, the map is laid out only when scrolled to, in
    // a box as tall as its header and two rows until then.
    CHECK_THAT(html, Contains("<div class=\"below-fold\" style=\"contain-intrinsic-size: auto "));
    CHECK_THAT(html, Contains("px auto 102px\"><table class=\"cases\" data-first-backend-column=\"5\">"
                              "<thead><tr><th>case</th><th class=\"backend\"><span>cpython-3.11</span></th>"));
    // Its rows are the matrix's cases, for the filter.
    CHECK_THAT(html, Contains("<tr data-c=\"1\"><td class=\"case\"><a href=\"#del/b\">del/b</a></td>"));
    auto back = run_from_json(nlohmann::json::parse(json_report()->render(run)));
    REQUIRE(back.behaviors.size() == 2);
    CHECK(back.behaviors[0].behaviors[1].profiles == std::vector<std::string>{"pypy-7.3"});
}

TEST_CASE("likeness ranks profiles by the cases alike, then by the share", "[behaviors]") {
    RunRecord run;
    run.backends = {{"b", "real", "p", "b {case}", "b 1", true, "", {}, {}}};
    run.results = {{"c1", "b", Status::Pass, "1", "1", "", 0},
                   {"c2", "b", Status::Pass, "2", "2", "", 0},
                   {"c3", "b", Status::Fail, "3", "x", "", 0},
                   {"c4", "b", Status::Skipped, "", std::nullopt, "", 0}};  // ran nothing: not compared
    run.behaviors = {{"c1", {{{"p", "q", "r"}, "1"}}},
                     {"c2", {{{"p", "r"}, "2"}}},
                     {"c3", {{{"p"}, "x"}, {{"r"}, "y"}}},
                     {"c4", {{{"p", "q", "r"}, ""}}}};
    auto ranked = likeness_by_backend(run);
    REQUIRE(ranked.size() == 1);
    const auto& order = ranked[0].second;
    REQUIRE(order.size() == 3);
    // p and r: 2 alike, of 3 each; q: 1 of 1, a larger share of fewer cases.
    CHECK(order[0].profile == "p");
    CHECK(order[0].alike == 2);
    CHECK(order[0].compared == 3);
    CHECK(order[1].profile == "r");
    CHECK(order[2].profile == "q");
    CHECK(order[2].compared == 1);
}

TEST_CASE("behavior letters and the natural order of profile names", "[behaviors]") {
    CHECK(behavior_letter(0) == "A");
    CHECK(behavior_letter(25) == "Z");
    CHECK(behavior_letter(26) == "AA");
    CHECK(behavior_letter(27) == "AB");
    CHECK(natural_less("cpython-3.8", "cpython-3.10"));
    CHECK_FALSE(natural_less("cpython-3.10", "cpython-3.8"));
    CHECK(natural_less("cpython-3.14", "pypy-7.3"));
    CHECK(natural_less("a1", "a1b"));
    CHECK_FALSE(natural_less("a01", "a1"));
    CHECK_FALSE(natural_less("a1", "a01"));
}
