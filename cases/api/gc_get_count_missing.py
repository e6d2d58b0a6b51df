# ---
# summary = "gc.get_count() on PyPy raises AttributeError and ends the program"
# tags = ["api", "api-presence", "gc-module", "sys-exit"]
# requires = ["py3-syntax", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
#   "https://github.com/pypy/pypy/blob/main/pypy/module/gc/moduledef.py",
# ]
# explain = """
# Code that reads the generation counters works on CPython and stops with
# an uncaught AttributeError (exit status 1) on PyPy, which has no
# generation counters. On CPython the counters of the two older
# generations are 0 just after a full collection."""
# portable = "Guard gc.get_count() with `hasattr(gc, 'get_count')`: PyPy has no generation counters, and a program must not need them."
# ---
import gc

gc.collect()
counts = gc.get_count()
print("counters:", len(counts), "| older generations:", counts[1], counts[2])
print("done")
