# ---
# summary = "gc.get_stats() exists on both runtimes but returns different things"
# tags = ["api", "api-presence", "gc-module"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_stats",
#   "https://doc.pypy.org/en/latest/gc_info.html",
# ]
# explain = """
# CPython returns a list with one dict per generation (collections,
# collected, uncollectable). PyPy returns a GcStats object describing its
# memory (total_gc_memory, ...), so code indexing the result breaks."""
# portable = "Treat gc.get_stats() as runtime-specific diagnostics: check `sys.implementation.name` before indexing it as CPython's list of per-generation dicts."
# ---
import gc

stats = gc.get_stats()
print("type:", type(stats).__name__)
if isinstance(stats, list):
    print("generations:", len(stats))
    print("keys:", sorted(stats[0].keys()))
else:
    print("has total_gc_memory:", hasattr(stats, "total_gc_memory"))
