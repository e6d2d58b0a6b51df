# ---
# summary = "tracemalloc.reset_peak() (3.9+) lowers the peak to the current size"
# tags = ["allocator", "tracemalloc", "api-presence", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/tracemalloc.html#tracemalloc.reset_peak"]
# explain = """
# Python 3.9 added tracemalloc.reset_peak(), to measure the peak of one
# phase of a program; 3.8 lacks it. PyPy has no _tracemalloc."""
# portable = "Check `hasattr(tracemalloc, 'reset_peak')` (3.9+) and otherwise restart tracing to measure a phase's peak; import tracemalloc inside `try` for PyPy."
# ---
try:
    import tracemalloc
except ImportError as e:
    print("tracemalloc:", type(e).__name__)
    raise SystemExit(0)

tracemalloc.start()
pairs = [(i, -i) for i in range(100000)]
del pairs
current, peak = tracemalloc.get_traced_memory()
print("peak above 10 times current:", peak > current * 10)
if hasattr(tracemalloc, "reset_peak"):
    tracemalloc.reset_peak()
    current, peak = tracemalloc.get_traced_memory()
    print("after reset_peak, peak below twice current:", peak < current * 2)
else:
    print("no tracemalloc.reset_peak")
tracemalloc.stop()
