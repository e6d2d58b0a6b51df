# ---
# summary = "tracemalloc traces nothing before start() and forgets everything at stop()"
# tags = ["allocator", "tracemalloc"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/tracemalloc.html#tracemalloc.stop"]
# explain = """
# Allocations made before tracemalloc.start() are not traced, and stop()
# clears the traces: get_traced_memory() is (0, 0) outside tracing. Objects
# allocated before start() and freed while tracing do not lower the
# current size. PyPy has no _tracemalloc."""
# portable = "Start tracemalloc before the code you measure and read the numbers before stop(), and import it inside `try`/`except ImportError` for PyPy."
# ---
try:
    import tracemalloc
except ImportError as e:
    print("tracemalloc:", type(e).__name__)
    raise SystemExit(0)

print("before start:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
early = [(i, -i) for i in range(100000)]
tracemalloc.start()
del early
current, peak = tracemalloc.get_traced_memory()
print("freeing untraced objects, current below 1 MB:", current < 1000000)
late = [(i, -i) for i in range(100000)]
current, peak = tracemalloc.get_traced_memory()
print("tracing, current >= 5 MB:", current >= 5000000)
tracemalloc.stop()
print("after stop:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
