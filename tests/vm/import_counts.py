"""gc.get_count() across imports of a program's own modules, against the
real interpreters: on a model whose profile says `counted_imports`
(importlib's bootstrap run by the VM), a folder whose __pycache__ holds the
.pyc files the interpreter wrote gives the interpreter's counts exactly,
automatic collections included; a fresh folder (the .pyc to be written by
marshal.dumps) and an import mixed with one replayed from the profile's
traces stop the program (exit 3), never a wrong count, and so does
gc.get_count() after the compile of a frozenset constant in the main file,
until a full collection. A model whose
interpreter is not installed here is skipped.

usage: import_counts.py PYMODEL
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PYMODEL = sys.argv[1]
HOME = Path.home()
RUNTIMES = {
    "cpython-3.11": HOME / ".pyenv/versions/3.11.7/bin/python3.11",
    "cpython-3.11.2": Path("/usr/bin/python3.11"),
    "cpython-3.12": HOME / ".pyenv/versions/3.12.1/bin/python3.12",
}
# The runner's environment (runner/environment.cpp).
ENV = {"PATH": os.environ.get("PATH", ""), "HOME": str(HOME), "PYTHONUNBUFFERED": "1", "PYTHONHASHSEED": "0",
       "LC_ALL": "C.UTF-8"}

FILES = {
    # `()` is a constant of no allocation: the model counts it as marshal
    # does; frozensets, `%`-formats and folded subscripts as the .pyc has them.
    "mod.py": "X = 1\ndef f(a, b=()):\n    return [a, (a, 2)]\nclass C:\n    def m(self):\n        return {'k': self}\n"
              "def g(x):\n    return x in {1, 2}, {'a', 'b', 'c'}, '%-3s|' % (x,), (b'.'[0], 2)\n",
    "pkg/__init__.py": "from .sub import g\nY = (1, 2)\n",
    "pkg/sub.py": "def g():\n    return {'a': 1}\n",
    # Exact: the program's own imports only.
    "own.py": """
import gc
print(gc.get_count())
import mod
print(gc.get_count())
from mod import f, C
print(gc.get_count(), f(1), mod.g(1))
import pkg
print(gc.get_count(), pkg.g())
def later():
    import pkg.sub
    return pkg.sub
later()
print(gc.get_count())
try:
    import nosuchmodule
except ImportError as e:
    print("ImportError", e, gc.get_count())
junk = []
for i in range(3000):
    junk.append([i])
print(gc.get_count())
""",
    # Exact: C modules pymodel writes, found by importlib in lib-dynload,
    # whose C init the traces replay (nested in bisect.py too); then a
    # METH_VARARGS str method and a module attribute that hasattr() misses,
    # with the 1-tuple free list empty (each packs or raises a new tuple).
    "extension.py": """
import gc
import mod
print(gc.get_count())
import math
print(gc.get_count(), math.sqrt(4.0))
from bisect import bisect
print(gc.get_count(), bisect([1, 2, 3], 2))
import _heapq, _random
print(gc.get_count())
keep = [(i,) for i in range(3000)]
before = gc.get_count()[0]
"--x".startswith("-")
print(gc.get_count()[0] - before)
keep2 = [(i,) for i in range(3000)]
before = gc.get_count()[0]
hasattr(math, "nosuch")
print(gc.get_count()[0] - before)
""",
    # Refused until a full collection: the compile of a frozenset constant
    # in the main file, which the model does not replay.
    "frozen_main.py": "import gc\nprint(1 in {1, 2})\nprint(gc.get_count())\n",
    "frozen_main_collected.py": "import gc\nimport mod\nprint(1 in {1, 2})\ngc.collect()\nprint(gc.get_count())\n",
    # Exact or refused: a module of the runtime's library whose import the
    # profile replays from a trace, before and after.
    "mixed_after.py": "import gc\nimport mod\nprint(gc.get_count())\nimport weakref\nprint(gc.get_count())\n",
    "mixed_before.py": "import gc\nimport weakref\nprint(gc.get_count())\nimport mod\nprint(gc.get_count())\n",
}
EXACT = ["own.py", "extension.py", "frozen_main_collected.py"]
REFUSED = ["frozen_main.py"]
EXACT_OR_REFUSED = ["mixed_after.py", "mixed_before.py"]
# Debian's 3.11.2 builds math, _bisect, ... in: the 3.11.7 traces it
# replays have no record of their built-in init, so their import is refused.
REFUSED_ON = {"extension.py": {"cpython-3.11.2"}}


def run(command, folder):
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder, env=ENV, stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


def fresh_folder(scratch, name):
    folder = Path(scratch) / name
    for file, text in FILES.items():
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        (folder / file).write_text(text.lstrip())
    return folder


def main():
    failures, ran = [], 0
    with tempfile.TemporaryDirectory() as scratch:
        for runtime, interpreter in RUNTIMES.items():
            if not interpreter.exists():
                print(f"skipped: {runtime} ({interpreter} is not installed)")
                continue
            ran += 1
            model = [PYMODEL, "--runtime", runtime]
            for program in REFUSED:
                status, out, err = run(model + [program], fresh_folder(scratch, f"{runtime}-{program}"))
                if status != 3 or "frozenset constant" not in err:
                    failures.append(f"{runtime} {program}: exit {status}, {err.strip()[-200:]}")
            for program in EXACT + EXACT_OR_REFUSED:
                # A fresh folder: CPython would write the .pyc there.
                folder = fresh_folder(scratch, f"{runtime}-{program}-fresh")
                status, out, err = run(model + [program], folder)
                if status != 3 or "marshal.dumps" not in err:
                    failures.append(f"{runtime} {program} in a fresh folder: exit {status}, {err.strip()[-200:]}")
                shutil.rmtree(folder / "__pycache__", ignore_errors=True)
                shutil.rmtree(folder / "pkg" / "__pycache__", ignore_errors=True)
                # The interpreter's second run in its folder, and the model's.
                folder = fresh_folder(scratch, f"{runtime}-{program}")
                run([str(interpreter), "-S", "-u", program], folder)
                expected = run([str(interpreter), "-S", "-u", program], folder)
                actual = run(model + [program], folder)
                refusable = program in EXACT_OR_REFUSED or runtime in REFUSED_ON.get(program, ())
                refused = refusable and actual[0] == 3
                if actual[:2] != expected[:2] and not refused:
                    failures.append(f"{runtime} {program}: pymodel exit {actual[0]}:\n{actual[1]}{actual[2]}"
                                    f"--- {interpreter} exit {expected[0]}:\n{expected[1]}")
    for failure in failures:
        print("FAILED:", failure)
    if not ran:
        print("FAILED: no real interpreter to compare with")
        return 1
    return 1 if failures else 0


sys.exit(main())
