# ---
# summary = "A __del__ that raises is reported; on PyPy the first report imports the traceback module, which changes the order of the next collection's finalizers"
# tags = ["finalizers", "finalizer", "finalizer-order", "unraisable", "pypy-finalizer-order", "fuzz-regression"]
# requires = ["py3-syntax", "finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# CPython reports an exception raised by __del__ and frees the three
# objects of the list last to first when the list dies. PyPy runs
# finalizers at a collection; the first one to run Python code runs the
# other queued ones nested inside it, so three independent objects print in
# the order 2 3 1. The first "Exception ignored" report on PyPy imports the
# traceback module and its dependencies; each import leaves a module lock
# whose weakref callback runs at the next collection, first, and absorbs
# that nesting: the next three print in order 1 2 3. The second report
# imports nothing, and the collection after it shows 2 3 1 again."""
# portable = "Do not let __del__ raise, and do not depend on finalizer order; release resources with explicit close() calls in a defined order."
# ---
# Found by memconform fuzz (seeds 10142, 10635, 11791 against pypy3).
import gc


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Raising:
    def __del__(self):
        raise ValueError("raised in __del__")


def make_three():
    items = [Named("n1"), Named("n2"), Named("n3")]


def round_trip(label):
    print("--", label)
    o = Raising()
    o = None
    gc.collect()
    make_three()
    gc.collect()


round_trip("first report")
round_trip("second report")
