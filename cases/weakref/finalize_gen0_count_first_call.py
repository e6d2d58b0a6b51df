# ---
# summary = "After gc.collect(), what weakref.finalize() adds to gc.get_count()[0], first and again"
# tags = ["weakref", "weakref-finalize", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref", "weakref-finalize"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Lib/weakref.py",
#   "https://docs.python.org/3/library/weakref.html#weakref.finalize",
# ]
# explain = """
# finalize.__init__ is Python code: each call packs *args in a tuple and
# **kwargs in a dict, makes an _Info (slots), a weakref with the finalizer
# as callback, and adds to the class's registry; its index comes from
# next() of an itertools.count, C code. The first call registers the
# exit function with atexit (a bound method, `import atexit`), and up to
# 3.10, whose frames are objects, makes the frame __init__'s code keeps.
# 3.8's __init__ takes (*args, **kwargs) and unpacks them
# (`self, obj, func, *args = args`: a list, then a tuple). gc.collect()
# has emptied the free lists. PyPy has no gc.get_count."""
# portable = "Never depend on what weakref.finalize() allocates."
# ---
import gc
import weakref


class K:
    pass


def count():
    return gc.get_count()[0]


deltas = []  # printed at the end: print would allocate between the counts
a, b = K(), K()
gc.collect()
before = count()
weakref.finalize(a, print, "finalize", "a")
deltas.append(("first finalize", count() - before))
before = count()
weakref.finalize(b, print, "finalize", "b")
deltas.append(("finalize again", count() - before))
for label, delta in deltas:
    print(label, delta)
