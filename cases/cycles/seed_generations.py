# ---
# summary = "The seed's look at the generations: get_count has three counters, get_threshold the thresholds"
# tags = ["cycles", "gc-module", "api-presence", "seed", "version-dependent"]
# requires = ["py3-syntax", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_threshold",
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
# ]
# explain = """
# CPython has three generations; the default thresholds are (700, 10, 10)
# up to 3.12 and (2000, 10, 10) from 3.13. The raw counters depend on what
# the interpreter allocated at startup, so only their number is printed.
# PyPy's GC is not organised this way: gc.get_count and gc.get_threshold do
# not exist, and the first call ends the program with AttributeError."""
# portable = "Guard gc.get_count and gc.get_threshold with `hasattr(gc, 'get_count')`; PyPy has no generations, and a program must run without them."
# ---
import gc

print(len(gc.get_count()))
print(gc.get_threshold())
gc.collect()
print("after collect, older generations:", gc.get_count()[1:])
