# ---
# summary = "The order in which CPython finalizes globals at exit, including objects nested in containers"
# tags = ["shutdown", "finalizer", "finalizer-order", "dealloc-order", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/pylifecycle.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/moduleobject.c",
# ]
# explain = """
# After atexit, CPython removes __main__ from sys.modules; the module's
# dict then survives only through the cycle formed with the functions and
# classes defined in it (their __globals__), and the final collection
# finalizes everything in that garbage in collector-list order: the plain
# globals in the order they were created, then objects held in containers,
# whose order differs between versions (3.11 differs from 3.8-3.10 and
# 3.12-3.13). An underscore name is not treated specially here. PyPy runs
# no __del__ at exit."""
# portable = "Never depend on the order in which globals are finalized at exit; release them explicitly, in order, from one atexit handler."
# ---
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)

a = Res("a")
b = Res("b")
_c = Res("_c")
d = Res("d")
items = [Res("items[0]"), Res("items[1]")]
holder = Res("holder")
holder.child = Res("holder.child")
print("end of script")
