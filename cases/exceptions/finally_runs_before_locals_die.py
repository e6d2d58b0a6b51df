# ---
# summary = "A finally block runs before the function's locals are released at return or on an exception"
# tags = ["exceptions", "finalizer", "dealloc-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/compound_stmts.html#finally-clause"]
# explain = """
# finally executes inside the frame, so its locals are still alive; they
# are released when the frame is cleared after the return, or, when an
# exception propagates, when the traceback that holds the frame is freed.
# On CPython the returned-from frame frees its local right after the call;
# the failed one frees it at the end of the caller's handler. PyPy frees
# both at gc.collect()."""
# portable = "Do cleanup inside the `finally` block (or `with`) itself, not in the __del__ of a local, because when the local dies after it depends on the runtime."
# ---
import gc

class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

def work(fail):
    r = Res("fail" if fail else "ok")
    try:
        if fail:
            raise ValueError("failed")
        return "result"
    finally:
        print("  finally, resource alive:", r.name)

print("returned", work(False))
try:
    work(True)
except ValueError as e:
    print("handler:", e)
print("after handler")
gc.collect()
print("after gc.collect()")
