# ---
# summary = "gc.freeze() after start-up: full collections no longer examine the start-up's objects, and how many run depends only on what the service allocates"
# tags = ["pauses", "gc-freeze", "gc-automatic", "gc-module", "realistic", "version-dependent"]
# requires = ["py3-syntax", "gc-callbacks", "gc-counts", "gc-objects"]
# timeout = "long"  # Pyodide: tens of thousands of objects at threshold 100, over 30 s on a loaded machine
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.freeze",
#   "https://github.com/python/cpython/blob/3.13/InternalDocs/garbage_collector.md",
# ]
# explain = """
# The documentation of gc.freeze (3.7): "Freeze all the objects tracked by
# the garbage collector; move them to a permanent generation and ignore
# them in all the future collections." A service that freezes after
# loading its code and configuration takes that heap out of every full
# collection: each then examines only what the service made since (the
# cache it grows here, with thresholds lowered to 100, 5, 5 so that a short
# run shows several). Freezing also takes the start-up heap out of the
# rule that a full collection waits until the objects that survived into
# the oldest generation since the last one are a quarter of those there:
# the full collections come at the same cache sizes, and examine the same
# numbers of objects, whatever the start-up left (site-packages, a
# sitecustomize, another build). 3.14.0's incremental collector (Pyodide's
# 3.14.2) runs no collection of generation 2 by itself. PyPy has no
# gc.freeze."""
# portable = "Use gc.freeze() only as a CPython optimization after `hasattr(gc, 'freeze')`; the service must behave the same without it."
# ---
import gc

examined = []


def watch(phase, info):
    if phase == "start" and info["generation"] == 2:
        examined.append(len(gc.get_objects()))


class Entry:
    pass


def grow(entries):
    cache = {}
    default = gc.get_threshold()
    gc.set_threshold(100, 5, 5)
    gc.callbacks.append(watch)
    for key in range(entries):
        cache[key] = Entry()
    gc.callbacks.remove(watch)
    gc.set_threshold(*default)
    return cache


gc.collect()
grow(20000)
unfrozen = examined[:]
del examined[:]
gc.collect()
start_up = len(gc.get_objects())
gc.freeze()
print("after gc.freeze() the collector sees", len(gc.get_objects()), "objects; over a thousand frozen:", gc.get_freeze_count() >= start_up > 1000)
grow(20000)
print("full collections while the cache grows:", len(examined))
print("objects each examined:", examined)
print("without freeze, each examined over a thousand more:", all(before - after > 1000 for before, after in zip(unfrozen, examined)))
