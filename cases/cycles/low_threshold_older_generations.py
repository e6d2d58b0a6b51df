# ---
# summary = "With a low generation-0 threshold a long loop collects generations 1 and 2, the oldest only when the long-lived objects have grown by a quarter"
# tags = ["cycles", "gc-automatic", "gc-module", "cycle", "version-dependent"]
# requires = ["py3-syntax", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.set_threshold",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# Each turn makes a self-referencing instance and two lists; with threshold
# 5 generation 0 is collected every few turns, generation 1 every tenth of
# those, and generation 2 every tenth of those, but only once the objects
# that have survived into generation 2 since its last collection are more
# than a quarter of those it held then (gc_collect_generations'
# long_lived_pending > long_lived_total / 4). The start-up's own objects
# (thousands: modules, functions, types) are in those totals, so the counts
# and what the last gc.collect() finds depend on how many the version's
# start-up leaves. 3.12+ collects at the eval breaker's checks, and 3.14's
# collector is incremental; PyPy has no thresholds."""
# portable = "Do not tune gc.set_threshold to decide when cycles die; call gc.collect() where they must be gone, or break the cycles yourself."
# ---
import gc


class Node:
    def __init__(self):
        self.me = self


gc.set_threshold(5)
for i in range(5217):
    n = Node()
    pair = [n, [n]]
print(gc.get_count(), gc.collect())
for i in range(5218):
    n = Node()
    pair = [n, [n]]
print(gc.get_count(), gc.collect())
gc.set_threshold(3, 2, 1)
for i in range(2000):
    n = Node()
    pair = [n, [n]]
print(gc.get_count(), gc.collect())
gc.set_threshold(50, 4, 3)
for i in range(20000):
    n = Node()
    pair = [n, [n]]
print(gc.get_count(), gc.collect())
