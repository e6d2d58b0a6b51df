# ---
# summary = "A printed exception whose class the program defines is named __main__.Name up to 3.10, Name from 3.11"
# tags = ["exceptions", "unraisable", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "unraisable"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.unraisablehook",
#   "https://github.com/python/cpython/blob/3.10/Python/pythonrun.c",
# ]
# explain = """
# The last line of a printed traceback names the exception's class. A
# class of the builtins module is named alone everywhere; one of another
# module is qualified by its module. Up to 3.10 that holds for __main__ as
# well (__main__.Boom), both for an exception nobody catches and for one a
# __del__ raises, which is reported as ignored. From 3.11 the C code that
# prints them leaves __main__ out, as the traceback module always did
# (PyPy prints Boom)."""
# portable = "Do not parse the type name out of a printed traceback; catch the exception, or use traceback.format_exception_only and compare with type(exc).__qualname__."
# ---
class Boom(Exception):
    pass


class RaisesInDel:
    def __del__(self):
        raise Boom("from __del__")


RaisesInDel()
print("after the ignored exception")
raise Boom("uncaught")
