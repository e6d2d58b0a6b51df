# ---
# summary = "__slots__ values are released in sorted slot-name order, not declaration order"
# tags = ["refcount", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#slots",
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
# ]
# explain = """
# type_new sorts the names in __slots__ before it creates the member
# descriptors, and subtype_dealloc clears slots in member order, so
# ('zeta', 'alpha', 'mid') are released alpha, mid, zeta. A subclass's slots
# come after its base's. PyPy frees nothing before gc.collect()."""
# portable = "Do not depend on the order in which slot values are released; close them in an explicit close() method in the order you need."
# ---
import gc

class Part:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

class Slotted:
    __slots__ = ("zeta", "alpha", "mid")
    def __init__(self):
        self.zeta = Part("zeta")
        self.alpha = Part("alpha")
        self.mid = Part("mid")

class MoreSlots(Slotted):
    __slots__ = ("beta", "aardvark")
    def __init__(self):
        self.beta = Part("beta")
        self.aardvark = Part("aardvark")
        super().__init__()

s = Slotted()
print("del Slotted")
del s
m = MoreSlots()
print("del MoreSlots")
del m
gc.collect()
print("after gc.collect()")
