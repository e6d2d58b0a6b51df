# ---
# summary = "sys.getsizeof and gc tracking of tuple subclasses: with a __dict__ (a pointer after the items to 3.11, the pre-header from 3.12), with empty __slots__ (a tuple's size), always tracked"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/tupleobject.c",
#   "https://github.com/python/cpython/blob/3.12/Objects/typeobject.c",
# ]
# explain = """
# A tuple's items are inline (tp_itemsize != 0), so a class derived from
# tuple keeps its __dict__ pointer after them (to 3.11, whose pre-header
# is only for types without items) or in the pre-header of two pointers
# (3.12+); a class with empty __slots__ (namedtuple's) is a tuple's size.
# tuple_subtype_new makes the instance with tp_alloc, which tracks it, and
# the collector untracks only exact tuples of untracked items: the
# instance stays tracked, as an empty one (not the shared empty tuple).
# PyPy raises TypeError for sys.getsizeof and has no gc.is_tracked."""
# portable = "Do not measure tuple subclasses (namedtuples) with sys.getsizeof, nor count on them being untracked."
# ---
import gc
import sys


class Pair(tuple):
    pass


class Point(tuple):
    __slots__ = ()


def size(value):
    try:
        return sys.getsizeof(value)
    except TypeError:
        return "TypeError"


for n in (0, 1, 3):
    items = tuple(range(n))
    print(n, size(items), size(Pair(items)), size(Point(items)))
if hasattr(gc, "is_tracked"):
    kept = [Pair(), Point(), Point((1, 2)), (1, 2)]
    gc.collect()
    print([gc.is_tracked(o) for o in kept], Point() is Point(), Point() == ())
