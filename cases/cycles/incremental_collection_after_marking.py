# ---
# summary = "How many containers a program tracks before an automatic collection finds a garbage cycle, at four thresholds"
# tags = ["cycles", "gc-automatic", "gc-module", "cycle", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.set_threshold",
#   "https://github.com/python/cpython/blob/v3.14.2/InternalDocs/garbage_collector.md",
#   "https://github.com/python/cpython/issues/141890",
# ]
# explain = """
# After gc.collect(), a garbage cycle is made, then lists are kept one by
# one until a gc.callbacks "stop" reports something collected. The
# generational collector (3.8-3.13) finds the cycle at the first automatic
# collection, past the first threshold. 3.14.0-3.14.4's incremental
# collector marks what the roots reach at its first increment and collects
# nothing; it then owes that work back, counted twice (gh-141890), and each
# increment pays the young count plus a share of the heap (at most twice
# the young count): about 38,000 objects on Pyodide's start-up heap, so the
# cycle survives more than 12,000 lists at every threshold. PyPy has no
# gc.callbacks."""
# portable = "Never rely on when an automatic collection happens, nor on it finding garbage soon: call gc.collect() where a cycle must be gone."
# ---
import gc

found = []

def on_gc(phase, info):
    if phase == "stop" and info["collected"]:
        found.append(info["collected"])

if not hasattr(gc, "callbacks"):
    print("gc.callbacks missing")
else:
    for threshold in (3, 10, 50, 200):
        gc.collect()
        found.clear()
        cycle = []
        cycle.append(cycle)
        del cycle
        gc.callbacks.append(on_gc)
        gc.set_threshold(threshold)
        keep = []
        while not found:
            keep.append([])
        gc.set_threshold(2000)
        gc.callbacks.remove(on_gc)
        print("threshold", threshold, "-> found after", len(keep), "lists")
        del keep
print("end")
