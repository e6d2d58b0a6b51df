# ---
# summary = "__exit__ returning True swallows the exception; the exception and what it references die at once"
# tags = ["generators", "context-manager", "traceback", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#object.__exit__"]
# explain = """
# A truthy return from __exit__ suppresses the exception. The exception
# object - and through its traceback the frame of the failing function and
# that frame's locals - is released when __exit__ returns on CPython, so
# the payload's __del__ runs before the next statement. PyPy frees them at
# gc.collect()."""
# portable = "If __exit__ suppresses an exception, release what it references explicitly (close resources in the body's `with`/`finally`); do not wait for the exception's payload to be finalized."
# ---
import gc

class Payload:
    def __del__(self):
        print("  payload freed")

class Suppress:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print("  __exit__ got", exc_type.__name__ + ":", exc, "| traceback:", tb is not None)
        return True

def fail():
    p = Payload()
    raise KeyError("missing")

with Suppress():
    fail()
print("after the with block")
gc.collect()
print("after gc.collect()")
