# ---
# summary = "After gc.collect(), what each kind of allocation adds to gc.get_count()[0], kept or thrown away"
# tags = ["cycles", "gc-module", "gc-automatic", "closure", "generator", "version-dependent"]
# requires = ["py3-syntax", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# The generation-0 count is the number of container objects allocated minus
# those freed since the last collection; it decides when the next automatic
# collection runs. Only containers count (not str or int): an instance, a
# list, a dict, a tuple, a bound method, a generator, and for a closure the
# function, its cell and the closure tuple. An instance freed at once adds
# nothing, but a list, dict or tuple thrown away still adds one: CPython
# keeps it on a free list for reuse, which bypasses the count both ways,
# and gc.collect() has just emptied those free lists. Up to 3.10 the
# counts differ: frames were objects too, and an instance had a __dict__
# object of its own.
# CPython 3.14 counts an object when it is tracked and uncounts it when it
# is freed, free list or not. PyPy has no gc.get_count."""
# portable = "Never depend on gc.get_count() values or on when a collection triggers; collect explicitly where you need it, and guard gc.get_count with `hasattr` for PyPy."
# ---
import gc

class Item:
    def method(self):
        pass

def generator():
    yield 1

def closure():
    captured = 1
    def inner():
        return captured
    return inner

def with_dict():
    i = Item()
    i.__dict__
    return i

item = Item()
kinds = [
    ("instance", lambda: Item()),
    ("instance with its __dict__", with_dict),
    ("list", lambda: []),
    ("dict", lambda: {}),
    ("tuple", lambda: (item, item)),
    ("bound method", lambda: item.method),
    ("generator", generator),
    ("closure", closure),
    ("str", lambda: "x" * 3),
    ("int", lambda: 10 ** 6),
]

def count():
    return gc.get_count()[0]

def delta(make, keep):
    gc.collect()
    count()
    count()
    before = count()
    if keep:
        kept = make()
    else:
        make()
    return count() - before

if not hasattr(gc, "get_count"):
    print("gc.get_count missing")
else:
    gc.disable()
    results = [(label, delta(make, True), delta(make, False)) for label, make in kinds]
    gc.enable()
    for label, kept, dropped in results:
        print(f"{label}: kept +{kept}, thrown away +{dropped}")
