# ---
# summary = "A finished generator releases its frame's locals even while the generator object lives on"
# tags = ["generators", "generator", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/expressions.html#generator-iterator-methods"]
# explain = """
# When a generator returns, CPython clears its frame, so a buffer held in
# a local dies right after the last item, although the generator object
# is still referenced. PyPy frees it at the next collection."""
# portable = "Release a generator's large locals yourself (`del buffer` or a `with` block inside it) before its last yield if memory matters; do not rely on exhaustion freeing them at once."
# ---
import gc

class Buffer:
    def __del__(self):
        print("  buffer freed")

def chunks():
    buf = Buffer()
    yield "c1"
    yield "c2"

g = chunks()
for c in g:
    print("chunk", c)
print("loop done, generator still referenced:", g is not None)
gc.collect()
print("after gc.collect()")
