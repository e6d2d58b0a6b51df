# ---
# summary = "weakref.ref without a callback is shared; getweakrefcount counts the distinct weakrefs"
# tags = ["weakref", "api-presence"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref",
#   "https://docs.python.org/3/library/weakref.html#weakref.getweakrefcount",
# ]
# explain = """
# Both runtimes reuse one callback-less weakref (and one callback-less
# proxy) per object, so `ref(o) is ref(o)` is true, while each ref with a
# callback is a new object. Weak references compare equal while alive if
# their referents are equal; dead ones only if they are the same weakref.
# Deleting the only name of a weakref frees it at once on CPython, so
# getweakrefcount drops; on PyPy the dead weakref object still counts
# until a collection."""
# portable = "Do not depend on weakref.getweakrefcount, which on PyPy still counts a dropped weakref until a collection; keep the weakrefs you need in a list of your own and count that."
# ---
import gc
import weakref

class Obj:
    pass

o = Obj()
a = weakref.ref(o)
b = weakref.ref(o)
c = weakref.ref(o, lambda r: None)
print("plain refs shared:", a is b)
print("callback ref distinct:", c is a)
print("equal while alive:", a == c)
print("count:", weakref.getweakrefcount(o))
p1 = weakref.proxy(o)
p2 = weakref.proxy(o)
print("plain proxies shared:", p1 is p2)
print("count with proxy:", weakref.getweakrefcount(o))
del c
print("count after del c:", weakref.getweakrefcount(o))
other = Obj()
print("refs to different objects equal:", weakref.ref(other) == a)
del o, other
gc.collect()
print("dead refs equal to each other:", a == b, "| dead a is b:", a is b)
print("count of a dead object's refs:", weakref.getweakrefcount(Obj()))
