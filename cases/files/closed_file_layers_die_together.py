# ---
# summary = "A closed file's three layers die at one collection on PyPy; an unclosed one's text layer goes first and the layers below one collection later"
# tags = ["files", "file", "weakref", "finalizer-order", "pypy-finalizer-order", "gc-collect"]
# requires = ["py3-syntax", "weakref", "files"]
# refs = [
#   "https://github.com/pypy/pypy/blob/release-pypy3.9-v7.3.11/pypy/module/_io/interp_iobase.py",
#   "https://github.com/pypy/pypy/blob/release-pypy3.9-v7.3.11/rpython/memory/gc/incminimark.py",
# ]
# explain = """
# open() makes a FileIO, a buffer over it and a TextIOWrapper over that.
# CPython frees all three when the last name goes. On PyPy each has a
# finalizer, and an object reachable from another object's finalizer is
# kept for a later collection, so an unclosed file dropped in one piece
# loses its text layer first; that finalizer closes the layers below, and
# they go at the next collection. close() tells PyPy's collector to ignore
# a layer's finalizer (rgc.may_ignore_finalizer): a closed file's layers
# die together, like plain objects."""
# portable = "Close files explicitly (`with` or close()); then all three io layers are released together and nothing depends on the order of their finalizers."
# ---
import gc
import weakref


def layers_of(f):
    return [weakref.ref(f), weakref.ref(f.buffer), weakref.ref(f.buffer.raw)]


def dead(layers):
    return [w() is None for w in layers]


f = open("closed.txt", "w")
layers = layers_of(f)
f.close()
del f
gc.collect()
print("closed, after one collection:", dead(layers))

f = open("dropped.txt", "w")
f.write("pending\n")
layers = layers_of(f)
del f
gc.collect()
print("unclosed, after one collection:", dead(layers))
gc.collect()
print("unclosed, after two:", dead(layers))
with open("dropped.txt") as r:
    print("on disk:", repr(r.read()))
