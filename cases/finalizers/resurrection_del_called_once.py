# ---
# summary = "A __del__ that stores self resurrects the object; __del__ is not called again when it dies later"
# tags = ["finalizers", "finalizer", "resurrection", "pypy-doc"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0442/",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# PyPy doc: "if an object has a __del__, the __del__ is never called more
# than once in PyPy; but CPython will call the same __del__ several times
# if the object is resurrected and dies again (at least it is reliably so
# in older CPythons; newer CPythons try to call destructors not more than
# once)". Since PEP 442 (3.4) CPython marks a GC-tracked object finalized,
# so the second death runs no __del__ on either runtime; they differ in
# when the first __del__ runs."""
# portable = "Do not resurrect objects in __del__; release or recycle them by explicit calls, and treat __del__ as running at most once, at an unknown time."
# ---
import gc

graveyard = []

class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
        graveyard.append(self)

p = Phoenix("bird")
del p
print("after del; resurrected:", [x.name for x in graveyard])
gc.collect()
print("after collect 1; resurrected:", [x.name for x in graveyard])
graveyard.clear()
print("graveyard cleared")
gc.collect()
print("after collect 2")
