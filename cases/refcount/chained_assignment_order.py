# ---
# summary = "Chained and tuple assignment store left to right, freeing old values in that order"
# tags = ["refcount", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/simple_stmts.html#assignment-statements"]
# explain = """
# `a = b = None` stores into a, then b, so the old value of a dies first.
# `x, y = y, x` swaps without freeing anything. Augmented assignment on a
# list mutates it in place. PyPy frees nothing before gc.collect()."""
# portable = "Do not tie side effects to when an old value is released by an assignment; release resources with explicit close() calls before rebinding."
# ---
import gc

class Obj:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

a = Obj("a")
b = Obj("b")
b = a = None
print("-- b = a = None")
x, y = Obj("x"), Obj("y")
x, y = y, x
print("-- swapped:", x.name, y.name)
y, x = None, None
print("-- y, x = None, None")
acc = [Obj("acc0")]
acc += [Obj("acc1")]
print("-- acc has", len(acc))
acc = acc[1:]
print("-- acc sliced")
acc = None
print("-- acc dropped")
gc.collect()
print("after gc.collect()")
