# Weakrefs: a callback when the referent dies by its count, callbacks of
# weakrefs to a cycle, a weakref that dies with its referent.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def report(ref):
    print("callback")


a = Node("a")
ra = weakref.ref(a, report)
del a
x, y = Node("x"), Node("y")
x.other, y.other = y, x
rx = weakref.ref(x, report)
y.self_ref = weakref.ref(y, report)
del x, y
gc.collect()
print("end")
