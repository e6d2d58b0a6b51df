# ---
# summary = "CPython collects garbage cycles at exit even after gc.disable(); PyPy does not collect at exit"
# tags = ["shutdown", "cycle", "finalizer", "gc-module", "pypy-doc"]
# requires = ["py3-syntax", "finalizers", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.disable",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# gc.disable() only turns off automatic collections; the collection that
# CPython's finalization runs is not automatic, so the cycle's __del__
# still runs at exit. PyPy never collects at exit."""
# portable = "Do not rely on the exit-time collection (PyPy has none): break the cycle or close its resources explicitly before exiting."
# ---
import gc

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

gc.disable()
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
del a, b
print("end of script, gc enabled:", gc.isenabled())
