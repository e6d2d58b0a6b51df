# ---
# summary = "X has __del__ and holds Y; a weakref callback on Y: when does Y's weakref die and its callback run?"
# tags = ["weakref", "weakref-callback", "finalizer", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers", "weakref", "weakref-callbacks"]
# refs = ["https://doc.pypy.org/en/latest/discussion/finalizer-order.html"]
# explain = """
# On CPython, X's __del__ runs at del with Y and its weakref alive, then Y
# dies as X's attributes are released and the callback runs. On PyPy, Y is
# reachable from a finalizer that has not run, so it is kept alive for X's
# __del__ - but its weakrefs are already cleared when __del__ runs (PyPy
# clears weakrefs to objects kept alive only for finalization). The
# callback runs one collection later."""
# portable = "Do not rely on weakref callbacks to objects owned by an object with __del__; close the owner explicitly and notify the observers from its close()."
# ---
import gc
import weakref

class Y:
    pass

class X:
    def __del__(self):
        print("  X.__del__: Y's weakref dead?", ry() is None, "| self.y alive:", self.y is not None)

gc.collect()
x = X()
x.y = Y()
ry = weakref.ref(x.y, lambda r: print("  Y callback"))
print("del x")
del x
for i in range(3):
    print("collect", i + 1)
    gc.collect()
