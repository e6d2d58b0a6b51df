# ---
# summary = "Children that hold their parent through weakref.ref: dropping the root frees the tree without the collector"
# tags = ["weakref", "realistic", "dealloc-order", "finalizer"]
# requires = ["py3-syntax", "finalizers", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref",
#   "https://docs.python.org/3/library/gc.html",
# ]
# explain = """
# The standard fix for parent/child cycles: children keep a weak reference
# to their parent. There is no cycle, so on CPython dropping the root frees
# the whole tree by reference counting, root first and then the children
# list (last to first), and gc.collect() finds nothing. On PyPy nothing
# changes: the tree dies at gc.collect(), one finalizer per collection
# along the root -> child chain."""
# portable = "This is the portable pattern for trees: keep the parent link weak; close the tree's resources explicitly if they must go at a point, since PyPy frees it only at a collection."
# ---
import gc
import weakref

class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent_ref = None
        if parent is not None:
            self.parent_ref = weakref.ref(parent)
            parent.children.append(self)
    def parent(self):
        if self.parent_ref is None:
            return None
        return self.parent_ref()
    def __del__(self):
        print("  free", self.name)

gc.collect()
root = Node("root")
Node("left", root)
Node("right", root)
print("right's parent:", root.children[1].parent().name)
print("del root")
del root
print("gc.collect() ->", gc.collect())
print("gc.collect() ->", gc.collect())
