"""Runs the probe programs of pymodel's native modules (tests/vm/modules/
*_probe.py) on a real interpreter and on pymodel with the profile that
models it, and compares what each prints (stdout and stderr) and its exit
status. Where pymodel stops as unsupported (exit 3) the probe is REFUSED,
which is no failure when the real runtime printed what pymodel printed
before it stopped; any other difference fails. A probe file whose lines
include `# probe: NAME` is several probes, each run as its own program:
what comes before the first such line, then its part (so that a refusal
early on leaves the others checked).

    tests/vm/module_probes.py PYMODEL [PROFILE=PYTHON ...]

    tests/vm/module_probes.py build/backends/pymodel cpython-3.8=~/.pyenv/versions/3.8.18/bin/python3.8

Without PROFILE=PYTHON, every profile whose interpreter is installed where
README.md says (pyenv's builds, Debian's python3, pypy3) is checked, and
the others are named as skipped. Exits 1 on a difference."""

import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


# Where each profile's interpreter is installed (README.md, "Real
# interpreters here").
INSTALLED = {
    "cpython-3.8": "~/.pyenv/versions/3.8.18/bin/python3.8",
    "cpython-3.9": "~/.pyenv/versions/3.9.18/bin/python3.9",
    "cpython-3.10": "~/.pyenv/versions/3.10.13/bin/python3.10",
    "cpython-3.11": "~/.pyenv/versions/3.11.7/bin/python3.11",
    "cpython-3.11.2": "/usr/bin/python3",
    "cpython-3.12": "~/.pyenv/versions/3.12.1/bin/python3.12",
    "cpython-3.13": "~/.pyenv/versions/3.13.0/bin/python3.13",
    "pypy-7.3": "/usr/bin/pypy3",
}


def split_probes(paths, folder):
    """The programs to run: each file, or each `# probe: NAME` part of it
    (written into `folder`, named FILE:NAME)."""
    programs = []
    for path in paths:
        with open(path) as f:
            lines = f.read().split("\n")
        starts = [i for i, line in enumerate(lines) if line.startswith("# probe: ")]
        if not starts:
            programs.append(path)
            continue
        prelude = lines[: starts[0]]
        for start, end in zip(starts, starts[1:] + [len(lines)]):
            name = "%s:%s" % (os.path.basename(path)[: -len(".py")], lines[start][len("# probe: ") :].strip())
            program = os.path.join(folder, name + ".py")
            with open(program, "w") as out:
                out.write("\n".join(prelude + lines[start:end]) + "\n")
            programs.append(program)
    return programs


def check(pymodel, profile, python, probes):
    failed = False
    for probe in probes:
        probe = os.path.abspath(probe)
        name = os.path.basename(probe)
        real_status, real = run([python, "-S", probe])
        status, model = run([pymodel, "--runtime", profile, probe])
        if (status, model) == (real_status, real):
            print("%s: AGREES" % name)
            continue
        printed = model.split("pymodel: unsupported:")[0]
        if status == 3 and real.startswith(printed):
            print("%s: REFUSED after %d lines: %s" % (name, printed.count("\n"), model[len(printed):].strip()))
            continue
        failed = True
        print("%s: DIFFERS (exit %d, the runtime's %d)" % (name, status, real_status))
        real_lines, model_lines = real.splitlines(), model.splitlines()
        for i, (a, b) in enumerate(zip(real_lines + [""] * len(model_lines), model_lines + [""] * len(real_lines))):
            if a != b:
                print("  line %d\n    runtime %s\n    pymodel %s" % (i + 1, a, b))
                break
    return failed


def main():
    if len(sys.argv) < 2:
        print(__doc__.split("\n\n")[0], file=sys.stderr)
        sys.exit(2)
    pymodel = sys.argv[1]
    pairs = [arg.split("=", 1) for arg in sys.argv[2:]]
    if not pairs:
        for profile, path in INSTALLED.items():
            path = os.path.expanduser(path)
            if os.access(path, os.X_OK):
                pairs.append((profile, path))
            else:
                print("%s: SKIPPED (%s is not installed)" % (profile, path))
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        probes = split_probes(sorted(glob.glob(os.path.join(HERE, "modules", "*_probe.py"))), folder)
        for profile, python in pairs:
            print("== %s (%s)" % (profile, python))
            failed |= check(pymodel, profile, os.path.expanduser(python), probes)
    sys.exit(1 if failed else 0)


main()
