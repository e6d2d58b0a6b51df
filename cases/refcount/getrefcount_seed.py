# ---
# summary = "sys.getrefcount counts the argument's own temporary reference"
# tags = ["refcount", "getrefcount", "api-presence", "seed", "pypy-doc"]
# requires = ["getrefcount"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.getrefcount",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#missing-sys-getrefcount",
# ]
# explain = """
# The seed's example, verbatim. CPython reports one more than the number of
# names because the call's argument is a reference too. PyPy has no reference
# counts and does not define sys.getrefcount at all ("Missing
# sys.getrefcount" in the PyPy doc), so the first call ends the program with
# AttributeError."""
# portable = "Guard sys.getrefcount with `hasattr(sys, 'getrefcount')` and use it only to explore CPython; a program must not need it."
# ---
import sys

a = [1, 2, 3]
print(sys.getrefcount(a))
b = a
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
