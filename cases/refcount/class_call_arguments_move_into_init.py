# ---
# summary = "From 3.13 a specialized class call moves its arguments into __init__'s frame: they die with __init__'s locals, and sys.getrefcount inside __init__ sees no tuple and no caller's copy"
# tags = ["refcount", "dealloc-order", "temporaries", "getrefcount", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Python/bytecodes.c",
#   "https://github.com/python/cpython/blob/3.13/Python/specialize.c",
# ]
# explain = """
# A class call runs type.__call__: the arguments are packed in a tuple,
# the instance is made, and __init__ gets them from the tuple while the
# caller's stack keeps its own references until the call returns. From
# 3.13 the specializing interpreter rewrites a call site of such a class,
# at its second run, to CALL_ALLOC_AND_ENTER_INIT: the instance is made,
# the class's reference leaves the stack, and the instance and the
# arguments move into __init__'s frame as a function call's arguments do.
# A temporary argument then dies when __init__'s frame drops its locals,
# before the locals after it; before, it died after all of them, when the
# caller's stack was popped. Each run below uses its own call site, run
# three times. 3.14 borrows the caller's references (LOAD_FAST_BORROW), so
# its counts are lower again. PyPy has no sys.getrefcount and frees
# nothing at once."""
# portable = "Do not rely on when a temporary passed to a constructor dies, nor on sys.getrefcount inside __init__; keep what must outlive the call in a name."
# ---
import sys


class Temp:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("free", self.name)


class Node:
    def __init__(self, value):
        local = Temp("local of __init__")
        print("in __init__")


def make_node(run):
    return Node(Temp("argument %d" % run))


for run in range(3):
    make_node(run)
    print("returned", run)


class Counted:
    def __init__(self, a, b):
        self.counts = (sys.getrefcount(self), sys.getrefcount(Counted), sys.getrefcount(a), sys.getrefcount(b))


def make_counted(a):
    return Counted(a, [])


if hasattr(sys, "getrefcount"):
    kept = object()
    print("counts in __init__", [make_counted(kept).counts for run in range(3)])
