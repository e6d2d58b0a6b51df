# ---
# summary = "An exception raised in __del__ is printed as 'Exception ignored in' and the program goes on"
# tags = ["finalizers", "finalizer", "unraisable", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
# ]
# explain = """
# An exception cannot propagate out of a finalizer: CPython reports it
# through sys.unraisablehook, which prints "Exception ignored in: <function
# Conn.__del__ at 0x...>" and the traceback to stderr, and execution goes on
# after the statement that dropped the object. PyPy prints the same form,
# but only when gc.collect() runs the finalizer. (3.14 words the header
# "Exception ignored while calling deallocator".)"""
# portable = "Keep __del__ from raising (catch and log inside it), and release resources in explicit close() calls, where an exception reaches the caller."
# ---
import gc

class Conn:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("closing", self.name)
        raise ValueError("close failed for " + self.name)

c = Conn("db")
del c
print("after del")
gc.collect()
print("after gc.collect()")
