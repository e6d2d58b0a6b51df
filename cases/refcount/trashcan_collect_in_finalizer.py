# ---
# summary = "A finalizer that runs gc.collect() while the trashcan holds deferred deallocations finds nothing to free"
# tags = ["refcount", "dealloc-order", "finalizer-order", "gc-collect"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/object.c",
#   "https://github.com/python/cpython/blob/3.11/Lib/test/test_gc.py",
# ]
# explain = """
# Dropping a 150-deep nesting of lists frees the outer 50 from inside each
# other's dealloc; deeper ones are deposited on the trashcan's list and freed
# when the outermost dealloc returns. A deposited object is untracked first
# (_PyTrash_thread_deposit_object asserts it), so a collection that a
# finalizer starts in between does not see objects whose count is already
# zero: it frees nothing, and every finalizer runs once, in the trashcan's
# order. (test_gc's test_trashcan does this with lists and dicts.) On PyPy
# the finalizers run at its next collections, in its order."""
# portable = "Do not rely on the order in which the finalizers of a dropped nested structure run, nor on gc.collect() returning a count (PyPy returns None)."
# ---
import gc

order = []
collected = []

class Ouch:
    def __init__(self, i):
        self.i = i

    def __del__(self):
        order.append(self.i)
        if len(order) % 17 == 0:
            collected.append(gc.collect())

def build(n):
    t = []
    for i in range(n):
        t = [t, Ouch(i)]
    return t

t = build(150)
del t
gc.collect()
print("finalized:", len(order), "distinct:", len(set(order)))
print("collected by the finalizers' gc.collect():", collected)
print("first ten:", order[:10])
