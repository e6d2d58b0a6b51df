"""pymodel --explain never changes a run: every case of the corpus, on both
runtimes, prints the same stdout and stderr and exits with the same status
with and without it (addresses aside: they differ between any two runs), and
its trace is complete (it ends with the heap left at exit), or empty when
the program does not compile. So do the golden tests' programs, and one
that prints the descriptors its files get: the trace's file must not take
one of them. The programs run at once, one per core.

With --shard I/N, only the cases of shard I of N (memconform's shards: the
FNV-1a hash of the case id), as the sanitized build's CI run samples them;
the golden programs and the descriptors program run in every shard.

usage: explain_identical.py PYMODEL CASES_DIR GOLDEN_DIR [--shard I/N]
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PYMODEL, CASES, GOLDEN = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2]), Path(sys.argv[3])
SHARD = tuple(map(int, sys.argv[5].split("/"))) if sys.argv[4:5] == ["--shard"] else (1, 1)
RUNTIMES = ("cpython-3.11", "pypy-7.3")
ADDRESS = re.compile(r"0x[0-9a-f]+")
TIMEOUT = 120
DESCRIPTORS = 'f = open("a.txt", "w")\ng = open("b.txt", "w")\nprint(f.fileno(), g.fileno())\n'


def in_shard(case_id):
    """memconform's shards (runner/selection.cpp): FNV-1a of the id, mod N."""
    index, count = SHARD
    hash = 0xcbf29ce484222325
    for byte in case_id.encode():
        hash = ((hash ^ byte) * 0x100000001b3) % 2**64
    return hash % count == index - 1


def run(case, runtime, run_dir, explain=None):
    """The case's outcome, run from a fresh copy in `run_dir`."""
    shutil.rmtree(run_dir, ignore_errors=True)
    run_dir.mkdir()
    shutil.copy(case, run_dir)
    args = [PYMODEL, "--runtime", runtime, case.name]
    if explain:
        args[1:1] = ["--explain", str(explain)]
    done = subprocess.run(args, cwd=run_dir, capture_output=True, timeout=TIMEOUT)
    return done.returncode, ADDRESS.sub("0x?", done.stdout.decode(errors="replace")), \
        ADDRESS.sub("0x?", done.stderr.decode(errors="replace"))


def check(case, runtime, scratch):
    """The failures of one program on one runtime, as lines to print."""
    run_dir = scratch / "run"
    trace = scratch / "trace"  # outside the case's folder, which a case may list
    plain = run(case, runtime, run_dir)
    explained = run(case, runtime, run_dir, trace)
    lines = trace.read_text().splitlines() if trace.exists() else []
    what = f"{runtime} {case.relative_to(case.parent.parent)}"
    if plain != explained:
        report = [f"FAIL {what}: the outcome changed with --explain"]
        for name, a, b in zip(("status", "stdout", "stderr"), plain, explained):
            if a != b:
                report.append(f"  {name}: {a!r:.300}\n     vs {b!r:.300}")
        return report
    if not lines and not (plain[0] in (1, 3) and not plain[1]):  # a program that does not compile
        return [f"FAIL {what}: no trace"]
    if lines and "left alive at exit" not in lines[-1]:
        return [f"FAIL {what}: the trace is incomplete: {lines[-1:]!r}"]
    return []


def main():
    cases = [c for c in sorted(CASES.glob("*/*.py")) if in_shard(f"{c.parent.name}/{c.stem}")]
    if not cases:
        print(f"no cases under {CASES}")
        return 1
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        descriptors = scratch / "programs" / "descriptors.py"
        descriptors.parent.mkdir()
        descriptors.write_text(DESCRIPTORS)
        cases += sorted(GOLDEN.glob("*.py")) + [descriptors]
        jobs = [(case, runtime, scratch / str(i)) for i, (runtime, case) in
                enumerate((runtime, case) for runtime in RUNTIMES for case in cases)]
        for _, _, folder in jobs:
            folder.mkdir()
        with ThreadPoolExecutor(os.cpu_count()) as pool:
            reports = list(pool.map(lambda job: check(*job), jobs))
    failures = [report for report in reports if report]
    for report in failures:
        print("\n".join(report))
    print(f"{len(cases)} programs x {len(RUNTIMES)} runtimes: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
