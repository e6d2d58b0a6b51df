# ---
# summary = "A suspended generator in a cycle is closed by the collector's finalizer pass, which frees the cycle by refcount: gc.collect() counts 0"
# tags = ["cycles", "cycle", "generator", "gc-collect", "finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0442/",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# The collector calls the finalizers of the garbage before it breaks any
# cycle. A generator's finalizer closes it: its `finally` runs and its frame
# is cleared, which drops the references that made the cycle, so reference
# counting frees the whole group while the finalizers are still running.
# When CPython then re-examines the garbage (handle_resurrected_objects),
# nothing is left to clear, and gc.collect() returns 0 although it freed the
# objects. PyPy closes the generator at gc.collect() too, but what its
# frame held dies only at a later collection (never, in this program), and
# gc.collect() returns None."""
# portable = "Close a generator explicitly (`gen.close()` or `contextlib.closing`) when you stop iterating, instead of leaving its finally block to the collector; ignore gc.collect()'s count."
# ---
import gc

class Resource:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

def worker(box):
    held = Resource("held by the frame")
    try:
        yield "ready"
    finally:
        print("  finally: generator closed")

gc.collect()
box = []
g = worker(box)
box.append(g)     # generator -> frame -> box -> generator
print(next(g))
del g, box
print("collecting")
print("gc.collect() ->", gc.collect())
print("end")
