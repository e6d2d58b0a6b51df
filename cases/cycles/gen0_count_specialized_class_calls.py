# ---
# summary = "From 3.13 a call site of a class stops packing its arguments once it is specialized: gc.get_count()[0] after each of four calls"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Python/specialize.c",
#   "https://github.com/python/cpython/blob/3.13/Python/bytecodes.c",
# ]
# explain = """
# A class is called with its arguments packed in a tuple (tp_call). From
# 3.13 the specializing interpreter rewrites a call site of a class, at its
# second run, to CALL_ALLOC_AND_ENTER_INIT when the class keeps object's
# __new__ and its instances' attributes inline, and its __init__ is a plain
# function taking exactly the call's positional arguments: the instance is
# made and __init__ runs in a new frame, as a function would, with no
# tuple. An __init__ with *args, a class with __slots__ or a call with a
# keyword keeps the packing. Each line is what one call at the same site
# adds to the count after gc.collect() emptied the free lists, for four
# calls in a row. PyPy has no gc.get_count."""
# portable = "Never depend on gc.get_count() values: they change with the interpreter's specialization, not only with the version."
# ---
import gc


class Simple:
    def __init__(self, value):
        self.value = value


class Varargs:
    def __init__(self, *values):
        self.values = values


class Slotted:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def make(cls, value):
    return cls(value)


def make_keyword(cls, value):
    return cls(value=value)


def count():
    return gc.get_count()[0]


def deltas(maker, cls):
    added = []
    for run in range(4):
        gc.collect()
        # Kept, so that what the call frees is seen: the count stops at 0.
        padding = [[] for _ in range(20)]
        before = count()
        made = maker(cls, run)
        added.append(count() - before)
        del made
    return added


gc.disable()
results = [
    ("Simple(v)", deltas(make, Simple)),
    ("Varargs(v)", deltas(make, Varargs)),
    ("Slotted(v)", deltas(make, Slotted)),
    ("Simple(value=v)", deltas(make_keyword, Simple)),
]
gc.enable()
for label, added in results:
    print(label, added)
