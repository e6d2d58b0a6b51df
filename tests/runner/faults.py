"""Fault tests of the memconform binary, with real processes: SIGINT and
SIGTERM mid-run, a case that escapes its process group with setsid(), a
backend that prints bytes no report can hold as they are, a broken case
file, a write that fails while `record` saves outcomes (RLIMIT_FSIZE, as a
full disk would), a recording killed mid-write, a temporary folder that
cannot be made, and a fuzz campaign of 10^9 programs (bounded memory, SIGTERM).

Every case runs as `env FAULT_MARK=<token> sh CASE`, so the test finds every
process a run left behind by that marker in /proc/*/environ, whatever
memconform does. A deadline only guards against a hang; nothing is timed.

With --full-disk, the same on a real full disk: a 1 MiB tmpfs, filled (root
only; exit 77, skipped, where mounting is not permitted).

usage: faults.py [--full-disk] MEMCONFORM FIXTURE_ROOT
"""

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ElementTree
from pathlib import Path

FULL_DISK = sys.argv[1] == "--full-disk"
MEMCONFORM, ROOT = sys.argv[1 + FULL_DISK], sys.argv[2 + FULL_DISK]
HANG_GUARD = 120  # seconds: far beyond what any step takes
SKIPPED = 77
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
    folder ([tmp]: one that exists) and reports folder."""

    def __init__(self, scratch, *args, tmp=None):
        self.token = uuid.uuid4().hex
        self.tmp = Path(tmp) if tmp else Path(scratch) / f"tmp-{self.token}"
        self.reports = Path(scratch) / f"reports-{self.token}"
        if not tmp:
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
        if self.tmp.is_dir():
            left = [p for p in self.tmp.iterdir() if p.name.startswith("memconform-")]
            check(not left, f"{what}: the temporary folders are removed ({left})")


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
    """[text] decodes as UTF-8 and holds no control character but tab and
    line end: no carriage return either, which would move a terminal's
    cursor back and hide what a diff shows."""
    decoded = text.decode("utf-8")  # raises on invalid UTF-8
    bad = sorted({hex(ord(c)) for c in decoded if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) < 0xA0})
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
    printable(run.report("panels/faults/random_bytes.js"), "the case's panels beside index.html")
    printable(run.report("junit.xml"), "junit.xml")
    printable(run.output.encode(), "the console")
    check("cr:\u240d" in run.output, "-v shows the backend's carriage return as \u240d")
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


def test_unusable_temporary_folder(scratch, tmp, why):
    """Every case is an ERROR that says why; the run ends, with its reports."""
    run = Run(scratch, "faults/quick_*", tmp=tmp)
    status = run.finish()
    check(status == 1, f"TMPDIR {why}: the run fails (exit status {status}), not the runner\n{run.output}")
    try:
        results = run.results()["results"]
    except OSError as e:
        return check(False, f"TMPDIR {why}: the reports are written: {e}")
    check(len(results) == 2 and all(r["status"] == "ERROR" and r["note"].startswith("not run: ") for r in results),
          f"TMPDIR {why}: each case is an ERROR, not run: {results}")
    check(why in results[0]["note"], f"TMPDIR {why}: the note says why: {results[0]['note']}")
    check(f"ERROR: sh :: faults/quick_1" in run.output, f"TMPDIR {why}: the console says it\n{run.output}")
    run.check_nothing_left(f"TMPDIR {why}")


def test_missing_temporary_folder(scratch):
    test_unusable_temporary_folder(scratch, Path(scratch) / "no-such-folder", "No such file or directory")


# ---- recording ----------------------------------------------------------------------------------

PYTHON = shutil.which("python3")
PROFILE = f"cpython-{sys.version_info[0]}.{sys.version_info[1]}" if PYTHON else ""
BIG_OUTPUT = 6000  # bytes the loud case prints: past the write limits below, within a stream buffer (8 KiB)


def recording_project(where):
    """A project whose backend is python3, with expected/ recorded but for
    faults/loud, whose recorded outcome is stale: a recording must write it."""
    root = Path(where) / "project"
    files = {
        "backends.toml": f"""[backend.py]
kind = "real"
command = "{PYTHON} -S -u {{case}}"
version = "{PYTHON} -VV"
version_match = 'Python (\\d+)\\.(\\d+)'
profile = "cpython-{{version.1}}.{{version.2}}"
""",
        "cases/tags.toml": 'faults = "a case of the fault tests"\n',
        "cases/faults/quiet.py": '# ---\n# summary = "Prints a word"\n# tags = ["faults"]\n# ---\nprint("quiet")\n',
        "cases/faults/loud.py": f'# ---\n# summary = "Prints a lot"\n# tags = ["faults"]\n# ---\nprint("x" * {BIG_OUTPUT})\n',
        f"expected/{PROFILE}/faults/quiet.out": "quiet\n[exit 0]\n",
        f"expected/{PROFILE}/faults/loud.out": "a stale outcome\n[exit 0]\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    version = subprocess.run([PYTHON, "-VV"], capture_output=True, text=True).stdout.strip()
    (root / f"expected/{PROFILE}/profile.toml").write_text(f'profile = "{PROFILE}"\nversion = "{version}"\n')
    return root


def tree(root):
    """Every file under [root] with its bytes."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(Path(root).rglob("*")) if p.is_file()}


def memconform(root, *args, file_size=None, env=None):
    """memconform on [root]; under RLIMIT_FSIZE [file_size] when given (a
    write past it fails with EFBIG, as on a full disk, SIGXFSZ ignored)."""
    def limit():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, resource.RLIM_INFINITY))
    return subprocess.run([MEMCONFORM, "--root", str(root), *args], capture_output=True, text=True, errors="replace",
                          timeout=HANG_GUARD, preexec_fn=limit, env=env)


def check_refused_write(done, before, after, what, error):
    check(done.returncode == 2, f"{what}: exit status {done.returncode}, not 2\n{done.stdout}{done.stderr}")
    check(error in done.stderr, f"{what}: it says `{error}`\n{done.stderr}")
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    check(not changed, f"{what}: expected/ is byte-identical (changed: {changed})")


def test_record_write_error(scratch):
    """A write of an outcome fails: the old outcome stays, whole, and record
    exits 2 naming the file."""
    if not PYTHON:
        return print("skipped: record's write error (no python3)")
    root = recording_project(scratch)
    expected = root / "expected"
    before = tree(expected)
    done = memconform(root, "record", "--backend", "py", "-j1", file_size=1024)
    check_refused_write(done, before, tree(expected), "record's write error",
                        f"cannot write {expected / PROFILE / 'faults/loud.out'}: File too large")
    done = memconform(root, "record", "--backend", "py", "-j1")
    check(done.returncode == 0, f"record with room: exit status {done.returncode}\n{done.stdout}{done.stderr}")
    check("1 changed, 0 new, 1 unchanged" in done.stdout, f"record with room: what it says\n{done.stdout}")
    check((expected / PROFILE / "faults/loud.out").read_text() == "x" * BIG_OUTPUT + "\n[exit 0]\n",
          "record with room: the outcome is written")


def test_record_killed_mid_write(scratch):
    """A recording killed while it saved left `*.partial` files: lint
    rejects them, the next recording removes them."""
    if not PYTHON:
        return print("skipped: a recording killed mid-write (no python3)")
    root = recording_project(Path(scratch) / "killed")
    left = [root / f"expected/{PROFILE}/faults/quiet.out.partial",
            root / f"expected/{PROFILE}/faults/loud.out.999999999.partial"]
    for partial in left:
        partial.write_text("quiet\n")
    lint = memconform(root, "lint")
    check(lint.returncode == 1, f"lint of partial files: exit status {lint.returncode}\n{lint.stdout}{lint.stderr}")
    for partial in left:
        check(any(partial.name in line and "a partial file of a recording cut short" in line
                  for line in lint.stderr.splitlines()), f"lint names {partial.name}\n{lint.stderr}")
    done = memconform(root, "record", "--backend", "py", "-j1")
    check(done.returncode == 0, f"record after a kill: exit status {done.returncode}\n{done.stdout}{done.stderr}")
    for partial in left:
        check(f"Removed {partial}, left by a recording cut short" in done.stdout, f"record says it removes {partial}")
        check(not partial.exists(), f"record removes {partial}")
    lint = memconform(root, "lint")
    check(lint.returncode == 0, f"lint after the recording: exit status {lint.returncode}\n{lint.stderr}")


# ---- fuzz: a campaign of any size ---------------------------------------------------------------

BIG_CAMPAIGN = 10 ** 9
ADDRESS_SPACE = 1 << 30  # RLIMIT_AS: 10^9 seeds listed up front took 8 GB
# AddressSanitizer reserves terabytes of shadow memory at start, which no
# RLIMIT_AS admits: under it the two campaign tests are left to the default
# build.
SANITIZED = b"__asan_init" in Path(MEMCONFORM).read_bytes()


def fuzz_command(scratch, token, *args):
    """memconform fuzz on the fault fixture, with backends that take a moment
    and carry the marker, under RLIMIT_AS; its stdout goes to a file."""
    backend = f"env FAULT_MARK={token} sh -c 'sleep 0.01' {{case}}"
    output = open(Path(scratch) / f"fuzz-{token}.out", "w+b")

    def limit():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, resource.RLIM_INFINITY))
    command = [MEMCONFORM, "--root", ROOT, "fuzz", "--backend", f"m:faults={backend}", "--against",
               f"r:faults={backend}", "--reports", str(Path(scratch) / f"reports-{token}"), *args]
    return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, preexec_fn=limit), output


def terminated(process, output, what):
    """Sends SIGTERM; checks the process ends with 143 well before the hang
    guard, and returns its output."""
    process.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    status = process.wait(timeout=HANG_GUARD)
    waited = time.monotonic() - sent
    output.seek(0)
    text = output.read().decode(errors="replace")
    check(status == 128 + signal.SIGTERM, f"{what}: exit status {status}, not 143\n{text[-2000:]}")
    check(waited < 10, f"{what}: SIGTERM ended it {waited:.1f} s after it was sent")
    return text


def test_fuzz_streamed(scratch):
    """fuzz --count 10^9 runs its programs as it generates them, in the
    memory of a small campaign, until SIGTERM stops it with its report."""
    if SANITIZED:
        return print("skipped under AddressSanitizer: RLIMIT_AS cannot hold its shadow memory")
    token = uuid.uuid4().hex
    process, output = fuzz_command(scratch, token, "--seed", "0", "--count", str(BIG_CAMPAIGN), "-j", "2")
    deadline = time.monotonic() + HANG_GUARD
    while f"(20 of {BIG_CAMPAIGN})".encode() not in Path(output.name).read_bytes():
        if time.monotonic() > deadline or process.poll() is not None:
            output.seek(0)
            check(False, f"fuzz of 10^9 programs: 20 never ran ({process.poll()})\n{output.read()[-2000:]}")
            return process.kill()
        time.sleep(0.05)
    peak = next(int(line.split()[1]) for line in Path(f"/proc/{process.pid}/status").read_text().splitlines()
                if line.startswith("VmHWM:"))
    check(peak < 256 * 1024, f"fuzz of 10^9 programs: {peak} KiB at its peak, not a small campaign's")
    text = terminated(process, output, "fuzz of 10^9 programs")
    check(f"Interrupted by SIGTERM" in text, f"fuzz of 10^9 programs: the console says it was interrupted")
    report = json.loads((Path(scratch) / f"reports-{token}/fuzz/latest/fuzz.json").read_text())
    check(report["interrupted"] == "SIGTERM" and report["programs"] >= 20 and report["count"] == BIG_CAMPAIGN,
          f"fuzz of 10^9 programs: fuzz.json says {report['interrupted']}, {report['programs']} programs")
    leftover = marked(token)
    for pid in leftover:
        os.kill(pid, signal.SIGKILL)
    check(not leftover, f"fuzz of 10^9 programs: no program is left running (found {leftover})")


def test_fuzz_show_streamed(scratch):
    """fuzz --show --count 10^9 prints programs as it generates them until
    SIGTERM."""
    if SANITIZED:
        return print("skipped under AddressSanitizer: RLIMIT_AS cannot hold its shadow memory")
    process, output = fuzz_command(scratch, uuid.uuid4().hex, "--seed", "0", "--count", str(BIG_CAMPAIGN), "--show")
    deadline = time.monotonic() + HANG_GUARD
    while b"# seed 20\n" not in Path(output.name).read_bytes():
        if time.monotonic() > deadline or process.poll() is not None:
            output.seek(0)
            check(False, f"fuzz --show of 10^9 programs: no 21st program ({process.poll()})\n{output.read()[:2000]}")
            return process.kill()
        time.sleep(0.05)
    terminated(process, output, "fuzz --show of 10^9 programs")


# ---- a real full disk ---------------------------------------------------------------------------

def fill(disk, spare_pages):
    """Fills [disk], then frees [spare_pages] pages of it."""
    with open(disk / "fill", "wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            pass
    with open(disk / "fill", "rb+") as out:
        out.truncate(max(0, (disk / "fill").stat().st_size - 4096 * spare_pages))


def full_disk_tests(scratch):
    disk = Path(scratch) / "disk"
    disk.mkdir()
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True,
                           text=True)
    if mount.returncode != 0:
        print(f"skipped: cannot mount a tmpfs here: {mount.stderr.strip()}")
        return SKIPPED
    try:
        root = recording_project(disk)
        expected = root / "expected"
        before = tree(expected)
        fill(disk, 0)
        done = memconform(root, "record", "--backend", "py", "-j1")
        check_refused_write(done, before, tree(expected), "record on a full disk",
                            f"cannot record into {expected / PROFILE}: No space left on device")
        # Room for a small file, not for the loud outcome: its write fails midway.
        (disk / "fill").unlink()
        fill(disk, 1)
        done = memconform(root, "record", "--backend", "py", "-j1")
        check_refused_write(done, before, tree(expected), "record on a disk that fills",
                            f"cannot write {expected / PROFILE / 'faults/loud.out'}: No space left on device")
        # A full temporary folder: every case is an ERROR, the reports are written elsewhere.
        tmp = disk / "tmp"
        tmp.mkdir()
        (disk / "fill").unlink()
        fill(disk, 0)
        test_unusable_temporary_folder(scratch, tmp, "No space left on device")
    finally:
        subprocess.run(["umount", str(disk)])
    return 0


def main():
    tests = [(test_interrupted, signal.SIGINT), (test_interrupted, signal.SIGTERM), (test_second_signal,),
             (test_setsid_grandchild,), (test_random_bytes,), (test_broken_case,), (test_missing_temporary_folder,),
             (test_record_write_error,), (test_record_killed_mid_write,), (test_fuzz_streamed,),
             (test_fuzz_show_streamed,)]
    with tempfile.TemporaryDirectory(prefix="memconform-faults-") as scratch:
        if FULL_DISK:
            tests = []
            try:
                if full_disk_tests(scratch) == SKIPPED:
                    return SKIPPED
            except Exception as e:
                check(False, f"full disk: {type(e).__name__}: {e}")
        for test, *args in tests:
            try:
                test(scratch, *args)
            except Exception as e:  # one broken test must not hide the others
                check(False, f"{test.__name__}{args}: {type(e).__name__}: {e}")
    print(f"{len(failures)} failures" if failures else "all fault tests passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
