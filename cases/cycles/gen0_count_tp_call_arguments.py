# ---
# summary = "What calling an instance with __call__, or a class, adds to gc.get_count()[0]: the tuple, dict and keyword names CPython packs for a type without vectorcall"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/call.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
#   "https://github.com/python/cpython/blob/3.8/Python/compile.c",
# ]
# explain = """
# A function, a bound method or a builtin is called through its vectorcall:
# the arguments stay where the caller put them. An instance of a class with
# __call__, and a class, have none: _PyObject_MakeTpCall packs the
# positional arguments into a new tuple and the keywords into a new dict.
# slot_tp_call, slot_tp_init and slot_tp_new then call the Python method
# with a new tuple of the keywords' names (_PyStack_UnpackDict). With
# f(*args, **kwargs) the interpreter passes its tuple and dict as they are,
# so nothing is packed. Up to 3.8 `**kwargs` alone is passed as it is; from
# 3.9 the compiler merges it into a new dict first. Each line is the count
# after the call less the count before it: the first time after
# gc.collect() emptied the free lists, then again. PyPy has no
# gc.get_count."""
# portable = "Never depend on gc.get_count() values; they change with every version's argument passing and free lists."
# ---
import gc


class Callable:
    def __call__(self, *args, **kwargs):
        return None


class WithInit:
    def __init__(self, *args, **kwargs):
        pass


class WithNew:
    def __new__(cls, *args, **kwargs):
        return object.__new__(cls)


instance = Callable()
args = (1, 2)
kwargs = {"k": 1}

calls = [
    ("instance()", lambda: instance()),
    ("instance(1)", lambda: instance(1)),
    ("instance(1, 2)", lambda: instance(1, 2)),
    ("instance(k=1)", lambda: instance(k=1)),
    ("instance(1, k=2, j=3)", lambda: instance(1, k=2, j=3)),
    ("instance(*args)", lambda: instance(*args)),
    ("instance(**kwargs)", lambda: instance(**kwargs)),
    ("instance(*args, **kwargs)", lambda: instance(*args, **kwargs)),
    ("WithInit(1)", lambda: WithInit(1)),
    ("WithInit(1, k=2)", lambda: WithInit(1, k=2)),
    ("WithInit(*args)", lambda: WithInit(*args)),
    ("WithInit(**kwargs)", lambda: WithInit(**kwargs)),
    ("WithInit(*args, **kwargs)", lambda: WithInit(*args, **kwargs)),
    ("WithNew(1, k=2)", lambda: WithNew(1, k=2)),
    ("WithNew(*args, **kwargs)", lambda: WithNew(*args, **kwargs)),
]


def count():
    return gc.get_count()[0]


def delta(call):
    gc.collect()
    # Kept, so that what the call frees is seen: the count stops at 0.
    padding = [[] for _ in range(20)]
    before = count()
    call()
    first = count() - before
    before = count()
    call()
    return first, count() - before


gc.disable()
results = [(label, delta(call)) for label, call in calls]
gc.enable()
for label, (first, second) in results:
    print(f"{label}: {first}, then {second}")
