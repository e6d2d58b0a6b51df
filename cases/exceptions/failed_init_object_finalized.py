# ---
# summary = "__init__ raises: the half-built object still gets __del__, when the exception is released"
# tags = ["exceptions", "traceback", "finalizer", "unraisable"]
# requires = ["py3-syntax", "finalizers", "unraisable"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#object.__del__"]
# explain = """
# The instance exists before __init__ runs, so its __del__ is called even
# if __init__ fails, and must cope with missing attributes. The failed
# __init__'s frame (holding self) is in the exception's traceback, so on
# CPython the object dies when the handler ends and the exception is
# released. A __del__ that assumes full initialization raises
# AttributeError, reported as ignored. PyPy runs it at gc.collect()."""
# portable = "Acquire resources after everything in __init__ that can fail, or release them in __init__'s own except clause; a __del__ must use `getattr(self, 'name', None)` since the object may be half-built."
# ---
import gc

class Client:
    def __init__(self, host):
        self.host = host
        if host == "":
            raise ValueError("empty host")
        self.sock = "socket to " + host
    def __del__(self):
        print("  __del__ for host %r" % self.host)
        print("  closing", self.sock)

try:
    Client("")
except ValueError as e:
    print("constructor failed:", e)
print("after the handler")
gc.collect()
print("after gc.collect()")
