# ---
# summary = "In a retry loop, each caught exception and the locals of its failed attempt are freed at the end of the handler"
# tags = ["exceptions", "traceback", "finalizer", "dealloc-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/compound_stmts.html#except-clause"]
# explain = """
# At the end of each except block the `as` name is deleted and the
# exception, its traceback and the failed attempt's frame are released, so
# on CPython each attempt's resource is freed before the next attempt
# starts. On PyPy all of them wait for gc.collect()."""
# portable = "Close each attempt's resource in `with` or `finally` inside the retry loop; do not rely on the end of the handler to free it, which on PyPy waits for a collection."
# ---
import gc

class Attempt:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("  attempt", self.n, "freed")

def try_once(n):
    a = Attempt(n)
    if n < 3:
        raise RuntimeError("attempt %d failed" % n)
    return "ok on attempt %d" % n

for n in range(1, 4):
    try:
        print(try_once(n))
    except RuntimeError as e:
        print("retry after:", e)
print("loop done")
gc.collect()
print("after gc.collect()")
