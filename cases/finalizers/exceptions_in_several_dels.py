# ---
# summary = "Two finalizers raise during one collection: both are reported, the collection completes"
# tags = ["finalizers", "finalizer", "unraisable", "cycle", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# Each exception escaping a __del__ is reported with "Exception ignored in:"
# and the next finalizer still runs; gc.collect() returns normally. CPython
# runs a then b (both die by reference count when the list goes). PyPy runs
# them at gc.collect(), in its queue order."""
# portable = "Do not let __del__ raise, and do not depend on the order of finalizers; close objects explicitly where errors can be handled."
# ---
import gc

class Bad:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("finalizing", self.name)
        raise ValueError("boom " + self.name)

gc.collect()
xs = [Bad("a"), Bad("b")]
del xs
print("after del")
gc.collect()
print("after gc.collect()")
