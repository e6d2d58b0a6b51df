"""Records which strs a runtime has interned when the main file's first
line runs, and what sys.getrefcount reads for each (README.md beside this
file). Usage, from the project folder:

    python3 tools/interned_strs/record.py [--scan FILE]... COMMAND... > backends/profiles/P.interned

COMMAND runs a Python file appended to it, as backends.toml runs the
runtime (`PYTHON -S -u`, `node tools/pyodide/run.mjs`)."""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# The runner's pinned environment (backends.toml): only PATH and HOME pass.
ENV = {"PYTHONUNBUFFERED": "1", "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8",
       **{k: os.environ[k] for k in ("PATH", "HOME") if k in os.environ}}
IDENTIFIER = re.compile(rb"[A-Za-z_][A-Za-z0-9_]+")
RUNS = 3  # the probe's runs, whose answers must agree

# The probe asks, for each candidate, whether sys.intern() of a new str of
# it gives another object (one interned before), and reads the count of that
# one twice around a new reference: a count that does not move is immortal
# (a runtime without sys.getrefcount, PyPy, reads 0). Its candidates are
# constants with a space first, which the compiler does not intern, and its
# own names (sys, intern, getrefcount, append, print, range, len) are the
# runtime's on every version.
PROBE = """import sys
c = ({candidates})
r = []
for s in c:
    u = s[1:]
    t = sys.intern(u)
    if t is not u:
        a = {count}
        r.append(t)
        b = {count}
        r.append(a == b and a)
        r.append(t)
for i in range(0, len(r), 3):
    print(r[i + 1] or 0, r[i])
"""


def run(command, source):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "probe.py")
        with open(path, "w") as f:
            f.write(source)
        return subprocess.run(command + [path], env=ENV, cwd=folder, check=True, capture_output=True,
                              text=True).stdout.splitlines()


def strings_in(path):
    """The identifier-like C strings of a binary: its names' literals."""
    with open(path, "rb") as f:
        return {m.group().decode() for m in IDENTIFIER.finditer(f.read())}


def main(args):
    scans = []
    while args[:1] == ["--scan"]:
        scans.append(args[1])
        args = args[2:]
    with open(os.path.join(HERE, "gather.py")) as f:
        gathered = run(args, f.read())
    candidates = {line for line in gathered if not line.startswith(("map ", "no getrefcount"))}
    scans += [line[4:] for line in gathered if line.startswith("map ") and "python" in line[4:].lower()]
    for path in scans:
        candidates |= strings_in(path)
    count = "0" if "no getrefcount" in gathered else "sys.getrefcount(t)"
    probe = PROBE.format(candidates="".join(f'" {s}",' for s in sorted(candidates)), count=count)
    # A str that one run finds and another does not, or reads otherwise (a
    # mortal one some runs have freed: Pyodide's enums' `_X__in_progress`),
    # goes with those whose count moves: the model cannot tell it.
    readings = {}
    for _ in range(RUNS):
        for line in run(args, probe):
            count, name = line.split()
            readings.setdefault(name, []).append(int(count))
    by_count = {}
    for name, counts in readings.items():
        stable = len(counts) == RUNS and len(set(counts)) == 1
        by_count.setdefault(counts[0] if stable else 0, []).append(name)
    print("# The strs this runtime had interned when the main file's first line ran, by")
    print("# what sys.getrefcount read for each: `= N` heads those whose count stays N")
    print("# (immortal), `= 0` those whose count moves or that not every run had.")
    print("# Recorded by tools/interned_strs.")
    for count in sorted(by_count):
        print(f"= {count}")
        print("\n".join(sorted(by_count[count])))


if __name__ == "__main__":
    main(sys.argv[1:])
