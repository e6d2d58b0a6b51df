# ---
# summary = "With gc disabled, the collection after atexit is skipped; the cycle dies in module teardown, and no gc.callbacks run"
# tags = ["shutdown", "gc-module", "cycle", "finalizer", "atexit", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "gc-control", "atexit"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.disable",
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
# ]
# explain = """
# PyGC_Collect(), the collection right after the atexit callbacks, does
# nothing while the collector is disabled. The collections of module
# teardown (_PyGC_CollectNoFail) ignore gc.disable() and never call the
# gc.callbacks: the cycle's __del__ runs there, silently. CPython 3.14
# collects after atexit even when disabled, and calls the callbacks. PyPy
# runs no collection at exit."""
# portable = "Do not depend on the collections CPython runs at exit, with or without gc.disable(); release resources explicitly before exiting."
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
    print("gc callback:", phase, "generation", info["generation"])

if hasattr(gc, "callbacks"):
    gc.callbacks.append(on_gc)
atexit.register(print, "atexit")
Cycle("left for exit")
gc.disable()
print("end of script")
