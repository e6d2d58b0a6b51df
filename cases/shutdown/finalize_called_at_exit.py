# ---
# summary = "weakref.finalize objects still alive at exit are called, newest first, on both runtimes; atexit=False ones are not"
# tags = ["shutdown", "weakref-finalize", "atexit", "pypy-doc"]
# requires = ["py3-syntax", "finalizers", "weakref", "weakref-finalize"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.finalize.atexit",
#   "https://docs.python.org/3/library/weakref.html#comparing-finalizers-with-del-methods",
# ]
# explain = """
# weakref.finalize registers one atexit hook that calls the pending
# finalizers whose atexit attribute is true, most recently created first.
# Because it rides on atexit, it is the portable way to get cleanup at
# exit: PyPy, which runs no __del__ at exit, runs these. A finalizer with
# atexit=False is skipped at exit; on CPython its object then dies during
# module teardown but finalize no longer calls anything once shutdown has
# started."""
# portable = "This is the portable pattern for cleanup at exit: weakref.finalize (atexit=True) or an atexit handler, both of which every runtime runs at a normal exit."
# ---
import weakref

class Resource:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

def release(name):
    print("finalize callback", name)

first = Resource("first")
second = Resource("second")
quiet = Resource("quiet")
weakref.finalize(first, release, "first")
weakref.finalize(second, release, "second")
f = weakref.finalize(quiet, release, "quiet")
f.atexit = False
print("end of script")
