# ---
# summary = "tracemalloc sees each int beyond 64 bits as its own block: a sum takes one digit more than it keeps"
# tags = ["allocator", "tracemalloc", "version-dependent"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/library/tracemalloc.html#tracemalloc.get_traced_memory"]
# explain = """
# An int beyond one 30-bit digit is a block of its header and its digits.
# CPython allocates a sum before it knows whether the last carry is needed
# (one digit more than the longer operand) and a product for both
# operands' digits, then only marks the digits it uses: tracemalloc traces
# the block as allocated. A thousand sums of 4-digit ints are traced at
# 24 + 5 * 4 = 44 bytes each on 3.11, a thousand products of two 2-digit
# ints at 24 + 4 * 4 = 40. PyPy has no _tracemalloc."""
# portable = "Measure int-heavy memory with tracemalloc on CPython only, and expect sizes that depend on how each int was computed."
# ---
try:
    import tracemalloc
except ImportError as e:
    print("tracemalloc:", type(e).__name__)
    raise SystemExit(0)

N = 1000
sums = [None] * N
products = [None] * N
base = 2**100
factor = 2**59 + 12345
tracemalloc.start()
for i in range(N):
    sums[i] = base + i
first, _ = tracemalloc.get_traced_memory()
for i in range(N):
    products[i] = factor * (factor + i)
second, _ = tracemalloc.get_traced_memory()
print("bytes per sum:", round(first / N))
print("bytes per product:", round((second - first) / N))
del sums
after, peak = tracemalloc.get_traced_memory()
print("freed the sums:", round((second - after) / N))
tracemalloc.stop()
