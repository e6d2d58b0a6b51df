# ---
# summary = "sys.getrefcount of a str CPython's start-up interned moves with every reference to 3.11, and is fixed from 3.12 (statically allocated, or made immortal), where one the program interns is mortal again from 3.13"
# tags = ["refcount", "getrefcount", "version-dependent"]
# requires = ["py3-syntax", "getrefcount"]
# refs = [
#   "https://peps.python.org/pep-0683/",
#   "https://github.com/python/cpython/blob/3.13/Objects/unicodeobject.c",
#   "https://github.com/python/cpython/issues/125174",
# ]
# explain = """
# Each line takes the str the runtime interned (sys.intern() of a built
# one) and shows whether 100 more references move its count, and if not,
# the fixed count. To 3.11 every count moves. 3.12 makes every interned
# string immortal. From 3.13 the strings CPython allocates statically (len)
# and those its start-up made immortal stay fixed, while sys.intern() of a
# new str interns it mortal (3.13 also interned some of its start-up's
# names mortal, sys._getframe's among them). 3.14 on wasm32 shows a
# statically allocated string at 7 << 28 and one made immortal at start-up
# (print) at 5 << 28. PyPy has no sys.getrefcount."""
# portable = "Never read an absolute reference count: it is the runtime's business (immortal objects, interned strings, a tracing collector). Test lifetimes with weakref or __del__."
# ---
import sys


def count(*parts):
    interned = sys.intern("".join(parts))
    before = sys.getrefcount(interned)
    held = [interned] * 100
    after = sys.getrefcount(interned)
    del held
    return "moves" if after != before else before


print("a builtin's name:", count("le", "n"))
print("print's name:", count("pri", "nt"))
print("a name no runtime has:", count("qzx_", "fresh"))
