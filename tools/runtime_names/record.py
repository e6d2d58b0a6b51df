"""Prints the names a Python runtime has where pymodel looks names up: its
builtins, the attributes of its built-in types, and those of the modules
pymodel provides (README.md beside this file). Run it with -S -I on the
runtime a profile models; the output is backends/profiles/<profile>.names."""

import builtins
import io
import platform
import sys
import types
import weakref

# The modules pymodel provides (backends/vm/modules/ and backends/vm/lib/),
# less _testcapi, whose contents depend on how CPython was built.
MODULES = [
    "atexit", "collections", "contextlib", "copy", "doctest", "gc", "itertools", "linecache", "math",
    "operator", "os", "posixpath", "random", "re", "sys", "sysconfig", "textwrap", "threading", "time",
    "tracemalloc", "unittest", "warnings", "weakref", "_bisect", "_collections", "_functools", "_heapq",
    "_operator",
    "_random", "_weakrefset",
    "_socket", "select",
]

HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class a program could have made

# The modules CPython writes in C that pymodel writes in C++: all their
# types are the runtime's, heap types too (3.12's itertools, 3.9's _random).
NATIVE_MODULES = ["itertools", "math", "_collections", "_functools", "_operator", "_random", "_socket", "select"]
# Instances of their types that they do not name.
NATIVE_SAMPLES = {"_functools": lambda m: [m.cmp_to_key(len)]}


def builtin_types(modules):
    """The runtime's built-in types a program can reach, by name."""
    found = {}

    def add(t):
        if isinstance(t, type) and not getattr(t, "__flags__", 0) & HEAPTYPE:
            found.setdefault(t.__name__, set()).add(t)

    for space in [vars(builtins), vars(types), vars(io), vars(weakref)] + [vars(m) for m in modules]:
        for value in list(space.values()):
            add(value)
    for m in modules:
        if m.__name__ in NATIVE_MODULES:
            samples = NATIVE_SAMPLES.get(m.__name__, lambda m: [])(m)
            for value in list(vars(m).values()) + [type(s) for s in samples]:
                if isinstance(value, type):
                    found.setdefault(value.__name__, set()).add(value)
    samples = [iter([]), iter(()), iter(""), iter({}), iter(set()), iter(range(0)), iter(b""),
               {}.keys(), {}.values(), {}.items(), iter({}.values()), iter({}.items()),
               reversed([]), reversed(range(0)), enumerate([]), zip(), map(len, []), filter(None, []),
               (i for i in ()), NotImplemented, Ellipsis, None, type.__dict__["__dict__"],
               (lambda: 0).__code__, sys._getframe(), object.__init__, [].append, "".join,
               types.SimpleNamespace(), property(), staticmethod(len), classmethod(len), super(int, 0)]
    for value in samples:
        add(type(value))
    return found


def names_of_type(kinds):
    # A name dir() lists but the type cannot give (type.__abstractmethods__)
    # is left out: a lookup of it fails on the runtime too. Every type has
    # object's names, which are listed once, on object's line.
    names = set()
    for t in kinds:
        names.update(n for n in dir(t) if hasattr(t, n))
    if object not in kinds:
        names.difference_update(dir(object))
    return sorted(names)


def main():
    modules = []
    for name in MODULES:
        try:
            modules.append(__import__(name, fromlist=["_"]))
        except ImportError:
            pass
    version = "%s %s" % (platform.python_implementation(), platform.python_version())
    print("# The names %s has where pymodel looks them up: recorded by" % version)
    print("# tools/runtime_names/record.py (README.md there), not written by hand.")
    print(" ".join(["builtins"] + sorted(dir(builtins))))
    for module in sorted(modules, key=lambda m: m.__name__):
        print(" ".join(["module", module.__name__] + sorted(dir(module))))
    for name, kinds in sorted(builtin_types(modules).items()):
        print(" ".join(["type", name] + names_of_type(kinds)))


main()
