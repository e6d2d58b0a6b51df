# ---
# summary = "Reading an instance's __dict__ makes gc.collect() count one more object on 3.11 and 3.12"
# tags = ["cycles", "cycle", "gc-collect", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.collect",
#   "https://github.com/python/cpython/blob/3.11/Objects/dictobject.c",
# ]
# explain = """
# From 3.11 an instance keeps its attribute values inline and has no dict
# object until one is needed; asking for `obj.__dict__` materializes it, and
# that dict is then one more unreachable GC object when the instance dies
# in a cycle (2 instead of 1). 3.13 keeps the materialized dict as a view of
# the inline values and counts 1 again; 3.8-3.10 always count 2. PyPy
# returns None."""
# portable = "Never assert the number gc.collect() returns; it changes with the version's object layout and is None on PyPy. Check with a weak reference whether the object you care about is gone."
# ---
import gc

class Plain:
    pass

gc.collect()
a = Plain()
a.me = a
del a
print("without __dict__ access:", gc.collect())
a = Plain()
a.me = a
print("attribute names:", list(a.__dict__.keys()))
del a
print("after __dict__ access:", gc.collect())
