# ---
# summary = "After gc.collect(), what a text file's read(), readline(), iteration and a with statement's exit add to gc.get_count()[0], and the first call of os.path.isdir"
# tags = ["cycles", "gc-module", "gc-automatic", "files", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "files"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Modules/_io/textio.c",
#   "https://github.com/python/cpython/blob/3.10/Modules/_io/bufferedio.c",
#   "https://github.com/python/cpython/blob/3.10/Modules/_io/iobase.c",
#   "https://github.com/python/cpython/blob/3.10/Lib/codecs.py",
# ]
# explain = """
# A text file's read() has the codec's incremental decoder decode the
# bytes; its decode is Python code (codecs.BufferedIncrementalDecoder), so
# up to 3.10, whose frames are objects, its first call makes the frame
# object that stays its code's, as os.path.isdir's first call does
# (genericpath, Python code too). The buffer reads everything through
# raw.readall, a bound method made and dropped; 3.8 also binds
# buffer.read for the call (_PyObject_CallMethodId), and keeps both on
# its free list of builtin methods. The decoder's C half returns a
# (result, consumed) tuple, dropped. readline() reads a chunk at a time;
# before each it asks the decoder's state (getstate, Python code: its
# frame, and two tuples dropped), and after it keeps a new snapshot tuple
# for tell() on the file until the next chunk. Iteration asks no state and
# drops the snapshot at the end. A with statement ends by calling the
# file's __exit__ (_IOBase's, METH_VARARGS) with three Nones packed in a
# new tuple, which stays on the tuple free list. gc.collect() has emptied
# the free lists, so each counts once. PyPy has no gc.get_count."""
# portable = "Never depend on what reading a file adds to gc.get_count()."
# ---
import gc
import os

def count():
    return gc.get_count()[0]

deltas = []  # printed at the end: print would allocate between the counts

def measure(label, action):
    before = count()
    action()
    deltas.append((label, count() - before))

def with_no_read():
    with open("a.txt") as f:
        pass

def iterate(f):
    for line in f:
        pass

for name in ("a.txt", "b.txt", "c.txt"):
    with open(name, "w") as f:
        f.write(name + "\n" + name + "\n")
first = open("a.txt")
second = open("b.txt")
third = open("c.txt")
gc.collect()
measure("first isdir()", lambda: os.path.isdir("a.txt"))
measure("isdir() again", lambda: os.path.isdir("a.txt"))
measure("with open(), no read", with_no_read)
measure("first read()", first.read)
measure("read() again", second.read)
measure("first readline()", third.readline)
measure("readline() again", third.readline)
measure("iteration to the end", lambda: iterate(third))
for f in (first, second, third):
    f.close()
for label, delta in deltas:
    print(label, delta)
