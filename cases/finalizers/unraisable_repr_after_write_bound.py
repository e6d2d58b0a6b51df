# ---
# summary = "The repr in an unraisable report's first line is taken after sys.stderr.write is bound; from 3.13 atexit's message takes it before the report"
# tags = ["finalizers", "unraisable", "weakref", "atexit", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "unraisable", "weakref", "weakref-callbacks", "atexit", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/errors.c",
#   "https://github.com/python/cpython/blob/3.13/Modules/atexitmodule.c",
# ]
# explain = """
# write_unraisable_exc_file writes "Exception ignored in: " and then the
# object with PyFile_WriteObject, which binds sys.stderr.write (a bound
# method, counted in generation 0) before it calls repr(): a __repr__
# that reads gc.get_count() sees that method, and on 3.12 and 3.13 the
# repr's PyErr_CheckSignals runs a collection scheduled by the report's
# allocations. 3.13's atexit formats the callback into its message
# (PyErr_FormatUnraisable) before the report starts. PyPy has no
# gc.get_count."""
# portable = "Keep __repr__ free of side effects; an error report may call it at any point."
# ---
import atexit
import gc
import weakref

seen = []


class Reporter:
    def __init__(self, name):
        self.name = name

    def __call__(self, *args):
        raise LookupError(self.name)

    def __repr__(self):
        seen.append(gc.get_count()[0])
        return "<Reporter %s>" % self.name


class Target:
    pass


for threshold in (1, 2, 3, 5, 700):
    target = Target()
    keep = weakref.ref(target, Reporter("weakref"))
    gc.collect()
    gc.set_threshold(threshold)
    del target
    gc.set_threshold(700)
    print(threshold, seen)
    del seen[:]


def at_exit_report():
    print("counts seen by the repr at exit", seen)


atexit.register(at_exit_report)
atexit.register(Reporter("atexit"))
gc.collect()
