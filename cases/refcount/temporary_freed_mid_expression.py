# ---
# summary = "A temporary dies in the middle of the expression that created it"
# tags = ["refcount", "temporaries", "finalizer", "dealloc-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://github.com/python/cpython/blob/3.11/Python/ceval.c",
# ]
# explain = """
# CPython drops the temporary Node as soon as the attribute load has replaced
# it on the value stack, before print runs, so "freed" comes first. The
# list built as an argument dies after len() returns, items last to first.
# PyPy keeps all of them until gc.collect()."""
# portable = "Do not rely on a temporary being freed within its expression; bind it to a name in a `with` statement if its cleanup must happen at a point."
# ---
import gc

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)

print(Node("t").name)
print(len([Node("a"), Node("b")]))
print(Node("x").name + Node("y").name)
result = Node("kept").name.upper()
print(result)
gc.collect()
print("after gc.collect()")
