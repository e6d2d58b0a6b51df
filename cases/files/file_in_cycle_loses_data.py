# ---
# summary = "An unclosed file held by an object in a garbage cycle: CPython closes it without writing the buffered text"
# tags = ["files", "file", "buffering", "cycle", "realistic"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/iobase.c",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# open(p, "w") builds three objects: FileIO, then a BufferedWriter over it,
# then a TextIOWrapper, which keeps small writes pending in itself. When
# their owner dies in a cycle, CPython's collector finalizes the garbage in
# list order - creation order - so FileIO.close() runs first and closes the
# descriptor; the other two then see closed=True and do nothing, and the
# pending text is lost (0 bytes). Without a cycle the TextIOWrapper dies
# first and its close() flushes down the chain. PyPy finalizes only the
# TextIOWrapper first (the others are reachable from it), and its close()
# flushes: 11 bytes."""
# portable = "Close a file before its owner becomes garbage (give the owner a close() method or make it a context manager); a file closed by the cycle collector can lose its buffered data."
# ---
import gc

def size(path):
    with open(path) as f:
        return len(f.read())

class Holder:
    pass

def make(path, cycle):
    h = Holder()
    h.f = open(path, "w")
    h.f.write("hello data\n")
    if cycle:
        h.me = h

gc.collect()
make("plain.txt", False)
make("cycle.txt", True)
print("before collect: plain", size("plain.txt"), "| cycle", size("cycle.txt"))
gc.collect()
print("after collect: plain", size("plain.txt"), "| cycle", size("cycle.txt"))
