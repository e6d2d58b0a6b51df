# ---
# summary = "gc.get_count()[0] right after a gc.collect() whose finalizers allocated: printing from __del__, or reporting a raising __del__, leaves 0"
# tags = ["cycles", "gc-module", "gc-automatic", "finalizers", "unraisable"]
# requires = ["py3-syntax", "finalizers", "unraisable", "gc-control", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_count",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# A collection sets the count of the generations it collects to 0 when
# it starts, so what its finalizers allocate counts: the bound methods
# and tuples a print makes, the exception, traceback and the source line
# a raising __del__'s report reads. A full collection then empties the
# free lists (clear_freelists), and each object freed there goes through
# PyObject_GC_Del, which takes one from the count, never below 0. What the
# finalizers made and dropped went to those free lists, so the count
# after gc.collect() is back to 0 here, and an automatic collection comes
# no earlier for the finalizers having run. 3.14 counts tracked objects
# instead; PyPy has no gc.get_count."""
# portable = "Never depend on gc.get_count() after a collection whose finalizers ran; collect explicitly where a collection matters."
# ---
import gc


class Boom(Exception):
    pass


class Printing:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("  del", self.name)


class Raising:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        raise Boom(self.name)


for cls in (Printing, Raising, Printing):
    gc.collect()
    cls(cls.__name__)
    gc.collect()
    print(cls.__name__, gc.get_count()[0])
