# ---
# summary = "gc.freeze() moves everything to a permanent generation the collector ignores until unfreeze()"
# tags = ["cycles", "cycle", "gc-module", "finalizer", "api-presence", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.freeze"]
# explain = """
# CPython 3.7+: after gc.freeze() the garbage cycle is in the permanent
# generation, so gc.collect() neither finds nor finalizes it; unfreeze()
# puts it back in the oldest generation and the next collect frees it.
# PyPy has no freeze/unfreeze/get_freeze_count.
# (CPython 3.8-3.10 count each instance's __dict__ too, so their numbers
# are larger.)"""
# portable = "Guard gc.freeze/unfreeze with `hasattr(gc, 'freeze')` and use them only for fork's copy-on-write saving, never to keep garbage or its finalizers from running."
# ---
import gc

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

if not hasattr(gc, "freeze"):
    print("gc.freeze missing")
else:
    gc.collect()
    n = Node("frozen")
    n.me = n
    del n
    gc.freeze()
    print("frozen objects > 0:", gc.get_freeze_count() > 0)
    print("collect while frozen ->", gc.collect())
    gc.unfreeze()
    print("after unfreeze:", gc.get_freeze_count())
    print("collect ->", gc.collect())
print("end")
