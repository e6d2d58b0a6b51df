"""Golden tests of pymodel --explain: each tests/vm/explain/NAME.py runs on
both runtimes, each from a fresh folder, and its trace must be
NAME.RUNTIME.trace beside it (with the folder's path taken out of the
locations). With --update, the traces are written instead: review
`git diff tests/vm/explain` before committing, a changed trace is a
changed model or a changed trace format, and must be the change you meant.

usage: explain_golden.py PYMODEL GOLDEN_DIR [--update]
"""

import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

RUNTIMES = ("cpython-3.11", "pypy-7.3")
TIMEOUT = 120


def trace_of(pymodel, program, runtime):
    with tempfile.TemporaryDirectory() as scratch:
        run_dir = Path(scratch) / "run"
        run_dir.mkdir()
        shutil.copy(program, run_dir)
        trace = Path(scratch) / "trace"
        done = subprocess.run([pymodel, "--runtime", runtime, "--explain", str(trace), program.name], cwd=run_dir,
                              capture_output=True, text=True, timeout=TIMEOUT)
        if done.returncode != 0:
            raise RuntimeError(f"{program.name} on {runtime}: exit status {done.returncode}: {done.stderr}")
        return trace.read_text().replace(f"{run_dir}/", "")


def main():
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--update"):
        print(__doc__)
        return 2
    pymodel, golden = str(Path(sys.argv[1]).resolve()), Path(sys.argv[2])
    update = len(sys.argv) == 4
    programs = sorted(golden.glob("*.py"))
    if not programs:
        print(f"no programs in {golden}")
        return 1
    failures = 0
    for program in programs:
        for runtime in RUNTIMES:
            expected_file = golden / f"{program.stem}.{runtime}.trace"
            actual = trace_of(pymodel, program, runtime)
            if update:
                expected_file.write_text(actual)
                continue
            expected = expected_file.read_text() if expected_file.exists() else ""
            if actual != expected:
                failures += 1
                print(f"FAIL {program.name} on {runtime}:")
                sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                           str(expected_file), "actual"))
    count = len(programs) * len(RUNTIMES)
    print(f"{count} traces {'written' if update else 'checked'}: {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
