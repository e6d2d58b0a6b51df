# ---
# summary = "A program's own sys.stderr sees an unraisable exception's report as CPython's C writer writes it: one write per piece, empty ones too, then flush()"
# tags = ["exceptions", "finalizers", "weakref", "version-dependent", "realistic"]
# requires = ["py3-syntax", "finalizers", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
#   "https://github.com/python/cpython/blob/3.11/Python/errors.c",
#   "https://github.com/python/cpython/blob/3.11/Python/traceback.c",
# ]
# explain = """
# An exception raised by __del__ or by a weakref callback cannot propagate:
# the default sys.unraisablehook reports it on sys.stderr from C
# (write_unraisable_exc_file). It writes the report in pieces, each through
# PyFile_WriteString or PyFile_WriteObject, which look up stderr.write and
# call it: "Exception ignored in: ", the repr, "\\n", the traceback's lines
# (a source line as its indent, its text and its end), the exception's
# module and "." (to 3.10 for __main__ too), its name, ": ", its str()
# (even an empty one), "\\n"; then it calls stderr.flush(). A logging or
# test framework that replaces sys.stderr sees each piece, and so do the
# collector's counts: each write binds a method. PyPy writes the report
# from Python, in other pieces."""
# portable = "Do not parse what a replaced sys.stderr receives piece by piece; set sys.unraisablehook to see unraisable exceptions as objects."
# ---
import sys
import weakref


class Recorder:
    """Stands in for sys.stderr: shows each piece written to it."""

    def write(self, text):
        print("write", repr(text))

    def flush(self):
        print("flush")


class Boom(Exception):
    pass


class RaisesInDel:
    def __init__(self, exc):
        self.exc = exc

    def __del__(self):
        raise self.exc


class Target:
    pass


def callback(ref):
    raise KeyError("key")


sys.stderr = Recorder()
print("-- __del__ raises an exception of the program's")
x = RaisesInDel(Boom("in del"))
del x
print("-- __del__ raises one without arguments")
x = RaisesInDel(Boom())
del x
print("-- __del__ raises a builtin exception")
x = RaisesInDel(KeyError("k"))
del x
print("-- a weakref callback raises")
t = Target()
r = weakref.ref(t, callback)
del t
sys.stderr = sys.__stderr__
print("-- end")
