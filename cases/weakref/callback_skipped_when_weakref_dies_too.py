# ---
# summary = "An object holding a weakref to itself: CPython calls the callback on refcount death but not in a cycle; PyPy never"
# tags = ["weakref", "weakref-callback", "cycle", "pypy-doc"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://github.com/pypy/pypy/issues/2030",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# PyPy doc (issue #2030): when a weakref dies at about the same time as
# its object, CPython may still call the callback, PyPy never does. On
# CPython's refcount path subtype_dealloc clears the object's weakrefs
# (running callbacks) before it releases the attributes, so the weakref
# the object owns is still alive and its callback runs. In a garbage cycle
# handle_weakrefs skips callbacks of weakrefs that are themselves garbage.
# On PyPy the weakref and the object die in the same collection and the
# callback is dropped in both cases."""
# portable = "Do not let an object hold a weakref with a callback to itself; keep the weakref in a registry that outlives the object (weakref.finalize does this), so the callback runs everywhere."
# ---
import gc
import weakref

class Owner:
    def __init__(self, name):
        self.name = name
        self.self_ref = weakref.ref(self, lambda r: print("callback for", name))

gc.collect()
a = Owner("refcount-path")
del a
print("after del")
b = Owner("cycle-path")
b.me = b
del b
print("after del of cycle")
gc.collect()
print("after gc.collect()")
