# ---
# summary = "hasattr() of a module's missing name and str.startswith() allocate a tuple where the runtime makes an error object or packs arguments"
# tags = ["exceptions", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/v3.11.7/Objects/moduleobject.c",
#   "https://github.com/python/cpython/blob/v3.11.7/Objects/unicodeobject.c",
# ]
# explain = """
# With the free list of 1-tuples emptied, a new 1-tuple adds one to
# gc.get_count()[0] and stays on the free list when freed. Before 3.12 a
# module's getattr has no way to miss quietly: hasattr() clears the
# AttributeErrors it raises, and each that is an object by then (its
# args a 1-tuple) costs one: from 3.10 the generic lookup's at once, and,
# while an exception is being handled, the module's own too (3.9: only
# then). str.startswith is METH_VARARGS to 3.12: its argument is packed
# in a new tuple; 3.13 passes it without one."""
# portable = "Do not count on gc.get_count() across calls of builtins."
# ---
import gc
import sys

gc.disable()


def probe(call):
    keep = [(i,) for i in range(3000)]
    before = gc.get_count()[0]
    call()
    return gc.get_count()[0] - before


def missing_name():
    return hasattr(gc, "no_such_name")


def prefix():
    return "--x".startswith("-")


missing_name()
prefix()
print("hasattr miss", probe(missing_name))
try:
    raise KeyError("handled")
except KeyError:
    print("hasattr miss while handling", probe(missing_name))
print("str.startswith", probe(prefix))
