# ---
# summary = "Hashing nested tuples takes no recursion level, a frozenset's hash reads its entries' stored hashes, and a shallow copy.deepcopy is within any limit"
# tags = ["exceptions", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/tupleobject.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/setobject.c",
# ]
# explain = """
# tuplehash calls PyObject_Hash on each item without Py_EnterRecursiveCall:
# under sys.setrecursionlimit(100) a tuple nested 2,000 deep hashes, as a
# dict key and a set member too; only the C stack bounds it (a million
# levels overflow it). A frozenset keeps each entry's hash, so hashing one
# nested 100,000 deep looks at its two entries only. copy.deepcopy, which
# does count its Python frames, copies a structure 50 deep."""
# portable = "Keep data structures shallow; do not count on the recursion limit guarding a hash or a copy."
# ---
import copy
import sys

t = ()
for i in range(2000):
    t = (t, i)
f = frozenset()
for i in range(100000):
    f = frozenset([f, i])
x = []
for i in range(50):
    x = [{"k": (x, i)}]
sys.setrecursionlimit(100)
print("tuple", hash(t) == hash(t), {t: 1}[t], t in {t})
print("frozenset", hash(f) == hash(f), len(f))
sys.setrecursionlimit(1000)
y = copy.deepcopy(x)
print("deepcopy", y == x, y is not x)
