# ---
# summary = "Storing self.handler = self.method creates a cycle through the bound method"
# tags = ["cycles", "cycle", "closure", "finalizer", "realistic", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#instance-methods"]
# explain = """
# A bound method holds its instance, so an instance that stores one of its
# own bound methods (a callback slot, a state-machine handler) refers to
# itself. On CPython such an object is no longer freed by `del`; its
# __del__ runs only at the next collection, which counts the instance and
# the bound method (plus the __dict__ up to 3.10). PyPy runs it at
# gc.collect() in either case."""
# portable = "Do not store `self.method` on self; store the function and bind it at call time, or keep a `weakref.WeakMethod`, so that `del` frees the object on CPython and nothing waits for a collection."
# ---
import gc

class Machine:
    def __init__(self, name, cyclic):
        self.name = name
        if cyclic:
            self.handler = self.idle
    def idle(self):
        return "idle"
    def __del__(self):
        print("__del__", self.name)

gc.collect()
m = Machine("plain", False)
del m
print("after del plain")
m = Machine("cyclic", True)
print("handler says", m.handler())
del m
print("after del cyclic")
print("gc.collect() ->", gc.collect())
