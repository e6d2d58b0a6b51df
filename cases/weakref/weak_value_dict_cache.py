# ---
# summary = "A WeakValueDictionary cache: entries vanish when the last user drops the value"
# tags = ["weakref", "weak-containers", "realistic", "pypy-doc"]
# requires = ["py3-syntax", "weakref", "weak-containers"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.WeakValueDictionary",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# A cache of loaded images keyed by path hands out the same object while
# someone uses it. On CPython the entry disappears the moment the last user
# drops the image, so the next request loads it again. On PyPy the dead
# entry stays ("weak references may stay alive for a bit longer") until a
# collection, and the next request gets the old object back."""
# portable = "Evict cache entries explicitly, or tolerate getting the old object back; a WeakValueDictionary entry vanishes at the last `del` on CPython only."
# ---
import gc
import weakref

class Image:
    loads = 0
    def __init__(self, path):
        Image.loads += 1
        self.path = path

cache = weakref.WeakValueDictionary()

def load(path):
    img = cache.get(path)
    if img is None:
        img = Image(path)
        cache[path] = img
    return img

a = load("logo.png")
b = load("logo.png")
print("same object:", a is b, "| loads:", Image.loads)
print("entries:", sorted(cache.keys()))
del a, b
print("after users dropped it:", sorted(cache.keys()), "| in cache:", "logo.png" in cache)
c = load("logo.png")
print("reloaded, loads:", Image.loads)
del c
gc.collect()
print("after gc.collect():", sorted(cache.keys()), len(cache))
