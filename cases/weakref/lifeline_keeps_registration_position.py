# ---
# summary = "PyPy: weakref callbacks run in the finalizer order of the first weakref-with-callback's creation"
# tags = ["weakref", "weakref-callback", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers", "weakref", "weakref-callbacks"]
# refs = [
#   "https://github.com/pypy/pypy/blob/main/pypy/module/_weakref/interp__weakref.py",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# On PyPy an object's weakref callbacks are run by a "lifeline" that is
# registered as a finalizer when the first weakref with a callback is
# made, not when the object is created; a weakref without a callback
# registers nothing. So the callback runs in the finalizer queue at the
# position of that moment. CPython runs everything at del: callbacks at
# the death of the object, the list of finalizable objects last to first."""
# portable = "Do not depend on the order in which weakref callbacks and finalizers of different objects run; make each cleanup independent or run them explicitly."
# ---
import gc
import weakref

class Plain:
    def __init__(self, name):
        self.name = name

class WithDel:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  del", self.name)

gc.collect()
a = Plain("a")
ra = weakref.ref(a, lambda r: print("  cb a"))
objs = [WithDel("b"), WithDel("c")]
del a, objs
print("collect 1")
gc.collect()
objs = [WithDel("b2")]
a = Plain("a2")
plain_ref = weakref.ref(a)
objs.append(WithDel("c2"))
ra = weakref.ref(a, lambda r: print("  cb a2"))
del a, objs
print("collect 2")
gc.collect()
