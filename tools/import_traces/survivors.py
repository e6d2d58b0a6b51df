#!/usr/bin/env python3
"""Prints the profile's gc.import_unmodeled tables: for each module of the
import traces, how many tracked objects CPython's import of it leaves that
pymodel's does not make.

    survivors.py PROFILE.imports PYTHON PYMODEL RUNTIME

Each module (nested ones too) is measured alone, in a fresh `PYTHON -S`,
after importing those that its trace imported before it ended:
len(gc.get_objects()) after a full collection, the import, gc.collect(0)
and gc.collect(). A nested module that does not import alone (posixpath
imports os, which imports posixpath) counts with its importer. What gc.collect(0) untracks
(less the garbage it found) are tuples of atoms; what the full collection
untracks, dicts of atoms. pymodel's own objects are measured the same way
for the modules it makes. To 3.10 the first import from a file makes the
script folder's finder (the `(_path_hooks#4)` section): measured as what
importing __future__ leaves more when it is the first such import.
"""
import os
import re
import subprocess
import sys
import tempfile

PROBE = """
import gc
{before}
gc.collect()
a = len(gc.get_objects())
{target}
t = len(gc.get_objects())
garbage = gc.collect(0)
b0 = len(gc.get_objects())
gc.collect()
b = len(gc.get_objects())
print(b - a, t - b0 - garbage, b0 - b)
"""


def sections(path):
    """Each section's name with the names of the sections directly in it,
    and, at its first end, the sections of its import that ended before
    it (itself and its children among them)."""
    children, ended_before, stack, ended = {}, {}, [], []
    with open(path) as f:
        lines = f.readlines()
    for line in lines:
        if line.startswith("#"):
            continue
        if line.startswith("import "):
            if stack:
                ended_before.setdefault(stack[0], ended)
            stack, ended = [line[7:].strip()], []
            children.setdefault(stack[0], [])
            continue
        for token in line.split():
            if token.startswith("["):
                name = token[1:]
                children.setdefault(stack[-1], []).append(name)
                children.setdefault(name, [])
                stack.append(name)
            elif token == "]":
                name = stack.pop()
                ended_before.setdefault(name, list(ended))
                ended.append(name)
    if stack:
        ended_before.setdefault(stack[0], ended)
    return children, ended_before


def importable(name):
    return not name.startswith("(")


def run(command, source):
    with tempfile.TemporaryDirectory() as folder:
        script = os.path.join(folder, "probe.py")
        with open(script, "w") as f:
            f.write(source)
        out = subprocess.run(command + [script], capture_output=True, text=True, cwd=folder)
    if out.returncode != 0:
        return None
    return [int(x) for x in out.stdout.split()]


def imports(names):
    return "\n".join(f"try:\n    import {n}\nexcept ImportError:\n    pass" for n in names)


def separable(python, name, parents):
    """Whether `name` imports alone, without importing one of `parents`
    (posixpath imports os, which imports posixpath)."""
    check = f"import sys\nimport {name}\nprint(any(p in sys.modules for p in {sorted(parents)!r}))"
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run([python, "-S", "-c", check], capture_output=True, text=True, cwd=folder)
    return out.returncode == 0 and out.stdout.strip() == "False"


def main():
    traces, python, pymodel, runtime = sys.argv[1:5]
    pymodel = os.path.abspath(pymodel)
    children, ended_before = sections(traces)
    parents = {}
    for name, nested in children.items():
        for child in nested:
            parents.setdefault(child, set()).add(name)
    frames = any(n.startswith("(_path_hooks") for n in children)
    primer = ["__future__"] if frames else []
    with open(traces) as f:
        top = set(re.findall(r"^import (\S+)$", f.read(), re.M))
    # The probe imports gc itself: its import is taken as leaving what
    # pymodel's leaves (its module, dict and two lists).
    measured = [n for n in children if n in top and n not in ("gc", "(source-line)")]
    measured += [n for n in children if n not in top and importable(n) and separable(python, n, parents[n])]
    # What the probe itself leaves (gc is imported already): taken off each.
    real_noise = run([python, "-S"], PROBE.format(before="", target=imports(["gc"])))
    model_noise = run([pymodel, "--runtime", runtime], PROBE.format(before="", target=imports(["gc"])))
    table = {}
    for name in measured:
        nested = [n for n in dict.fromkeys(ended_before[name]) if n in measured and n != name]
        real = run([python, "-S"], PROBE.format(before=imports(primer + nested), target=imports([name])))
        # pymodel makes the modules imported at the top only; _bootlocale is
        # none of them: the first text open() charges it.
        model = model_noise
        if name in top and name != "_bootlocale":
            model = run([pymodel, "--runtime", runtime],
                        PROBE.format(before=imports([n for n in nested if n in top]), target=f"import {name}"))
        if model is None and real is not None:
            # A module pymodel does not write (array): its import stops the
            # program, so the profile needs no count of it.
            print(f"survivors.py: pymodel does not import {name}: not measured", file=sys.stderr)
            continue
        if real is None:
            sys.exit(f"survivors.py: measuring {name} failed")
        table[name] = [r - rn - (m - mn) for r, rn, m, mn in zip(real, real_noise, model, model_noise)]
    if frames:
        first = run([python, "-S"], PROBE.format(before="", target="import __future__"))
        later = run([python, "-S"], PROBE.format(before="import keyword", target="import __future__"))
        table["(_path_hooks#4)"] = [f - l for f, l in zip(first, later)]  # the noise cancels

    # Negative where pymodel makes more (its tuples a collection untracks).
    items = [f'"{name}" = [{o + t + d}, {t}, {d}]' for name, (o, t, d) in table.items()]
    if frames:  # measured with (_path_hooks#4), which always comes first
        items.append('"(_fill_cache#3)" = [0, 0, 0]')
    print("# [tracked objects, tuples of atoms, dicts of atoms] each import leaves, less pymodel's")
    print(f"import_unmodeled = {{ {', '.join(items)} }}")


main()
