# Deaths by reference count: del, a rebinding, a temporary, a finalizer
# that resurrects its object, and a weakref callback.
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Phoenix:
    saved = []

    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("resurrect", self.name)
        Phoenix.saved.append(self)


a = Node("a")
del a
b = Node("b")
b = Node("b2")
print(Node("temporary").name)
Phoenix("p")
print(len(Phoenix.saved))
c = Node("c")
r = weakref.ref(c, lambda ref: print("callback"))
del c
print("end")
