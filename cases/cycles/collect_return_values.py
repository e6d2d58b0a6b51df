# ---
# summary = "What gc.collect() counts for common kinds of cyclic garbage"
# tags = ["cycles", "cycle", "gc-collect", "version-dependent"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# CPython returns the number of objects found unreachable (plus
# uncollectable ones). Every GC-tracked object counts: a self-referencing
# instance is 1 on 3.11 (inline attribute values) but 2 up to 3.10 (the
# instance and its __dict__); a function with an attribute cycle counts its
# __dict__ too; a list or dict cycle is 1; an instance holding a weakref
# (with a lambda callback) to itself counts the weakref and the lambda as
# well. PyPy's gc.collect() always returns None."""
# portable = "Ignore gc.collect()'s return value (per-version counts on CPython, None on PyPy); to test that garbage was freed, hold a weakref.ref to it and check that it returns None after gc.collect()."
# ---
import gc
import weakref

class Plain:
    pass

class Slotted:
    __slots__ = ("me",)

def show(label):
    print(label, gc.collect())

gc.collect()
a = Plain()
a.me = a
del a
show("instance self-cycle:")
a = Plain()
b = Plain()
a.other = b
b.other = a
del a, b
show("two instances:")
lst = []
lst.append(lst)
del lst
show("list containing itself:")
d = {}
d["self"] = d
del d
show("dict containing itself:")
s = Slotted()
s.me = s
del s
show("slotted self-cycle:")

def func():
    pass

func.me = func
del func
show("function attribute cycle:")
w = Plain()
w.me = w
w.ref = weakref.ref(w, lambda r: None)
del w
show("self-cycle holding a weakref with a callback:")
show("nothing left:")
