# ---
# summary = "gc.collect() returns an int on CPython and None on PyPy, whatever the argument"
# tags = ["api", "api-presence", "gc-collect"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://github.com/pypy/pypy/blob/main/pypy/module/gc/interp_gc.py",
# ]
# explain = """
# CPython returns the number of unreachable objects found. PyPy's collect
# has no return statement and ignores its argument ("The optional
# argument is ignored"), so code like `if gc.collect():` or
# `n += gc.collect()` behaves differently or fails."""
# portable = "Call gc.collect() for its effect and ignore its result; do not write `if gc.collect():` or sum its return value, which is None on PyPy."
# ---
import gc

print(type(gc.collect()).__name__)
print(type(gc.collect(0)).__name__)
print(type(gc.collect(generation=2)).__name__)
try:
    total = 0
    total += gc.collect()
    print("sum of counts:", total)
except TypeError as e:
    print("TypeError:", e)
