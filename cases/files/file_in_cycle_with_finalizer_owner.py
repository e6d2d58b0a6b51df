# ---
# summary = "The owner of an unclosed file has __del__ and sits in a cycle: PyPy writes the data one collection later"
# tags = ["files", "file", "buffering", "cycle", "finalizer", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/iobase.c",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# CPython finalizes the Holder and the three io objects in one collection,
# FileIO first, so the text is lost (0 bytes). On PyPy the file is
# reachable from the Holder, whose finalizer must run first: collect 1
# runs Holder.__del__, collect 2 finalizes the TextIOWrapper, which
# flushes (11 bytes)."""
# portable = "Give the owner a close() that closes the file, and call it (or use `with`); never leave the flush to the owner's __del__ or to the collector."
# ---
import gc

def size(path):
    with open(path) as f:
        return len(f.read())

class Holder:
    def __del__(self):
        print("  Holder.__del__")

def make(path):
    h = Holder()
    h.f = open(path, "w")
    h.f.write("hello data\n")
    h.me = h

gc.collect()
make("data.txt")
for i in range(2):
    gc.collect()
    print("after collect", i + 1, "size", size("data.txt"))
