# ---
# summary = "A __del__ that resurrects its cycle: the collector frees nothing else and never calls __del__ again"
# tags = ["cycles", "cycle", "resurrection", "finalizer", "gc-collect", "version-dependent", "pypy-doc"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0442/",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# A __del__ may store self somewhere reachable. CPython 3.9+ notices the
# resurrection (handle_resurrected_objects), keeps the resurrected objects
# and collects the rest of the batch in the same pass; 3.8 gave up on the
# whole batch until the next collection. The FINALIZED flag means __del__
# is not called again when the object dies for real. PyPy too calls
# __del__ at most once ("the __del__ is never called more than once in
# PyPy"), and returns None from gc.collect()."""
# portable = "Do not resurrect objects from __del__; keep reusable objects in an explicit pool that the code returns them to, and count on __del__ running at most once."
# ---
import gc

saved = []

class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
        saved.append(self)

gc.collect()
p = Phoenix("phoenix")
p.me = p
junk = []
junk.append(junk)
del p, junk
print("collect 1 ->", gc.collect())
print("saved:", [s.name for s in saved])
saved.clear()
print("collect 2 ->", gc.collect())
print("collect 3 ->", gc.collect())
print("end")
