# ---
# summary = "The hashes a runtime makes deterministic: numbers, tuples, frozensets, and str and bytes under PYTHONHASHSEED=0; a set's order follows them"
# tags = ["api", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/stdtypes.html#hashing-of-numeric-types",
#   "https://peps.python.org/pep-0456/",
#   "https://docs.python.org/3/using/cmdline.html#envvar-PYTHONHASHSEED",
# ]
# explain = """
# Numbers hash as the language reference specifies (modulo 2**61 - 1 on a
# 64-bit build, 2**31 - 1 on a 32-bit one), so hash(1.5) is 2**60 + 1.
# Tuples combine their items with xxHash's round (3.8+), frozensets with
# a mix that ignores order. str and bytes hash with SipHash keyed by
# PYTHONHASHSEED (the runner pins 0): SipHash-2-4 up to 3.10 and on PyPy,
# SipHash-1-3 from 3.11 (PEP 456, bpo-29410), FNV on Pyodide's wasm32
# build; CPython hashes a str's one-, two- or four-byte buffer, PyPy its
# UTF-8. A set iterates in its table's order, which these hashes decide
# on CPython; PyPy's sets keep insertion order."""
# portable = "Never rely on hash values or on the order of a set of strs: sort what you print (sorted(s)); hash values change between versions and with PYTHONHASHSEED."
# ---
print(hash(1.5), hash(-2.25), hash(0.1), hash(1e300), hash(float("inf")))
print(hash(10 ** 18), hash(-1), hash(2 ** 61), hash(True), hash(complex(1.5, 2)))
print(hash(()), hash((1, 2)), hash((1, (2, "x"))), hash((1.5, -1)))
print(hash(frozenset()), hash(frozenset([1, 2, 3])), hash(frozenset(["a", "b"])))
print(hash(""), hash("x"), hash("hello world"), hash("h\u00e9llo"), hash("\u20acuro"), hash("\U0001f600"))
print(hash(b""), hash(b"x"), hash(b"abcdefghijklmnop"))
print(list({"a", "b", "c", "d", "e", "f", "g"}))
print(list({1.5, -1, "z", (1, 2), 2 ** 40}))
print(list(frozenset(["spam", "eggs", "ham"])))
