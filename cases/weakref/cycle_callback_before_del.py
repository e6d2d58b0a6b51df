# ---
# summary = "An object with __del__ and a weakref callback: which runs first, and in which collection"
# tags = ["weakref", "weakref-callback", "finalizer", "cycle", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers", "weakref", "weakref-callbacks"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
#   "https://github.com/pypy/pypy/blob/main/pypy/module/_weakref/interp__weakref.py",
# ]
# explain = """
# CPython refcount path: __del__ first (the weakref still alive), then the
# weakref is cleared and its callback runs. Cycle path: handle_weakrefs
# clears weakrefs and runs their callbacks first, then finalize_garbage
# calls __del__. PyPy: the callbacks hang off a "lifeline" object that the
# finalizable object refers to, so __del__ runs at one collection and the
# callbacks only at the next."""
# portable = "Do not depend on whether __del__ or a weakref callback runs first, or in which collection; use one cleanup mechanism (an explicit close(), or weakref.finalize)."
# ---
import gc
import weakref

class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)

def on_gone(ref):
    print("  callback", names[ref])

names = {}
gc.collect()
a = Res("acyclic")
ra = weakref.ref(a, on_gone)
names[ra] = "acyclic"
c = Res("cyclic")
c.me = c
rc = weakref.ref(c, on_gone)
names[rc] = "cyclic"
print("del acyclic")
del a
print("del cyclic")
del c
for i in range(3):
    print("collect", i + 1)
    gc.collect()
