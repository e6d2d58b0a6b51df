"""The HTML report in a real browser: headless Chromium loads index.html of
a run on both models with no console message; its filter keeps the same
cases in the matrix and the behavior map, and says when none is left; a
result's panel, the case's panel with the models' traces and an
UNSUPPORTED panel (its reason alone) open by their anchors, loaded from
beside the page; so does the peer table of a `memconform peer` run.
Leaves screenshots beside the reports as artifacts.
Exits 77 (skipped) where Chromium is not installed.

usage: html_in_chromium.py MEMCONFORM PROJECT_ROOT OUT_DIR [RUN_OPTION...]
(RUN_OPTIONs go to `memconform run`, e.g. --memory-limit 0 under ASan.)
"""

import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

MEMCONFORM, ROOT, OUT, RUN_OPTIONS = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
if not BROWSER:
    print("chromium is not installed: skipped")
    sys.exit(77)

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAILED: {what}", flush=True)


def chromium(*args):
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
               "--window-size=1400,900", *args]
    return subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=300)


reports = OUT / "reports-html"
shutil.rmtree(reports, ignore_errors=True)
run = subprocess.run([MEMCONFORM, "--root", ROOT, "run", "--backend", "pymodel-cpython-3.11", "--backend",
                      "pymodel-pypy-7.3", *RUN_OPTIONS, "--reports", str(reports), "refcount/*", "weakref/*",
                      "api/gc_get_count_missing"],
                     capture_output=True, text=True)
check(run.returncode == 0, f"the run on both models passes:\n{run.stdout}{run.stderr}")
page = (reports / "latest" / "index.html").resolve()
url = page.as_uri()

# The page driven as a reader would, over the DevTools protocol
# (scripts/report_load_time.py's Chromium).
sys.path.insert(0, str(Path(ROOT) / "scripts"))
from report_load_time import Chromium  # noqa: E402

browser = Chromium()


def evaluate(expression):
    reply = browser.send("Runtime.evaluate", browser.session, expression=expression, awaitPromise=True,
                         returnByValue=True)
    if "exceptionDetails" in reply:
        raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
    return reply["result"].get("value")


def rendered():
    """Two animation frames: what was changed is laid out and painted."""
    evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def shown_rows(table):
    return evaluate(f"""[...document.querySelectorAll('{table} tr[data-c]')].filter(r => !r.hidden)
                        .map(r => r.querySelector('td.case').textContent)""")


def filtered(**fields):
    """Sets the filter's fields (the others to their default) and returns the cases the matrix then shows."""
    evaluate("document.getElementById('filter').reset()")
    for name, value in fields.items():
        evaluate(f"""(() => {{ const f = document.getElementById('filter').elements[{name!r}];
                     f.value = {value!r}; f.dispatchEvent(new Event('input', {{bubbles: true}})); }})()""")
    if not fields:
        evaluate("document.getElementById('filter').dispatchEvent(new Event('input'))")
    rendered()
    return shown_rows("#matrix")


def open_panel(fragment):
    """The panel's text once the fragment has opened it."""
    evaluate(f"""new Promise(done => {{
        document.addEventListener('memconform-panel-shown', done, {{once: true}});
        setTimeout(done, 5000);
        location.hash = {fragment!r};
    }})""")
    rendered()
    return evaluate("document.getElementById('panel').hidden ? null : document.getElementById('panel-body').innerHTML")


def screenshot(name):
    shot = OUT / name
    png = browser.send("Page.captureScreenshot", browser.session)["data"]
    shot.write_bytes(base64.b64decode(png))
    check(shot.stat().st_size > 10_000, f"a screenshot {name}")


try:
    browser.send("Runtime.enable", browser.session)
    browser.load(url)
    results = json.loads((reports / "latest" / "results.json").read_text())
    cases = [c["id"] for c in results["cases"]]
    check(shown_rows("#matrix") == cases, "the matrix shows every case, in the run's order")
    check(evaluate("document.querySelectorAll('table.cases tr[data-c] td.behavior').length") > 0,
          "the behavior map has behavior cells")
    check("pymodel-pypy-7.3" in evaluate("document.querySelector('table.counts').textContent"),
          "the counts per backend are at the top")
    screenshot("report-matrix.png")

    # The filter keeps the same cases in the matrix and the behavior map.
    weakref_cases = [c for c in cases if c.startswith("weakref/")]
    check(filtered(area="weakref") == weakref_cases and shown_rows("table.cases:not(#matrix)") == weakref_cases,
          "the area filter keeps its cases in the matrix and the behavior map")
    check(evaluate("[...document.querySelectorAll('#matrix tr[data-area]')].filter(r => !r.hidden).length") == 1,
          "the area rows of the other areas are hidden")
    some = cases[len(cases) // 2]
    check(filtered(text=some.split("/")[1].upper()) == [some], "the text filter finds a case by its name")
    unsupported = [r for r in results["results"] if r["status"] == "UNSUPPORTED"]
    check(unsupported, "the run has an UNSUPPORTED result")
    check(filtered(status="UNSUPPORTED", backend="pymodel-pypy-7.3") ==
          [c for c in cases if any(r["case"] == c and r["backend"] == "pymodel-pypy-7.3" for r in unsupported)],
          "the status and backend filters keep the cases with that status there")
    check(evaluate("getComputedStyle(document.querySelector('#matrix tr > :nth-child(2)')).display") == "none" and
          evaluate("getComputedStyle(document.querySelector('#matrix tr > :nth-child(3)')).display") != "none",
          "the backend filter hides the other backends' columns")
    screenshot("report-filtered.png")
    check(filtered(text="no such case at all") == [] and
          evaluate("[...document.querySelectorAll('.no-match')].every(p => !p.hidden)"),
          "a filter that keeps nothing says that no case matches")
    check(filtered() == cases and evaluate("[...document.querySelectorAll('.no-match')].every(p => p.hidden)"),
          "the filter reset shows every case again")

    # Panels, loaded from the case's file beside the page when opened.
    traced = {r["case"] for r in results["results"] if r["backend"] == "pymodel-pypy-7.3" and r["trace"]}
    passed = next(r for r in results["results"] if r["status"] == "PASS" and r["trace"] and r["case"] in traced)
    panel = open_panel(f"{passed['case']}@{passed['backend']}") or ""
    check(f"PASS: {passed['backend']} :: {passed['case']}" in panel and "<pre>" in panel,
          f"a result's panel opens by its anchor, case@backend: {panel[:300]}")
    screenshot("report-panel.png")
    panel = open_panel(passed["case"]) or ""
    check('<table class="traced">' in panel and "<th>pymodel-pypy-7.3 trace</th>" in panel,
          f"the case's panel, by its id, shows its lines and the models' traces: {panel[:300]}")
    screenshot("report-case.png")
    lacking = next(r for r in unsupported if r["case"] == "api/gc_get_count_missing")
    panel = open_panel(f"{lacking['case']}@{lacking['backend']}") or ""
    shown = evaluate("[...document.getElementById('panel-body').children].map(e => e.tagName + ': ' + e.textContent)")
    check(shown == [f"H2: UNSUPPORTED: {lacking['backend']} :: {lacking['case']}", "P: " + (lacking["note"] or lacking["actual"]).strip()],
          f"an UNSUPPORTED panel shows the reason and nothing else: {shown}")
    screenshot("report-unsupported.png")
    evaluate("document.getElementById('panel-close').click()")
    check(evaluate("document.getElementById('panel').hidden && location.hash === ''"), "close closes the panel")
    console = [e for e in browser.events
               if e.get("method") in ("Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded")]
    check(not console, f"no console message: {console[:3]}")
finally:
    browser.close()

# The peer table (memconform peer): CPython's own test_finalization on
# python3 and on CPython's model.
peer_reports = OUT / "reports-peer-html"
# peer takes the run's memory limit (ASan needs none); its timeouts are per file.
at = RUN_OPTIONS.index("--memory-limit") if "--memory-limit" in RUN_OPTIONS else -1
PEER_OPTIONS = RUN_OPTIONS[at : at + 2] if at >= 0 else []
shutil.rmtree(peer_reports, ignore_errors=True)
peer = subprocess.run([MEMCONFORM, "--root", ROOT, "peer", "--backend", "python3", "--backend", "pymodel-cpython-3.11",
                       *PEER_OPTIONS, "--reports", str(peer_reports),
                       "test_finalization"], capture_output=True, text=True)
check(peer.returncode == 0, f"the peer run passes:\n{peer.stdout}{peer.stderr}")
peer_url = (peer_reports / "latest" / "index.html").resolve().as_uri()
dom = chromium("--dump-dom", peer_url)
check('<h2 id="peer">Peer suites</h2>' in dom.stdout and " agree</small>" in dom.stdout,
      "the peer table is in the page, with the methods that agree")
check(not [line for line in dom.stderr.splitlines() if "CONSOLE" in line], "no console message on the peer page")
shot = OUT / "report-peer.png"
shot.unlink(missing_ok=True)
result = chromium(f"--screenshot={shot}", peer_url)
check(result.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000, "a screenshot of the peer table")

print(f"{len(failures)} failures; screenshots in {OUT}")
sys.exit(1 if failures else 0)
