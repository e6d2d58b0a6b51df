# ---
# summary = "A class's __dict__ is a new read-only mappingproxy each time, and it keeps the class's dict alive"
# tags = ["refcount", "cycles", "gc-collect", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/types.html#types.MappingProxyType",
#   "https://docs.python.org/3/reference/datamodel.html#type.__dict__",
# ]
# explain = """
# `C.__dict__` makes a new mappingproxy over the class's own dict on every
# access (one more GC-tracked object in the count while it lives); it cannot
# be written through. The dict holds `__doc__` (None without a docstring),
# and from 3.13 `__firstlineno__` and `__static_attributes__`. A class is
# in a reference cycle with itself (its `__dict__` descriptor, its __mro__),
# so `del C` frees it only at a collection; a proxy kept elsewhere holds the
# dict, and what it holds, after the class is gone."""
# portable = "Read a class's attributes with getattr() or vars(), and do not keep a class's __dict__ proxy around past the class's life."
# ---
import gc

class Item:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)

class C:
    kept = Item("class attribute")
    def method(self):
        pass

print(type(C.__dict__).__name__, C.__dict__ is C.__dict__, C.__dict__ == C.__dict__)
print(list(C.__dict__))
print(repr(C.__dict__["__doc__"]), "kept" in C.__dict__, C.__dict__.get("missing", "default"))
try:
    C.__dict__["added"] = 1
except TypeError as e:
    print("TypeError:", e)

count = getattr(gc, "get_count", None)
if count:
    gc.collect()
    before = count()
    proxy = C.__dict__
    after = count()
    del proxy
    print("gen0 count for one proxy:", after[0] - before[0])

proxy = C.__dict__
del C
gc.collect()
print("after del C and gc.collect():", proxy["kept"].name)
del proxy
gc.collect()
print("after del proxy and gc.collect()")
