# ---
# summary = "gc.get_count() at each automatic collection around an unraisable report: __del__, a cycle's __del__, a weakref callback and a generator's close raising"
# tags = ["finalizers", "unraisable", "gc-automatic", "weakref", "generators", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "unraisable", "weakref", "weakref-callbacks", "gc-control", "gc-counts", "gc-callbacks"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/errors.c",
#   "https://github.com/python/cpython/blob/3.11/Python/frame.c",
# ]
# explain = """
# Between the raise in the finalizer and the end of its report, CPython
# allocates the exception, the frame objects of the frames it passes
# (from 3.11 made at the raise, with the exception fetched, so that their
# allocation can collect), the traceback entries, the hook's argument
# (sys.UnraisableHookArgs), and for each piece of the report the bound
# write method of sys.stderr; PyFile_WriteObject binds it before it
# takes the str or repr of what it writes, whose PyErr_CheckSignals is
# where 3.12 and 3.13 run a scheduled collection. A gc.callbacks hook
# logs gc.get_count() at the start of each collection, for thresholds 1
# to 7. PyPy has no gc.get_count."""
# portable = "Never rely on where an automatic collection starts; reporting an exception allocates too."
# ---
import gc
import sys
import weakref

log = []


def callback(phase, info):
    if phase == "start":
        log.append(gc.get_count())


class Raises:
    def __del__(self):
        raise ValueError("from __del__")


class CycleRaises:
    def __init__(self):
        self.me = self

    def __del__(self):
        raise KeyError(len(log))


class Target:
    pass


def bad_callback(ref):
    raise RuntimeError("from callback")


def deep(n):
    if n:
        return deep(n - 1)
    raise TypeError("deep")


class DeepRaises:
    def __del__(self):
        deep(3)


def gen():
    try:
        yield 1
    finally:
        raise OSError("closing")


def scenario(name, threshold):
    if name == "plain":
        obj = Raises()
    elif name == "deep":
        obj = DeepRaises()
    elif name == "cycle":
        CycleRaises()
        obj = None
    elif name == "weakref":
        obj = Target()
        keep = weakref.ref(obj, bad_callback)
    else:
        obj = gen()
        next(obj)
    gc.collect()
    gc.callbacks.append(callback)
    gc.set_threshold(threshold)
    del obj
    if name == "cycle":
        gc.collect(0)
    for i in range(3):
        [[]]
    gc.set_threshold(700)
    gc.callbacks.remove(callback)
    print(name, threshold, log)
    del log[:]


for name in ("plain", "deep", "cycle", "weakref", "generator"):
    for threshold in range(1, 8):
        scenario(name, threshold)
