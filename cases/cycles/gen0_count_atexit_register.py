# ---
# summary = "After gc.collect(), what atexit.register and atexit.unregister add to gc.get_count()[0]: the call's arguments, not the entry that keeps them"
# tags = ["cycles", "gc-module", "gc-automatic", "atexit", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "atexit"]
# refs = [
#   "https://docs.python.org/3/library/atexit.html",
#   "https://github.com/python/cpython/blob/3.11/Modules/atexitmodule.c",
# ]
# explain = """
# atexit.register takes its arguments packed in a tuple (METH_VARARGS) and
# keeps a new tuple of all but the function, and the keywords' dict when
# there are keywords; the entry that holds them is a C struct, not an
# object, so it adds nothing to the count. gc.collect() has emptied the
# free lists first, so every tuple and dict the call makes is counted,
# and the packed arguments, freed, go to a free list for the next call.
# unregister frees the kept tuple and dict. At exit the callbacks run
# newest first. PyPy has no gc.get_count."""
# portable = "Never depend on what a call adds to gc.get_count(); register exit work with atexit and let it run."
# ---
import atexit
import gc

def callback(*args, **kwargs):
    print("callback", args, sorted(kwargs.items()))

def count():
    return gc.get_count()[0]

def delta(label, call):
    gc.collect()
    count()
    before = count()
    call()
    print(label, count() - before)

delta("register(f)", lambda: atexit.register(callback))
delta("register(f, 1, 2)", lambda: atexit.register(callback, 1, 2))
delta("register(f, 1, k=2)", lambda: atexit.register(callback, 1, k=2))
delta("unregister(f)", lambda: atexit.unregister(callback))
delta("register(f, 3)", lambda: atexit.register(callback, 3))
print("done")
