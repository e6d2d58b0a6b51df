# ---
# summary = "Cyclic garbage that `import weakref` makes (types.py's class _C, deleted in its module body) is allocated before an automatic collection inside the import and dropped after it: that collection ages it, so generation 0 no longer holds it"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.9/Lib/types.py",
#   "https://github.com/python/cpython/blob/3.9/Modules/gcmodule.c",
# ]
# explain = """
# The program empties the generations with gc.collect(), then fills
# generation 0 so that the allocations of `import weakref` take it past the
# threshold while types.py (imported by _weakrefset) runs: after it made the
# class _C, before its `del _C` left the class as cyclic garbage. Up to 3.11
# the collection runs in that allocation: _C is still reachable, so it
# survives into generation 1, and a later gc.collect(0) does not find it. A
# model that made the import's garbage only at the end of the import's trace
# (or where it became unreachable) finds it in generation 0: 7 objects. The
# fill is chosen for 3.9 and 3.10, whose import traces say where each piece
# of cyclic garbage is allocated and where it becomes unreachable; on other
# versions the collection falls elsewhere. PyPy has no gc.get_count;
# 3.14.0-3.14.4's incremental collector owes no increment this early."""
# portable = "Never depend on where an automatic collection falls, least of all inside an import."
# ---
import gc

gc.set_threshold(2000, 10, 10)
gc.collect()
keep = []
for i in range(1580):
    keep.append([])
before = gc.get_count()
import weakref
found = gc.collect(0)
print("before the import:", before)
print("found in generation 0 after the import:", found)
