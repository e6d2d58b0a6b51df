# ---
# summary = "Five unrelated objects dropped together: CPython frees them last to first, PyPy rotates the first one to the end"
# tags = ["finalizers", "finalizer", "finalizer-order", "dealloc-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/listobject.c",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# CPython frees the list's items last to first when the list dies. PyPy
# queues the five finalizers in creation order at gc.collect(), but the
# queue is drained by an action that fires at the next bytecode boundary:
# the first finalizer that runs bytecode is interrupted at its first
# instruction and the rest of the queue runs nested inside it, so the
# output is 1 2 3 4 0. In the first collection of this program a weakref
# callback that the import machinery left behind while the interpreter
# started up (one per module imported through importlib) absorbs that
# interruption instead, so the first batch comes out in plain order."""
# portable = "Do not depend on the order in which unrelated objects' __del__ run, even when they die together; close them explicitly in the order you need."
# ---
import gc

class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

for batch in range(3):
    xs = [A(i) for i in range(batch * 5, batch * 5 + 5)]
    del xs
    print("collect", batch + 1)
    gc.collect()
print("end")
