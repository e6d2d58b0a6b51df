# ---
# summary = "When a function returns, the local its inlined comprehension shadows with a captured loop variable is dropped where the comprehension first used it (3.12+), not where it was first assigned"
# tags = ["refcount", "closure", "dealloc-order", "finalizer", "fuzz-regression", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0709/",
#   "https://github.com/python/cpython/blob/3.12/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.12/Python/symtable.c",
# ]
# explain = """
# Found by `memconform fuzz` (3.12, seed 420148: a dict comprehension's
# captured loop variable freed before the function's own local of that
# name). A returning frame drops its slots in order (3.14: from the last).
# The lambdas capture the comprehension's `d`, a cell. To 3.11 the
# comprehension is a function of its own, so the outer `d` is a plain local
# whose slot comes first, as its first store put it: outer d, z, then the
# list (b, the cell the lambdas share). From 3.12 the comprehension is
# inlined (PEP 709): the outer `d` becomes a cell too (inline_comprehension),
# stored with STORE_DEREF, which gives it no slot among the locals; the
# comprehension's LOAD_FAST_AND_CLEAR, which saves it, does, after `z`, and
# the cell shares that slot (a cell that is also a local is not put after
# the locals). So z, then outer d, then b. PyPy frees nothing before exit."""
# portable = "Do not let finalizers depend on the order a function's locals die in; release resources explicitly."
# ---
class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def cell_slot():
    d = D("outer d")
    z = D("z")
    r = [lambda: d.name for d in map(D, "ab")]
    print("-- returning")


cell_slot()
print("-- done")
