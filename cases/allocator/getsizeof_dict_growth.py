# ---
# summary = "sys.getsizeof of dicts as keys are inserted and deleted: the keys table grows by powers of two, never shrinks"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/dictobject.c"]
# explain = """
# A dict's keys table holds 2/3 of its slots in entries; a full table grows
# to the power of two above three times the live entries. Deleting keys
# never shrinks it; clear() goes back to the shared empty keys. 3.11 made
# the entries of an all-str table smaller (no hash). A literal of six items
# is presized. PyPy raises TypeError."""
# portable = "Do not infer a dict's growth or shrinking from sys.getsizeof; if a big dict must give its memory back, rebuild it (`d = dict(d)`) instead of relying on deletes, and pass a default to getsizeof for PyPy."
# ---
import sys


def sizes(label, make):
    print(label + ":", " ".join(str(sys.getsizeof(make(n))) for n in (0, 1, 5, 6, 10, 11, 21, 22, 43, 100)))


def int_keys(n):
    d = {}
    for i in range(n):
        d[i] = i
    return d


def str_keys(n):
    d = {}
    for i in range(n):
        d["k" + str(i)] = i
    return d


def deleted(n):
    d = int_keys(100)
    for i in range(100 - n):
        del d[i]
    return d


def cleared(n):
    d = int_keys(n)
    d.clear()
    return d


try:
    sys.getsizeof({})
except TypeError:
    print("sys.getsizeof: TypeError")
    raise SystemExit(0)

sizes("int keys inserted", int_keys)
sizes("str keys inserted", str_keys)
sizes("comprehension", lambda n: {i: i for i in range(n)})
sizes("dict(zip)", lambda n: dict(zip(range(n), range(n))))
sizes("copy", lambda n: int_keys(n).copy())
sizes("deleted down from 100", deleted)
sizes("cleared", cleared)
print("literal of 3:", sys.getsizeof({1: 1, 2: 2, 3: 3}), sys.getsizeof({"a": 1, "b": 2, "c": 3}))
print("literal of 6:", sys.getsizeof({1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}))
