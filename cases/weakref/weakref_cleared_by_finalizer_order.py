# ---
# summary = "PyPy: whether a weakref to an object reachable from a finalizer is cleared depends on creation order"
# tags = ["weakref", "finalizer", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers", "weakref"]
# refs = [
#   "https://github.com/pypy/pypy/blob/main/rpython/memory/gc/incminimark.py",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# x refers to y; both have __del__; a weakref points to y. CPython frees
# both at del (x first), so the weakref is dead at once. PyPy finalizes x
# first and keeps y alive for the next collection. If x was created first,
# y is marked as kept-only-for-finalization and its weakrefs are cleared
# in the first collection. If y was created first, y's own pass over the
# finalizer list already made it reachable before x's pass, so its
# weakref survives the first collection and dies in the second."""
# portable = "Do not read weakrefs to objects that a finalizer may keep alive; notify observers from explicit close() calls instead."
# ---
import gc
import weakref

class N:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  del", self.name)

gc.collect()
for order in ["x first", "y first"]:
    if order == "x first":
        x = N("x")
        y = N("y")
    else:
        y = N("y")
        x = N("x")
    x.o = y
    ry = weakref.ref(y)
    del x, y
    print(order, "- y alive after del:", ry() is not None)
    gc.collect()
    print(order, "- y alive after collect 1:", ry() is not None)
    gc.collect()
    print(order, "- y alive after collect 2:", ry() is not None)
