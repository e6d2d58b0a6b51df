# ---
# summary = "A client that stores its last exception on self creates a cycle through the traceback"
# tags = ["exceptions", "traceback", "cycle", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#traceback-objects",
#   "https://docs.python.org/3/library/gc.html",
# ]
# explain = """
# self.last_error = e inside a method: the exception's traceback holds the
# method's frame, which holds self - a cycle. The client is no longer freed
# by `del` on CPython; it waits for the collector. Storing only str(e)
# avoids the cycle. On PyPy both clients die at gc.collect()."""
# portable = "Store `str(e)` or `repr(e)` on self instead of the exception object (or clear `e.__traceback__`), so that the object does not keep its own frame alive in a cycle."
# ---
import gc

class Client:
    def __init__(self, name, keep_exception):
        self.name = name
        self.keep_exception = keep_exception
        self.last_error = None
    def call(self):
        try:
            raise OSError("reset by peer")
        except OSError as e:
            if self.keep_exception:
                self.last_error = e
            else:
                self.last_error = str(e)
    def __del__(self):
        print("  __del__", self.name)

gc.collect()
a = Client("stores-message", False)
a.call()
b = Client("stores-exception", True)
b.call()
print("del a")
del a
print("del b")
del b
print("gc.collect()")
gc.collect()
print("end")
