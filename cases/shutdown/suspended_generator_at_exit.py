# ---
# summary = "A global generator suspended in try/finally: CPython runs its finally at exit, PyPy never"
# tags = ["shutdown", "generator", "finalizer", "pypy-doc"]
# requires = ["py3-syntax"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://github.com/pypy/pypy/issues/736",
# ]
# explain = """
# A generator that is never exhausted nor closed has its finally run only
# by its finalizer. CPython finalizes it during module teardown at exit;
# PyPy runs no finalizers at exit, so the finally block (here: releasing a
# lock file) never runs."""
# portable = "Close global generators explicitly (gen.close() in an atexit handler or at the end of main); PyPy never runs their finally blocks at exit."
# ---
def session():
    print("session open")
    try:
        yield "token"
    finally:
        print("session finally: releasing lock")

s = session()
print("got", next(s))
print("end of script")
