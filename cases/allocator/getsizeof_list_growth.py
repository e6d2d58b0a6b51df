# ---
# summary = "sys.getsizeof of lists built every way: over-allocation by append, exact or rounded sizes for literals, list(), slices, * and +"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://github.com/python/cpython/blob/3.11/Objects/listobject.c"]
# explain = """
# A list's size counts its item array, whose slots CPython over-allocates
# as it grows by one (append, a comprehension: 0, 4, 8, 16, 24, 32, 40, 52,
# ...) and may shrink when it falls under half (pop). list() of a sized
# iterable and extending an empty list allocate the length exactly, rounded
# up to even (3.10+; 3.9 over-allocates); list() of a generator guesses 8
# items, then trims. Slices, copy(), * and + are exact. A literal is exact,
# but one of three constants or more is built by extending an empty list
# (3.9+). PyPy raises TypeError."""
# portable = "Do not depend on a list's over-allocation pattern: build a list of known length with `[x] * n` or list(iterable) when memory matters, and never assert sys.getsizeof values."
# ---
import sys


def gen(n):
    for i in range(n):
        yield i


def appended(n):
    out = []
    for i in range(n):
        out.append(i)
    return out


def extended(start, iterable):
    start.extend(iterable)
    return start


def doubled_in_place(items):
    items += items[:]
    return items


def sizes(label, make):
    print(label + ":", " ".join(str(sys.getsizeof(make(n))) for n in (0, 1, 2, 3, 4, 5, 8, 9, 17, 100)))


try:
    sys.getsizeof([])
except TypeError:
    print("sys.getsizeof: TypeError")
    raise SystemExit(0)

a = 1
print("literals of constants:", sys.getsizeof([1]), sys.getsizeof([1, 2]), sys.getsizeof([1, 2, 3]), sys.getsizeof([1, 2, 3, 4, 5]))
print("literals of names:", sys.getsizeof([a]), sys.getsizeof([a, a]), sys.getsizeof([a, a, a]), sys.getsizeof([a, a, a, a, a]))
sizes("append", appended)
sizes("comprehension", lambda n: [i for i in range(n)])
sizes("list(range(n))", lambda n: list(range(n)))
sizes("list(generator)", lambda n: list(gen(n)))
sizes("list(list)", lambda n: list(appended(n)))
sizes("list(tuple)", lambda n: list(tuple(appended(n))))
sizes("[] extended by a list", lambda n: extended([], appended(n)))
sizes("[0] extended by a generator", lambda n: extended([0], gen(n)))
sizes("a[:]", lambda n: appended(n)[:])
sizes("a[::2]", lambda n: appended(2 * n)[::2])
sizes("a.copy()", lambda n: appended(n).copy())
sizes("[0] * n", lambda n: [0] * n)
sizes("a + a", lambda n: appended(n) + appended(n))
sizes("a += a[:]", lambda n: doubled_in_place(appended(n)))
sizes("sorted", lambda n: sorted(gen(n)))


def popped(n):
    out = appended(100)
    while len(out) > n:
        out.pop()
    return out


sizes("pop from 100", popped)
cleared = appended(100)
cleared.clear()
print("clear:", sys.getsizeof(cleared))
inserted = []
for i in range(10):
    inserted.insert(0, i)
print("insert 10:", sys.getsizeof(inserted))
