# ---
# summary = "What a class statement adds to gc.get_count()[0], with and without __slots__: 3.14 makes the sorted slot names' tuple untracked"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/issues/139951",
#   "https://github.com/python/cpython/blob/3.14/Objects/typeobject.c",
# ]
# explain = """
# type() keeps a class's slot names sorted, as a tuple (ht_slots) made from
# a sorted list by PyList_AsTuple. From 3.14.1 that is _PyTuple_FromArray,
# which tracks a tuple only when one of its items is a container
# (gh-139951): the names are strings, so the tuple is untracked, and 3.14
# counts only what is tracked. Before, it is a tracked tuple like any
# other. The class's dict, its MRO, bases and the member descriptors are
# counted alike."""
# portable = "Never depend on what a class statement adds to gc.get_count()."
# ---
import gc

gc.disable()
before = gc.get_count()[0]


class Slotted:
    __slots__ = ("b", "a", "__weakref__")


after_slotted = gc.get_count()[0]


class Plain:
    pass


after_plain = gc.get_count()[0]
print("slotted class:", after_slotted - before)
print("plain class:", after_plain - after_slotted)
