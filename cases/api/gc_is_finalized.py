# ---
# summary = "gc.is_finalized (3.9+) tells whether an object's __del__ has already run"
# tags = ["api", "api-presence", "gc-module", "resurrection", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.is_finalized"]
# explain = """
# CPython keeps a "finalized" bit per GC object so that __del__ runs at
# most once; 3.9 exposed it as gc.is_finalized. A resurrected object
# reports True. 3.8 and PyPy do not have the function."""
# portable = "Do not need gc.is_finalized (3.9+, CPython only): make __del__ idempotent with a flag of your own, such as `self.closed`."
# ---
import gc

saved = []

class Phoenix:
    def __del__(self):
        saved.append(self)

if not hasattr(gc, "is_finalized"):
    print("gc.is_finalized missing")
else:
    p = Phoenix()
    print("before:", gc.is_finalized(p))
    del p
    print("resurrected:", len(saved), "| finalized:", gc.is_finalized(saved[0]))
    print("plain object:", gc.is_finalized(object()))
