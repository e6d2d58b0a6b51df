# ---
# summary = "Which objects sys.getrefcount shows as immortal: from 3.12 the start-up's singletons, small ints and builtin types (PEP 683); interned strings all on 3.12, only code objects' names from 3.13"
# tags = ["refcount", "getrefcount", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://peps.python.org/pep-0683/",
#   "https://github.com/python/cpython/blob/3.13/Objects/unicodeobject.c",
#   "https://github.com/python/cpython/issues/125174",
# ]
# explain = """
# Each line takes 100 more references to an object and prints how far its
# count moved. To 3.11 every count moves. From 3.12 the objects CPython
# makes at start-up and shares (None, True, the small ints, the empty
# tuple, the empty and one-character strings, builtin types, the runtime's
# own names such as __init__) are immortal: their count is fixed, and
# taking references does not move it. 3.12 makes every interned string
# immortal too; from 3.13 only the names in code objects are, while an
# identifier-like string constant and sys.intern()'s result are interned
# mortal, counted as any string. What the program makes itself stays
# mortal everywhere. sys.intern() of a string not interned yet interns
# that very object. PyPy has no sys.getrefcount."""
# portable = "Never read an absolute reference count: it is the runtime's business (immortal objects, borrowed references, a tracing collector). Test lifetimes with weakref or __del__."
# ---
import sys

qzx_name = 0


class Thing:
    pass


def moved(obj):
    before = sys.getrefcount(obj)
    held = [obj] * 100
    after = sys.getrefcount(obj)
    del held
    return after - before


computed = "".join(["qzx", "_computed"])
print("sys.intern() interns its argument itself:", sys.intern(computed) is computed)
if not hasattr(sys, "getrefcount"):
    print("no sys.getrefcount")
else:
    for name, obj in [
        ("None", None),
        ("True", True),
        ("small int 7", 7),
        ("empty tuple", ()),
        ("empty str", ""),
        ("one-character str", "a"),
        ("builtin type", int),
        ("runtime name __init__", "__init__"),
        ("program name qzx_name", "qzx_name"),
        ("program str constant", "qzx_constant"),
        ("sys.intern() of a built str", sys.intern(computed)),
        ("program object", Thing()),
        ("large int", 10**15),
    ]:
        print(name, moved(obj))
