# ---
# summary = "A comprehension used as a statement: whether its discarded list or its last loop value dies first (3.13+: the list)"
# tags = ["refcount", "temporaries", "dealloc-order", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0709/",
#   "https://github.com/python/cpython/blob/3.13/Python/flowgraph.c",
# ]
# explain = """
# The statement builds a list it throws away, and its loop variable ends
# holding the last value. To 3.11 the comprehension is a function, whose
# frame drops the loop value as it returns, before the statement drops the
# list. 3.12 inlines it (PEP 709) and puts the saved outer value back
# before the list is dropped: the same order. From 3.13 the statement's
# POP_TOP takes the line of the restore before it when the optimizer
# reorders stores (apply_static_swaps), so the list goes first, then the
# loop value, at module level, in a function and for a parameter rebound
# by the comprehension alike. PyPy frees neither before gc.collect()."""
# portable = "Do not let finalizers run by a comprehension's leftovers matter; use a for loop when the order of releases does."
# ---
class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def in_function():
    v = None
    [D("item") for v in [D("loop")]]
    print("after the statement in a function")


def rebinds_parameter(p):
    [D("item") for p in [D("loop")]]
    print("after the statement that rebinds a parameter")


in_function()
rebinds_parameter(None)
[D("item") for w in [D("loop")]]
print("after the statement at module level")
