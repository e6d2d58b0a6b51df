# ---
# summary = "What a gc.callbacks callback allocates shows in gc.get_count() right after the collection"
# tags = ["cycles", "gc-module", "gc-collect"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.callbacks",
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
# ]
# explain = """
# The "stop" callbacks run after the collection has set the counts to zero
# and emptied the free lists, so what they allocate is counted: the info
# dict (freed to the emptied dict free list, so still counted) and here the
# tuple the callback keeps. The arguments themselves are passed without a
# tuple (PyObject_CallFunction builds them on a stack). The same on 3.8 to
# 3.13. PyPy has no gc.callbacks."""
# portable = "Do not read gc.get_count() inside or after gc.callbacks (PyPy has neither); if you use callbacks to log collections, guard with `hasattr(gc, 'callbacks')` and keep them allocation-free."
# ---
import gc
events = []

def on_gc(phase, info):
    if phase == "stop":
        events.append((phase, info["generation"], info["collected"]))

if not hasattr(gc, "callbacks"):
    print("gc.callbacks missing")
else:
    gc.disable()
    gc.collect()
    without = gc.get_count()[0]
    gc.callbacks.append(on_gc)
    gc.collect()
    with_callback = gc.get_count()[0]
    events.clear()
    after_clear = gc.get_count()[0]
    gc.callbacks.remove(on_gc)
    gc.enable()
    print("count after gc.collect():", without)
    print("after gc.collect() with the callback:", with_callback)
    print("after events.clear():", after_clear)
