# ---
# summary = "repr, str and comparison of deeply nested containers raise RecursionError at each runtime's C recursion limit"
# tags = ["exceptions", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/c-api/exceptions.html#c.Py_EnterRecursiveCall",
#   "https://docs.python.org/3.12/whatsnew/3.12.html#changes-in-the-python-api",
# ]
# explain = """
# PyObject_Repr, PyObject_Str and PyObject_RichCompare each take a level of
# C recursion per nested container. To 3.11 the levels count with the
# Python frames against sys.getrecursionlimit(); 3.12 and 3.13 count them
# apart against a fixed limit (1500, 10000) that setrecursionlimit does not
# move; 3.14 and PyPy check the C stack's room instead. The f-strings call
# PyObject_Repr and PyObject_Str with no builtin's call of their own."""
# portable = "Do not nest containers deeper than a few hundred levels, or walk them iteratively; never rely on where RecursionError comes."
# ---
import sys


def nest(kind, depth):
    x = kind()
    for _ in range(depth):
        x = {1: x} if kind is dict else kind([x])
    return x


def attempt(label, thunk):
    try:
        print(label, "ok", thunk())
    except RecursionError as e:
        print(label, "RecursionError:", e)


for depth in (996, 997, 1497, 1498, 9998, 9999):
    for kind in (list, tuple, dict):
        a = nest(kind, depth)
        b = nest(kind, depth)
        name = kind.__name__
        attempt(f"{depth} repr {name}", lambda: len(f"{a!r}"))
        attempt(f"{depth} str {name}", lambda: len(f"{a!s}"))
        attempt(f"{depth} == {name}", lambda: a == b)
        if kind is not dict:
            attempt(f"{depth} < {name}", lambda: a < b)
        if kind is tuple and depth < 5000:
            attempt(f"{depth} hash {name}", lambda: hash(a) == hash(b))
print("limit", sys.getrecursionlimit())
