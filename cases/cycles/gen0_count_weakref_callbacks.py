# ---
# summary = "What an object's death adds to gc.get_count()[0] when weakrefs with callbacks, or a weakref.finalize, are called back"
# tags = ["cycles", "gc-module", "weakref", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control", "weakref", "weakref-callbacks", "weakref-finalize"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Objects/weakrefobject.c",
#   "https://github.com/python/cpython/blob/3.13/Objects/weakrefobject.c",
#   "https://github.com/python/cpython/issues/111926",
# ]
# explain = """
# PyObject_ClearWeakRefs clears an object's weakrefs and calls their
# callbacks. Up to 3.12 it calls a single callback directly, and gathers
# two or more, with their weakrefs, in a new tuple of pairs that it frees
# after the last one; from 3.13 it always makes the tuple. A
# weakref.finalize is a weakref whose callback is the finalize object, an
# instance of a class with __call__: calling it packs the weakref into a
# new tuple (_PyObject_MakeTpCall), and finalize.__call__ calls the
# function with `**(kwargs or {})`, which makes two dicts. Each line is the
# count after `del` less the count before it, after gc.collect() emptied
# the free lists. PyPy has no gc.get_count."""
# portable = "Never depend on gc.get_count() values; they change with every version's weakref clearing and free lists."
# ---
import gc
import weakref


class Target:
    pass


def callback(ref):
    pass


def one_callback(target):
    return [weakref.ref(target, callback)]


def two_callbacks(target):
    return [weakref.ref(target, callback), weakref.ref(target, lambda ref: None)]


def plain_and_callback(target):
    return [weakref.ref(target), weakref.ref(target, callback)]


def finalize(target):
    return [weakref.finalize(target, callback, None)]


def finalize_keywords(target):
    return [weakref.finalize(target, callback, ref=None)]


def count():
    return gc.get_count()[0]


def delta(attach):
    target = Target()
    kept = attach(target)
    gc.collect()
    # Kept, so that what the death frees is seen: the count stops at 0.
    padding = [[] for _ in range(20)]
    before = count()
    del target
    return count() - before


gc.disable()
weakref.finalize(Target(), callback, None)  # atexit.register, once
results = [(attach.__name__, delta(attach)) for attach in
           [one_callback, two_callbacks, plain_and_callback, finalize, finalize_keywords]]
gc.enable()
for label, added in results:
    print(f"{label}: {added}")
