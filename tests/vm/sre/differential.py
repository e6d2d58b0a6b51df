"""The differential test of pymodel's _sre: for each modeled runtime whose
real interpreter is installed, gen_programs.py (run by that interpreter)
writes programs that give its re compiler's code lists to _sre.compile and
print what every method answers, and one of what each call allocates (as
gc.get_count() sees it), which objects are tracked and their sizes; each
program runs on the interpreter and on pymodel with that runtime's
profile, and the two outputs must be equal.

    differential.py PYMODEL [--programs N] [--patterns N] [--seed N] [--runtime NAME]... [--chars]

Exits 0 when every output agrees, 1 on a difference (the first differing
lines of each program are printed) or when no program of a runtime ran to
its end, 77 (skipped) when no interpreter of a modeled runtime is
installed. A program pymodel stops as unsupported (exit 3) counts as
refused, not as a difference, if what it printed before is what the real
interpreter printed."""

import argparse
import os
import shutil
import pathlib
import subprocess
import sys
import tempfile

HOME = pathlib.Path.home()
HERE = pathlib.Path(__file__).resolve().parent
PYODIDE = HERE.parents[2] / "tools/pyodide"
# The interpreter each profile was recorded from (expected/<profile>/profile.toml),
# the command that runs a file on it, and what must exist for it to run.
INTERPRETERS = {
    "cpython-3.8": [HOME / ".pyenv/versions/3.8.18/bin/python3.8", "-S"],
    "cpython-3.9": [HOME / ".pyenv/versions/3.9.18/bin/python3.9", "-S"],
    "cpython-3.10": [HOME / ".pyenv/versions/3.10.13/bin/python3.10", "-S"],
    "cpython-3.11": [HOME / ".pyenv/versions/3.11.7/bin/python3.11", "-S"],
    "cpython-3.11.2": [pathlib.Path("/usr/bin/python3.11"), "-S"],
    "cpython-3.12": [HOME / ".pyenv/versions/3.12.1/bin/python3.12", "-S"],
    "cpython-3.13": [HOME / ".pyenv/versions/3.13.0/bin/python3.13", "-S"],
    # Pyodide's CPython 3.14 under Node (tools/pyodide), which sees the
    # files of its working directory.
    "cpython-3.14": ["node", PYODIDE / "run.mjs"],
    "pypy-7.3": [pathlib.Path("/usr/bin/pypy3"), "-S"],
}


def installed(command):
    if command[0] == "node":
        return shutil.which("node") is not None and (PYODIDE / "node_modules/pyodide").exists()
    return command[0].exists()


def run(command, cwd=None, timeout=120):
    """Exit status, stdout and stderr; status None when it timed out."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    try:
        r = subprocess.run([str(c) for c in command], capture_output=True, timeout=timeout, env=env, cwd=cwd)
    except subprocess.TimeoutExpired:
        return None, "", "timed out after %d s" % timeout
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def first_difference(expected, actual):
    e, a = expected.splitlines(), actual.splitlines()
    for i in range(max(len(e), len(a))):
        if i >= len(e) or i >= len(a) or e[i] != a[i]:
            context = next((e[j] for j in range(i, -1, -1) if j < len(e) and e[j].startswith("pattern ")), "")
            return i + 1, context, e[i] if i < len(e) else "<end>", a[i] if i < len(a) else "<end>"
    return None


def check_runtime(pymodel, runtime, interpreter, options, workdir):
    outdir = pathlib.Path(workdir) / runtime
    outdir.mkdir()
    shutil.copy(HERE / "gen_programs.py", outdir)
    extra = ["--memory"] + (["--chars"] if options.chars else [])
    status, _, err = run(interpreter + ["gen_programs.py", options.seed, options.programs, options.patterns, "."] + extra,
                         cwd=outdir)
    if status != 0:
        print("%s: gen_programs.py failed:\n%s" % (runtime, err))
        return False
    ok = True
    agreed = refused = 0
    for program in sorted(outdir.glob("sre_*.py")):
        real = run(interpreter + [program.name], cwd=outdir)
        if real[0] is None:
            print("%s: %s left out: the real interpreter %s" % (runtime, program.name, real[2]))
            continue
        model = run([pymodel, "--runtime", runtime, str(program)])
        if real[:2] == model[:2]:
            agreed += 1
            continue
        # A refusal (exit 3) is no wrong answer if what was printed before
        # it is what the real interpreter printed.
        if model[0] == 3 and real[1].startswith(model[1]) and (not model[1] or model[1].endswith("\n")):
            refused += 1
            print("%s: %s refused after %d lines: %s"
                  % (runtime, program.name, model[1].count("\n"), model[2].strip().splitlines()[-1][:300]))
            continue
        ok = False
        print("%s: %s differs (exit %s real, %s pymodel)" % (runtime, program.name, real[0], model[0]))
        diff = first_difference(real[1], model[1])
        if diff:
            print("  line %d, under %s\n  real:    %s\n  pymodel: %s" % diff)
        if model[2]:
            print("  pymodel's stderr: " + model[2].strip()[-500:])
    patterns = options.programs * options.patterns
    print("%s: %s (%d patterns x 4 subjects, and the allocations%s): %d programs agree, %d refused"
          % (runtime, "agrees" if ok else "DIFFERS", patterns, ", the Unicode classes" if options.chars else "",
             agreed, refused))
    return ok and agreed > 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pymodel")
    ap.add_argument("--programs", type=int, default=4)
    ap.add_argument("--patterns", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runtime", action="append")
    ap.add_argument("--chars", action="store_true", help="also the Unicode classes over every code point (slow)")
    options = ap.parse_args()
    runtimes = options.runtime or list(INTERPRETERS)
    available = [r for r in runtimes if installed(INTERPRETERS[r])]
    for r in runtimes:
        if r not in available:
            print("%s: skipped, %s is not installed" % (r, " ".join(str(c) for c in INTERPRETERS[r])))
    if not available:
        return 77
    with tempfile.TemporaryDirectory() as workdir:
        results = [check_runtime(options.pymodel, r, INTERPRETERS[r], options, workdir) for r in available]
    return 0 if all(results) else 1


sys.exit(main())
