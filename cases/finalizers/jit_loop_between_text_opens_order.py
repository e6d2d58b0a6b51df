# ---
# summary = "On PyPy, a loop long enough for the JIT between two text open()s changes the order of the next collection's finalizers"
# tags = ["finalizers", "finalizer", "finalizer-order", "file", "pypy-finalizer-order", "fuzz-regression"]
# requires = ["py3-syntax", "finalizers", "files"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# CPython frees each group of three when its list dies, last to first.
# PyPy runs them at gc.collect(), and the first finalizer to run Python
# code runs the other queued ones nested inside it (2 3 1), unless a weakref
# callback of an importlib module lock comes first and absorbs the nesting
# (1 2 3): open() in text mode without an encoding imports _bootlocale and
# leaves one (finalizers/text_open_and_later_order). Here the second open()
# comes after a loop: after a short one the order is 1 2 3, after one long
# enough for PyPy's JIT to compile it, 2 3 1."""
# portable = "Never depend on the order of finalizers; close objects explicitly when order matters."
# ---
# Found by memconform fuzz (seed 341356 against pypy3, shrunk).
import gc


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def make_three(prefix):
    items = [Named(prefix + "1"), Named(prefix + "2"), Named(prefix + "3")]


def spin(n):
    for i in range(n):
        pass


def round(prefix, turns):
    with open(prefix + "1.txt", "w") as f:
        f.write("text\n")
    make_three(prefix)
    spin(turns)
    with open(prefix + "2.txt", "w") as f:
        f.write("text\n")
    gc.collect()


gc.collect()  # runs what PyPy's startup left pending
print("-- a short loop")
round("a", 20)
print("-- a loop the JIT compiles")
round("b", 2000)
print("-- end")
