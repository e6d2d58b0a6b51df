#!/usr/bin/env python3
"""Each code object's constants (co_consts), as pymodel --dis shows them,
must equal what CPython 3.11's compiler makes of the same program: the
refcount model replays that compiler's allocations from them
(backends/refcount/compile_replay.cpp). Checked on the corpus and on
generated programs. Usage: consts_match_cpython.py PYMODEL MEMCONFORM
CASES_DIR. Exit 77 (skipped) without a CPython 3.11."""
import os, re, shutil, subprocess, sys, tempfile

PYMODEL, MEMCONFORM, CASES = sys.argv[1:4]

# What CPython prints: one line per code object, depth first, code objects
# named, the rest as repr() shows it (the model prints the same reprs).
REAL_DUMP = r'''
import sys, types
def show(c):
    if isinstance(c, types.CodeType): return "<code %s>" % c.co_name
    if isinstance(c, tuple): return "(" + ", ".join(map(show, c)) + ("," if len(c) == 1 else "") + ")"
    return repr(c)
def walk(co):
    print(co.co_name, "|", ", ".join(map(show, co.co_consts)))
    for c in co.co_consts:
        if isinstance(c, types.CodeType): walk(c)
for path in sys.argv[1:]:
    print("#", path)
    try:
        walk(compile(open(path).read(), path, "exec"))
    except SyntaxError:
        pass
'''


def cpython311():
    for candidate in ("python3.11", "/usr/bin/python3", "python3"):
        found = shutil.which(candidate)
        if found:
            version = subprocess.run([found, "-S", "-c", "import sys; print(sys.version_info[:2])"],
                                     capture_output=True, text=True).stdout.strip()
            if version == "(3, 11)":
                return found
    return None


def model_dump(path):
    run = subprocess.run([PYMODEL, "--dis", path], capture_output=True, text=True)
    if run.returncode != 0:
        return None  # a construct the model does not support: nothing to compare
    rows = []
    for line in run.stdout.splitlines():
        if m := re.match(r"Disassembly of <code object (\S+), line \d+>:", line):
            rows.append([m.group(1), ""])
        elif line.startswith("  consts "):
            rows[-1][1] = re.sub(r"<code object (\S+), line \d+>", r"<code \1>", line[len("  consts "):])
    return [f"{name} | {consts}" for name, consts in rows]


def main():
    python = cpython311()
    if not python:
        print("skipped: no CPython 3.11 to compare with")
        return 77
    programs = sorted(os.path.join(d, f) for d, _, fs in os.walk(CASES) for f in fs if f.endswith(".py"))
    work = tempfile.mkdtemp()
    shown = subprocess.run([MEMCONFORM, "fuzz", "--backend", "pymodel-cpython-3.11", "--against", python,
                            "--seed", "310000", "--count", "150", "--show"], capture_output=True, text=True).stdout
    for seed, text in re.findall(r"^# seed (\d+)\n(.*?)(?=^# seed |\Z)", shown, re.S | re.M):
        path = os.path.join(work, f"fuzz_{seed}.py")
        with open(path, "w") as f:
            f.write(text)
        programs.append(path)
    if len(programs) < 300:
        print(f"only {len(programs)} programs: the corpus or the generator is missing")
        return 1
    real, current = {}, None
    for line in subprocess.run([python, "-S", "-c", REAL_DUMP, *programs], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        if line.startswith("# "):
            current = real.setdefault(line[2:], [])
        else:
            current.append(line)
    compared = differ = 0
    for path in programs:
        model = model_dump(path)
        # A set display of constants is a frozenset constant in CPython; the
        # model builds it item by item.
        if model is None or any("frozenset(" in line for line in real.get(path, [])):
            continue
        compared += 1
        if model != real.get(path):
            differ += 1
            print("differs:", path)
            for r, m in zip(real.get(path, []), model):
                if r != m:
                    print("  cpython:", r[:200])
                    print("  pymodel:", m[:200])
    print(f"{compared} programs compared, {differ} differ")
    return 1 if differ or compared < 250 else 0


if __name__ == "__main__":
    sys.exit(main())
