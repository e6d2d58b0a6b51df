# ---
# summary = "The collection after atexit calls gc.callbacks, as gc.collect() does"
# tags = ["shutdown", "gc-module", "cycle", "finalizer", "atexit", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "atexit"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.callbacks",
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
# ]
# explain = """
# CPython's Py_FinalizeEx runs the atexit callbacks, then PyGC_Collect(): a
# full collection with the gc.callbacks, exactly like gc.collect(), but
# skipped when the collector is disabled (see
# gc_disabled_exit_collection_without_callbacks). 3.8 counts the instance's
# __dict__ too. PyPy runs no collection at exit: the cycle's __del__ never
# runs."""
# portable = "Do not rely on an exit-time collection or on gc.callbacks (PyPy has neither); finish cleanup explicitly before the program ends."
# ---
import atexit
import gc

class Cycle:
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        print("__del__", self.name)

def on_gc(phase, info):
    print("gc callback:", phase, "generation", info["generation"], "collected", info["collected"])

if hasattr(gc, "callbacks"):
    gc.callbacks.append(on_gc)
atexit.register(print, "atexit")
Cycle("left for exit")
print("end of script")
