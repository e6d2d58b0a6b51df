# ---
# summary = "What freeing, then making, a tuple of 19, 20 and 21 items adds to gc.get_count()[0]: which sizes the free lists keep and give back"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Objects/tupleobject.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/tupleobject.c",
#   "https://github.com/python/cpython/blob/3.13/Objects/tupleobject.c",
# ]
# explain = """
# A tuple the free lists keep is not freed, so the count does not drop,
# and a tuple they give back is not allocated, so it does not rise. Up to
# 3.10 a tuple of at most 19 items is kept (len < PyTuple_MAXSAVESIZE); 3.11
# and 3.12 keep one of 20 items too, but their tuple_alloc never takes it
# back; 3.13 keeps and reuses it. A tuple of 21 items is never kept. Each
# pair is what freeing a tuple of that size did, then what freeing it and
# making another of the same size did together. PyPy has no
# gc.get_count."""
# portable = "Never depend on gc.get_count() values; they change with every version's free lists."
# ---
import gc

gc.disable()
# Kept, so that what is freed is seen: the count stops at 0.
padding = [[] for _ in range(20)]
item = object()
for size in (19, 20, 21):
    made = tuple([item] * size)
    before = gc.get_count()[0]
    del made
    freed = gc.get_count()[0] - before
    again = tuple([item] * size)
    print(size, freed, gc.get_count()[0] - before)
    del again
