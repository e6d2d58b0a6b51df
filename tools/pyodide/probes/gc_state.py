# The program starts with nothing left for the collector, and an explicit
# collection finds exactly its own cycles.
import gc

print("unreachable at start:", gc.collect())


class Node:
    pass


for _ in range(3):
    a, b = Node(), Node()
    a.b, b.a = b, a
del a, b
print("unreachable after three cycles:", gc.collect())
print("enabled:", gc.isenabled())
