# ---
# summary = "gc.get_objects() lists tracked containers and instances, not atomic objects"
# tags = ["cycles", "gc-module"]
# requires = ["py3-syntax", "gc-objects"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.get_objects"]
# explain = """
# CPython returns the objects in its GC lists, so tracked objects (lists,
# instances) are found by identity and an untracked dict of ints is not.
# PyPy has gc.get_objects() too but returns the objects its own heap walk
# reaches, which includes such dicts."""
# portable = "Do not search gc.get_objects() to decide whether an object exists (what it lists differs between runtimes); hold a weakref.ref to the object and test it."
# ---
import gc

class Obj:
    pass

def contains(objs, target):
    for o in objs:
        if o is target:
            return True
    return False

inst = Obj()
lst = [1, 2]
atomic_dict = {"a": 1}
objs = gc.get_objects()
print("instance:", contains(objs, inst))
print("list:", contains(objs, lst))
print("dict of ints:", contains(objs, atomic_dict))
del objs
