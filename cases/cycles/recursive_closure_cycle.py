# ---
# summary = "A nested function that calls itself is a cycle through its closure cell and keeps captured data alive"
# tags = ["cycles", "cycle", "closure", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/executionmodel.html#binding-of-names"]
# explain = """
# `walk` refers to itself through a cell of the enclosing scope: function
# -> closure tuple -> cell -> function. Whatever else the closure captured
# (here a large buffer object) survives the return of the outer function on
# CPython until the cycle collector runs. PyPy frees it at gc.collect() as
# well; only the absence of an early free is shared, the count differs."""
# portable = "Avoid a nested function that calls itself through the enclosing scope; pass the function as an argument or make it a module-level function, so that what it captured is freed at return."
# ---
import gc

class Buffer:
    def __del__(self):
        print("buffer freed")

def count_nodes(tree):
    buf = Buffer()
    def walk(node):
        n = 1
        for child in node:
            n = n + walk(child)
        return n
    return walk(tree)

gc.collect()
print("nodes:", count_nodes([[], [[]], []]))
print("after the call")
print("gc.collect() ->", gc.collect())
print("end")
