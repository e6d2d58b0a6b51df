# ---
# summary = "After gc.collect(), what print(), max() and a caught exception add to gc.get_count()[0]"
# tags = ["cycles", "gc-module", "gc-automatic", "exceptions", "version-dependent"]
# requires = ["py3-syntax", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
#   "https://github.com/python/cpython/blob/3.11/Python/bltinmodule.c",
# ]
# explain = """
# A call can allocate containers nobody sees: CPython 3.11 passes print,
# max and min their positional arguments in a new tuple, and an exception
# keeps the tuple it was called with as its args. Freed, such a tuple goes
# to a free list, which bypasses the count: after gc.collect() has emptied
# the free lists, the first such call adds one and the next ones nothing
# (print of three values reuses the 3-tuple gc.get_count() returned to the
# free list). On 3.11 the very first call of print also makes Argument
# Clinic's parser, whose tuple of keyword names lives on; 3.12 has it
# built in. 3.13 calls max without a tuple. Up to 3.10 a function kept
# its last frame object for reuse, so each first call adds one more. 3.14
# counts tracked objects instead. PyPy has no gc.get_count."""
# portable = "Never depend on gc.get_count() values; they change with every version's free lists and argument passing, and PyPy has no gc.get_count."
# ---
import gc

class Sink:
    def write(self, text):
        pass

class AppError(Exception):
    pass

sink = Sink()

def raise_builtin():
    try:
        raise ValueError("x")
    except ValueError:
        pass

def raise_class():
    try:
        raise AppError("x")
    except AppError:
        pass

def raise_native():
    try:
        [].pop()
    except IndexError:
        pass

calls = [
    ("print, first call", lambda: print("x", file=sink)),
    ("print", lambda: print("x", file=sink)),
    ("print, 3 values", lambda: print("x", "y", "z", end="", file=sink)),
    ("max(a, b)", lambda: max(1, 2)),
    ("max(list)", lambda: max([1, 2])),
    ("ValueError('x') raised and caught", raise_builtin),
    ("AppError('x') raised and caught", raise_class),
    ("[].pop() raising IndexError, caught", raise_native),
    ("ValueError('x') made and dropped", lambda: ValueError("x")),
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
