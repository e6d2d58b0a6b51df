# ---
# summary = "Binding the caught exception to another local creates a frame/traceback cycle that only the collector frees"
# tags = ["exceptions", "traceback", "cycle", "gc-collect", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/compound_stmts.html#except-clause",
#   "https://docs.python.org/3/library/gc.html",
# ]
# explain = """
# `err = e` inside the handler stores the exception in the frame that the
# exception's traceback refers to: frame -> err -> traceback -> frame. The
# `as` name is deleted, but the alias is not, so when the function returns
# the frame, the exception and everything the frame held stay alive on
# CPython until gc.collect(). PyPy frees them at gc.collect() as well."""
# portable = "Do not bind the caught exception to another local; keep what you need (`msg = str(e)`), or `del` the alias in `finally`, so that the frame is freed at return on CPython."
# ---
import gc

class Conn:
    def __del__(self):
        print("  connection freed")

def query():
    conn = Conn()
    err = None
    try:
        raise OSError("no reply")
    except OSError as e:
        err = e
    return str(err)

gc.collect()
print("query:", query())
print("after query()")
gc.collect()
print("after gc.collect()")
