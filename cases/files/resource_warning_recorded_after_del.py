# ---
# summary = "catch_warnings(record=True) records the ResourceWarning of a file dropped open by del, with the file as its source"
# tags = ["files", "file", "version-dependent"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/library/warnings.html#warnings.catch_warnings",
#   "https://docs.python.org/3/library/exceptions.html#ResourceWarning",
# ]
# explain = """
# CPython: `del f` drops the last reference, the TextIOWrapper's finalizer
# finds the file open and warns (fileio_dealloc_warn) at once, at the line
# of the del, with the wrapper as the warning's source; the recording
# catch_warnings keeps the WarningMessage instead of printing it.
# PyPy finalizes the file only at a collection: nothing is recorded inside
# the with block, and log[0] raises IndexError."""
# portable = "Close files explicitly (`with`); to test for leaks, collect (gc.collect()) inside catch_warnings before reading the log."
# ---
import warnings

with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    f = open("recorded.txt", "w", encoding="utf-8")
    del f
    print("recorded", len(log))
    w = log[0]
    print(w.category.__name__, w.message, w.lineno, type(w.source).__name__)
print(len(log), w.filename == __file__)
