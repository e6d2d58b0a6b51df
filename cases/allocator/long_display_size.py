# ---
# summary = "A list display of more than 30 items is grown by appends from 3.10, and over-allocated"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.getsizeof",
#   "https://github.com/python/cpython/issues/84507",
# ]
# explain = """
# Up to 3.9 a list display pushes all its items and BUILD_LIST makes a list
# of exactly that size. From 3.10 the compiler keeps the stack shallow: a
# display of more than 30 items (STACK_USE_GUIDELINE) starts empty and
# appends each item, so the list has the room list.append over-allocates,
# and sys.getsizeof shows it. A tuple is made from such a list at its exact
# size. PyPy's sys.getsizeof raises TypeError."""
# portable = "Do not read the capacity of a list from sys.getsizeof; build it with list() or [x] * n if its size matters."
# ---
import sys

a = 1
short = [a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a]
long = [a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a]
pair = (a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a)
print(len(short), len(long), len(pair))
try:
    print("list of 30:", sys.getsizeof(short) - sys.getsizeof([]))
    print("list of 33:", sys.getsizeof(long) - sys.getsizeof([]))
    print("tuple of 33:", sys.getsizeof(pair) - sys.getsizeof(()))
except TypeError:
    print("sys.getsizeof: TypeError")
