# ---
# summary = "Observers in a WeakSet: a dropped observer stops being notified on CPython, not yet on PyPy"
# tags = ["weakref", "weak-containers", "realistic", "pypy-doc"]
# requires = ["py3-syntax", "weakref", "weak-containers"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.WeakSet",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# An event source that holds its listeners weakly lets them go away by
# themselves. On CPython a listener dropped by its owner is gone from the
# WeakSet before the next event. On PyPy it is still in the set, and still
# notified, until a major collection; code that assumed the listener is
# gone sees events delivered to a "dead" object."""
# portable = "Unsubscribe observers explicitly (`source.listeners.discard(obs)`) when they are done; a WeakSet drops them only when they die, at a collection on PyPy."
# ---
import gc
import weakref

class Source:
    def __init__(self):
        self.listeners = weakref.WeakSet()
    def emit(self, event):
        got = sorted([l.on_event(event) for l in self.listeners])
        print(event, "->", got)

class Listener:
    def __init__(self, name):
        self.name = name
    def on_event(self, event):
        return self.name

src = Source()
a = Listener("a")
b = Listener("b")
src.listeners.add(a)
src.listeners.add(b)
src.emit("first")
del b
src.emit("second")
gc.collect()
src.emit("third")
print("listeners:", len(src.listeners))
