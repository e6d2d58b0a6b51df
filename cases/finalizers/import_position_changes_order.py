# ---
# summary = "PyPy: objects created before the first import of a module are finalized in rotated order"
# tags = ["finalizers", "finalizer", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers", "weakref", "atexit"]
# refs = ["https://github.com/pypy/pypy/blob/main/lib-python/3/importlib/_bootstrap.py"]
# explain = """
# Importing a module that is not loaded yet goes through importlib, which
# creates a module lock with a weakref callback written in Python. On PyPy
# that callback's lifeline is queued at the next major collection behind
# any finalizable objects created before the import, so the first object
# is interrupted by the drain and runs last (1 2 0); objects created after
# the import come after the callback, which absorbs the interruption
# (0 1 2 after the second import). weakref is not loaded at PyPy startup;
# atexit is not either. CPython frees the list items last to first at del."""
# portable = "Do not depend on the order in which finalizers of unrelated objects run; if order matters, close them explicitly."
# ---
import gc

gc.collect()

class A:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)

xs = [A(0), A(1), A(2)]
import weakref
del xs
print("collect: objects created before 'import weakref'")
gc.collect()
import atexit
xs = [A(0), A(1), A(2)]
del xs
print("collect: objects created after 'import atexit'")
gc.collect()
print("end")
