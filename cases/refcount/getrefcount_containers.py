# ---
# summary = "sys.getrefcount after storing an object in containers, attributes and frames"
# tags = ["refcount", "getrefcount", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.getrefcount"]
# explain = """
# CPython counts every strong reference: each container slot, the instance
# attribute, the tuple, the dict value, a bound method's __self__. The
# numbers are exact and stable per version (3.14 may report one less for a
# local, because it borrows references from the frame). PyPy has no
# sys.getrefcount."""
# portable = "Do not use sys.getrefcount in program logic; its numbers change between versions and PyPy has no such function. Test liveness with weak references instead."
# ---
import sys

class Obj:
    def method(self):
        pass

if not hasattr(sys, "getrefcount"):
    print("sys.getrefcount missing on", sys.implementation.name)
    sys.exit(0)

o = Obj()
base = sys.getrefcount(o)
print("base", base)
lst = [o, o, o]
print("list of 3:", sys.getrefcount(o) - base)
t = (o, o)
print("tuple of 2:", sys.getrefcount(o) - base)
d = {"x": o, "y": o}
print("dict values 2:", sys.getrefcount(o) - base)
m = o.method
print("bound method:", sys.getrefcount(o) - base)
del lst, t, d, m
print("after del:", sys.getrefcount(o) - base)

def f(a, b):
    return sys.getrefcount(a) - base

print("passed twice to a function:", f(o, o))
