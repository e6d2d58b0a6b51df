# ---
# summary = "With warnings enabled, a file closed by the collector emits ResourceWarning: unclosed file"
# tags = ["files", "file", "pypy-doc", "version-dependent"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://docs.python.org/3/library/exceptions.html#ResourceWarning",
#   "https://docs.python.org/3/library/warnings.html#the-warnings-filter",
# ]
# explain = """
# PyPy doc: to find files that are not closed explicitly, "use the
# -Walways command line option ... you may need to add a call to
# gc.collect() at the end of the program. Then a ResourceWarning is
# produced for every file and socket that the garbage collector closes."
# (This case sets the filter with the warnings module, which is outside
# the usual case subset.) CPython warns when the file object dies at the
# return of leak(), at the line of the call, and adds a tracemalloc hint.
# PyPy warns inside gc.collect(); the location it reports is wherever the
# finalizer happened to run (here a frame of importlib).
# CPython 3.8 reports the script path as given on the command line;
# later versions report the absolute path (normalized to ./)."""
# portable = "Close every file explicitly (`with`), and run the tests with `-W error::ResourceWarning` (plus a final gc.collect() on PyPy) to find the ones that are not."
# ---
import gc
import warnings

warnings.simplefilter("always")

def leak():
    f = open("leak.txt", "w", encoding="utf-8")
    f.write("x")

leak()
print("after leak()")
gc.collect()
print("after gc.collect()")
