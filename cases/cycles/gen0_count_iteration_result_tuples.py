# ---
# summary = "After gc.collect(), iterating d.items(), enumerate() and zip() adds one result tuple per loop, not one per item: the iterator refills the tuple nobody else holds"
# tags = ["cycles", "gc-module", "gc-automatic", "refcount", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/dictobject.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/enumobject.c",
#   "https://github.com/python/cpython/blob/3.11/Python/bltinmodule.c",
# ]
# explain = """
# A dict items iterator, an enumerate and a zip object each make a tuple
# when they are made (CPython's di_result, en_result, zip's result) and
# return it again, refilled, as long as the loop has let go of the last
# one: `for k, v in d.items()` unpacks the tuple and so frees it for the
# next item. Only a consumer that keeps the tuples (list(d.items())) gets
# a new one per item. zip also keeps its iterators in a tuple. PyPy makes
# a new tuple per item and has no gc.get_count."""
# portable = "Never keep a tuple an iterator returned and expect a new one next time without copying it; never depend on what a loop adds to gc.get_count()."
# ---
import gc

def count():
    return gc.get_count()[0]

d = {i: str(i) for i in range(20)}
letters = "abcdefghijklmnopqrst"
deltas = []  # printed at the end: print would allocate between the counts

def measure(label, loop):
    before = count()
    loop()
    deltas.append((label, count() - before))

def items_loop():
    for k, v in d.items():
        pass

def enumerate_loop():
    for i, c in enumerate(letters):
        pass

def zip_loop():
    for c, k in zip(letters, d):
        pass

gc.collect()
measure("for k, v in d.items()", items_loop)
measure("for i, c in enumerate(s)", enumerate_loop)
measure("for c, k in zip(s, d)", zip_loop)
measure("list(d.items())", lambda: list(d.items()))
for label, delta in deltas:
    print(label, delta)
print("one tuple reused:", len({id(t) for t in d.items()}) == 1)
