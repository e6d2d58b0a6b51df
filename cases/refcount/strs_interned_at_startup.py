# ---
# summary = "sys.intern() of a built str gives the runtime's own object where its start-up interned that str (a builtin's or a method's name; which ones depends on the version), and interns the built str itself otherwise"
# tags = ["refcount", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Objects/unicodeobject.c",
#   "https://docs.python.org/3/library/sys.html#sys.intern",
# ]
# explain = """
# Before the main file runs, CPython's start-up has interned thousands of
# strings: the names of builtins, of types' methods and attributes, of the
# modules it imported, and (3.11+) those of its frozen modules' code and
# its statically allocated strings. A str the program builds is another
# object; sys.intern() of it gives back the one interned before, or
# interns the built one itself. Which names are interned by then differs:
# an async generator's method names from 3.10, os.path's function names
# from 3.11 (the frozen posixpath's code), and "os" everywhere but 3.13,
# whose start-up under -S no longer imports os. PyPy interns otherwise."""
# portable = "Never compare strings with `is`: whether two equal strings are one object depends on the runtime's interning. Compare with ==."
# ---
import sys


def interned_before(*parts):
    built = "".join(parts)
    return sys.intern(built) is not built


if not hasattr(sys, "intern"):
    print("no sys.intern")
else:
    print("a builtin's name:", interned_before("le", "n"))
    print("a list method's name:", interned_before("app", "end"))
    print("a special method's name:", interned_before("__in", "it__"))
    print("an async generator method's name:", interned_before("ag_", "await"))
    print("os.path.abspath's name:", interned_before("abs", "path"))
    print("os's name:", interned_before("o", "s"))
    print("a name no runtime has:", interned_before("qzx_", "fresh"))
