# ---
# summary = "As a long-lived cache grows, full collections come further and further apart: each waits until a quarter more objects have survived"
# tags = ["pauses", "gc-automatic", "gc-freeze", "gc-module", "realistic", "version-dependent"]
# requires = ["py3-syntax", "gc-callbacks", "gc-counts"]
# timeout = "long"  # Pyodide: tens of thousands of objects at threshold 100, over 30 s on a loaded machine
# refs = [
#   "https://github.com/python/cpython/blob/3.13/InternalDocs/garbage_collector.md",
#   "https://github.com/python/cpython/blob/3.12/Modules/gcmodule.c",
# ]
# explain = """
# A full collection examines every tracked object, so its pause grows with
# the heap. To keep the total work linear, CPython runs one only when the
# objects that have reached the oldest generation since the last one are at
# least a quarter of those that were there (long_lived_pending against
# long_lived_total), besides the count of generation-1 collections passing
# its threshold. A service whose cache grows sees full collections at
# regular steps while the cache is small, then at steps that grow with it.
# The start-up's objects are frozen first (gc.freeze), so that the
# quarter is of the cache only, and thresholds lowered to 100, 5, 5 so that
# a short run shows it. 3.14.0's incremental collector (Pyodide's 3.14.2)
# runs no full collection by itself. PyPy has no gc.freeze or gc.callbacks:
# its major collections start when the old generation has grown by a
# factor (PYPY_GC_MAJOR_COLLECT, 1.82 by default)."""
# portable = "Keep the heap of a latency-sensitive service small, or freeze what is permanent (CPython 3.7, after `hasattr(gc, 'freeze')`); never rely on when full collections run."
# ---
import gc

sizes_at_full_collections = []


def watch(phase, info):
    if phase == "start" and info["generation"] == 2:
        sizes_at_full_collections.append(len(cache))


class Entry:
    pass


if not hasattr(gc, "freeze"):
    print("gc.freeze missing")
else:
    gc.collect()
    gc.freeze()
    default = gc.get_threshold()
    cache = {}
    gc.set_threshold(100, 5, 5)
    gc.callbacks.append(watch)
    for key in range(60000):
        cache[key] = Entry()
    gc.callbacks.remove(watch)
    gc.set_threshold(*default)
    print("cache sizes at the full collections:", sizes_at_full_collections)
    steps = [later - earlier for earlier, later in zip([0] + sizes_at_full_collections, sizes_at_full_collections)]
    print("steps between them:", steps)
