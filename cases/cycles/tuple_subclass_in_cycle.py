# ---
# summary = "A tuple subclass's instance in a cycle through its own item: tracked, collected, its finalizer run; it refuses a nonempty __slots__ and weak references on CPython"
# tags = ["cycles", "cycle", "finalizer", "weakref"]
# requires = ["py3-syntax", "finalizers", "weakref"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/typeobject.c"]
# explain = """
# A tuple cannot hold itself, but a tuple subclass's instance can, through
# a list among its items or its own __dict__. The instance is always
# tracked, so the collector finds the cycle and runs its finalizer. On
# CPython a class derived from a type whose items are inline gets no
# __weakref__ and refuses a nonempty __slots__; PyPy allows both."""
# portable = "Do not rely on weak references to, or __slots__ in, tuple subclasses."
# ---
import gc
import weakref


class Node(tuple):
    def __del__(self):
        print("__del__ Node", self[0])


def build(label):
    node = Node((label, []))
    node[1].append(node)
    node.me = node
    return node


gc.collect()
build("a")
build("b")
print("collect")
gc.collect()
print("collected")
try:
    weakref.ref(Node(("c", [])))
    print("weakref made")
except TypeError as e:
    print("TypeError:", e)
try:
    class Slotted(tuple):
        __slots__ = ("extra",)
    print("slots accepted", Slotted((1,)))
except TypeError as e:
    print("TypeError:", e)
