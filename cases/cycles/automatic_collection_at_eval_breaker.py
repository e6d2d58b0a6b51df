# ---
# summary = "An automatic collection runs inside the allocation that passes the threshold up to 3.11, at the next eval-breaker check from 3.12"
# tags = ["cycles", "cycle", "gc-automatic", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/issues/97922",
#   "https://github.com/python/cpython/blob/3.12/Python/gc.c",
# ]
# explain = """
# The tuple display below allocates thirty lists, one instruction each,
# before it calls log.append. With threshold 10, one of those allocations
# passes the threshold. Up to 3.11 that allocation collects at once, so the
# garbage cycle's __del__ runs in the middle of the expression, before the
# append. From 3.12 the allocation only schedules the collection; building
# a list checks no eval breaker, and the first check comes at the end of
# the call of a builtin, so __del__ runs after the first append. (3.12's
# print runs a scheduled collection before it writes: this case does not
# call it inside the expression.) 3.14's incremental collector (Pyodide's
# 3.14.2) does not collect the cycle before the program ends. PyPy has no
# set_threshold."""
# portable = "Never rely on where inside an expression an automatic collection runs; break the cycle or call gc.collect() where the cleanup must happen."
# ---
import gc

log = []


class Cycle:
    def __del__(self):
        log.append("__del__ of the garbage cycle")


gc.collect()
gc.set_threshold(10)
c = Cycle()
c.me = c
del c
items = ([], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [], log.append("first call in the expression"), log.append("second call"))
gc.set_threshold(700)
for line in log:
    print(line)
