# ---
# summary = "After gc.collect(), calling list or dict adds one to gc.get_count()[0] each time, a display or a copy only the first time"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
#   "https://github.com/python/cpython/blob/3.11/Objects/listobject.c",
# ]
# explain = """
# CPython keeps freed lists and dicts on free lists, and an allocation
# that takes one from there does not count. A display ([x], {}), a slice
# or a copy takes from the free list, but calling the type (list(xs),
# dict()) allocates with tp_alloc, which never does: after gc.collect()
# has emptied the free lists, every such call adds one (the freed object
# still goes to the free list). list.extend copies a list or consumes an
# iterator without a temporary list. Up to 3.10 a function kept its last
# frame object for reuse, so each first call adds one more; 3.14 counts
# tracked objects instead. PyPy has no gc.get_count."""
# portable = "Never depend on what list(), dict() or a display adds to gc.get_count(): it changes with each version's allocation paths, and PyPy has no gc.get_count; collect explicitly where a collection matters."
# ---
import gc

def letters():
    yield "a"
    yield "b"

items = [1, 2]
target = []

calls = [
    ("list(xs)", lambda: list(items)),
    ("list()", lambda: list()),
    ("list(generator)", lambda: list(letters())),
    ("dict()", lambda: dict()),
    ("dict(a=1)", lambda: dict(a=1)),
    ("[x, y]", lambda: [1, 2]),
    ("{}", lambda: {}),
    ("xs[:]", lambda: items[:]),
    ("xs.copy()", lambda: items.copy()),
    ("target.extend(xs)", lambda: target.extend(items)),
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
