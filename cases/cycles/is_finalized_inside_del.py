# ---
# summary = "Inside __del__, gc.is_finalized(self) is True when the collector runs it and False when a refcount death does"
# tags = ["cycles", "gc-module", "finalizer", "cycle", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.is_finalized",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# CPython marks an object finalized so that its __del__ runs at most once.
# The collector's finalize_garbage sets the mark before it calls __del__;
# a refcount death (PyObject_CallFinalizer) sets it after. So the same
# method sees a different answer depending on what is killing the object.
# gc.is_finalized exists from 3.9; PyPy has no such function."""
# portable = "Do not call gc.is_finalized in __del__ (3.9+, CPython only); keep a flag of your own (`self.closed = True`) to make cleanup run once."
# ---
import gc

class Watcher:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print(self.name, "-> is_finalized(self):", gc.is_finalized(self))

if not hasattr(gc, "is_finalized"):
    print("gc.is_finalized missing")
else:
    w = Watcher("refcount death")
    del w
    c = Watcher("in a cycle")
    c.me = c
    del c
    gc.collect()
print("end")
