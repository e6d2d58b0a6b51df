# ---
# summary = "The garbage of `import weakref` (types.py's class _C) with a fill 35 allocations larger: where the collection inside the import falls relative to _C's allocation and its `del` differs from version to version"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Lib/types.py",
#   "https://github.com/python/cpython/blob/3.12/Python/gc.c",
# ]
# explain = """
# As cycles/gen0_garbage_aged_inside_import, with 35 more lists: the
# import's allocations pass the threshold at another point of its trace,
# and the count after the import says where (the allocations since). On
# 3.9 and 3.10 that is before types.py makes its class _C: _C is young
# garbage at the end, and gc.collect(0) finds its 7 objects. On 3.11 and
# 3.12 it is after `del _C`, and that collection frees it. On 3.13 it is
# between the two: it ages _C, which gc.collect(0) then does not find. On
# 3.11 the collection runs inside the allocation, from 3.12 at the next
# eval breaker check after it. A model that made the import's garbage
# only at the end of its trace finds 7 on every version."""
# portable = "Never depend on where an automatic collection falls, least of all inside an import."
# ---
import gc

gc.set_threshold(2000, 10, 10)
gc.collect()
keep = []
for i in range(1615):
    keep.append([])
before = gc.get_count()
import weakref
after = gc.get_count()
found = gc.collect(0)
print("before the import:", before)
print("after the import:", after)
print("found in generation 0 after the import:", found)
