# ---
# summary = "A dying list releases its items last to first; clear() and slice deletion do too"
# tags = ["refcount", "dealloc-order", "del", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/listobject.c",
#   "https://docs.python.org/3/library/stdtypes.html#mutable-sequence-types",
# ]
# explain = """
# CPython's list_dealloc and list_clear walk the item array from the end
# (`while (--i >= 0) Py_XDECREF(item[i])`), and a slice deletion releases the
# removed items from the last one. pop() hands the item to the caller, so it
# dies only when the discarded result is dropped. On PyPy none of these
# objects die before gc.collect(), where they are finalized in the order
# PyPy's finalizer queue gives."""
# portable = "Close the items explicitly in the order you need (`for item in items: item.close()`) before dropping the list; the release order differs between runtimes."
# ---
import gc

class Item:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

items = [Item("a0"), Item("a1"), Item("a2"), Item("a3")]
print("del list")
del items

items = [Item("b0"), Item("b1"), Item("b2"), Item("b3"), Item("b4")]
print("del items[1:4]")
del items[1:4]
print("pop")
items.pop()
print("clear")
items.clear()
print("gc.collect()")
gc.collect()
print("end")
