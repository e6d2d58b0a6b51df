# ---
# summary = "sys.getsizeof of list(x) and [].extend(x) for each kind of source: list, tuple, set, frozenset, dict, dict views, range, str, iterators"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://github.com/python/cpython/blob/3.13/Objects/listobject.c"]
# explain = """
# list(x) and extending an empty list size the array by x's length or
# length hint: exactly (rounded up to even from 3.10; 3.8 and 3.9's list()
# preallocates exactly but extend() over-allocates by list_resize). A
# generator has no hint: 8 slots, trimmed after. From 3.13 an exact set,
# frozenset, dict or dict view goes by list_extend_set / list_extend_dict,
# which make room with list_resize's over-allocation and keep it: list of a
# 3-item set is 120 bytes on 3.13, 88 on 3.12. PyPy raises TypeError."""
# portable = "Do not depend on a list's over-allocation: never assert sys.getsizeof values."
# ---
import sys


def gen(n):
    for i in range(n):
        yield i


def sources(n):
    d = {i: i for i in range(n)}
    return [
        ("list", lambda: list(range(n))),
        ("tuple", lambda: tuple(range(n))),
        ("set", lambda: set(range(n))),
        ("frozenset", lambda: frozenset(range(n))),
        ("dict", lambda: d),
        ("keys", lambda: d.keys()),
        ("values", lambda: d.values()),
        ("items", lambda: d.items()),
        ("range", lambda: range(n)),
        ("str", lambda: "x" * n),
        ("generator", lambda: gen(n)),
        ("range_iterator", lambda: iter(range(n))),
        ("list_iterator", lambda: iter(list(range(n)))),
        ("dict_iterator", lambda: iter(d)),
    ]


try:
    sys.getsizeof([])
except TypeError:
    print("sys.getsizeof: TypeError")
    raise SystemExit(0)

for n in (0, 1, 2, 3, 5, 9, 17):
    for name, make in sources(n):
        extended = []
        extended.extend(make())
        print(n, name, "list()", sys.getsizeof(list(make())), "extend", sys.getsizeof(extended))
