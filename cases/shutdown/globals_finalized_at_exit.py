# ---
# summary = "At exit CPython finalizes live globals and leftover garbage; PyPy runs no __del__ at all"
# tags = ["shutdown", "finalizer", "cycle", "pypy-doc"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
# ]
# explain = """
# PyPy doc: "CPython tries to do a gc.collect() automatically when the
# program finishes; not PyPy." CPython's Py_FinalizeEx collects the
# garbage cycle first, then tears down the __main__ module so the global
# dies too. PyPy exits without a collection and without calling any
# __del__, so neither line appears."""
# portable = "Use atexit.register or weakref.finalize for cleanup at exit; PyPy runs no __del__ when the program ends."
# ---
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

alive = Res("alive global")
cyc = Res("unreachable cycle")
cyc.me = cyc
del cyc
print("end of script")
