# ---
# summary = "gc.set_threshold(n) moves the automatic collection to the n+1-th tracked allocation after gc.collect(); threshold 0 turns it off"
# tags = ["cycles", "gc-automatic", "gc-module", "cycle", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.set_threshold",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# gc.collect() sets the generation-0 count to zero and empties the free
# lists; each container allocated afterwards adds one. When an allocation
# takes the count past threshold 0, CPython collects generation 0 inside
# that allocation (3.12+: at the next eval-breaker check), and the garbage
# cycle's __del__ runs. A threshold of 0 disables automatic collection
# entirely, as gc.disable() does. The allocations before the loop (the
# argument tuple of set_threshold, the cycle, the list) count too. CPython
# 3.14's incremental collector (young collections that only look at part of
# the heap) does not find the cycle within 300 allocations. PyPy has no
# set_threshold."""
# portable = "Do not tune gc.set_threshold to make finalizers run at a point (PyPy has none); call gc.collect() explicitly where the cycle must be gone, or break it yourself."
# ---
import gc

found = []

class Cycle:
    def __del__(self):
        found.append(True)

class Leaf:
    pass

def allocation_that_collects(threshold, limit):
    gc.collect()
    gc.set_threshold(threshold)
    c = Cycle()
    c.me = c
    del c
    found.clear()
    keep = []
    for n in range(limit):
        keep.append(Leaf())
        if found:
            return n
    return None

if not hasattr(gc, "set_threshold"):
    print("gc.set_threshold missing")
else:
    for threshold in (10, 25, 100, 0):
        print("threshold", threshold, "-> collected at allocation", allocation_that_collects(threshold, 300))
    gc.set_threshold(700, 10, 10)
    gc.collect()
print("end")
