# ---
# summary = "A cycle whose members have __del__ is collected; each __del__ runs once; gc.garbage stays empty"
# tags = ["cycles", "cycle", "finalizer", "finalizer-order", "gc-collect", "pypy-doc", "pypy-finalizer-order", "seed", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "weakref"]
# refs = [
#   "https://peps.python.org/pep-0442/",
#   "https://docs.python.org/3/library/gc.html#gc.garbage",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# PyPy doc: "if there is a dead cycle of objects referencing each other,
# their __del__ methods are called anyway; CPython would instead put them
# into the list garbage of the gc module" - true of CPython before 3.4.
# Since PEP 442 CPython calls every __del__ of the cycle in one collection
# (in the order the objects sit in the collector's list, here creation
# order), then frees the cycle, and gc.garbage stays empty. PyPy finalizes
# only one object of a strongly connected group per collection: the
# first-registered member at the first gc.collect(), the next at the
# second, and frees them after that.
# Seed story: linked objects "sometimes not cleaned up at all due to the
# presence of a destructor __del__" - true before 3.4, not since.
# (CPython 3.8-3.10 count each instance's __dict__ too, so their numbers
# are larger.)"""
# portable = "Do not put objects with __del__ in a cycle and expect their finalizers together: break the cycle (close() or a weak back-reference) before dropping it, and call gc.collect() repeatedly if you must wait on PyPy."
# ---
import gc
import weakref

class Peer:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

gc.collect()
a = Peer("a")
b = Peer("b")
a.other = b
b.other = a
ra = weakref.ref(a)
del a, b
for i in range(3):
    print("collect", i + 1, "->", gc.collect(), "| a alive:", ra() is not None)
print("gc.garbage:", gc.garbage)
