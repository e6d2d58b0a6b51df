# ---
# summary = "An uncaught exception: traceback, exit status 1, then CPython finalizes what is left, PyPy does not"
# tags = ["exceptions", "traceback", "sys-exit", "shutdown", "finalizer", "pypy-doc"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.excepthook",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The traceback is printed first. Then CPython shuts down: the frames the
# traceback held are released and module globals are cleared, so the
# __del__ of the local in the failing function and of the global both run
# after the traceback. PyPy runs no finalizers at exit."""
# portable = "Do not rely on __del__ running after an uncaught exception (PyPy runs no finalizers at exit); release resources in `finally`, `with` or atexit handlers."
# ---
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

def fail():
    local = Res("local of fail()")
    raise RuntimeError("unhandled")

keep = Res("global")
print("calling fail()")
fail()
print("never printed")
