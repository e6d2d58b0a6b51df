"""Runs real Python programs on a pymodel runtime and on the real interpreter
it models, and compares what each prints (README.md beside this file).

A program is a .py file of FOLDER, or a folder of FOLDER holding
run_benchmark.py (pyperformance's layout), or FOLDER itself when it holds
run_benchmark.py. Each one runs in a scratch copy of
its folder, beside this folder's pyperf.py (a stand-in for pyperf that runs
each benchmark once), then prints gc.get_count(), gc.collect() and
len(gc.garbage) where the runtime has them; the real interpreter runs it
once before, so that both find __pycache__ as a second run does. Nothing is
fetched."""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

# The environment memconform runs a case in (runner/environment.cpp), which
# the models model: python -u's streams, a fixed hash seed, a UTF-8 locale.
RUNNER_ENVIRONMENT = {"PYTHONUNBUFFERED": "1", "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8"}
PASSED_THROUGH = {name: os.environ[name] for name in ("PATH", "HOME", "PYENV_ROOT") if name in os.environ}
HERE = os.path.dirname(os.path.abspath(__file__))
GC_FIGURES = """
import gc as _gc
if hasattr(_gc, "get_count"):
    print("gc.get_count()", _gc.get_count())
print("gc.collect()", _gc.collect())
print("len(gc.garbage)", len(_gc.garbage))
"""


def programs(folder):
    if os.path.isfile(os.path.join(folder, "run_benchmark.py")):
        yield os.path.basename(os.path.abspath(folder)), folder, "run_benchmark.py"
        return
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith(".py") and os.path.isfile(path):
            yield name[:-3], folder, name
        elif os.path.isfile(os.path.join(path, "run_benchmark.py")):
            yield name, path, "run_benchmark.py"


def run(command, cwd, timeout):
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL,
                              env=dict(RUNNER_ENVIRONMENT, **PASSED_THROUGH))
    except subprocess.TimeoutExpired:
        return None, b"", b"timed out", timeout
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - start


def last_line(data):
    lines = data.decode("utf-8", "replace").strip().splitlines()
    return lines[-1][:150] if lines else ""


def check(name, source_dir, script, args, scratch):
    # Two folders may hold programs of one name: each its own copy.
    work = os.path.join(tempfile.mkdtemp(dir=scratch), name)
    shutil.copytree(source_dir, work, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(os.path.join(HERE, "pyperf.py"), os.path.join(work, "pyperf.py"))
    with open(os.path.join(work, script), "a") as f:
        f.write(GC_FIGURES)
    # A first run leaves __pycache__ as a folder has it after a program has
    # run once: both then import the program's modules from their .pyc (the
    # models count an import's compilation only from a .pyc: docs/subset.md).
    warm = run(args.real + [script], work, args.timeout)
    real = run(args.real + [script], work, args.timeout) if warm[0] == 0 else warm
    model = run([args.pymodel, "--runtime", args.runtime, script], work, args.timeout)
    figures = {"real_s": real[3], "model_s": model[3]}
    if real[0] != 0:
        return "REAL FAILED", last_line(real[2]), figures
    if model[0] == 3:
        return "UNSUPPORTED", last_line(model[2]), figures
    if model[0] is None:
        return "TIMEOUT", "", figures
    if (model[0], model[1]) != (real[0], real[1]):
        detail = last_line(model[2]) if model[0] != 0 else "stdout differs"
        return "WRONG", f"exit {model[0]}: {detail}", figures
    return "SAME", "", figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pymodel", required=True, help="the pymodel binary")
    parser.add_argument("--runtime", required=True, help="the profile to model, e.g. cpython-3.11")
    parser.add_argument("--real", required=True, help="the real interpreter's command, e.g. 'python3.11 -S'")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    parser.add_argument("folder", nargs="+", help="folders of programs")
    args = parser.parse_args()
    args.real = args.real.split()
    args.pymodel = os.path.abspath(args.pymodel)
    counts, ratios, wrong = {}, [], 0
    with tempfile.TemporaryDirectory(prefix="real-programs-") as scratch:
        for folder in args.folder:
            for name, source_dir, script in programs(folder):
                status, detail, figures = check(name, source_dir, script, args, scratch)
                counts[status] = counts.get(status, 0) + 1
                ratio = ""
                if status == "SAME":
                    ratios.append(figures["model_s"] / figures["real_s"])
                    ratio = f"{ratios[-1]:.2f}x"
                wrong += status == "WRONG"
                print(f"{status:12} {name:32} {ratio:>6}  {detail}", flush=True)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    median = f"; median time ratio {statistics.median(ratios):.2f}x" if ratios else ""
    print(f"{summary}{median}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
