# ---
# summary = "hasattr() is False for a __slots__ member never set or deleted; setting it keeps the value, del frees it"
# tags = ["refcount", "del", "fuzz-regression"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#slots",
#   "https://docs.python.org/3/library/functions.html#hasattr",
# ]
# explain = """
# An unset slot reads as a missing attribute: hasattr() is False and
# getattr() returns its default. PyPy frees the child and the parent only at
# a collection, and none happens here (nor any __del__ at exit), so neither
# `del` line appears."""
# portable = "Rely on hasattr/getattr with a default for unset slots, which behave the same everywhere; do not rely on `del obj.slot` freeing the value at once."
# ---
# Found by memconform fuzz (seed 1072): the model let the AttributeError of
# an empty slot escape hasattr().
class Node:
    __slots__ = ("name", "child")
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

node = Node("parent")
print("has child:", hasattr(node, "child"))
node.child = Node("child")
print("has child:", hasattr(node, "child"))
del node.child
print("has child:", hasattr(node, "child"))
print("getattr default:", getattr(node, "child", "none"))
del node
print("end")
