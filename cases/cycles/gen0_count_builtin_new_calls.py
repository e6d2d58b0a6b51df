# ---
# summary = "After gc.collect(), calling a builtin type's __new__ directly (object.__new__, ref.__new__) packs its arguments, then slices off the class"
# tags = ["cycles", "gc-module", "gc-automatic", "weakref", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
#   "https://github.com/python/cpython/blob/3.11/Lib/weakref.py",
# ]
# explain = """
# T.__new__ of a builtin type is tp_new_wrapper, a METH_VARARGS function:
# the call packs all its arguments in a tuple, and the constructor gets a
# new tuple without the class. weakref.KeyedRef.__new__ calls
# ref.__new__(type, ob, callback), so each WeakValueDictionary entry makes
# both tuples while the class call's own is still alive. An exception's
# args are that sliced tuple. PyPy has no gc.get_count."""
# portable = "Never depend on what a __new__ call allocates."
# ---
import gc
import weakref

class Plain:
    pass

class Keyed(weakref.ref):
    __slots__ = ("key",)
    def __new__(cls, ob, callback, key):
        self = weakref.ref.__new__(cls, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)

def count():
    return gc.get_count()[0]

target = Plain()
kept = []
calls = [
    ("object.__new__(Plain)", lambda: object.__new__(Plain)),
    ("Keyed(target, None, 'k')", lambda: kept.append(Keyed(target, None, "k"))),
    ("Exception.__new__(Exception, 'x', 'y')", lambda: kept.append(Exception.__new__(Exception, "x", "y"))),
]
deltas = []
gc.collect()
for label, call in calls:
    before = count()
    call()
    deltas.append((label, count() - before))
for label, delta in deltas:
    print(label, delta)
print(kept[0].key, kept[1].args)
