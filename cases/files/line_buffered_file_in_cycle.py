# ---
# summary = "A line-buffered file in a garbage cycle keeps its completed lines on CPython, loses the partial one"
# tags = ["files", "file", "buffering", "cycle"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/library/functions.html#open",
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/iobase.c",
# ]
# explain = """
# With buffering=1 each completed line is written through to the
# descriptor at once, so it is on disk before any collection on both
# runtimes. The unterminated tail stays in the text layer: in a cycle
# CPython finalizes FileIO first and loses it (9 bytes remain), while
# PyPy's collection finalizes the TextIOWrapper first, which flushes it
# (16 bytes)."""
# portable = "Close the file explicitly before dropping its owner; line buffering writes complete lines only, and the unfinished last line depends on who finalizes the file."
# ---
import gc

def size(path):
    with open(path) as f:
        return len(f.read())

class Holder:
    pass

def make(path):
    h = Holder()
    h.f = open(path, "w", buffering=1)
    h.f.write("line one\n")
    h.f.write("partial")
    h.me = h

gc.collect()
make("lines.txt")
print("before collect:", size("lines.txt"))
gc.collect()
print("after collect:", size("lines.txt"))
