# ---
# summary = "A raise makes the frame objects of its frames with the exception fetched: an automatic collection can start at each, before the traceback entry"
# tags = ["cycles", "gc-automatic", "gc-module", "exceptions", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "gc-callbacks"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/frame.c",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# From 3.11 a frame has no frame object until something asks for one; a
# raise does, for its traceback entry (PyTraceBack_Here). The allocation
# that crosses the generation-0 threshold collects only when no
# exception is set (_PyObject_GC_Link), and _PyFrame_MakeAndSetFrameObject
# fetches the exception around the frame object's allocation: the frame
# object can start the collection, as the traceback entry after it can.
# A gc.callbacks hook logs gc.get_count() at each start, for a raise
# through one, two and three frames. To 3.10 the call made the frame
# object, before anything was raised; 3.12 and 3.13 only schedule the
# collection there, for the next eval-breaker check. PyPy has no
# gc.get_count."""
# portable = "Never rely on where an automatic collection starts; a raise allocates too."
# ---
import gc

log = []


def callback(phase, info):
    if phase == "start":
        log.append(gc.get_count())


def inner(n):
    raise ValueError(n)


def outer(n):
    inner(n)


def deeper(n):
    outer(n)


def trial(threshold, call):
    gc.collect()
    gc.callbacks.append(callback)
    gc.set_threshold(threshold)
    for i in range(4):
        try:
            call(i)
        except ValueError:
            pass
    gc.set_threshold(700)
    gc.callbacks.remove(callback)
    print(threshold, call.__name__, log)
    del log[:]


for threshold in range(1, 9):
    for call in (inner, outer, deeper):
        trial(threshold, call)
