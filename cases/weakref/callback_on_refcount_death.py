# ---
# summary = "A weakref callback runs when the referent dies and receives the (now dead) weakref"
# tags = ["weakref", "weakref-callback"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks"]
# refs = ["https://docs.python.org/3/library/weakref.html#weakref.ref"]
# explain = """
# The callback is called with the weak reference object itself, already
# cleared. CPython calls it inside the `del` statement that drops the last
# reference; PyPy calls it after the major collection that finds the
# object dead, inside gc.collect()."""
# portable = "Do not expect a weakref callback at `del`; if code must react when an object is done, have it call a close() or unregister method, and keep the callback as a fallback."
# ---
import gc
import weakref

class Session:
    pass

def on_gone(ref):
    print("callback: same weakref:", ref is r, "| referent:", ref())

s = Session()
r = weakref.ref(s, on_gone)
print("alive:", r() is s)
del s
print("after del: dead:", r() is None)
gc.collect()
print("after gc.collect(): dead:", r() is None)
