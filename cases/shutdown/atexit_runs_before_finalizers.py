# ---
# summary = "At exit, atexit handlers run first; globals' __del__ (CPython only) afterwards and can still use globals"
# tags = ["shutdown", "atexit", "finalizer", "pypy-doc"]
# requires = ["py3-syntax", "finalizers", "atexit"]
# refs = [
#   "https://docs.python.org/3/library/atexit.html",
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
# ]
# explain = """
# CPython's shutdown runs atexit handlers, then collects garbage and
# finalizes the __main__ module's objects; a __del__ running then can
# still read other globals and imported modules (it was not always so:
# old versions set module globals to None first). PyPy runs the atexit
# handler and stops."""
# portable = "Do cleanup that must happen at exit in atexit handlers (or `with`/`finally` in main), not in __del__ of globals, which PyPy never runs."
# ---
import atexit
import os

PREFIX = "[shutdown]"

class Service:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print(PREFIX, "service", self.name, "stopped; cwd exists:", os.path.exists("."))

def goodbye():
    print(PREFIX, "atexit handler")

svc = Service("web")
atexit.register(goodbye)
print("end of script")
