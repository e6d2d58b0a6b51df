# ---
# summary = "A list slot, an argument and an attribute each keep an object alive; each release is visible"
# tags = ["refcount", "del", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/datamodel.html#objects-values-and-types"]
# explain = """
# Each release point prints on CPython because the object dies when its last
# reference goes: after the list slot is cleared, after the call returns,
# after the attribute is deleted. On PyPy nothing dies before the major
# collection that gc.collect() runs, so all three finalizers run there."""
# portable = "Release each resource with an explicit call at the point you need it; removing a reference does not finalize the object at once on PyPy."
# ---
import gc

class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)

items = [Tracked("in-list")]
print("clearing list")
items[0] = None
print("list cleared")

def consume(obj):
    global arg_holder
    arg_holder = None
    print("inside call, global dropped")
    return obj.name

arg_holder = Tracked("argument")
print("returned", consume(arg_holder))
print("after call")

class Owner:
    pass

owner = Owner()
owner.part = Tracked("attribute")
del owner.part
print("after del owner.part")
gc.collect()
print("after gc.collect()")
