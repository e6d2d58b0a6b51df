# ---
# summary = "After gc.collect(), the second write() to a text file adds a list to gc.get_count()[0]: the pending pieces, until a flush joins them"
# tags = ["cycles", "gc-module", "gc-automatic", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/_io/textio.c",
# ]
# explain = """
# TextIOWrapper.write keeps what it was given until a flush (or 8192
# bytes): one piece as it is, two or more in a list made at the second
# write. flush() joins them and frees the list (to the list free list, so
# the next second write takes it back without counting). PyPy has no
# gc.get_count."""
# portable = "Never depend on what a write adds to gc.get_count()."
# ---
import gc

def count():
    return gc.get_count()[0]

deltas = []

def measure(label, action):
    before = count()
    action()
    deltas.append((label, count() - before))

f = open("pieces.txt", "w")
gc.collect()
measure("first write", lambda: f.write("one\n"))
measure("second write", lambda: f.write("two\n"))
measure("third write", lambda: f.write("three\n"))
measure("flush", f.flush)
measure("write after the flush", lambda: f.write("four\n"))
measure("second write after the flush", lambda: f.write("five\n"))
f.close()
for label, delta in deltas:
    print(label, delta)
with open("pieces.txt") as r:
    print(r.read().split())
