# ---
# summary = "A collection that an allocation inside `import weakref` schedules (3.12+) runs at the next eval breaker check, which a module or class body defining functions does not reach for a few hundred allocations: what generation 0 holds after the import"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://github.com/python/cpython/issues/97922",
#   "https://github.com/python/cpython/blob/3.13/Python/gc.c",
#   "https://github.com/python/cpython/blob/3.13/Python/ceval_gil.c",
# ]
# explain = """
# The program empties generation 0 with gc.collect(), then fills it so that
# the allocations of `import weakref` take it past the threshold. Up to 3.11
# the allocation that does runs the collection at once. From 3.12 it only
# schedules it: the collection runs at the next check of the eval breaker (a
# call of C code, a function's start, a loop's jump back). The module body of
# weakref.py and the class bodies it runs define one function after another,
# and a def checks nothing, so on 3.13 the collection runs well after the
# threshold was passed, and generation 0 holds what the rest of the import
# allocated after it: the same count for a range of fills. PyPy has no
# gc.get_count; 3.14.0-3.14.4's incremental collector owes no increment this
# early."""
# portable = "Never depend on where an automatic collection falls, least of all inside an import."
# ---
import gc

gc.set_threshold(2000, 10, 10)
gc.collect()
keep = []
for i in range(1350):
    keep.append([])
before = gc.get_count()
import weakref
after = gc.get_count()
print("before the import:", before)
print("after the import:", after)
