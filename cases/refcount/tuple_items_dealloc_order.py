# ---
# summary = "A dying tuple releases its items last to first"
# tags = ["refcount", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/tupleobject.c"]
# explain = """
# tupledealloc walks its items from the end, like lists. The tuple built for
# a multiple assignment's right-hand side is unpacked and then dropped
# without freeing anything, because the names now hold the items. PyPy
# frees nothing before gc.collect()."""
# portable = "Do not depend on when or in which order a tuple's items die; close them explicitly before the tuple is dropped."
# ---
import gc

class Item:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

pair = (Item("t0"), Item("t1"), Item("t2"))
print("del tuple")
del pair
first, second = Item("u0"), Item("u1")
print("unpacked")
del second, first
print("del second, first")
nested = (Item("outer"), (Item("inner0"), Item("inner1")))
nested = None
print("nested dropped")
gc.collect()
print("after gc.collect()")
