# ---
# summary = "3.13 gives inline values only to instances without __slots__: what a class call and an instance's first attribute add to gc.get_count()[0], for classes with and without slots in their bases"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Objects/typeobject.c",
#   "https://github.com/python/cpython/blob/3.13/Python/specialize.c",
# ]
# explain = """
# From 3.11 an instance keeps its attributes in inline values, with no dict
# object. 3.13 sets Py_TPFLAGS_INLINE_VALUES only on a class whose instances
# are no bigger than an object: one with __slots__ of its own or from a base
# (other than __dict__ and __weakref__) has a managed dict but no inline
# values, so its instance's first attribute makes a dict, one more in the
# count. Nor does 3.13 specialize a call of such a class to
# CALL_ALLOC_AND_ENTER_INIT, which needs inline values: each call keeps
# packing its arguments in a tuple. 3.11, 3.12 and 3.14 give all these
# instances inline values. The model's profile key
# gc.inline_values_only_without_slots is 3.13's rule. Each list is what
# four calls at one site add to the count after gc.collect() emptied the
# free lists; then what an instance's first attribute adds. PyPy has no
# gc.get_count."""
# portable = "Never depend on gc.get_count() values, nor on when an instance's __dict__ is made."
# ---
import gc


class Initialized:
    """A plain __init__ of one argument, for CALL_ALLOC_AND_ENTER_INIT."""

    __slots__ = ()

    def __init__(self, value):
        pass


class Plain(Initialized):
    pass


class SlottedBase:
    __slots__ = ("name",)


class FromSlotted(SlottedBase, Initialized):
    pass


class SlotsAndDict(Initialized):
    __slots__ = ("name", "__dict__")


class WeakrefSlotBase:
    __slots__ = ("__weakref__",)


class FromWeakrefSlot(WeakrefSlotBase, Initialized):
    pass


def count():
    return gc.get_count()[0]


# One call site per class: a site specializes for one class.
def make_plain(value):
    return Plain(value)


def make_from_slotted(value):
    return FromSlotted(value)


def make_slots_and_dict(value):
    return SlotsAndDict(value)


def make_from_weakref_slot(value):
    return FromWeakrefSlot(value)


def call_deltas(make):
    added = []
    for run in range(4):
        gc.collect()
        # Kept, so that what the call frees is seen: the count stops at 0.
        padding = [[] for _ in range(20)]
        before = count()
        made = make(run)
        added.append(count() - before)
        del made
    return added


def attribute_delta(cls):
    instance = cls(0)
    gc.collect()
    padding = [[] for _ in range(20)]
    before = count()
    instance.first = 1
    return count() - before


gc.disable()
results = [(cls.__name__, call_deltas(make), attribute_delta(cls))
           for cls, make in ((Plain, make_plain), (FromSlotted, make_from_slotted),
                             (SlotsAndDict, make_slots_and_dict), (FromWeakrefSlot, make_from_weakref_slot))]
gc.enable()
for name, calls, attribute in results:
    print(name, "calls", calls, "first attribute", attribute)
