# ---
# summary = "del removes one name; the object lives until its last reference goes"
# tags = ["refcount", "del", "finalizer", "seed", "pypy-doc"]
# requires = ["finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/simple_stmts.html#the-del-statement",
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The seed's trick question: `del x` only removes the name x. On CPython the
# object is freed, and its __del__ runs, the moment the last reference (y)
# goes. PyPy has no reference counts: the object is only found dead by a
# major collection, so __del__ runs inside gc.collect() (PyPy doc: "the
# precise time at which __del__ methods are called ... is not reliable or
# timely")."""
# portable = "Release what an object holds with an explicit close() or a `with` block; `del` only unbinds a name, and __del__ may run much later (or never) on PyPy."
# ---
import gc

class A:
    def __del__(self):
        print("A freed")

x = A()
y = x
del x
print("after del x")
del y
print("after del y")
gc.collect()
print("after gc.collect()")
