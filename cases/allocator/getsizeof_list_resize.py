# ---
# summary = "sys.getsizeof of lists after pop to empty, *=, del, remove, extend by an iterator with a length hint"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://github.com/python/cpython/blob/3.12/Objects/listobject.c"]
# explain = """
# pop() of the last item resizes the array by list_resize alone, which
# keeps a one-slot array (to 3.11) and frees it from 3.12, while remove of
# the last item frees it, and del too before 3.13 (from 3.13 del of one
# item goes by list_resize). `*=` resizes once for all the copies.
# Extending by an iterator makes room for its length hint, then trims;
# 3.10+ preallocates exactly (rounded to even) a list with no array.
# PyPy raises TypeError."""
# portable = "Never assert sys.getsizeof values of lists: the array's slots depend on the operations that built it and on the version."
# ---
import sys

try:
    sys.getsizeof([])
except TypeError:
    print("sys.getsizeof: TypeError")
    raise SystemExit(0)

a = 1
one = [a]
one.pop()
print("pop of the only item:", sys.getsizeof(one))
one.extend([a, a, a])
print("then extended by 3:", sys.getsizeof(one))
four = [a, a, a, a]
while four:
    four.pop()
print("four popped:", sys.getsizeof(four))
deleted = [a]
del deleted[0]
print("del of the only item:", sys.getsizeof(deleted))
removed = [a]
removed.remove(a)
print("remove of the only item:", sys.getsizeof(removed))
for n in (1, 2, 3, 5):
    grown = list(range(20))
    grown *= n
    print("list(range(20)) *=", n, sys.getsizeof(grown))
hinted = []
hinted.extend(iter([a, a, a, a, a]))
print("[] extended by a list iterator of 5:", sys.getsizeof(hinted))
hinted.extend(iter([a, a, a]))
print("then by one of 3:", sys.getsizeof(hinted))
print("list(reversed(list(range(20)))):", sys.getsizeof(list(reversed(list(range(20))))))
print("list of dict keys:", sys.getsizeof(list(iter({1: 2, 3: 4, 5: 6}))))
