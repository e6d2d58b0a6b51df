# ---
# summary = "An automatic collection that starts while a raising __del__ is reported: where the collected finalizer's output lands, for each threshold"
# tags = ["finalizers", "unraisable", "gc-automatic", "cycle", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "unraisable", "gc-control", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
#   "https://github.com/python/cpython/blob/3.11/Python/errors.c",
# ]
# explain = """
# When __del__ raises, CPython reports the exception through
# sys.unraisablehook. Before the report is written, the exception, its
# traceback, the frame objects and the hook's argument (a struct
# sequence) have been allocated, and writing the traceback's source line
# opens the script with io. Each of these allocations can push the
# generation-0 count past the threshold. The threshold is set lower and
# lower so that the collection, which finalizes a cycle, starts at each of
# those points in turn: the cycle's finalizer prints before the report,
# in the middle of it, or only at the gc.collect() after it. Up to 3.11
# the allocation itself collects; from 3.12 the collection waits for the
# next check of the eval breaker, which str() and repr() also make."""
# portable = "Never rely on where an automatic collection interleaves with a finalizer's error report."
# ---
import gc
import sys


class Cycle:
    __slots__ = ("me",)

    def __del__(self):
        sys.stderr.write("<cycle collected>\n")


class Raises:
    def __del__(self):
        raise ValueError("from __del__")


def trial(threshold):
    doomed = Raises()
    gc.collect()
    cycle = Cycle()
    cycle.me = cycle
    del cycle
    gc.set_threshold(threshold)
    del doomed
    gc.set_threshold(700)
    gc.collect()


for threshold in range(1, 31):
    print("threshold", threshold)
    trial(threshold)
