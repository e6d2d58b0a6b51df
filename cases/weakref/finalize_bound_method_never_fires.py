# ---
# summary = "weakref.finalize(obj, obj.close) keeps obj alive forever: the cleanup only runs at exit"
# tags = ["weakref", "weakref-finalize", "atexit", "shutdown", "realistic"]
# requires = ["py3-syntax", "weakref", "weakref-finalize"]
# refs = ["https://docs.python.org/3/library/weakref.html#weakref.finalize"]
# explain = """
# The docs warn that func, args and kwargs must not refer to the object:
# the finalize registry holds them strongly, so a bound method of the
# object keeps it alive and the object never dies. Neither runtime calls
# the cleanup before exit; at exit, finalize's atexit hook calls every
# finalizer still alive whose atexit attribute is true, on both runtimes."""
# portable = "Pass weakref.finalize a function and arguments that do not refer to the object (a module-level function and the resource itself), never `obj.close`."
# ---
import gc
import weakref

class TempDir:
    def __init__(self, name):
        self.name = name
    def remove(self):
        print("removing", self.name)

def make():
    d = TempDir("tmp-1")
    weakref.finalize(d, d.remove)
    return weakref.ref(d)

r = make()
gc.collect()
print("still alive after gc.collect():", r() is not None)
print("end of program")
