# ---
# summary = "Which new tuples the collector tracks from the start: by how the tuple was made and what its items are"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.is_tracked",
#   "https://github.com/python/cpython/issues/139951",
# ]
# explain = """
# Up to 3.14.0 every tuple but the empty one is tracked when made; a
# collection untracks those whose items cannot take part in a cycle.
# 3.14.1 (gh-139951) makes a tuple built from an array of items untracked
# from the start when none of its items is of a GC type: a tuple display
# (BUILD_TUPLE), tuple(list), the *args of a call, a call's packed
# arguments (an exception's args). A tuple holding a tuple stays tracked
# (the test looks at the item's type, not at whether it is tracked), and
# tuples made item by item (tuple(generator), concatenation, slicing,
# divmod) are tracked as before. PyPy has no gc.is_tracked."""
# portable = "Treat gc.is_tracked() as an implementation detail of CPython's collector; never make behavior depend on it."
# ---
import gc

x, y = 1, "s"
items = [1, 2, 3]

def varargs(*a):
    return a

def gen():
    yield 1
    yield 2

made = [
    ("display of atoms", lambda: (x, y)),
    ("display holding a list", lambda: (x, items)),
    ("display holding a tuple", lambda: (x, (x, y))),
    ("tuple(list)", lambda: tuple(items)),
    ("tuple(generator)", lambda: tuple(gen())),
    ("*args", lambda: varargs(x, y)),
    ("exception args", lambda: ValueError(x, y).args),
    ("concatenation", lambda: (x, y) + (y, x)),
    ("slice", lambda: (x, y, x)[1:]),
    ("divmod", lambda: divmod(7, 2)),
]
if not hasattr(gc, "is_tracked"):
    print("gc.is_tracked missing")
else:
    for name, make in made:
        print(name, gc.is_tracked(make()))
