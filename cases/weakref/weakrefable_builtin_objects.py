# ---
# summary = "Which builtin objects can be weakly referenced: builtin functions and their bound methods on every runtime; method descriptors and most exceptions on PyPy only"
# tags = ["weakref", "api-presence"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html",
#   "https://doc.pypy.org/en/latest/cpython_differences.html",
# ]
# explain = """
# CPython lets a type be weakly referenced when its objects carry a slot
# for the list of weak references (tp_weaklistoffset): builtin functions
# and the builtin methods bound to an object (`len`, `[].append`) have
# one, the descriptors in a builtin type's dict (`list.append`) and the
# builtin exceptions do not, though a class derived from Exception does.
# PyPy decides per interp-level class: method descriptors can be weakly
# referenced, and so can the exceptions its exceptions module defines
# plainly (ValueError, KeyError), but not those with a class of their own
# (OSError, StopIteration, AttributeError), nor BaseException itself."""
# portable = "Weakly reference only instances of your own classes; wrap a builtin object in one if a cache needs it."
# ---
import weakref


class MyError(Exception):
    pass


for label, value in [
    ("builtin function", len),
    ("bound builtin method", [].append),
    ("method descriptor", list.append),
    ("ValueError", ValueError("v")),
    ("KeyError", KeyError("k")),
    ("OSError", OSError("o")),
    ("StopIteration", StopIteration()),
    ("AttributeError", AttributeError("a")),
    ("BaseException", BaseException()),
    ("Exception subclass", MyError()),
]:
    try:
        r = weakref.ref(value)
        print(label + ": ok, alive", r() is value)
    except TypeError as e:
        print(label + ": TypeError:", e)
