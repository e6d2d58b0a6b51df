# ---
# summary = "An instance runs its __del__, then releases its attributes; the order depends on the version's dict layout"
# tags = ["refcount", "dealloc-order", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
#   "https://peps.python.org/pep-0412/",
# ]
# explain = """
# subtype_dealloc calls __del__ first, then releases the instance's
# attribute values. Up to 3.10 an instance __dict__ is released in its own
# insertion order. From 3.11 attribute values of instances are stored inline
# in an order fixed by the class's shared keys, which is the order in which
# the *first* instance set them: a second instance that set them in reverse
# order still releases them in the first instance's order, and an attribute
# deleted and set again reuses its old slot. PyPy frees nothing before
# gc.collect()."""
# portable = "Do not depend on the order in which an instance's attributes are released; close them in the order you need from an explicit close() method."
# ---
import gc

class Part:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)

class Owner:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("owner __del__", self.name)

first = Owner("first")
first.x = Part("first.x")
first.y = Part("first.y")
first.z = Part("first.z")
second = Owner("second")
second.z = Part("second.z")
second.y = Part("second.y")
second.x = Part("second.x")
third = Owner("third")
third.x = Part("third.x")
third.y = Part("third.y")
del third.x
third.x = Part("third.x-again")
print("del first")
del first
print("del second")
del second
print("del third")
del third
gc.collect()
print("after gc.collect()")
