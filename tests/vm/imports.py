"""The import system on a package tree in a temporary folder: packages,
relative imports, circular imports, __import__, importlib.import_module,
sys.modules caching, `from m import *`, PYTHONPATH and the errors of a
failed import. pymodel prints what the real interpreter it models prints
(its stdout and exit status); a model whose interpreter is not installed
here is skipped, and a model that refuses (exit 3) fails the test.

usage: imports.py PYMODEL
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PYMODEL = sys.argv[1]
HOME = Path.home()
# runtime -> its real interpreter
RUNTIMES = {
    "cpython-3.11.2": Path("/usr/bin/python3.11"),
    "cpython-3.8": HOME / ".pyenv/versions/3.8.18/bin/python3.8",
    "cpython-3.12": HOME / ".pyenv/versions/3.12.1/bin/python3.12",
    "pypy-7.3": Path("/usr/bin/pypy3"),
}

FILES = {
    "pkg/__init__.py": """
print("pkg init", __name__, __package__)
from . import a
from .sub import b
""",
    "pkg/a.py": """
print("a start")
from . import sub
import pkg.sub.b as bb
X = 1
def f():
    return bb.Y + X
print("a end")
""",
    "pkg/sub/__init__.py": """
__all__ = ["b", "Z"]
Z = 3
_hidden = 4
""",
    "pkg/sub/b.py": """
from .. import a
Y = 2
print("b", a.__name__, hasattr(a, "X"))
""",
    "pkg/sub/c.py": """
from ... import nothing
""",
    "plain.py": """
visible = 1
_private = 2
""",
    "circ1.py": """
import circ2
V = 1
""",
    "circ2.py": """
import circ1
try:
    from circ1 import V
except ImportError as e:
    print("ImportError:", e, e.name)
""",
    "broken.py": """
print("broken runs")
raise ValueError("in broken")
""",
    "onpath/extra.py": """
print("extra from", __name__)
""",
    "main.py": """
import sys
import pkg
print(pkg.a.f(), pkg.b.Y, pkg.sub.b is pkg.b)
from pkg.sub import *
print(Z, b.Y, "_hidden" in globals())
from plain import *
print(visible, "_private" in globals())
import importlib
m = importlib.import_module(".a", "pkg")
print(m is pkg.a, m.__name__, m.__package__)
print(importlib.import_module("pkg.sub.b") is pkg.b)
try:
    importlib.import_module(".a")
except TypeError as e:
    print("TypeError:", e)
print(__import__("pkg.sub.b") is pkg)
print(__import__("pkg.sub", fromlist=["b"]).__name__)
print(__import__("b", globals={"__package__": "pkg.sub"}, level=1) is pkg.sub)
import circ1
print(sys.modules["circ1"].V, sys.modules["circ2"].circ1 is circ1)
for attempt in range(2):
    try:
        import broken
    except ValueError as e:
        print("ValueError:", e, "broken" in sys.modules)
try:
    import pkg.sub.c
except (ImportError, ValueError) as e:
    print(type(e).__name__, e)
try:
    import nosuchmodule
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
try:
    import plain.inner
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
try:
    from pkg import nothing_here
except ImportError as e:
    print("ImportError:", e.name)
old = sys.modules.pop("pkg")
import pkg as again
print(again is old, again.a is old.a)
sys.modules["blocked"] = None
try:
    import blocked
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
import extra
print(sys.argv[1:])
""",
}


def run(command, folder, env):
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder, env=env)
    return done.returncode, done.stdout, done.stderr


def main():
    failures = []
    ran = 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, text in FILES.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text.lstrip())
        env = dict(os.environ, PYTHONPATH=str(folder / "onpath"))
        env.pop("PYMODEL_PROFILES", None)
        for runtime, interpreter in RUNTIMES.items():
            if not interpreter.exists():
                print(f"skipped: {runtime} ({interpreter} is not installed)")
                continue
            ran += 1
            expected = run([str(interpreter), "-S", "main.py", "x", "--y"], folder, env)
            actual = run([PYMODEL, "--runtime", runtime, "main.py", "x", "--y"], folder, env)
            if actual[:2] != expected[:2]:
                failures.append(runtime)
                print(f"FAILED: {runtime}: pymodel exit {actual[0]}, {interpreter} exit {expected[0]}")
                print(f"--- {interpreter}:\n{expected[1]}--- pymodel:\n{actual[1]}{actual[2]}")
    if not ran:
        print("FAILED: no real interpreter to compare with")
        return 1
    return 1 if failures else 0


sys.exit(main())
