# ---
# summary = "A chain a->b->c of objects with __del__: CPython finalizes outermost first at once, PyPy one link per collection"
# tags = ["finalizers", "finalizer", "finalizer-order", "pypy-doc", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# On CPython the head dies by reference count, its __del__ runs, then its
# attribute is released and the next one dies, and so on, in one cascade.
# PyPy never calls the finalizer of an object reachable from another
# object whose finalizer has not run yet: it keeps b alive until a's
# finalizer has run, and the next collection can finalize b. A chain of N
# finalizable objects takes N collections - PyPy doc: "if you have a long
# chain of objects, each with a reference to the next one, and each with a
# __del__, PyPy's GC will perform badly". The creation order of the links
# does not matter."""
# portable = "Do not chain objects that each have __del__; give the head a close() that closes the rest in the order you need, and call it explicitly."
# ---
import gc

class N:
    def __init__(self, name, nxt=None):
        self.name = name
        self.nxt = nxt
    def __del__(self):
        print("  del", self.name)

gc.collect()
c = N("c")
b = N("b", c)
a = N("a", b)
print("created c, b, a; del a, b, c")
del a, b, c
for i in range(4):
    print("collect", i + 1)
    gc.collect()
a = N("a")
b = N("b")
c = N("c")
a.nxt = b
b.nxt = c
print("created a, b, c; del c, b, a")
del c, b, a
for i in range(4):
    print("collect", i + 1)
    gc.collect()
