# ---
# summary = "A class's __repr__ nested in lists costs each runtime its own C levels, and setrecursionlimit moves the limit only to 3.11"
# tags = ["exceptions", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/c-api/exceptions.html#c.Py_EnterRecursiveCall",
#   "https://docs.python.org/3/library/sys.html#sys.setrecursionlimit",
# ]
# explain = """
# Each Node's repr is a Python __repr__ called from C (slot_tp_repr), which
# reprs a list holding the next Node. To 3.11 a pair costs three levels
# (PyObject_Repr, the frame, PyObject_Repr); 3.12 and 3.13 count four C
# levels apart from the frames (the second is _PyEval_EvalFrameDefault's
# entry, whose RecursionError says only "maximum recursion depth
# exceeded"). Under sys.setrecursionlimit(100) a list nested 500 deep
# fails to 3.11 and compares and prints from 3.12."""
# portable = "Keep recursive __repr__ chains and nested containers shallow; do not lower the recursion limit expecting it to bound C recursion."
# ---
import sys


class Node:
    def __init__(self, child):
        self.child = child

    def __repr__(self):
        return f"N{self.child!r}"


def chain(pairs):
    x = []
    for _ in range(pairs):
        x = Node([x])
    return x


for pairs in (331, 332, 333, 373, 374, 375, 376):
    x = chain(pairs)
    try:
        print(pairs, "ok", len(f"{x!r}"))
    except RecursionError as e:
        print(pairs, "RecursionError:", e)
del x

sys.setrecursionlimit(100)
a = []
b = []
for _ in range(500):
    a = [a]
    b = [b]
try:
    print("500 deep ==", a == b)
except RecursionError as e:
    print("500 deep == RecursionError:", e)
try:
    print("500 deep str", len(f"{a!s}"))
except RecursionError as e:
    print("500 deep str RecursionError:", e)
