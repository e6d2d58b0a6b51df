# ---
# summary = "A weakref to an object whose deallocation the trashcan deferred gives None, not the dying object"
# tags = ["weakref", "weakref-callback", "dealloc-order"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks", "weak-containers"]
# refs = [
#   "https://github.com/python/cpython/issues/60806",
#   "https://github.com/python/cpython/blob/3.11/Include/cpython/weakrefobject.h",
#   "https://github.com/python/cpython/blob/3.11/Lib/test/test_weakref.py",
# ]
# explain = """
# Dropping the root of a chain of 100 objects, each the value of a
# WeakKeyDictionary entry whose key is the one before, frees them inside
# each other's deallocation (the entry's removal callback drops the next); past the trashcan's depth the rest are deposited
# with a count of zero and their weakrefs not yet cleared. A weakref
# callback that runs meanwhile and calls another weakref to such an object
# must not get it back: PyWeakref_GET_OBJECT gives None once the count is
# zero (issue 16602, test_weakref's test_trashcan_16602, which crashed
# before). On PyPy nothing is freed until a collection, and the weakrefs
# are cleared together there."""
# portable = "A weakref callback must not count on other weakrefs to the objects dying around it: they may already be dead, or give None."
# ---
import gc
import weakref

seen = []

class C:
    def __init__(self, parent):
        if not parent:
            return
        wself = weakref.ref(self)
        def cb(wparent):
            o = wself()
            seen.append("none" if o is None else "object")
        self.wparent = weakref.ref(parent, cb)

d = weakref.WeakKeyDictionary()
root = c = C(None)
for n in range(100):
    d[c] = c = C(c)  # each object holds the next strongly, through d
del c
print("callbacks before dropping the root:", len(seen))
del root
gc.collect()
print("callbacks:", len(seen), "entries left:", len(d))
print("gave the object:", seen.count("object"), "gave None:", seen.count("none"))
