# ---
# summary = "A WeakKeyDictionary attaches data to objects without keeping them alive"
# tags = ["weakref", "weak-containers", "realistic"]
# requires = ["py3-syntax", "weakref", "weak-containers"]
# refs = ["https://docs.python.org/3/library/weakref.html#weakref.WeakKeyDictionary"]
# explain = """
# Side tables keyed by the object (per-request state, per-widget layout)
# use WeakKeyDictionary so the entry dies with its key. Its length drops
# at del on CPython and at gc.collect() on PyPy; a value that holds the
# key would keep it alive forever on both."""
# portable = "Delete the entry explicitly when an object is retired (`del meta[obj]`); do not rely on len() of a WeakKeyDictionary dropping at `del`."
# ---
import gc
import weakref

class Request:
    def __init__(self, path):
        self.path = path

state = weakref.WeakKeyDictionary()
r1 = Request("/a")
r2 = Request("/b")
state[r1] = {"user": "ann"}
state[r2] = {"user": "bob"}
print("entries:", len(state), "| r1 user:", state[r1]["user"])
del r1
print("after del r1:", len(state))
leak = Request("/leak")
state[leak] = {"self": leak}
del leak
gc.collect()
print("after gc.collect():", len(state), sorted([k.path for k in state.keys()]))
