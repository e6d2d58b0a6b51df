# ---
# summary = "After gc.collect(), what an instance's first and second attribute add to gc.get_count()[0], for a plain class and for subclasses of weakref.ref, dict, list and Exception: from 3.11 only object.__new__ gives inline values"
# tags = ["cycles", "gc-module", "weakref", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
#   "https://github.com/python/cpython/blob/3.13/Objects/typeobject.c",
# ]
# explain = """
# To 3.10 an instance's first attribute makes its __dict__, a dict the
# count sees. From 3.11 an instance of a plain class keeps its attributes
# in inline values (no dict object), but only object.__new__ makes them
# (object_new's _PyObject_InitializeDict; from 3.13 only types whose base
# has no C fields get Py_TPFLAGS_INLINE_VALUES): an instance of a class
# derived from weakref.ref, dict or list, made by that type's own tp_new,
# has none, and its first attribute makes a dict, as to 3.10. An
# exception keeps its own dict on every version. The model's profile key
# gc.inline_values_only_from_object_new marks such a class: its
# instances' first attribute makes their dict. The first count() after
# gc.collect() makes the tuple of gc.get_count(), which then stays on the
# free list: every line counts it.
# 3.14 gives these instances inline values too (gc.get_referents of one
# shows its values, no dict; the profile key is false there) and counts
# tracked objects; PyPy has no gc.get_count."""
# portable = "Never depend on when an instance's __dict__ is made."
# ---
import gc
import weakref


class Target:
    pass


class Plain:
    pass


class Ref(weakref.ref):
    pass


class Mapping(dict):
    pass


class Items(list):
    pass


class Failure(Exception):
    pass


class SlottedRef(weakref.ref):
    __slots__ = ("key", "__dict__")


def count():
    return gc.get_count()[0]


target = Target()
objects = [("Plain", Plain()), ("Ref", Ref(target)), ("Mapping", Mapping()), ("Items", Items()),
           ("Failure", Failure()), ("SlottedRef", SlottedRef(target))]
deltas = []  # printed at the end: print would allocate between the counts
for name, o in objects:
    gc.collect()
    before = count()
    o.first = 1
    deltas.append((name + ": first attribute", count() - before))
    gc.collect()
    before = count()
    o.second = 2
    deltas.append((name + ": second attribute", count() - before))
for label, delta in deltas:
    print(label, delta)
print(sorted(vars(objects[1][1]).items()), objects[1][1]() is target)
