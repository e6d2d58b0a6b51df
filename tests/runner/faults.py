"""Fault tests of the memconform binary, with real processes: SIGINT and
SIGTERM mid-run, a case that escapes its process group with setsid(), a
backend that prints bytes no report can hold as they are, and a broken case
file.

Every case runs as `env FAULT_MARK=<token> sh CASE`, so the test finds every
process a run left behind by that marker in /proc/*/environ, whatever
memconform does. A deadline only guards against a hang; nothing is timed.

usage: faults.py MEMCONFORM FIXTURE_ROOT
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ElementTree
from pathlib import Path

MEMCONFORM, ROOT = sys.argv[1], sys.argv[2]
HANG_GUARD = 120  # seconds: far beyond what any step takes
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAILED: {what}", flush=True)


def marked(token, running=""):
    """The processes whose environment carries FAULT_MARK=<token> (and whose
    command line contains [running])."""
    entry = f"FAULT_MARK={token}".encode()
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if (entry in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                    and running.encode() in Path(f"/proc/{pid}/cmdline").read_bytes()):
                found.append(int(pid))
        except OSError:
            pass  # ended meanwhile, or a zombie
    return found


class Run:
    """memconform run on the fault fixture, with its own marker, temporary
    folder and reports folder."""

    def __init__(self, scratch, *args):
        self.token = uuid.uuid4().hex
        self.tmp = Path(scratch) / f"tmp-{self.token}"
        self.reports = Path(scratch) / f"reports-{self.token}"
        self.tmp.mkdir()
        env = dict(os.environ, TMPDIR=str(self.tmp))
        command = [MEMCONFORM, "--root", ROOT, "run", "--backend", f"sh:faults=env FAULT_MARK={self.token} sh {{case}}",
                   "--reports", str(self.reports), *args]
        # SIGINT may be ignored where the test runs (a background job): not in memconform.
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def wait_for_cases(self, count, running=""):
        """Until [count] cases (whose file names contain [running]) run at once."""
        deadline = time.monotonic() + HANG_GUARD
        while len(marked(self.token, running)) < count:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{count} cases never ran at once")
            time.sleep(0.05)

    def finish(self):
        output, _ = self.process.communicate(timeout=HANG_GUARD)
        self.output = output.decode(errors="replace")
        return self.process.returncode

    def report(self, name):
        return (self.reports / "latest" / name).read_bytes()

    def results(self):
        return json.loads(self.report("results.json").decode("utf-8"))

    def check_nothing_left(self, what):
        leftover = marked(self.token)
        for pid in leftover:
            os.kill(pid, signal.SIGKILL)
        check(not leftover, f"{what}: no case process is left (found {leftover})")
        check(not any(self.tmp.iterdir()), f"{what}: the temporary folders are removed ({list(self.tmp.iterdir())})")


def test_interrupted(scratch, signum):
    name = signal.Signals(signum).name
    # -j 2: the two quick cases end, two sleepers are killed, the third never starts.
    # Signalled once both sleepers run: the quick ones have ended then, however
    # loaded the machine (two quick cases alive at once must not count).
    run = Run(scratch, "-j", "2", "faults/quick_*", "faults/sleep_*")
    run.wait_for_cases(2, "sleep")
    run.process.send_signal(signum)
    status = run.finish()
    check(status == 128 + signum, f"{name}: exit status {status}, not {128 + signum}\n{run.output}")
    run.check_nothing_left(name)
    results = run.results()
    check(results["interrupted"] == name, f"{name}: results.json says interrupted = {results['interrupted']!r}")
    check(results["exit_status"] == 128 + signum, f"{name}: results.json exit_status {results['exit_status']}")
    cases = sorted(r["case"] for r in results["results"])
    check(cases == ["faults/quick_1", "faults/quick_2"], f"{name}: only the finished cases are results: {cases}")
    junit = ElementTree.fromstring(run.report("junit.xml"))
    properties = [p.get("value") for p in junit.iter("property") if p.get("name") == "interrupted"]
    check(properties and f"Interrupted by {name}" in properties[0], f"{name}: junit.xml says it was interrupted")
    check(f"Interrupted by {name}" in run.report("summary.md").decode(), f"{name}: summary.md says it")
    check(f"Interrupted by {name}" in run.output, f"{name}: the console says it")


def test_second_signal(scratch):
    run = Run(scratch, "-j", "2", "faults/sleep_*")
    run.wait_for_cases(2)
    run.process.send_signal(signal.SIGTERM)
    run.process.send_signal(signal.SIGTERM)
    status = run.finish()
    check(status == 128 + signal.SIGTERM, f"second signal: exit status {status}\n{run.output}")
    run.check_nothing_left("second signal")


def test_setsid_grandchild(scratch):
    run = Run(scratch, "faults/setsid_grandchild")
    status = run.finish()
    check(status == 0, f"setsid: exit status {status}\n{run.output}")
    check(run.results()["results"][0]["actual"] == "case done\n[exit 0]\n", f"setsid: the case ran\n{run.output}")
    run.check_nothing_left("setsid")


def printable(text, what):
    """[text] decodes as UTF-8 and holds no control character but tab and line ends."""
    decoded = text.decode("utf-8")  # raises on invalid UTF-8
    bad = sorted({hex(ord(c)) for c in decoded if (ord(c) < 0x20 and c not in "\t\n\r") or 0x7F <= ord(c) < 0xA0})
    check(not bad, f"{what} holds control characters {bad}")


def test_random_bytes(scratch):
    run = Run(scratch, "-v", "faults/random_bytes")
    status = run.finish()
    check(status == 1, f"random bytes: the case crashes, exit status {status}")
    try:
        junit = ElementTree.fromstring(run.report("junit.xml"))
        failure = next(junit.iter("failure")).text
        check("cdata:]]> lt:< amp:&" in failure, f"junit.xml keeps the printable output: {failure[:200]!r}")
    except ElementTree.ParseError as e:
        check(False, f"junit.xml is well-formed XML: {e}")
    results = run.results()  # raises on invalid UTF-8 or JSON
    check(results["results"][0]["status"] == "CRASH", "results.json has the result")
    printable(run.report("summary.md"), "summary.md")
    printable(run.report("index.html"), "index.html")
    check("\x1b[31m" not in run.output, "-v prints no ANSI escape of the backend's")


def test_broken_case(scratch):
    run = Run(scratch, "faults/quick_1", "faults/broken")
    status = run.finish()
    check(status == 1, f"broken case: the run fails, exit status {status}\n{run.output}")
    results = {r["case"]: r for r in run.results()["results"]}
    check(results["faults/quick_1"]["status"] == "NO-EXPECTED", "broken case: the others still run")
    broken = results["faults/broken"]
    check(broken["status"] == "ERROR" and "unknown tag `no-such-tag`" in broken["note"],
          f"broken case: ERROR with the lint message: {broken}")
    others = Run(scratch, "faults/quick_*")
    check(others.finish() == 0, f"broken case: a run that does not select it passes\n{others.output}")
    listed = subprocess.run([MEMCONFORM, "--root", ROOT, "list", "--cases"], capture_output=True, text=True).stdout
    check(any(line.startswith("faults/broken") and "BROKEN: " in line for line in listed.splitlines()),
          f"list --cases shows the broken case:\n{listed}")


def main():
    tests = [(test_interrupted, signal.SIGINT), (test_interrupted, signal.SIGTERM), (test_second_signal,),
             (test_setsid_grandchild,), (test_random_bytes,), (test_broken_case,)]
    with tempfile.TemporaryDirectory(prefix="memconform-faults-") as scratch:
        for test, *args in tests:
            try:
                test(scratch, *args)
            except Exception as e:  # one broken test must not hide the others
                check(False, f"{test.__name__}{args}: {type(e).__name__}: {e}")
    print(f"{len(failures)} failures" if failures else "all fault tests passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
