# ---
# summary = "gc.disable(): CPython still runs __del__ on refcount death; PyPy defers finalizers until gc.collect() or enable()"
# tags = ["finalizers", "finalizer", "gc-module", "cycle"]
# requires = ["py3-syntax", "finalizers", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.disable",
#   "https://doc.pypy.org/en/latest/gc_info.html",
# ]
# explain = """
# CPython's gc.disable() only stops automatic cycle collections: the
# acyclic object is finalized at del, and the cycle at the explicit
# gc.collect(). PyPy's gc.disable() "disables the major collections and
# the execution of finalizers"; an explicit gc.collect() still collects
# and runs the finalizers before returning."""
# portable = "Do not use gc.disable() and expect __del__ at `del`: release resources explicitly; if you disable the collector, re-enable it in finally."
# ---
import gc

class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

gc.collect()
gc.disable()
a = Res("acyclic")
del a
print("after del acyclic")
c = Res("cycle")
c.me = c
del c
print("after del cycle")
gc.collect()
print("after gc.collect() while disabled")
b = Res("later")
del b
print("after del later")
gc.enable()
print("after gc.enable()")
gc.collect()
print("after gc.collect()")
