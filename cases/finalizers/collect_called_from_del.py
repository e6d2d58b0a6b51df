# ---
# summary = "A __del__ run by reference counting calls gc.collect(): CPython collects other garbage there"
# tags = ["finalizers", "finalizer", "finalizer-order", "gc-collect", "pypy-finalizer-order", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# On CPython the list's items die by reference counting (last to first)
# and b's __del__ calls gc.collect() outside any collection, so it really
# collects: the garbage cycle of L1 and L2 is finalized inside b's
# __del__. On PyPy all of a..e and the cycle wait for the outer
# gc.collect(); b's nested gc.collect() re-fires the finalizer queue, so
# the finalizers still queued behind b (d, e, c) run nested inside it, and
# only one member of the L1/L2 cycle is finalized in this collection.
# (CPython 3.8-3.10 count each instance's __dict__ too, so their numbers
# are larger.)"""
# portable = "Never call gc.collect() from __del__; if a program needs a collection, call it from ordinary code at a point of its choosing."
# ---
import gc

class N:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("enter", self.name)
        if self.name == "b":
            print("  inner collect ->", gc.collect())
        print("exit", self.name)

gc.collect()
l1 = N("L1")
l2 = N("L2")
l1.o = l2
l2.o = l1
del l1, l2
xs = [N("a"), N("b"), N("c"), N("d"), N("e")]
del xs
print("outer collect ->", gc.collect())
print("end")
