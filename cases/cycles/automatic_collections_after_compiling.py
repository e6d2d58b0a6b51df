# ---
# summary = "Instance cycles made from the first line with the default thresholds: what gc.collect() finds depends on what compiling the script left in generation 0"
# tags = ["cycles", "cycle", "gc-automatic", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://peps.python.org/pep-0709/",
#   "https://github.com/python/cpython/blob/3.12/Python/compile.c",
# ]
# explain = """
# Before the first line runs, CPython's compiler has allocated and freed
# containers for the script: its symtable, a compiler unit per code object
# (dicts of names and constants), the code objects' tuples. Those that did
# not go to a free list are still in the generation-0 count, so the
# automatic collections of the loop come at a version's own points, and
# gc.collect() finds the cycles made since the last one. From 3.12 each
# compiler unit has one more dict (fasthidden, for the comprehensions PEP
# 709 inlines): the count is higher by one for the module and one for the
# first function or class, and the last automatic collection comes a few
# cycles earlier. PyPy's collector counts bytes, not allocations, and
# finds none of these cycles at the end: its collections leave them to
# the explicit one. Found by the differential fuzzer (seed 420015, shrunk)."""
# portable = "Never depend on how many objects gc.collect() finds after automatic collections; call gc.collect() before the work if the count matters."
# ---
import gc
class K0:
    def __init__(self, name):
        self.name = name
class K1(K0):
    pass
def make4(i, *args, **kwargs):
    return K1(f"c4.{i}" + str(len(args) + len(kwargs)))
def churn4(n):
    for i in range(n):
        x = make4(i, i, tag=i)
        x.a = x
print("churn", 4, churn4(473))
print("collect", gc.collect())
print("-- end")
