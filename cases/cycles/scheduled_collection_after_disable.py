# ---
# summary = "A collection an allocation scheduled, when gc.disable() comes before the next eval-breaker check: it runs all the same (3.12), or it is dropped (3.13+)"
# tags = ["cycles", "gc-automatic", "gc-module", "cycle", "finalizer", "fuzz-regression", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/issues/97922",
#   "https://github.com/python/cpython/blob/3.12/Modules/gcmodule.c",
#   "https://github.com/python/cpython/blob/3.13/Python/gc.c",
# ]
# explain = """
# Found by `memconform fuzz` (3.13, seed 430598: the model collected before
# the end where CPython collected only at exit). With the collector
# disabled, allocations count but schedule nothing. Once it is enabled
# again, `x = []` takes the count past the threshold. Up to 3.11 that
# allocation collects at once. From 3.12 it only schedules a collection for
# the next eval-breaker check, here at the end of the call of gc.disable().
# 3.12's _Py_RunGC collects there regardless; 3.13's returns at once since
# the collector is disabled, and the schedule is dropped. After gc.enable(),
# `y = []` schedules again, and print()'s PyObject_Str runs it
# (PyErr_CheckSignals) before it writes. On 3.14 (Pyodide) the collection
# there is an increment of the incremental collector that frees none of it
# (gc.callbacks: generation 1, 0 collected): the marker waits for the exit.
# PyPy's collections depend on its nursery, not on these counts."""
# portable = "Do not rely on an automatic collection running, or not, around gc.disable(); call gc.collect() where a collection must happen."
# ---
import gc


class Marker:
    def __del__(self):
        print("marker finalized")


def cycle_with_marker():
    m = Marker()
    m.self = m


def garbage(n):
    for i in range(n):
        l = []
        l.append(l)


gc.disable()
cycle_with_marker()
garbage(3000)
gc.enable()
x = []
gc.disable()
print("-- disabled again")
gc.enable()
y = []
print("-- enabled again")
z = []
gc.isenabled()
print("-- end")
