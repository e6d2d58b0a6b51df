"""pymodel --explain never changes a run: every case of the corpus, on both
runtimes, prints the same stdout and stderr and exits with the same status
with and without it (addresses aside: they differ between any two runs), and
its trace is complete (it ends with the heap left at exit), or empty when
the program does not compile. So do the golden tests' programs, and one
that prints the descriptors its files get: the trace's file must not take
one of them.

usage: explain_identical.py PYMODEL CASES_DIR GOLDEN_DIR
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PYMODEL, CASES, GOLDEN = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2]), Path(sys.argv[3])
RUNTIMES = ("cpython-3.11", "pypy-7.3")
ADDRESS = re.compile(r"0x[0-9a-f]+")
TIMEOUT = 120
DESCRIPTORS = 'f = open("a.txt", "w")\ng = open("b.txt", "w")\nprint(f.fileno(), g.fileno())\n'


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


def main():
    cases = sorted(CASES.glob("*/*.py"))
    if not cases:
        print(f"no cases under {CASES}")
        return 1
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        run_dir = Path(scratch) / "run"
        trace = Path(scratch) / "trace"  # outside the case's folder, which a case may list
        descriptors = Path(scratch) / "programs" / "descriptors.py"
        descriptors.parent.mkdir()
        descriptors.write_text(DESCRIPTORS)
        cases += sorted(GOLDEN.glob("*.py")) + [descriptors]
        for runtime in RUNTIMES:
            for case in cases:
                plain = run(case, runtime, run_dir)
                explained = run(case, runtime, run_dir, trace)
                text = trace.read_text() if trace.exists() else ""
                lines = text.splitlines()
                what = f"{runtime} {case.relative_to(case.parent.parent)}"
                if plain != explained:
                    failures += 1
                    print(f"FAIL {what}: the outcome changed with --explain")
                    for name, a, b in zip(("status", "stdout", "stderr"), plain, explained):
                        if a != b:
                            print(f"  {name}: {a!r:.300}\n     vs {b!r:.300}")
                elif not lines and not (plain[0] in (1, 3) and not plain[1]):  # a program that does not compile
                    failures += 1
                    print(f"FAIL {what}: no trace")
                elif lines and "left alive at exit" not in lines[-1]:
                    failures += 1
                    print(f"FAIL {what}: the trace is incomplete: {lines[-1:]!r}")
                trace.unlink(missing_ok=True)
    print(f"{len(cases)} programs x {len(RUNTIMES)} runtimes: {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
