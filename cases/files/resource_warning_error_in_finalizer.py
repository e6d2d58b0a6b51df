# ---
# summary = "Under the 'error' action, the ResourceWarning of a file dropped open becomes an exception its finalizer cannot raise: reported as ignored"
# tags = ["files", "file", "unraisable", "version-dependent"]
# requires = ["py3-syntax", "files", "unraisable"]
# refs = [
#   "https://docs.python.org/3/library/warnings.html#the-warnings-filter",
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
# ]
# explain = """
# CPython: the file dies at the return of leak(); fileio_dealloc_warn's
# warning is raised as an exception (the "error" action), which it reports
# with PyErr_WriteUnraisable in the FileIO's name, the traceback being the
# frame running then (the caller's line); the program goes on. 3.14 words
# the header "Exception ignored while finalizing file ...:". PyPy finalizes
# the file only at a collection, which never comes here: nothing."""
# portable = "Close files explicitly; `-W error::ResourceWarning` reports leaks, it does not stop the program."
# ---
import warnings

warnings.simplefilter("error")

def leak():
    f = open("error.txt", "w", encoding="utf-8")
    f.write("x")

leak()
print("after leak()")
