# ---
# summary = "A repr that raises in an unraisable report's first line: gc.get_count() inside it and at each automatic collection's start"
# tags = ["finalizers", "unraisable", "weakref", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "unraisable", "weakref", "weakref-callbacks", "gc-control", "gc-counts", "gc-callbacks"]
# refs = ["https://github.com/python/cpython/blob/3.11/Python/errors.c"]
# explain = """
# write_unraisable_exc_file writes the object with PyFile_WriteObject,
# which binds sys.stderr.write, calls repr() and drops the bound method
# when the repr fails; the report then writes "<object repr() failed>",
# binding write again. The weakref callback's repr reads gc.get_count(),
# and a gc.callbacks hook logs it at each collection's start, for
# thresholds 1 to 6. PyPy has no gc.get_count."""
# portable = "Keep __repr__ from raising; an error report may call it at any point."
# ---
import gc
import weakref

seen = []


class BadRepr:
    def __call__(self, ref):
        raise LookupError("callback")

    def __repr__(self):
        seen.append(gc.get_count()[0])
        raise ValueError("no repr")


class Target:
    pass


log = []


def cb(phase, info):
    if phase == "start":
        log.append(gc.get_count())


for threshold in (1, 2, 3, 4, 5, 6, 700):
    t = Target()
    keep = weakref.ref(t, BadRepr())
    gc.collect()
    gc.callbacks.append(cb)
    gc.set_threshold(threshold)
    del t
    gc.set_threshold(700)
    gc.callbacks.remove(cb)
    print(threshold, seen, log)
    del seen[:], log[:]
