# ---
# summary = "A dying dict releases each key then its value, in insertion order"
# tags = ["refcount", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/dictobject.c"]
# explain = """
# dict_dealloc walks the entry table in insertion order and releases the
# key, then the value, of each entry. Replacing a value frees the old one at
# the store; pop() returns the value to the caller; clear() releases
# everything at once, in entry order. PyPy frees nothing before gc.collect()."""
# portable = "Do not depend on the order in which a dict's keys and values are freed; close the values explicitly (`for v in d.values(): v.close()`) before dropping the dict."
# ---
import gc

class Obj:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

table = {Obj("k1"): Obj("v1"), Obj("k2"): Obj("v2")}
print("del dict")
del table

config = {"a": Obj("a1"), "b": Obj("b1"), "c": Obj("c1")}
config["a"] = Obj("a2")
print("replaced a")
config.pop("b")
print("popped b")
config.setdefault("c", Obj("c-default"))
print("setdefault c")
config.clear()
print("cleared")
gc.collect()
print("after gc.collect()")
