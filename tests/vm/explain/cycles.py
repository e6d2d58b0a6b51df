# Cycles: found by gc.collect(), by a collection a finalizer starts, by
# threshold collections (CPython) or not at all (PyPy); finalizers that
# resurrect a cycle.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None

    def __del__(self):
        print("del", self.name)


class Collector:
    name = "collector"

    def __del__(self):
        print("collecting from a finalizer")
        gc.collect()


survivors = []


class Survivor(Node):
    def __del__(self):
        print("survive", self.name)
        survivors.append(self)


def cycle(cls, x, y):
    a, b = cls(x), cls(y)
    a.other, b.other = b, a


cycle(Node, "a", "b")
print("collected", gc.collect())
cycle(Survivor, "s1", "s2")
gc.collect()
print(len(survivors))
cycle(Node, "c", "d")
Collector()
cycle(Node, "e", "f")
kept = [[i] for i in range(1000)]
cycle(Node, "g", "h")
print("end")
