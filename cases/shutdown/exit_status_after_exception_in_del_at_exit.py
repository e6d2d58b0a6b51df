# ---
# summary = "A __del__ that raises during exit-time finalization is reported; the exit status stays 0"
# tags = ["shutdown", "finalizer", "unraisable"]
# requires = ["finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
# ]
# explain = """
# CPython finalizes the global during teardown; its exception is printed
# as "Exception ignored in: ..." and the process still exits with status
# 0. PyPy does not finalize globals at exit, so nothing is printed."""
# portable = "Do not do work in __del__ that can fail at exit; release globals' resources explicitly before the program ends, and catch errors there."
# ---
class Flusher:
    def __del__(self):
        print("flusher __del__ at exit")
        raise RuntimeError("flush at exit failed")

f = Flusher()
print("end of script")
