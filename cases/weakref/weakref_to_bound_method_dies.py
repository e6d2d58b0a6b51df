# ---
# summary = "The classic bug: weakref.ref(obj.method) dies at once on CPython, but keeps working on PyPy until a collection"
# tags = ["weakref", "weakref-callback", "closure", "realistic", "pypy-doc"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.WeakMethod",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# `obj.method` creates a new bound-method object each time; a weak
# reference to it is the only reference, so on CPython the bound method
# dies at the end of the statement, the weakref's callback runs at once,
# and the observer list never calls the handler. (weakref.WeakMethod is
# the fix.) On PyPy the dead bound method stays reachable through the
# weakref until the next collection, so the buggy code seems to work -
# then silently stops after gc.collect()."""
# portable = "Use `weakref.WeakMethod(obj.method)` for bound methods; weakref.ref to a bound method dies at once on CPython and seems to work on PyPy until a collection."
# ---
import gc
import weakref

class Bus:
    def __init__(self):
        self.handlers = []
    def subscribe(self, method):
        self.handlers.append(weakref.ref(method, self.forget))
    def forget(self, ref):
        print("  handler ref died")
        self.handlers.remove(ref)
    def publish(self, msg):
        print("publish", msg, "to", len(self.handlers), "handler(s)")
        for ref in list(self.handlers):
            m = ref()
            if m is not None:
                m(msg)

class View:
    def refresh(self, msg):
        print("  view refresh:", msg)

bus = Bus()
view = View()
bus.subscribe(view.refresh)
print("subscribed")
bus.publish("one")
gc.collect()
bus.publish("two")
