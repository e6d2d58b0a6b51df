# ---
# summary = "tracemalloc: current memory falls when objects are freed, the peak remembers them"
# tags = ["allocator", "tracemalloc", "seed"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/tracemalloc.html#tracemalloc.get_traced_memory"]
# explain = """
# The seeds recommend tracemalloc over RSS: it traces the Python
# allocations themselves. A hundred thousand tuples are several MB of
# current traced memory; after del the current size is back near zero
# while the peak keeps the high-water mark. PyPy has no _tracemalloc."""
# portable = "Import tracemalloc inside `try`/`except ImportError` (PyPy has no _tracemalloc) and treat its numbers as a CPython-only diagnostic."
# ---
try:
    import tracemalloc
except ImportError as e:
    print("tracemalloc:", type(e).__name__)
    raise SystemExit(0)

tracemalloc.start()
pairs = [(i, -i) for i in range(100000)]
current, peak = tracemalloc.get_traced_memory()
print("with the tuples, current >= 5 MB:", current >= 5000000, "| peak >= current:", peak >= current)
del pairs
after, peak_after = tracemalloc.get_traced_memory()
print("after del, current below 10% of the peak:", after * 10 < peak_after)
print("after del, the peak still counts the tuples:", peak_after >= current)
tracemalloc.stop()
