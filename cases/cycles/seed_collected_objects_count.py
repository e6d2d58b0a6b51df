# ---
# summary = "print('collected objects:', gc.collect()) for a left/right node cycle"
# tags = ["cycles", "cycle", "gc-collect", "seed", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# The seed's example (its type annotations removed, and a first
# gc.collect() added so that garbage left by interpreter startup is not
# counted). gc.collect() returns
# the number of unreachable objects found. CPython 3.11 counts the two
# Node instances: since 3.11 an instance's attributes live inline and its
# __dict__ object is not created unless asked for. CPython 3.8-3.10 count
# each instance's __dict__ as well (4). PyPy's gc.collect() returns None."""
# portable = "Do not print or test gc.collect()'s count; make the cycle unnecessary (a weak back-reference) or break it by hand, and check with a weak reference that the nodes are gone."
# ---
import gc

gc.collect()  # not in the seed: start from a clean heap whatever startup left


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


left = Node("left")
right = Node("right")
left.other = right
right.other = left

del left
del right

print("collected objects:", gc.collect())
