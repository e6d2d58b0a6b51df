# ---
# summary = "sys.getsizeof does not count what a container refers to"
# tags = ["allocator", "getsizeof", "seed"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.getsizeof"]
# explain = """
# The seeds warn against reading one metric alone: sys.getsizeof of a
# tuple is its own size, the same whether it holds small ints or strings
# of a thousand characters. PyPy raises TypeError, and returns the default
# when one is given."""
# portable = "To measure what a structure holds, walk it (or use tracemalloc where it exists) rather than summing sys.getsizeof, which is shallow everywhere and needs a default on PyPy."
# ---
import sys

small = (1, 2, 3)
large = ("x" * 1000, "y" * 1000, "z" * 1000)
try:
    print("same size:", sys.getsizeof(small) == sys.getsizeof(large))
    print("items larger than the tuple:", sys.getsizeof(large[0]) > sys.getsizeof(large))
except TypeError:
    print("TypeError")
print("with a default:", sys.getsizeof(large, -1) == -1 and "default" or "a size")
