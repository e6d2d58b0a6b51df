# ---
# summary = "Files left open at exit warn during module teardown, with no frame: 'sys:1' to 3.12, '<sys>:0' from 3.13"
# tags = ["files", "file", "shutdown", "version-dependent"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/library/exceptions.html#ResourceWarning",
#   "https://github.com/python/cpython/blob/3.11/Python/_warnings.c",
# ]
# explain = """
# CPython's module teardown empties sys.modules before it clears __main__'s
# globals: the files die with no frame running (setup_context takes sys's
# globals, "sys" and line 1; 3.13 "<sys>" and 0) and with no warnings
# module to show the warning, so the C writer prints it, without a source
# line or the tracemalloc hint. The filter set by simplefilter still
# applies (the list is _warnings' own). PyPy closes them at exit without
# a warning."""
# portable = "Close files explicitly; a leak found at exit has no useful location."
# ---
import warnings

warnings.simplefilter("always")
f = open("exit.txt", "w", encoding="utf-8")

def keep_open():
    global kept
    kept = open("exit2.txt", "w", encoding="utf-8")

keep_open()
print("end")
