# ---
# summary = "A Logger that closes its file in __del__: the last line is on disk after del on CPython only"
# tags = ["files", "file", "finalizer", "buffering", "realistic"]
# requires = ["py3-syntax", "finalizers", "files"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The object-level version of the open-file problem: the wrapper's
# __del__ closes its file. CPython runs it at del, so the file holds both
# lines right after. PyPy runs it at gc.collect(): before that the file is
# empty."""
# portable = "Give the Logger a close() method and call it (or make it a context manager); do not close the file in __del__."
# ---
import gc

def size(path):
    with open(path) as f:
        return len(f.read())

class Logger:
    def __init__(self, path):
        self.f = open(path, "w")
    def info(self, msg):
        self.f.write("INFO " + msg + "\n")
    def __del__(self):
        self.f.write("closed\n")
        self.f.close()

log = Logger("app.log")
log.info("started")
del log
print("after del:", size("app.log"))
gc.collect()
print("after gc.collect():", size("app.log"))
