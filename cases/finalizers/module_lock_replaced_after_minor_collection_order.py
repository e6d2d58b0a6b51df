# ---
# summary = "On PyPy, a second import of the same module after a minor collection silences the first import's lock callback, and the order of the next collection's finalizers changes"
# tags = ["finalizers", "finalizer", "finalizer-order", "file", "pypy-finalizer-order", "fuzz-regression"]
# requires = ["py3-syntax", "finalizers", "files"]
# refs = [
#   "https://github.com/pypy/pypy/blob/release-pypy3.9-v7.3.11/lib-python/3/importlib/_bootstrap.py",
#   "https://github.com/pypy/pypy/blob/release-pypy3.9-v7.3.11/rpython/memory/gc/incminimark.py",
# ]
# explain = """
# CPython frees each group of three when its list dies, last to first.
# PyPy runs them at gc.collect(); the first finalizer to run Python code
# runs the other queued ones nested inside it (2 3 1), unless the weakref
# callback of an importlib module lock comes first and absorbs the nesting
# (1 2 3). open() in text mode without an encoding imports _bootlocale and
# so takes the lock of that module. importlib keeps one weakref per module
# name: the lock is garbage at once, and the next minor collection clears
# the weakref. Until then a second import uses the same lock again; after
# it, the second import makes a new lock whose weakref replaces the old
# one, the old weakref dies, and the old lock's callback is never called.
# The new lock's callback comes after the three objects, so the order is
# 2 3 1. A lock of another module replaces nothing: 1 2 3."""
# portable = "Never depend on the order of finalizers; close objects explicitly when order matters."
# ---
# Found by memconform fuzz (seeds 471097 and 471309 against pypy3, shrunk).
import gc


class Finalized:
    def __init__(self, label):
        self.label = label

    def __del__(self):
        print("del", self.label)


def drop_three(prefix):
    [Finalized(prefix + str(i)) for i in (1, 2, 3)]


def garbage(n):
    for i in range(n):
        [i, i]


def write(path):
    with open(path, "w") as f:
        f.write("text\n")


gc.collect()  # runs what PyPy's startup left pending
print("-- a minor collection between two opens")
write("a1.txt")
drop_three("a")
garbage(100000)
write("a2.txt")
gc.collect()
print("-- no collection between two opens")
write("b1.txt")
drop_three("b")
write("b2.txt")
gc.collect()
print("-- a minor collection, then another module's import")
write("c1.txt")
drop_three("c")
garbage(100000)
__import__("gc")
gc.collect()
print("-- end")
