# ---
# summary = "Rebinding a name frees the old value after the new one is built"
# tags = ["refcount", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/simple_stmts.html#assignment-statements"]
# explain = """
# The right-hand side is evaluated first, so on CPython the new object's
# __init__ runs, then the store releases the old one. PyPy frees nothing
# before gc.collect()."""
# portable = "Close the old object before rebinding the name (`conn.close(); conn = Connection()`), rather than relying on the rebinding to finalize it."
# ---
import gc

class Version:
    def __init__(self, n):
        self.n = n
        print("build", n)
    def __del__(self):
        print("free", self.n)

current = Version(1)
current = Version(2)
current = Version(3)
print("rebound twice")
current = None
print("set to None")
gc.collect()
print("after gc.collect()")
