# ---
# summary = "What making a tuple subclass's instance adds to gc.get_count()[0]: the exact tuple tuple_subtype_new makes first and frees, the instance, the call's argument tuple"
# tags = ["cycles", "gc-module"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/tupleobject.c"]
# explain = """
# tuple_subtype_new makes an exact tuple of the iterable (none when it is
# an exact tuple already), allocates the instance with tp_alloc while that
# tuple lives, copies the items and frees the tuple; a call of the class
# packs its arguments in a tuple too, and tuple.__new__(cls, x) is a
# METH_VARARGS wrapper that packs them and slices the class off. The
# first count() after gc.collect() makes the tuple of gc.get_count(),
# which then stays on the free list: every line counts it. PyPy has no
# gc.get_count."""
# portable = "Never depend on how many temporaries a constructor makes."
# ---
import gc


class Pair(tuple):
    pass


class Point(tuple):
    __slots__ = ()

    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))


def count():
    return gc.get_count()[0]


source = [1, 2]
exact = (1, 2)
made = []
deltas = []  # printed at the end: print would allocate between the counts
for label, make in [("Pair(list)", lambda: Pair(source)), ("Pair(tuple)", lambda: Pair(exact)),
                    ("Pair()", lambda: Pair()), ("Point(x, y)", lambda: Point(3, 4)),
                    ("tuple.__new__(Pair, list)", lambda: tuple.__new__(Pair, source))]:
    gc.collect()
    before = count()
    made.append(make())
    deltas.append((label, count() - before))
for label, delta in deltas:
    print(label, delta)
print(made)
