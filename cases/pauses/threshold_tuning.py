# ---
# summary = "Raising the first threshold trades many small collections for a few large ones"
# tags = ["pauses", "gc-automatic", "gc-module", "cycle", "realistic", "version-dependent"]
# requires = ["py3-syntax", "gc-callbacks", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.set_threshold",
#   "https://instagram-engineering.com/dismissing-python-garbage-collection-at-instagram-4dca40b29172",
# ]
# explain = """
# gc.set_threshold(threshold0) sets how many container allocations (minus
# deallocations) start a collection of generation 0. A service that raises
# it, as 3.13 did by default (700 to 2000), gets fewer pauses, each
# examining more objects: here 6,000 requests that each leave a cycle of
# two, first with threshold 700, then 7,000. What each collection finds
# depends on the version's object layout (to 3.10 an instance's __dict__ is
# an object of its own) and on where it runs (inside the allocation to
# 3.11, at the next eval-breaker check from 3.12). 3.14.0's incremental
# collector (Pyodide's 3.14.2) derives its young threshold and increments
# from the same setting. PyPy has no thresholds: its nursery size
# (PYPY_GC_NURSERY) plays that role."""
# portable = "Tune thresholds only as a measured CPython optimization, guarded with `hasattr(gc, 'set_threshold')`; correctness must not depend on when collections run."
# ---
import gc

collections = []


def count(phase, info):
    if phase == "stop":
        collections.append(info["collected"])


class Request:
    def __init__(self, number):
        self.number = number
        self.response = Response(self)


class Response:
    def __init__(self, request):
        self.request = request


default = gc.get_threshold()
for threshold in [700, 7000]:
    gc.collect()
    gc.set_threshold(threshold, default[1], default[2])
    gc.callbacks.append(count)
    for number in range(6000):
        Request(number)
    gc.callbacks.remove(count)
    gc.set_threshold(*default)
    found, collections = collections, []
    print("threshold", threshold, "collections:", len(found), "objects collected:", sum(found), "the largest:", max(found + [0]))
