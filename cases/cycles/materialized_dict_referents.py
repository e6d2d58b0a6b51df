# ---
# summary = "From 3.13 an instance's __dict__ is a view of its inline values: gc sees the values, not the dict"
# tags = ["cycles", "cycle", "gc-module", "gc-collect", "version-dependent"]
# requires = ["py3-syntax", "gc-objects"]
# refs = ["https://github.com/python/cpython/blob/v3.13.0/Objects/dictobject.c"]
# explain = """
# Reading obj.__dict__ makes a dict (3.11 and 3.12: the values move into it;
# to 3.10 every instance has one from its first attribute). From 3.13 the
# values stay in the instance and the dict is a view of them while the
# class's shared keys hold its keys: gc.get_referents of the instance gives
# the values and not the dict, and of the dict nothing. So a collection of
# a cycle through the instance never finds the dict unreachable: it is freed
# with the instance, uncounted (cycles/collect_counts_materialized_dict)."""
# portable = "Do not count on gc.get_referents or gc.collect()'s count to see an instance's __dict__; use weak references to follow what a cycle keeps."
# ---
import gc


class Plain:
    pass


a = Plain()
a.me = a
d = a.__dict__
print("dict tracked:", gc.is_tracked(d) if hasattr(gc, "is_tracked") else "no gc.is_tracked")
print("dict among the instance's referents:", any(r is d for r in gc.get_referents(a)))
print("instance among its own referents:", any(r is a for r in gc.get_referents(a)))
print("instance among the dict's referents:", any(r is a for r in gc.get_referents(d)))
d["added"] = 1
a.other = 2
print("after two more keys, dict among the instance's referents:", any(r is d for r in gc.get_referents(a)))
d[1] = "a key that is not a str"
print("after a key that is not a str, dict among the instance's referents:", any(r is d for r in gc.get_referents(a)))
print("... instance among the dict's referents:", any(r is a for r in gc.get_referents(d)))
del d, a
print("collected:", gc.collect())
