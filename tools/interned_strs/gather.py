"""Run by the recorded runtime (record.py runs it): prints, one a line, the
identifier-like strs its objects hold, the candidates record.py's probe
asks the runtime about, then `map PATH` for each file mapped into the
process (its binary and libraries, whose C strings are candidates too),
and `no getrefcount` where sys has none (PyPy)."""

import gc
import sys

found = set()
seen = {id(found)}
seen.add(id(seen))


def add(s):
    if type(s) is str and len(s) > 1 and s.isascii() and s.isidentifier():
        found.add(s)


def visit(o):
    if id(o) in seen:
        return
    seen.add(id(o))
    if type(o) is str:
        add(o)
    elif type(o) in (tuple, list, frozenset, set):
        for item in list(o):
            visit(item)
    elif type(o) is dict:
        for key, value in list(o.items()):
            visit(key)
            if type(value) in (str, tuple, frozenset):
                visit(value)
    elif type(o).__name__ == "code":
        for field in ("co_names", "co_varnames", "co_cellvars", "co_freevars", "co_consts"):
            visit(getattr(o, field))
        add(o.co_name)
    if isinstance(o, type) or type(o).__name__ in ("module", "builtin_function_or_method", "function"):
        try:
            names = dir(o)
        except Exception:  # PyPy's _cppyy types
            names = []
        for name in names:
            add(name)


def subclasses(t):
    try:
        return t.__subclasses__()
    except TypeError:  # type.__subclasses__ unbound
        return type.__subclasses__(t)


pending = [object]
while pending:
    t = pending.pop()
    if id(t) not in seen:
        visit(t)
        visit(dict(vars(t)))
        pending.extend(subclasses(t))
for m in list(sys.modules.values()):
    visit(m)
    visit(dict(getattr(m, "__dict__", {})))
for o in gc.get_objects():
    visit(o)
for s in sorted(found):
    print(s)
try:
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if line.split()[-1].startswith("/")}
except OSError:  # Pyodide: record.py is told its binary with --scan
    paths = set()
for path in sorted(paths):
    print("map", path)
if not hasattr(sys, "getrefcount"):
    print("no getrefcount")
