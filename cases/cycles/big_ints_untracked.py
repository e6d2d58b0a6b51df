# ---
# summary = "ints beyond 64 bits are no GC objects: making and dropping them moves no collector count"
# tags = ["cycles", "gc-module"]
# requires = ["py3-syntax", "gc-counts"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.is_tracked"]
# explain = """
# An int of any size holds no reference, so CPython never tracks it:
# gc.is_tracked is False and gc.get_count() does not move while a program
# computes with big ints (a factorial, a power, a sum), however many it
# makes and frees: between two reads it moves by one, the tuple the first
# read returned. Only the containers that hold them count."""
# portable = "Big-int arithmetic does not trigger the cycle collector; the containers that hold the results do."
# ---
import gc

gc.collect()
big = 3**200
print("is_tracked(3**200):", gc.is_tracked(big), "| is_tracked(-2**64):", gc.is_tracked(-2**64))
before = gc.get_count()
x = 1
for i in range(1, 300):
    x *= i
total = 0
for i in range(1000):
    total += big * i - (big >> i)
after = gc.get_count()
# The tuple get_count() returned first is the one allocation counted.
print("generation 0 moved by:", after[0] - before[0])
print("300! has", len(str(x)), "digits; total % 1000003 =", total % 1000003)
