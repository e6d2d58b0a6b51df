# ---
# summary = "f(1, *args) of a Python function that collects: whether the call's argument tuple was freed before the collection emptied the free lists"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts"]
# refs = ["https://github.com/python/cpython/blob/3.12/Python/bytecodes.c"]
# explain = """
# Found by running pyperformance's gc_traversal through a stand-in for
# pyperf (Runner.bench_time_func calls `func(1, *args)`). CALL_FUNCTION_EX
# builds the tuple (1, *args); from 3.12 a Python function gets its frame
# pushed with the items and the tuple is freed before the callee runs, so
# a gc.collect() in the callee (a full collection empties the free lists)
# finds it already on the tuple free list and drops it, and the next
# 2-tuple made after the call is a new allocation. Up to 3.11 the tuple
# lives until the call returns, then goes to the free list, and the next
# 2-tuple reuses it without moving the count."""
# portable = "Do not rely on gc.get_count() right after a call that collected."
# ---
import gc


def call_star(name, func, *args):
    func(1, *args)
    pair = (name, gc)
    return gc.get_count()[0]


def collect(loops, n):
    gc.collect()
    return 0


print(call_star("x", collect, 5))
print(call_star("x", collect, 5))
