# ---
# summary = "gc.set_debug(gc.DEBUG_COLLECTABLE) prints each object of the garbage found, in the collector's list order"
# tags = ["cycles", "gc-module", "gc-collect", "cycle", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.DEBUG_COLLECTABLE",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# With DEBUG_COLLECTABLE the collector writes "gc: collectable <type
# address>" to stderr for every object it found unreachable, before it runs
# any weakref callback or finalizer. The list shows what the collector
# counts: up to 3.10 each instance's __dict__ appears as a dict of its own;
# from 3.11 an instance has none until its __dict__ is asked for. PyPy has
# no gc.set_debug."""
# portable = "Use gc.DEBUG_COLLECTABLE only as a CPython debugging aid, guarded by `hasattr(gc, 'set_debug')`, and never parse its output; it lists each version's internal objects."
# ---
import gc

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

if not hasattr(gc, "set_debug"):
    print("gc.set_debug missing")
else:
    gc.collect()
    a = Node("a")
    b = Node("b")
    a.next = b
    b.next = [a]
    del a, b
    gc.set_debug(gc.DEBUG_COLLECTABLE)
    print("collect ->", gc.collect())
    gc.set_debug(0)
print("end")
