# ---
# summary = "sys.getsizeof of sets as they grow: a small inline table, then tables four times the elements"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/setobject.c"]
# explain = """
# A set holds up to 4 elements in its inline table of 8; once 3/5 of its
# slots are filled it moves to a table for four times its elements, and it
# never shrinks. copy() and set literals (3.9+: built by updating an empty
# set from a frozenset constant) size the table for twice the elements.
# PyPy raises TypeError."""
# portable = "Do not assert a set's table sizes; if memory matters build the set once from its items (`set(items)`) and pass a default to sys.getsizeof so PyPy does not raise."
# ---
import sys


def added(n):
    s = set()
    for i in range(n):
        s.add(i)
    return s


def removed(n):
    s = added(100)
    for i in range(100 - n):
        s.discard(i)
    return s


def sizes(label, make):
    print(label + ":", " ".join(str(sys.getsizeof(make(n))) for n in (0, 1, 4, 5, 8, 19, 20, 77, 78, 100)))


try:
    sys.getsizeof(set())
except TypeError:
    print("sys.getsizeof: TypeError")
    raise SystemExit(0)

sizes("add", added)
sizes("set(range(n))", lambda n: set(range(n)))
sizes("comprehension", lambda n: {i for i in range(n)})
sizes("copy", lambda n: added(n).copy())
sizes("removed down from 100", removed)
sizes("frozenset(range(n))", lambda n: frozenset(range(n)))
print("literal of 3:", sys.getsizeof({1, 2, 3}), "of 6:", sys.getsizeof({1, 2, 3, 4, 5, 6}))
