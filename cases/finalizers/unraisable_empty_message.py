# ---
# summary = "The report of an exception with an empty message escaping __del__: CPython writes 'Name: ', the traceback module 'Name'"
# tags = ["finalizers", "unraisable", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
#   "https://github.com/python/cpython/blob/3.11/Python/errors.c",
# ]
# explain = """
# CPython's default sys.unraisablehook is written in C and writes ": "
# after the exception's name whenever it has a value, even one whose str()
# is empty; sys.excepthook and the traceback module leave the colon out
# then. PyPy reports with the traceback module. os.error is the old name
# of OSError."""
# portable = "Do not parse the report of an ignored exception; give exceptions a message."
# ---
import gc
import os


class Empty(Exception):
    pass


class RaisesEmpty:
    def __del__(self):
        raise Empty()


class RaisesOSError:
    def __del__(self):
        raise os.error("from __del__")


first = RaisesEmpty()
del first
gc.collect()
second = RaisesOSError()
del second
gc.collect()
print("done")
