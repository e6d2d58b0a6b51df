# ---
# summary = "sys.getrefcount exists on CPython only; calling it on PyPy raises AttributeError"
# tags = ["api", "api-presence", "getrefcount", "pypy-doc"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.getrefcount",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#missing-sys-getrefcount",
# ]
# explain = """
# PyPy doc, "Missing sys.getrefcount": "Because of the different strategy
# above, sys.getrefcount() would return an unreliable number. So PyPy does
# not implement that, trying to use it will raise AttributeError: module
# 'sys' has no attribute 'getrefcount'." A fresh object's count is 1 on
# CPython 3.8-3.13 (the argument itself)."""
# portable = "Do not call sys.getrefcount in program logic (PyPy raises AttributeError); if you use it in a CPython-only check, guard it with `hasattr(sys, 'getrefcount')`."
# ---
import sys

print("hasattr:", hasattr(sys, "getrefcount"))
try:
    print("fresh object:", sys.getrefcount(object()))
except AttributeError as e:
    print("AttributeError:", e)
