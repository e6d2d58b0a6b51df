# ---
# summary = "gc.set_debug(gc.DEBUG_SAVEALL) puts collected cycles into gc.garbage instead of freeing them"
# tags = ["cycles", "cycle", "gc-module", "gc-collect", "api-presence", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.DEBUG_SAVEALL"]
# explain = """
# With DEBUG_SAVEALL CPython still finds the cycle and still runs its
# __del__, but appends every unreachable object to gc.garbage instead of
# clearing it, so the objects stay alive and inspectable. PyPy has no
# set_debug or DEBUG_* flags; its gc.garbage is always an empty list.
# (CPython 3.8-3.10 also save and count the instance's __dict__.)"""
# portable = "Use DEBUG_SAVEALL only to inspect leaks on CPython (guard with `hasattr(gc, 'DEBUG_SAVEALL')`), clear gc.garbage and reset the flag afterwards, and never rely on gc.garbage being filled."
# ---
import gc

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

if not hasattr(gc, "set_debug"):
    print("gc.set_debug missing; gc.garbage =", gc.garbage)
else:
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    n = Node("saved")
    n.me = n
    del n
    print("collect ->", gc.collect())
    print("garbage:", [type(o).__name__ for o in gc.garbage])
    print("still alive:", gc.garbage[0].name)
    gc.set_debug(0)
    gc.garbage.clear()
    print("garbage cleared; collect ->", gc.collect())
print("end")
