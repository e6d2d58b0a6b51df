# ---
# summary = "A three-object cycle with __del__ on each: CPython runs all three at once, PyPy one per collection"
# tags = ["cycles", "cycle", "finalizer", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0442/",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# CPython calls the finalizers of a garbage cycle in the order of its
# collector list (creation order) in a single collection. PyPy's ordering
# rule finalizes one member of a strongly connected component per major
# collection - the one registered earliest - so the cycle x->y->z->x
# created z, y, x is finalized z, then y, then x over three collections."""
# portable = "Do not rely on finalizers of a cycle running together or in an order; close each object explicitly in the order you need before dropping the cycle."
# ---
import gc

class N:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)

gc.collect()
z = N("z")
y = N("y")
x = N("x")
x.o = y
y.o = z
z.o = x
del x, y, z
for i in range(4):
    print("collect", i + 1)
    gc.collect()
