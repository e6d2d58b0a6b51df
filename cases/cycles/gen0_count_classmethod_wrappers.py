# ---
# summary = "What classmethod(), staticmethod() and property() and their subclasses add to gc.get_count()[0], and what each wrapper's __dict__ holds: from 3.10 classmethod and staticmethod copy the function's names into a __dict__ of their own"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Objects/funcobject.c",
#   "https://github.com/python/cpython/blob/3.12/Objects/descrobject.c",
# ]
# explain = """
# From 3.10 cm_init and sm_init call functools_wraps, which sets
# __module__, __name__, __qualname__, __doc__ and (to 3.13)
# __annotations__ of the callable on the wrapper: its __dict__ is made
# then, a dict the count sees, and reading a function's __annotations__
# makes that function its (empty) annotations dict the first time. To 3.9
# the wrapper's __dict__ is made empty when it is first read. A subclass's
# instance is made by PyType_GenericNew and filled by the base's __init__,
# so it counts as the builtin's does. A property subclass keeps its
# getter's doc in its instance's __dict__ (the class's __doc__ would
# shadow the member); from 3.12 it keeps None there when there is no doc.
# The first count() after gc.collect() makes the tuple of gc.get_count(),
# which then stays on the free list: every line counts it. PyPy has no
# gc.get_count."""
# portable = "Never depend on what a classmethod's or staticmethod's __dict__ holds, nor on when it is made."
# ---
import gc


class ClassWrapper(classmethod):
    pass


class StaticWrapper(staticmethod):
    pass


class Accessor(property):
    pass


def count():
    return gc.get_count()[0]


def first(cls):
    "the doc of first"


def second(cls):
    return 2


def third():
    pass


makers = [("classmethod", classmethod, first), ("staticmethod", staticmethod, first),
          ("classmethod", classmethod, second), ("ClassWrapper", ClassWrapper, third),
          ("StaticWrapper", StaticWrapper, second), ("property", property, first),
          ("Accessor", Accessor, first), ("Accessor", Accessor, third)]
made = []
deltas = []  # printed at the end: print would allocate between the counts
for name, maker, function in makers:
    gc.collect()
    before = count()
    made.append(maker(function))
    deltas.append((name + "(" + function.__name__ + ")", count() - before))
for label, delta in deltas:
    print(label, delta)
for wrapper in made[:5]:
    print(type(wrapper).__name__, list(wrapper.__dict__), wrapper.__func__.__name__)
for accessor in made[5:]:
    print(type(accessor).__name__, accessor.__doc__, list(vars(accessor)) if type(accessor) is Accessor else "-")
