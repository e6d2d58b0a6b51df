# ---
# summary = "A cache dict: replacing, popping and evicting entries frees values at that statement"
# tags = ["refcount", "dealloc-order", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/library/stdtypes.html#mapping-types-dict"]
# explain = """
# A size-bounded cache evicts its oldest entry by deleting it from the dict;
# on CPython the evicted value is released right there, so a __del__ that
# releases a resource runs at eviction time. On PyPy the evicted values pile
# up until gc.collect()."""
# portable = "Close the evicted value when the cache evicts it (`cache.pop(key).close()`), instead of relying on __del__ running when the entry is replaced or deleted."
# ---
import gc

class Entry:
    def __init__(self, key):
        self.key = key
    def __del__(self):
        print("value freed", self.key)

class LRU:
    def __init__(self, size):
        self.size = size
        self.data = {}
    def put(self, key):
        if key in self.data:
            del self.data[key]
        self.data[key] = Entry(key)
        if len(self.data) > self.size:
            oldest = list(self.data.keys())[0]
            print("evicting", oldest)
            del self.data[oldest]

cache = LRU(2)
for k in ["a", "b", "c", "a", "d"]:
    print("put", k)
    cache.put(k)
print("keys", list(cache.data.keys()))
cache = None
print("cache dropped")
gc.collect()
print("after gc.collect()")
