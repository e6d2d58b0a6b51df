# ---
# summary = "sys.getsizeof of small tuples, lists, dicts and sets: the container alone, per version"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.getsizeof"]
# explain = """
# A tuple holds its items inline (8 bytes each on a 64-bit build), a list
# points to a separate array, a dict to a keys table (3.11 made it smaller
# for str keys), a set has an inline table of 8 slots. Every size includes
# the 16-byte GC header of a container. Pyodide (32-bit) halves the
# pointers. PyPy raises TypeError."""
# portable = "Never hard-code container sizes from sys.getsizeof; call `sys.getsizeof(obj, default)` so that PyPy answers the default instead of raising TypeError."
# ---
import sys

values = [("()", ()), ("(1,)", (1,)), ("(1, 2, 3)", (1, 2, 3)), ("[]", []), ("[1, 2, 3]", [1, 2, 3]),
          ("{}", {}), ("{1: 2}", {1: 2}), ("{'a': 1}", {"a": 1}), ("set()", set())]
for label, value in values:
    try:
        print(label, sys.getsizeof(value))
    except TypeError:
        print(label, "TypeError")
