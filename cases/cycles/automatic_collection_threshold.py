# ---
# summary = "With gc.set_threshold(100), allocations alone trigger a generation-0 collection at a predictable point"
# tags = ["cycles", "cycle", "gc-automatic", "gc-module", "finalizer", "version-dependent", "seed"]
# requires = ["py3-syntax", "finalizers", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.set_threshold",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# CPython counts allocations of GC-tracked objects (instances, lists,
# tuples, and up to 3.10 frames and instance dicts) minus their
# deallocations; when the count passes threshold 0, the next tracked
# allocation collects generation 0. The garbage cycle's __del__ therefore
# runs after a number of Leaf allocations that depends on what else the
# version allocated since gc.collect() reset the count. Up to 3.11 the
# collection runs inside the allocation itself; from 3.12 it is scheduled
# and runs at the next eval-breaker check. PyPy has no set_threshold; its
# major collections are driven by bytes allocated, and this small program
# never reaches one.
# Seed: "The GC runs automatically when the number of allocations minus
# deallocations in gen 0 exceeds the threshold (default 700)"."""
# portable = "Never time side effects by automatic collections; if cleanup must happen at a point, break the cycle or call close() there, and call gc.collect() explicitly where you need one."
# ---
import gc

seen = []

class Cyc:
    def __del__(self):
        seen.append(True)

class Leaf:
    pass

def allocate_until_collected(limit):
    keep = []
    for i in range(limit):
        keep.append(Leaf())
        if seen:
            return i
    return -1

if not hasattr(gc, "set_threshold"):
    print("gc.set_threshold missing")
else:
    gc.disable()
    gc.collect()
    gc.set_threshold(100)
    c = Cyc()
    c.me = c
    del c
    gc.enable()
    print("cycle collected at allocation", allocate_until_collected(500))
