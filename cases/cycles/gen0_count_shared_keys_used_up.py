# ---
# summary = "After a class has made many instances, a new attribute name gets the instance a dict (one more in gc.get_count()); with few instances it does not"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Objects/dictobject.c",
#   "https://docs.python.org/3/whatsnew/3.11.html#optimizations",
# ]
# explain = """
# Since 3.11 an instance keeps its attributes in a values array indexed by
# keys its class shares among its instances, and makes no dict. The shared
# keys take at most 30 names; each instance made takes one from what is
# left (down to one), so that later instances get smaller arrays. Once a
# class has made some 28 instances, its keys take one more name at most:
# setting a second new name materializes the instance's dict, a new
# container the count shows, and so does every instance given that name
# after. Up to 3.10 the shared keys worked otherwise; PyPy has maps and no
# gc.get_count."""
# portable = "Never depend on when an object gets its __dict__: the layout of instances changes between versions and implementations."
# ---
import gc

class Few:
    def __init__(self):
        self.name = 1

class Many:
    def __init__(self):
        self.name = 1

def count():
    return gc.get_count()[0]

def setting(obj, attribute):
    gc.collect()
    count()
    before = count()
    setattr(obj, attribute, 1)
    return count() - before

few = [Few() for _ in range(5)]
many_made = [Many() for _ in range(40)]
del many_made
a, b = Many(), Many()
for obj, label in ((few[0], "few"), (a, "many")):
    print(label, "first new name:", setting(obj, "first"))
    print(label, "second new name:", setting(obj, "second"))
print("many, another instance, second name:", setting(b, "second"))
print("done")
