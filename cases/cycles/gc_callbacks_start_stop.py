# ---
# summary = "gc.callbacks are called with 'start' and 'stop' and an info dict around each collection"
# tags = ["cycles", "gc-module", "api-presence", "gc-collect", "version-dependent"]
# refs = ["https://docs.python.org/3/library/gc.html#gc.callbacks"]
# explain = """
# CPython calls each callback in gc.callbacks before ('start') and after
# ('stop') a collection, with the generation and, at 'stop', the number of
# objects collected and uncollectable. PyPy does not have gc.callbacks.
# (CPython 3.8-3.10 count each instance's __dict__ too, so their numbers
# are larger.)"""
# portable = "Register gc.callbacks only after `hasattr(gc, 'callbacks')`, use them for diagnostics only, and do not depend on the info dict's counts."
# ---
import gc

events = []

def on_gc(phase, info):
    events.append((phase, info["generation"], info["collected"], info["uncollectable"]))

class Node:
    pass

if not hasattr(gc, "callbacks"):
    print("gc.callbacks missing")
else:
    gc.collect()
    gc.callbacks.append(on_gc)
    n = Node()
    n.me = n
    del n
    gc.collect()
    gc.collect(0)
    gc.callbacks.remove(on_gc)
    gc.collect()
    for e in events:
        print(e)
print("end")
