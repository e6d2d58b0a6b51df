# ---
# summary = "tuple() of an iterable without a size allocates the tuple before it iterates, as large as the length hint says (10 without one), and cuts it back: it takes no tuple of the final size from the free list"
# tags = ["cycles", "gc-module", "temporaries", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Objects/abstract.c",
#   "https://github.com/python/cpython/blob/3.13/Objects/tupleobject.c",
#   "https://peps.python.org/pep-0424/",
# ]
# explain = """
# PySequence_Tuple (tuple(x), f(*x), an exception's args = x) allocates
# its result before it takes the first item, of the size the length hint
# gives (10 when the iterable has none: a generator, map, filter, zip), grows
# it in place by 10 and a quarter when it fills, and cuts it back in place
# to the items it got. A 2-tuple made from a generator is allocated as a
# 10-tuple: it takes no 2-tuple from the free list, so each such tuple()
# adds one to generation 0 where tuple([a, b]) adds none, until the
# 2-tuples' free list is full; one of no items frees the 10-tuple it
# allocated. 3.14 builds the tuple another way, without asking the hint.
# Where the automatic collections fall moves with it."""
# portable = "Never depend on where automatic collections fall: how a tuple is built from an iterable changes what generation 0 counts."
# ---
import gc


def gen(n):
    for i in range(n):
        yield i


class Sized:
    def __init__(self, size, items):
        self.size = size
        self.items = items

    def __len__(self):
        return self.size

    def __iter__(self):
        return iter(self.items)


def added(what, make):
    # What a call adds to generation 0, the third time (the first ones
    # fill the free lists the get_count tuples and the frames use).
    for i in range(3):
        before = gc.get_count()[0]
        make()
        after = gc.get_count()[0]
    print(what, "adds", after - before)


gc.disable()
gc.collect()
added("tuple([0, 1])", lambda: tuple([0, 1]))
added("tuple(range(2))", lambda: tuple(range(2)))
added("tuple(gen(2))", lambda: tuple(gen(2)))
added("tuple(gen(0))", lambda: tuple(gen(0)))
added("tuple(gen(11))", lambda: tuple(gen(11)))
added("tuple(gen(30))", lambda: tuple(gen(30)))
added("tuple(map(abs, [1, 2]))", lambda: tuple(map(abs, [1, 2])))
added("tuple(Sized(2, [1, 2]))", lambda: tuple(Sized(2, [1, 2])))
added("tuple(Sized(5, [1, 2]))", lambda: tuple(Sized(5, [1, 2])))
