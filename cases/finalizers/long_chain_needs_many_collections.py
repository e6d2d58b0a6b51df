# ---
# summary = "A 40-link chain of __del__ objects: all finalized at once on CPython, one per gc.collect() on PyPy"
# tags = ["finalizers", "finalizer", "finalizer-order", "pypy-doc", "pypy-finalizer-order", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies"]
# explain = """
# A linked list whose nodes each own a resource with __del__: PyPy doc,
# "if you have a long chain of objects, each with a reference to the next
# one, and each with a __del__, PyPy's GC will perform badly". PyPy keeps
# every node after the head alive until the one before it has been
# finalized, so each gc.collect() finalizes one more node. CPython
# finalizes the whole chain, head first, when the head is dropped."""
# portable = "Do not give every node of a linked structure its own __del__; let the container's close() release all nodes' resources in one pass."
# ---
import gc

finalized = []

class Link:
    def __init__(self, n, nxt):
        self.n = n
        self.nxt = nxt
    def __del__(self):
        finalized.append(self.n)

def build(length):
    head = None
    for i in range(length):
        head = Link(length - 1 - i, head)
    return head

gc.collect()
head = build(40)
del head
print("after del head:", len(finalized), "finalized, first", finalized[:3])
for i in range(3):
    gc.collect()
    print("after collect", i + 1, ":", len(finalized), "finalized, last", finalized[-1:])
