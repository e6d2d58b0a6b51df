# ---
# summary = "What gc.collect() counts when the cycle goes through a closure cell, a generator's frame or a traceback"
# tags = ["cycles", "cycle", "gc-collect", "closure", "generator", "traceback"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# gc.collect() returns the number of unreachable objects the collector
# found: every container of the garbage counts, not only the instances. A
# recursive closure is the function, the closure tuple and a cell per
# captured name, plus what they hold; a caught exception stored in a local
# of its own frame is the exception, its argument tuple, its traceback, the
# frame and the frame's locals. A generator whose frame closes the cycle is
# freed while its finalizer runs, before the count is taken, so it counts 0.
# The counts are the same on CPython 3.8 to 3.13; PyPy returns None."""
# portable = "Do not use gc.collect()'s count as a leak check; break these cycles yourself (`del` the stored exception, close the generator, avoid self-recursive closures) and check liveness with weak references."
# ---
import gc

class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

def recursive_closure():
    data = Tracked("captured by the closure")
    def walk(n):
        return data if n == 0 else walk(n - 1)
    return walk

def shared_cell():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return inc
    def get():
        return count, inc
    return get

def failing():
    local = Tracked("local of the failed frame")
    try:
        raise KeyError("missing")
    except KeyError as e:
        saved = e

def suspended():
    me = yield
    yield

gc.collect()
recursive_closure()
print("recursive closure:", gc.collect())
shared_cell()
print("two closures sharing cells:", gc.collect())
failing()
print("exception saved in its own frame:", gc.collect())
g = suspended()
next(g)
g.send(g)
del g
print("generator holding itself:", gc.collect())
print("nothing left:", gc.collect())
