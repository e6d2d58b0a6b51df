# ---
# summary = "Is a weakref to the object still alive while its __del__ runs? Yes on CPython's refcount path only"
# tags = ["weakref", "finalizer", "cycle", "pypy-doc"]
# requires = ["py3-syntax", "finalizers", "weakref"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://peps.python.org/pep-0442/",
# ]
# explain = """
# PyPy doc: "before CPython 3.4, a weakref to x was always cleared before
# the x.__del__() method was called. Since CPython 3.4 the picture is more
# muddy. Often, the weakref is still alive while x.__del__() runs, but not
# always (e.g. not in case of reference cycles). In PyPy3 we have kept the
# more consistent pre-3.4 behavior". CPython's refcount path calls __del__
# first and clears weakrefs after; its cycle collector clears weakrefs
# before calling finalizers."""
# portable = "Do not use weakrefs to self inside __del__; pass what cleanup needs explicitly (weakref.finalize with its arguments)."
# ---
import gc
import weakref

class Watched:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, "- weakref alive:", refs[self.name]() is not None)

refs = {}
gc.collect()
a = Watched("acyclic")
refs["acyclic"] = weakref.ref(a)
del a
c = Watched("cyclic")
c.me = c
refs["cyclic"] = weakref.ref(c)
del c
gc.collect()
print("end")
