# ---
# summary = "After gc.collect(), what calling str, int, weakref.ref, property, slice, type(x) or super adds to gc.get_count()[0], and float, bool or range does not"
# tags = ["cycles", "gc-module", "gc-automatic", "weakref", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
#   "https://github.com/python/cpython/blob/3.11/Objects/call.c",
# ]
# explain = """
# Calling a type runs its vectorcall when it has one; CPython 3.11 gives
# one to float, bool, range, list, tuple, dict and set, but not to str,
# int, weakref.ref, property or slice. Those are called through tp_call,
# and _PyObject_MakeTpCall first packs the positional arguments in a new
# tuple, as for a class. Freed, the tuple goes to a free list, which
# bypasses the count: after gc.collect() has emptied the free lists, the
# first such call adds one and the next one nothing. A call without
# arguments uses the empty tuple, which is never allocated. Up to 3.10 a
# function kept its last frame object for reuse, so each first call adds
# one more (3.6-3.8 packed float, bool and range too; type(x), whose fast
# path is type_vectorcall, packs to 3.9, super to 3.10); 3.13 gives str and
# int a vectorcall; 3.14 counts tracked objects instead. PyPy has no
# gc.get_count."""
# portable = "Never depend on what a call adds to gc.get_count(): it changes with each version's calling convention and free lists, and PyPy has no gc.get_count; collect explicitly where a collection matters."
# ---
import gc
import weakref

class Target:
    pass

target = Target()

def callback(ref):
    pass

def fget(obj):
    return 1

calls = [
    ("str(5)", lambda: str(5)),
    ("str(obj)", lambda: str(target)),
    ("str()", lambda: str()),
    ("int('5')", lambda: int("5")),
    ("weakref.ref(obj)", lambda: weakref.ref(target)),
    ("weakref.ref(obj, callback)", lambda: weakref.ref(target, callback)),
    ("property(f)", lambda: property(fget)),
    ("slice(1, 2)", lambda: slice(1, 2)),
    ("float('1.5')", lambda: float("1.5")),
    ("bool(1)", lambda: bool(1)),
    ("range(3)", lambda: range(3)),
    ("type(obj)", lambda: type(target)),
    ("super(C, obj)", lambda: super(Target, target)),
]

def count():
    return gc.get_count()[0]

def delta(call):
    gc.collect()
    count()
    before = count()
    call()
    first = count() - before
    before = count()
    call()
    return first, count() - before

if not hasattr(gc, "get_count"):
    print("gc.get_count missing")
else:
    gc.disable()
    results = [(label, delta(call)) for label, call in calls]
    gc.enable()
    for label, (first, second) in results:
        print(f"{label}: +{first}, then +{second}")
