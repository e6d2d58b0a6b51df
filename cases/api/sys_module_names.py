# ---
# summary = "Which memory-related names the sys module defines on each runtime"
# tags = ["api", "api-presence", "getrefcount"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/sys.html",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#missing-sys-getrefcount",
# ]
# explain = """
# CPython has getrefcount and getallocatedblocks (pymalloc statistics);
# PyPy has neither. Both define getsizeof, but PyPy's raises TypeError
# because its objects have no fixed C size. gettotalrefcount exists only
# in CPython debug builds."""
# portable = "Test each memory-related sys name with `hasattr` before calling it, and pass a default to sys.getsizeof so that PyPy returns it instead of raising."
# ---
import sys

names = ["getrefcount", "getsizeof", "getallocatedblocks", "gettotalrefcount",
         "exit", "stdout", "stderr", "implementation", "version_info"]
for name in names:
    print(name, hasattr(sys, name))
