# ---
# summary = "The seed's weakref example: weak() returns the object, then None once it is deleted"
# tags = ["weakref", "del", "seed", "pypy-doc"]
# requires = ["weakref"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The seed's example (plus a final gc.collect()). On CPython `del obj`
# frees the object and clears the weak reference at once, so weak() is
# None. PyPy doc: "weak references may stay alive for a bit longer than
# expected" - until the major collection that gc.collect() runs."""
# portable = "Always test `weak() is None` before using the referent, and call gc.collect() first if the code needs the object gone."
# ---
import gc
import weakref

class BigData:
    pass

obj = BigData()
weak = weakref.ref(obj)
print(weak())
del obj
print(weak())
gc.collect()
print(weak())
