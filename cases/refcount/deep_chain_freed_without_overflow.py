# ---
# summary = "Dropping the head of a 100000-node linked list frees it all without overflowing the C stack"
# tags = ["refcount", "dealloc-order", "realistic"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Include/cpython/object.h",
#   "https://github.com/python/cpython/blob/3.11/Objects/object.c",
# ]
# explain = """
# Freeing the head frees the next node from inside its dealloc, and so on:
# a naive implementation recurses 100000 deep. CPython's "trashcan"
# (Py_TRASHCAN_BEGIN) defers deallocations past a nesting depth and keeps
# the stack flat. A weak reference to the tail shows whether the whole
# chain died: at once on CPython, at gc.collect() on PyPy. (The chain is
# built inside a function: a long loop at module level rebinding a global
# lets PyPy's JIT keep one node as a constant of the compiled loop.)"""
# portable = "If a long linked list must be gone at a point, unlink it node by node (`nxt = node.next; node.next = None; node = nxt`) and call gc.collect() for PyPy; do not rely on dropping the head."
# ---
import gc
import weakref

class Node:
    def __init__(self, nxt):
        self.nxt = nxt

def build(length):
    tail = Node(None)
    head = tail
    for i in range(length):
        head = Node(head)
    return head, weakref.ref(tail)

head, tail_ref = build(100000)
print("built; tail alive:", tail_ref() is not None)
del head
print("head dropped; tail alive:", tail_ref() is not None)
gc.collect()
print("after gc.collect(); tail alive:", tail_ref() is not None)
