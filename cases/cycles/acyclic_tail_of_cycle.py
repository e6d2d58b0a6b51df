# ---
# summary = "Objects hanging off a garbage cycle die with it; the cycle's finalizers run before theirs"
# tags = ["cycles", "cycle", "finalizer", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# CPython treats everything reachable only from the cycle as garbage too.
# It calls the finalizers of all of them (in list order: the cycle members
# and the tail were created in that order), then breaks the cycle with
# tp_clear and the rest dies by reference counting. PyPy finalizes in
# reference order: the cycle (one member) first; the tail, reachable from
# a finalizer that has not run yet, only at a later collection."""
# portable = "Do not let finalizers depend on the order in which a garbage cycle and what hangs off it die; release the resources explicitly (a close() method or `with`) before dropping the structure."
# ---
import gc

class Obj:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

gc.collect()
a = Obj("cycle-a")
b = Obj("cycle-b")
tail = Obj("tail")
a.b = b
b.a = a
b.tail = tail
del a, b, tail
for i in range(4):
    print("collect", i + 1)
    gc.collect()
