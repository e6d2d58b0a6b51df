# ---
# summary = "What importing an already loaded module adds to gc.get_count()[0]: __import__'s argument tuple (to 3.10), and the AttributeError 3.10 and 3.11 raise and clear for a module start-up made without importlib (sys, __main__)"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Python/import.c",
#   "https://github.com/python/cpython/blob/3.10/Objects/moduleobject.c",
#   "https://github.com/python/cpython/blob/3.10/Python/bltinmodule.c",
# ]
# explain = """
# An import of a module already in sys.modules asks whether the module is
# still being initialized (import_ensure_initialized) by looking up
# __spec__._initializing. importlib sets that attribute on every spec it
# loads, but the modules start-up made without it (sys, builtins) have
# none, and __main__'s spec is None. 3.10 and 3.11 look it up with a plain
# getattr, which raises an AttributeError and clears it: its args tuple
# goes to the tuple free list, so the first such import after a
# collection counts one more. 3.9 and 3.12+ ask without raising. To 3.10
# __import__ is METH_VARARGS: each call packs its arguments in a tuple,
# which the next call takes back from the free list. An import statement
# calls importlib's C code without __import__. gc.collect() has emptied
# the free lists before each measure; each line includes the tuple
# gc.get_count() returns. PyPy has no gc.get_count."""
# portable = "Never depend on what an import adds to gc.get_count()."
# ---
import gc
import sys
import os
import weakref

gc.disable()


def counted(action):
    gc.collect()
    before = gc.get_count()[0]
    action()
    return gc.get_count()[0] - before


def import_twice(name):
    __import__(name)
    __import__(name)


def import_statements():
    import sys
    import gc
    import weakref


results = []
for name in ["sys", "gc", "os", "weakref", "__main__"]:
    results.append(("__import__ twice: " + name, counted(lambda: import_twice(name))))
results.append(("statements: sys, gc, weakref", counted(import_statements)))
for label, delta in results:
    print(label, delta)
