# ---
# summary = "E(*t).args is t itself on CPython: f(*args) hands a class the caller's tuple; a call with separate arguments packs a new one"
# tags = ["exceptions", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/exceptions.html#BaseException.args",
#   "https://github.com/python/cpython/blob/3.11/Objects/call.c",
# ]
# explain = """
# A class has no vectorcall: it is called with a tuple of its positional
# arguments, which BaseException keeps as `args`. For E(1, 2) the call
# packs a new tuple; for E(*t), where t is a tuple, PyObject_Call passes t
# itself, so the exception's args is the caller's tuple. A builtin
# exception type is called the same way, but from 3.14 it has a vectorcall
# and makes its own tuple. A function's or a __call__'s *args parameter
# is always a new tuple. PyPy makes a new tuple every time."""
# portable = "Never rely on `exc.args is t`: whether an exception shares the caller's tuple depends on the runtime and the version."
# ---
class AppError(Exception):
    pass


class Callable:
    def __call__(self, *args):
        return args


def function(*args):
    return args


t = (1, 2)
print("AppError(*t).args is t:", AppError(*t).args is t)
print("AppError(1, 2).args is t:", AppError(1, 2).args is t)
print("ValueError(*t).args is t:", ValueError(*t).args is t)
print("Callable()(*t) is t:", Callable()(*t) is t)
print("function(*t) is t:", function(*t) is t)
