# ---
# summary = "An object passed as an exception argument lives as long as the exception"
# tags = ["exceptions", "traceback", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/library/exceptions.html#BaseException.args"]
# explain = """
# Exceptions keep their constructor arguments in e.args. A request object
# attached to an error survives until the exception is released: the end
# of the handler on CPython (or later, if the exception is stored), a
# collection on PyPy."""
# portable = "Pass identifiers or strings to an exception, not the resource itself, and close the resource in `finally`; then nothing waits for the exception to be freed."
# ---
import gc

class Request:
    def __init__(self, path):
        self.path = path
    def __del__(self):
        print("  request freed", self.path)

class HTTPError(Exception):
    def __init__(self, msg, request):
        super().__init__(msg, request)
        self.request = request

def handle(path):
    raise HTTPError("not found", Request(path))

try:
    handle("/missing")
except HTTPError as e:
    print("error:", e.args[0], e.request.path, len(e.args))
print("after handler")
gc.collect()
print("after gc.collect()")
