# ---
# summary = "A pooled connection returns itself to the pool from __del__; it is not finalized a second time"
# tags = ["finalizers", "finalizer", "resurrection", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://peps.python.org/pep-0442/",
#   "https://docs.python.org/3/reference/datamodel.html#object.__del__",
# ]
# explain = """
# Some pools recycle a connection whose user forgot to release it by
# resurrecting it in __del__. On CPython that happens the moment the user
# drops it, and the pool can hand it out again at once; when it is
# finally dropped for good, __del__ does not run again (PEP 442's
# finalized flag), so it is not returned twice. On PyPy the connection only
# comes back after gc.collect(); the pool is empty before that."""
# portable = "Return connections to the pool explicitly (`with pool.connection() as c:`); never resurrect them from __del__."
# ---
import gc

class Pool:
    def __init__(self):
        self.free = []
    def get(self):
        if self.free:
            return self.free.pop()
        return Conn(self, "fresh")

class Conn:
    def __init__(self, pool, name):
        self.pool = pool
        self.name = name
    def __del__(self):
        print("__del__ returns", self.name, "to the pool")
        self.pool.free.append(self)

pool = Pool()
c = pool.get()
c.name = "conn-1"
del c
print("pool has", len(pool.free))
gc.collect()
print("after gc.collect() pool has", len(pool.free))
c = pool.get()
print("got", c.name)
del c
print("dropped again; pool has", len(pool.free))
gc.collect()
print("after gc.collect() pool has", len(pool.free))
