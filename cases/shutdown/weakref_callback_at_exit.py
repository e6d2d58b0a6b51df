# ---
# summary = "A weakref callback on a global object, with the weakref itself a global: not called at exit on either runtime"
# tags = ["shutdown", "weakref-callback", "finalizer"]
# requires = ["finalizers", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref",
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
# ]
# explain = """
# At exit CPython frees the global object in the collection that tears
# down __main__; the weakref is a global of the same module, so it is
# garbage in that same collection, and the collector skips callbacks of
# weakrefs that are themselves garbage: only __del__ runs. PyPy frees
# nothing at exit, so neither runs."""
# portable = "Do not rely on weakref callbacks at exit; use weakref.finalize, which every runtime calls at exit while its object lives."
# ---
import weakref

class Conn:
    def __del__(self):
        print("__del__ of conn")

def on_close(ref):
    print("weakref callback: conn is gone")

conn = Conn()
watch = weakref.ref(conn, on_close)
print("end of script")
