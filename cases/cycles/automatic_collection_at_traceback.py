# ---
# summary = "A raise allocates its traceback with no exception set: an automatic collection can start there, while the exception propagates"
# tags = ["cycles", "gc-automatic", "exceptions", "finalizers", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/traceback.c",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# An allocation past the generation-0 threshold starts a collection
# unless an exception is set (_PyObject_GC_Link checks
# _PyErr_Occurred). While a raise unwinds, PyTraceBack_Here fetches the
# exception (PyErr_Fetch) and allocates the traceback entry with none set,
# and from 3.11 the frame object made for it is allocated with the
# exception fetched too, so either allocation can collect: a cycle
# dropped before the raise is finalized before the except clause runs. Each turn sets the threshold a
# little further above the current count just before the raise; up to
# 3.11 the finalizer prints before "caught" as long as the allocations of
# the raise reach it. From 3.12 an allocation only schedules the
# collection, for the next check of the eval breaker; the first one is at
# the end of the handler's call of gc.set_threshold(700), and by then no
# generation is past its threshold: each cycle waits for the next
# gc.collect(). PyPy has no gc.get_count."""
# portable = "Never rely on when an automatic collection starts; a raise allocates too."
# ---
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __del__(self):
        print("  collected", self.name)


def inner(k):
    Node("n%d" % k)
    gc.set_threshold(gc.get_count()[0] + k)
    raise KeyError


def outer(k):
    inner(k)


for k in range(6):
    gc.collect()
    print("threshold at count +", k)
    try:
        outer(k)
    except KeyError:
        gc.set_threshold(700)
        print("  caught")
