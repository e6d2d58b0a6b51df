# ---
# summary = "Two nodes referring to each other survive del of both names until the cycle collector runs"
# tags = ["cycles", "cycle", "gc-collect", "seed", "version-dependent"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://github.com/python/cpython/blob/3.11/InternalDocs/garbage_collector.md",
# ]
# explain = """
# The seed's example: after `del n1, n2` each node still has a reference
# count of 1 (from the other), so reference counting alone never frees
# them; CPython's cycle collector finds them at gc.collect(), which returns
# the number of unreachable objects it found (2 on 3.11: the two instances,
# whose attribute values are stored inline; 4 up to 3.10, which counted
# each instance __dict__ too). PyPy frees them at the same gc.collect() but
# its gc.collect() returns None."""
# portable = "Break the cycle before dropping the nodes (`n1.other = None`) or make one link weak; then both runtimes free them without a collection, and do not depend on gc.collect()'s count."
# ---
import gc
import weakref

class Node:
    def __init__(self):
        self.ref = None

gc.collect()
n1 = Node()
n2 = Node()
n1.ref = n2
n2.ref = n1
r1 = weakref.ref(n1)
r2 = weakref.ref(n2)
del n1, n2
print("after del: alive", r1() is not None, r2() is not None)
print("gc.collect() ->", gc.collect())
print("after collect: alive", r1() is not None, r2() is not None)
