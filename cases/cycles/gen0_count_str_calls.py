# ---
# summary = "What str(x), then a new 1-tuple, add to gc.get_count()[0] at each of ten runs of one call site: whether str() packs its argument"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Python/bytecodes.c",
#   "https://github.com/python/cpython/blob/3.12/Objects/call.c",
# ]
# explain = """
# Up to 3.12 the str type has no vectorcall: a call of it packs its
# argument in a new 1-tuple (_PyObject_MakeTpCall), freed to the free list
# after the call. 3.12 specializes a call site at its second run, and
# str(x) becomes CALL_NO_KW_STR_1, which calls PyObject_Str without
# packing. 3.11 specializes a site at its first run once the code object is
# quickened, after eight RESUMEs and JUMP_BACKWARDs: here the function's
# start and seven turns of its loop, so from the eighth run on
# (PRECALL_NO_KW_STR_1). 3.10 has no specializer; from 3.13 str has a
# vectorcall. The free list of 1-tuples is emptied first, so a tuple is a
# new object: each pair is what str(x) added, then what building (x,)
# added, which takes the tuple str(x) left on the free list if there is
# one. The same total, at another point: an automatic collection that a
# new tuple starts or schedules runs at another point. PyPy has no
# gc.get_count."""
# portable = "Never depend on gc.get_count() values; they change with every version's specializer and free lists."
# ---
import gc


def count():
    return gc.get_count()[0]


def run_site(x):
    # Holds every 1-tuple the free list had, so that a new one is allocated.
    drained = [(i,) for i in range(3000)]
    kept = []
    pairs = []
    for _ in range(10):
        before = count()
        text = str(x)
        after_str = count()
        kept.append((x,))
        pairs.append((after_str - before, count() - after_str))
    return pairs


gc.disable()
# Kept, so that what the calls free is seen: the count stops at 0.
padding = [[] for _ in range(20)]
print(run_site([1]))
