# ---
# summary = "A file held by a cycle warns when the collector closes it: at gc.collect()'s line, in the FileIO's name"
# tags = ["files", "file", "pypy-doc", "version-dependent"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/library/exceptions.html#ResourceWarning",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# CPython's collector calls the finalizers of the unreachable objects in
# the order they were tracked: the FileIO, made first by open(), closes
# itself and warns with its own repr, not the TextIOWrapper's; the
# location is the frame running, the line of gc.collect(). PyPy reports
# the frame running when its finalizer queue runs (here a module lock's
# weakref callback in importlib)."""
# portable = "Do not rely on which layer of a file is named in the warning, nor where it is reported."
# ---
import gc
import warnings

warnings.simplefilter("always")

class Holder:
    pass

def leak():
    h = Holder()
    h.self = h
    h.f = open("cycle.txt", "w", encoding="utf-8")

leak()
print("before gc.collect()")
gc.collect()
print("after gc.collect()")
