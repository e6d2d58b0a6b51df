# ---
# summary = "The order in which a call's temporary arguments die after it returns: the caller's stack last to first up to 3.10, the callee's locals first to last in 3.11 to 3.13"
# tags = ["refcount", "dealloc-order", "temporaries", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3.11/whatsnew/3.11.html#cpython-bytecode-changes",
#   "https://github.com/python/cpython/blob/3.10/Python/ceval.c",
# ]
# explain = """
# Each argument below is a temporary that only the call holds. Up to 3.10
# CALL_FUNCTION and CALL_METHOD leave the arguments on the caller's stack
# while the callee runs on copies; when the call returns, the callee's frame
# dies first, then the caller pops its stack from the last argument back to
# the callable (a bound method, which holds its instance, goes last). From
# 3.11 CALL moves the arguments into the callee's frame, which drops its
# locals first to last when it returns; a bound method is split into its
# function and instance before the call. Pyodide's 3.14.2 frees them in
# 3.10's order again. A builtin's arguments (f(*a) packs them in a tuple,
# which drops its items last to first) die in the same order everywhere."""
# portable = "Do not rely on the order in which temporaries passed to a call are finalized; bind them to names and del them in the order you need, or use with blocks."
# ---
class Temp:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("free", self.name)

    def method(self, *args):
        print("in method")
        return 0


def packed(*args):
    print("in packed")
    return 0


def two(a, b):
    print("in two")
    return 0


print("-- packed(a, b)")
packed(Temp("a"), Temp("b"))
print("-- two(a, b)")
two(Temp("a"), Temp("b"))
print("-- len([a, b]) + two(c, d)")
len([Temp("a"), Temp("b")]) + two(Temp("c"), Temp("d"))
print("-- self.method(a, b)")
Temp("self").method(Temp("a"), Temp("b"))
print("-- getattr(self, 'method')(a)")
getattr(Temp("self"), "method")(Temp("a"))
print("-- isinstance(a, Temp)")
isinstance(Temp("a"), Temp)
print("end")
