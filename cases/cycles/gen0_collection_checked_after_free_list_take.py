# ---
# summary = "Generation 0 filled so that the count passes the threshold inside `import weakref` at an allocation that, in the recording, took from a free list: from 3.12 the collection runs at the eval breaker check right after it"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Python/gc.c",
#   "https://github.com/python/cpython/issues/97922",
# ]
# explain = """
# gc.collect() empties the free lists (a full collection clears them), so
# the tuples and lists that `import weakref` takes from its free lists in a
# fresh interpreter are new allocations here. With 1960 lists kept, the
# count passes 2000 about 40 allocations into the import, at one of those.
# From 3.12 a collection scheduled at an allocation runs at the next eval
# breaker check, here a few bytecodes later; the next check after an
# allocation that links in a fresh interpreter is about 145 allocations on,
# past a module body's run of function definitions. The count after the
# import says which: CPython 3.12 shows 1338. A model that knew only the
# checks after the allocations that linked when its trace was recorded
# collected at the later one (1193 on 3.12, 1453 on 3.13 where CPython
# shows 1600)."""
# portable = "Never depend on where an automatic collection falls, least of all inside an import."
# ---
import gc

gc.set_threshold(2000, 10, 10)
gc.collect()
keep = []
for i in range(1960):
    keep.append([])
import weakref
after = gc.get_count()
found = gc.collect(0)
print("after the import:", after)
print("found in generation 0 after the import:", found)
