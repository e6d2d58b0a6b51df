# ---
# summary = "sys.exit() inside __del__ does not exit: SystemExit is reported as ignored"
# tags = ["shutdown", "sys-exit", "finalizer", "unraisable"]
# requires = ["finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://docs.python.org/3/library/sys.html#sys.exit",
# ]
# explain = """
# Exceptions in finalizers cannot propagate, SystemExit included: the
# runtime prints "Exception ignored in: <function Worker.__del__ ...>"
# with the SystemExit and the program continues (exit status 0). On
# CPython this happens at del; on PyPy at gc.collect()."""
# portable = "Never call sys.exit() from __del__ (it is ignored everywhere); decide to exit in ordinary code."
# ---
import gc
import sys

class Worker:
    def __del__(self):
        print("worker __del__ calls sys.exit(2)")
        sys.exit(2)

w = Worker()
del w
print("still running after del")
gc.collect()
print("still running after gc.collect()")
