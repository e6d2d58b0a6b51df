# ---
# summary = "sys.getsizeof of ints beyond 64 bits: a header and 4 bytes per 30-bit digit, however the int was made"
# tags = ["allocator", "getsizeof", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/sys.html#sys.getsizeof"]
# explain = """
# CPython stores an int as 30-bit digits after a 24-byte header (64-bit
# builds): sys.getsizeof is the header plus 4 bytes per digit the value
# needs, whether it came from a literal, from arithmetic (a sum allocated
# one digit more than it needed still reports only the digits it uses),
# from int(str) or from int.from_bytes. Pyodide is a 32-bit build with
# 15-bit digits of 2 bytes. PyPy's sys.getsizeof always raises TypeError."""
# portable = "Do not budget memory from sys.getsizeof of ints: the digit size is a build choice, and PyPy raises TypeError."
# ---
import sys

values = [("2**64", 2**64), ("-2**64", -2**64), ("2**90 - 1", 2**90 - 1), ("2**90", 2**90),
          ("10**100", 10**100), ("2**1000", 2**1000), ("(2**100 + 1) - 2**100", (2**100 + 1) - 2**100),
          ("2**100 * 2**100", 2**100 * 2**100), ("int('9' * 40)", int("9" * 40)),
          ("from_bytes(20 x ff)", int.from_bytes(b"\xff" * 20, "big")), ("-(2**200) >> 100", -(2**200) >> 100)]
for label, value in values:
    try:
        print(label, sys.getsizeof(value))
    except TypeError:
        print(label, "TypeError")
