# ---
# summary = "sys.getsizeof of ints, floats, None, bools, str and object(): per-version sizes, TypeError on PyPy"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.getsizeof"]
# explain = """
# sys.getsizeof reports an object's own size in bytes. CPython's sizes are
# fixed by its object layouts: an int is 24 bytes plus 4 per 30-bit digit
# (3.11 gives 0 one digit: 28), a compact ASCII str 49 bytes plus one per
# character (3.12 dropped the wstr pointer: 41). Pyodide is a 32-bit
# build: every pointer and size field is 4 bytes. PyPy's sys.getsizeof
# always raises TypeError."""
# portable = "Do not compute memory budgets from sys.getsizeof: its sizes change with the version and word size, and PyPy raises TypeError; call `sys.getsizeof(obj, default)` when a number is optional."
# ---
import sys

values = [("0", 0), ("1", 1), ("2**30", 2**30), ("2**60", 2**60), ("1.5", 1.5), ("None", None), ("True", True),
          ("''", ""), ("'a'", "a"), ("'abc' * 10", "abc" * 10), ("object()", object())]
for label, value in values:
    try:
        print(label, sys.getsizeof(value))
    except TypeError:
        print(label, "TypeError")
