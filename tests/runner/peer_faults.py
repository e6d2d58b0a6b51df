"""Fault tests of `memconform peer`, with real processes: fake runtimes
(fixtures/peer/fake.py) that report a file's methods soundly, differently,
crash after the first method, hang leaving a child behind, print garbage,
flood their output, change their answer between runs, or have no suite.
The recording comes from the sound one, through `peer --record`. A
deadline only guards against a hang; nothing is timed.

usage: peer_faults.py MEMCONFORM FIXTURE
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MEMCONFORM, FIXTURE = sys.argv[1], Path(sys.argv[2])
HANG_GUARD = 120  # seconds: far beyond what any step takes
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAILED: {what}", flush=True)


def memconform(root, *args):
    done = subprocess.run([MEMCONFORM, "--root", str(root), *args], capture_output=True, text=True,
                          errors="replace", timeout=HANG_GUARD)
    print(f"$ memconform {' '.join(args)}  -> {done.returncode}\n{done.stdout}{done.stderr}", flush=True)
    return done


def left_behind(root):
    """Processes whose command line names the fixture copy: what a fake started."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if str(root).encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
        except OSError:
            pass
    return found


with tempfile.TemporaryDirectory(prefix="memconform-peer-faults-") as scratch:
    root = Path(scratch) / "project"
    shutil.copytree(FIXTURE, root)
    reports = Path(scratch) / "reports"
    listing = root / "expected" / "fake-1.0" / "peer" / "test_fake.txt"

    recorded = memconform(root, "peer", "--record", "--backend", "fake-good")
    check(recorded.returncode == 0, "peer --record from the sound runtime exits 0")
    check(listing.is_file() and listing.read_text() == (
        "test_fake.A.test_one pass\n"
        "test_fake.A.test_two skip -- needs thing.so\n"
        "test_fake.B.test_three fail\n"), "the listing is sorted, one line per method, without paths")
    check((root / "expected" / "fake-1.0" / "profile.toml").is_file(), "the new profile gets its profile.toml")
    before = listing.read_text()
    for backend, why in [("fake-unstable", "unstable: runs 1 and 2 differ"), ("fake-crash", "did not finish"),
                         ("fake-garbage", "did not finish")]:
        refused = memconform(root, "peer", "--record", "--backend", backend)
        check(refused.returncode == 1 and "REFUSED" in refused.stdout and why in refused.stdout,
              f"peer --record refuses {backend}: {why}")
    check(listing.read_text() == before, "a refused recording leaves the listing as it was")
    check(memconform(root, "peer", "--record").returncode == 2, "peer --record without one --backend is an error")
    check(memconform(root, "peer", "test_nothing").returncode == 2, "a pattern that picks no file is an error")

    backends = ["fake-good", "fake-differs", "fake-crash", "fake-hang", "fake-garbage", "fake-flood", "fake-nosuite"]
    args = ["peer", "--reports", str(reports), "--output-cap", "20000"]
    for b in backends:
        args += ["--backend", b]
    run = memconform(root, *args)
    check(run.returncode == 1, "peer exits 1 when a file fails")
    results = json.loads((reports / "latest" / "results.json").read_text())
    status = {r["backend"]: r for r in results["results"]}
    expected = {"fake-good": "PASS", "fake-differs": "FAIL", "fake-crash": "CRASH", "fake-hang": "TIMEOUT",
                "fake-garbage": "CRASH", "fake-flood": "CRASH", "fake-nosuite": "SKIPPED"}
    for backend, want in expected.items():
        got = status.get(backend, {}).get("status")
        check(got == want, f"{backend}: {want}, got {got}")
    counts = {p["backend"]: p["counts"] for p in results["peer"]}
    check(counts.get("fake-good", {}).get("agree") == 3, "the sound runtime agrees on 3 methods")
    check(counts.get("fake-differs", {}).get("differ") == 1, "one method differs")
    check(counts.get("fake-crash", {}).get("not_run") == 2, "after the crash, 2 recorded methods did not run")
    check("not run" in status.get("fake-crash", {}).get("note", ""), "the crash's note says what did not run")
    check("No module named 'test'" in status.get("fake-nosuite", {}).get("note", ""),
          "a runtime without a suite is SKIPPED with what it answered")
    check("fake-nosuite" not in counts, "a skipped file has no counts")
    check(not left_behind(root), "no process of the hanging runtime outlives the run")
    html = (reports / "latest" / "index.html").read_text()
    check('id="peer"' in html and "3 of 3 agree" in html, "index.html has the peer table")
    check("\x00" not in html and "\x1b" not in html, "index.html holds no control character of the garbage")
    for panels in (reports / "latest" / "panels").rglob("*.js"):
        text = panels.read_text()
        check("\x00" not in text and "\x1b" not in text, f"{panels.name} holds no control character of the garbage")

    for pid in left_behind(root):  # so that the folder can go
        os.kill(pid, 9)

print(f"{len(failures)} failures" if failures else "all peer fault tests passed")
sys.exit(1 if failures else 0)
