# ---
# summary = "weakref.finalize(obj, os.remove, path) deletes a temporary file when its owner dies"
# tags = ["files", "file", "weakref-finalize", "realistic"]
# requires = ["py3-syntax", "weakref", "weakref-finalize", "files"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.finalize",
#   "https://docs.python.org/3/library/weakref.html#comparing-finalizers-with-del-methods",
# ]
# explain = """
# The weakref docs' recommended pattern for cleaning up a temporary file:
# the finalizer does not refer to the owner, so it fires when the owner
# dies - at del on CPython, at gc.collect() on PyPy - and at exit on both
# if the owner is still alive then."""
# portable = "Call the finalizer explicitly (`self._finalizer()`) from a close() method or `__exit__`; weakref.finalize then serves only as the safety net, whose timing differs."
# ---
import gc
import os
import weakref

class Scratch:
    def __init__(self, path):
        self.path = path
        f = open(path, "w")
        f.write("scratch")
        f.close()
        self.remover = weakref.finalize(self, os.remove, path)

s = Scratch("scratch.tmp")
print("exists:", os.path.exists("scratch.tmp"))
del s
print("after del:", os.path.exists("scratch.tmp"))
gc.collect()
print("after gc.collect():", os.path.exists("scratch.tmp"))
