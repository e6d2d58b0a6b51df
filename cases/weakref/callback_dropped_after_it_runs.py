# ---
# summary = "A weakref lets its callback go once the callback has run: __callback__ is None after, the callback object dies"
# tags = ["weakref", "weakref-callback"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.ref.__callback__",
#   "https://github.com/python/cpython/blob/3.11/Objects/weakrefobject.c",
# ]
# explain = """
# CPython clears the weakref (clear_weakref drops the callback) before it
# calls the callback, so inside the callback __callback__ is already None.
# PyPy's lifeline calls the callback with the weakref still holding it and
# drops it after. On both, once the callback has run the weakref no longer
# keeps the callback object alive, and __callback__ reads None
# (CPython's test_weakref: test_callback_attribute_after_deletion)."""
# portable = "Do not read __callback__ inside the callback; after it has run, expect None."
# ---
import gc
import weakref

class Obj:
    pass

class Callback:
    def __call__(self, r):
        print("callback; __callback__ is", "None" if r.__callback__ is None else "set")
    def __del__(self):
        print("callback object freed")

x = Obj()
r = weakref.ref(x, Callback())
print("callback set:", r.__callback__ is not None)
del x
for i in range(3):
    gc.collect()
print("after collect:", r.__callback__)
print("end")
