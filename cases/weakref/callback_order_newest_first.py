# ---
# summary = "Several weakrefs and a proxy with callbacks on one object: callbacks run newest first"
# tags = ["weakref", "weakref-callback", "proxy", "pypy-finalizer-order"]
# requires = ["py3-syntax", "weakref", "weakref-callbacks"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/weakrefobject.c",
#   "https://github.com/pypy/pypy/blob/main/pypy/module/_weakref/interp__weakref.py",
# ]
# explain = """
# CPython keeps an object's weakrefs in a list with the newest callback
# refs first and PyObject_ClearWeakRefs calls them in that order; PyPy's
# lifeline calls them from the last created to the first. The order agrees;
# the moment (del vs gc.collect()) does not."""
# portable = "Keep weakref callbacks independent of one another (their order is not documented), and do not assume they run at `del`."
# ---
import gc
import weakref

class Plain:
    pass

def make_cb(label):
    def cb(ref):
        print("cb", label)
    return cb

o = Plain()
refs = [weakref.ref(o, make_cb(i)) for i in range(4)]
p = weakref.proxy(o, make_cb("proxy"))
r5 = weakref.ref(o, make_cb(5))
print("weakrefs:", weakref.getweakrefcount(o))
del o
print("after del")
gc.collect()
print("after gc.collect()")
