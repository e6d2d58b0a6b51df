# ---
# summary = "Weak containers from 3.14 iterate over a copy of their data and drop a dead entry at once; before, an iteration defers removals until it ends"
# tags = ["weakref", "weak-containers", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "weakref", "weak-containers", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/issues/123089",
#   "https://github.com/python/cpython/blob/3.13/Lib/_weakrefset.py",
#   "https://github.com/python/cpython/blob/3.14/Lib/weakref.py",
# ]
# explain = """
# To 3.13 a WeakSet, WeakValueDictionary or WeakKeyDictionary keeps a list
# of pending removals and a set of the iterations under way: while one
# runs, a weakref callback queues its dead entry instead of removing it
# (the dict must not change size under the iteration), and the last
# iteration to end removes them. 3.14 (gh-123089) iterates over a copy of
# the data instead, and a callback removes its entry at once. So a 3.14
# weak container is two containers smaller (no list, no set), each
# iteration allocates a copy instead of an _IterationGuard and its weakref,
# and an entry that dies mid-iteration leaves the data at once. To 3.13
# len() of a WeakValueDictionary commits the pending removals even while
# an iteration runs, which then fails: its dict changed size. PyPy runs
# weakref callbacks at a later collection: the entry stays until then."""
# portable = "Do not read a weak container's `data` or its private attributes, and do not rely on the gc counts of its methods: they changed in 3.14."
# ---
import gc
import weakref


class Item:
    pass


def added(what, make):
    # What making a container adds to generation 0 (the tuples of
    # get_count come from and go to their free list).
    before = gc.get_count()[0]
    made = make()
    print(what, "adds", gc.get_count()[0] - before)
    return made


gc.disable()
items = [Item() for i in range(3)]
gc.collect()
ws = added("WeakSet()", weakref.WeakSet)
wk = added("WeakKeyDictionary()", weakref.WeakKeyDictionary)
wv = added("WeakValueDictionary()", weakref.WeakValueDictionary)
print("private attributes:", sorted(vars(wk)), sorted(vars(wv)))
for i, item in enumerate(items):
    ws.add(item)
    wk[item] = i
    wv[i] = item
before = gc.get_count()[0]
print("len(list(ws)):", len(list(ws)))
print("iterating a WeakSet adds", gc.get_count()[0] - before)

keys = iter(wv)
print("first key:", next(keys))
del items[1]
gc.collect()
print("entries in wv.data while iterating:", len(wv.data), "len(wv):", len(wv))
try:
    print("rest:", list(keys))
except RuntimeError as e:
    # len() committed the removal under the iteration (to 3.13).
    print("rest: RuntimeError:", e)
print("entries in wv.data after:", len(wv.data), "len(wv):", len(wv))

pairs = iter(wk.items())
print("first value:", next(pairs)[1])
del items[0]
gc.collect()
print("entries in wk.data while iterating:", len(wk.data), "len(wk):", len(wk))
print("rest:", [value for key, value in pairs])
print("entries in wk.data after:", len(wk.data), "len(wk):", len(wk))
