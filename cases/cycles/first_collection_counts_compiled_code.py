# ---
# summary = "The first automatic collection comes sooner in a longer program: compiling it counted"
# tags = ["cycles", "cycle", "gc-automatic", "finalizer", "version-dependent", "fuzz-regression"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/compile.c",
#   "https://github.com/python/cpython/blob/3.11/Python/symtable.c",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# Before a script's first line runs, CPython has compiled it: its symtable,
# the compiler's units and the tuples of every code object are containers
# counted in generation 0, and those that did not come from a free list or
# go back to one are still counted at the first line. The functions and
# classes below (never called) raise the count by about 200, so the
# garbage cycle made first is collected that many allocations sooner than
# in a short program. The model once started every program at the count
# of an empty one and collected at allocation 240 instead of 32. PyPy's
# collections are driven by bytes allocated and this program never
# reaches one.
# """
# ---
import gc

seen = []

class Cyc:
    def __del__(self):
        seen.append(True)

class Leaf:
    pass

def allocate_until_collected(limit):
    keep = []
    for i in range(limit):
        keep.append(Leaf())
        if seen:
            return i
    return -1

c = Cyc()
c.me = c
del c
print("cycle collected at allocation", allocate_until_collected(1000))

class Shape:
    def area(self):
        return 0
    def scaled(self, k):
        return [self.area() * k, k]

class Square(Shape):
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side * self.side

def describe(shape, unit="cm", digits=(1, 2)):
    label = f"{type(shape).__name__}: {shape.area()} {unit}"
    return label, digits

def tally(items):
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    return sorted(counts.items(), key=lambda kv: kv[1])

def nested(n):
    def inner(m):
        return [m + k for k in range(n)]
    return inner
