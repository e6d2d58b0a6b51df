# ---
# summary = "gc.callbacks show each automatic collection: which generation, at which allocation, what it found"
# tags = ["cycles", "gc-automatic", "gc-module", "cycle", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.callbacks",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# After gc.collect() the counts are zero, and each object kept adds one to
# generation 0. CPython 3.11 collects inside the allocation that takes the
# count past threshold 0 (here 50), so the callbacks run in the middle of
# the loop's `Leaf()`; every 3rd collection (threshold 1 is 2) is one of
# generation 1, which also collects generation 0. The garbage cycle made
# before the loop is found by the first collection. What the callbacks
# themselves allocate counts toward the next collection. 3.12 runs the
# collection at the next check of the eval breaker instead, which is here
# still in the same iteration; up to 3.10 an instance's __dict__ was an
# object of its own, so the cycle is 2 objects and the counts shift. 3.14's
# incremental collector runs young-plus-increment collections (reported
# as generation 1). PyPy has no gc.callbacks."""
# portable = "Use gc.callbacks only to observe CPython's collector (guard with `hasattr(gc, 'callbacks')`) and never make program behavior depend on when automatic collections happen."
# ---
import gc

events = []
i = -1

def on_gc(phase, info):
    events.append((phase, info["generation"], info["collected"], i))

class Leaf:
    pass

if not hasattr(gc, "callbacks"):
    print("gc.callbacks missing")
else:
    gc.disable()
    gc.collect()
    gc.set_threshold(50, 2, 100)
    garbage = Leaf()
    garbage.me = garbage
    del garbage
    gc.callbacks.append(on_gc)
    gc.enable()
    keep = []
    for i in range(400):
        keep.append(Leaf())
    gc.disable()
    gc.callbacks.remove(on_gc)
    for phase, generation, collected, at in events:
        print(phase, "generation", generation, "collected", collected, "at allocation", at)
print("end")
