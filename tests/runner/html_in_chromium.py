"""The HTML report in a real browser: headless Chromium loads index.html of
a run on both models with no console message, and the behavior map and a
case panel render; so does the peer table of a `memconform peer` run.
Leaves screenshots beside the reports as artifacts.
Exits 77 (skipped) where Chromium is not installed.

usage: html_in_chromium.py MEMCONFORM PROJECT_ROOT OUT_DIR [RUN_OPTION...]
(RUN_OPTIONs go to `memconform run`, e.g. --memory-limit 0 under ASan.)
"""

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
                      "pymodel-pypy-7.3", *RUN_OPTIONS, "--reports", str(reports), "refcount/*", "weakref/*"],
                     capture_output=True, text=True)
check(run.returncode == 0, f"the run on both models passes:\n{run.stdout}{run.stderr}")
page = (reports / "latest" / "index.html").resolve()
url = page.as_uri()

dom = chromium("--dump-dom", url)
check(dom.returncode == 0, f"chromium loads the page: {dom.stderr[-2000:]}")
check('<h2 id="behaviors">Behavior map</h2>' in dom.stdout, "the behavior map is in the page")
check('class="behavior"' in dom.stdout, "the map has behavior cells")
check('<section class="panel" id="r0">' in dom.stdout, "the first result has a panel")
check('<table class="traced">' in dom.stdout and "<th>pymodel-pypy-7.3 trace</th>" in dom.stdout,
      "the case panels show the models' traces")
console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line]
check(not console, f"no console message: {console}")

for name, fragment in (("report-matrix.png", ""), ("report-panel.png", "#r0"), ("report-case.png", "#s0")):
    shot = OUT / name
    shot.unlink(missing_ok=True)
    result = chromium(f"--screenshot={shot}", url + fragment)
    check(result.returncode == 0 and shot.exists() and shot.stat().st_size > 10_000,
          f"a screenshot {name} of the page{fragment}")

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
