# ---
# summary = "After gc.collect(), what calling a slot wrapper (ref.__init__, object.__setattr__, dict.__setitem__) adds to gc.get_count()[0], unbound, bound or through super(): its arguments are packed in a tuple"
# tags = ["cycles", "gc-module", "weakref", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/descrobject.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/call.c",
# ]
# explain = """
# A builtin type's special method in its dict is a slot wrapper
# (wrapper_descriptor: ref.__init__, object.__setattr__, dict.__setitem__),
# and one bound to an instance a method-wrapper (`super().__init__`). Neither
# has a vectorcall, so a call goes through tp_call: _PyObject_MakeTpCall
# packs the positional arguments in a new tuple and the keywords in a new
# dict; an unbound slot wrapper (wrapperdescr_call, also what
# `plain.__setattr__(...)` calls, since the lookup leaves it unbound) then
# slices `self` off into a second tuple. dict.__init__ takes each pair of
# its argument as it is when it is a tuple or a list (PySequence_Fast;
# the model once copied it into a list). After gc.collect() has emptied
# the free lists, each such tuple stays counted there. So a weakref.ref
# subclass whose __init__ calls `super().__init__(ob, callback)` adds one
# more than a plain weakref.ref call would; the model once called slot
# wrappers without packing, one less per call. To 3.10 `super()` packs
# its own arguments too, and an instance's first attribute makes its
# __dict__. 3.14 counts tracked objects; PyPy has no gc.get_count."""
# portable = "Never depend on what calling a special method allocates."
# ---
import gc
import weakref


class Target:
    pass


class Ref(weakref.ref):
    def __init__(self, ob, callback=None):
        super().__init__(ob, callback)


class Plain:
    pass


class Mapping(dict):
    def __init__(self, pairs, **items):
        super().__init__(pairs, **items)


def count():
    return gc.get_count()[0]


target = Target()
plain = Plain()
deltas = []  # printed at the end: print would allocate between the counts
gc.collect()
before = count()
r = Ref(target)
deltas.append(("Ref(target), whose __init__ calls super().__init__(ob, callback)", count() - before))
gc.collect()
before = count()
weakref.ref.__init__(r, target)
deltas.append(("weakref.ref.__init__(r, target)", count() - before))
gc.collect()
bound = super(Ref, r).__init__
before = count()
bound(target)
deltas.append(("super(Ref, r).__init__ bound, then called with target", count() - before))
gc.collect()
before = count()
plain.__setattr__("x", 1)
deltas.append(("plain.__setattr__('x', 1)", count() - before))
gc.collect()
before = count()
m = Mapping([("a", 1)], b=2)
deltas.append(("Mapping([('a', 1)], b=2), whose __init__ calls super().__init__(pairs, **items)", count() - before))
gc.collect()
before = count()
m.__setitem__("c", 3)
deltas.append(("m.__setitem__('c', 3)", count() - before))
for label, delta in deltas:
    print(label, delta)
print(r() is target, plain.x, sorted(m.items()))
