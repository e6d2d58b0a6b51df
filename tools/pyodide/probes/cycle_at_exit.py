# A reference cycle with finalizers left for the collection at exit.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


gc.disable()
a = Node("a")
b = Node("b")
a.other, b.other = b, a
del a, b
print("cycle unreachable; collector disabled")
