# ---
# summary = "PyPy: a minor collection clears a weakref to a dead young object, but its callback waits for a major one"
# tags = ["weakref", "weakref-callback", "gc-automatic", "pypy-doc"]
# requires = ["py3-syntax", "finalizers", "weakref", "weakref-callbacks"]
# refs = [
#   "https://doc.pypy.org/en/latest/gc_info.html",
#   "https://github.com/pypy/pypy/blob/main/rpython/memory/gc/incminimark.py",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# PyPy allocates new objects in a nursery (1 MB here: the runner pins
# PYPY_GC_NURSERY=1M). Filling it with short-lived garbage runs a minor
# collection, which nulls weakrefs to dead young objects at once - but a
# weakref callback lives in a lifeline with a finalizer, and finalizers
# only run after a major collection, so the callback waits for
# gc.collect(). An object with __del__ always survives minor collections,
# so its weakref stays alive. CPython clears and calls everything when the
# temporaries die. (The churn keeps its garbage in a list for a while so
# that the JIT cannot optimize the allocations away; the objects are never
# stored in a module global, which was seen to keep an object out of
# PyPy's minor-collection clearing.)"""
# portable = "Do not expect a weakref's callback when the weakref is found dead: on PyPy it runs only at a major collection, so call gc.collect() before code that needs the callbacks to have run."
# ---
import gc
import weakref

class Plain:
    pass

class WithDel:
    def __del__(self):
        print("  WithDel.__del__")

def churn(n):
    batch = []
    for i in range(n):
        batch.append([i])
        if len(batch) > 100:
            batch = []
    return len(batch)

def weak_to_new(cls, callback):
    return weakref.ref(cls(), callback)

def show(when):
    print(when, "- plain dead:", r() is None, "| with-del dead:", rd() is None)

gc.collect()
r = weak_to_new(Plain, lambda ref: print("  callback ran"))
rd = weak_to_new(WithDel, None)
show("before churn")
churn(100000)
show("after churn")
gc.collect()
show("after gc.collect()")
