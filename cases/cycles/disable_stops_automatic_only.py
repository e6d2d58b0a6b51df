# ---
# summary = "gc.disable() stops automatic collections; gc.collect() still works; reference counting is unaffected"
# tags = ["cycles", "cycle", "gc-module", "gc-automatic", "finalizer"]
# requires = ["py3-syntax", "finalizers", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.disable",
#   "https://doc.pypy.org/en/latest/gc_info.html",
# ]
# explain = """
# On CPython, with the collector disabled, 3000 allocations (well past the
# generation-0 threshold) do not free a garbage cycle, an object that loses
# its last reference still dies at once, and an explicit gc.collect()
# collects the cycle. On PyPy gc.disable() stops major collections and
# defers finalizers; gc.collect() still collects and runs them, so the
# acyclic object and the cycle are both finalized there."""
# portable = "Do not use gc.disable() to keep objects or finalizers alive: on PyPy it defers finalizers, on CPython reference counting still frees; if you disable it, re-enable it in finally and collect explicitly."
# ---
import gc

class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

class Leaf:
    pass

def churn(n):
    keep = []
    for i in range(n):
        keep.append(Leaf())
    return len(keep)

gc.collect()
gc.disable()
print("enabled:", gc.isenabled())
c = Res("cycle")
c.me = c
del c
print("allocated", churn(3000))
plain = Res("acyclic")
del plain
print("after del plain")
gc.collect()
print("after gc.collect()")
gc.enable()
print("enabled:", gc.isenabled())
