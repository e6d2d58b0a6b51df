# ---
# summary = "A tree whose children point back to their parent stays alive after the root is dropped"
# tags = ["cycles", "cycle", "gc-collect", "realistic", "version-dependent"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/gc.html",
#   "https://docs.python.org/3/library/weakref.html",
# ]
# explain = """
# Every child holds its parent and every parent its children: the whole
# tree is one cycle, so dropping the root frees nothing on CPython until
# the cycle collector runs (the DOM/AST/widget-tree leak). Weak references
# count the live nodes. gc.collect() returns 20 on 3.11 (10 nodes, 10
# children lists) and 30 up to 3.10 (plus 10 instance dicts). On PyPy
# nothing dies before gc.collect() either, so the runtimes agree here
# except for what gc.collect() returns (None)."""
# portable = "Make the child-to-parent link a weak reference (`weakref.ref(parent)`), or clear the tree explicitly, so the tree is freed without waiting for the cycle collector; ignore gc.collect()'s count."
# ---
import gc
import weakref

class TreeNode:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

def build():
    root = TreeNode("root")
    for i in range(3):
        child = TreeNode("c%d" % i, root)
        for j in range(2):
            TreeNode("c%d.%d" % (i, j), child)
    return root

def weak_refs_to_all(root):
    refs = [weakref.ref(root)]
    for child in root.children:
        refs.append(weakref.ref(child))
        for grandchild in child.children:
            refs.append(weakref.ref(grandchild))
    return refs

def alive(refs):
    return len([r for r in refs if r() is not None])

gc.collect()
root = build()
refs = weak_refs_to_all(root)
print("nodes:", len(refs))
del root
print("alive after del root:", alive(refs))
print("gc.collect() ->", gc.collect())
print("alive after collect:", alive(refs))
