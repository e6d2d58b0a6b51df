# ---
# summary = "Which allocator tools a runtime has: getallocatedblocks, _debugmallocstats, getsizeof, tracemalloc, gc.freeze"
# tags = ["allocator", "api-presence", "seed"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.getallocatedblocks",
#   "https://docs.python.org/3/library/tracemalloc.html",
#   "https://doc.pypy.org/en/latest/cpython_differences.html",
# ]
# explain = """
# The seeds say to use the right tools (gc, tracemalloc) rather than read
# RSS alone. CPython has all of them; PyPy has no pymalloc, so no
# sys.getallocatedblocks or sys._debugmallocstats, a sys.getsizeof that
# always raises TypeError, no _tracemalloc (import tracemalloc fails) and no
# gc.freeze. Pyodide has every name, but is built without pymalloc
# (see blocks_follow_objects)."""
# portable = "Test each tool before using it (`hasattr(sys, 'getallocatedblocks')`, `hasattr(gc, 'freeze')`, `try: import tracemalloc`) and fall back to the gc module's counts; never assume pymalloc is there."
# ---
import gc
import sys

print("sys.getallocatedblocks:", hasattr(sys, "getallocatedblocks"))
print("sys._debugmallocstats:", hasattr(sys, "_debugmallocstats"))
try:
    sys.getsizeof(1.0)
    print("sys.getsizeof: answers")
except TypeError:
    print("sys.getsizeof: raises TypeError")
print("gc.freeze:", hasattr(gc, "freeze"))
try:
    import tracemalloc

    print("tracemalloc: imports; reset_peak:", hasattr(tracemalloc, "reset_peak"))
except ImportError as e:
    print("tracemalloc:", type(e).__name__)
