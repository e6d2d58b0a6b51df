# ---
# summary = "gc.get_referents and gc.get_referrers on a list, a dict and an instance"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-objects"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.get_referents",
#   "https://docs.python.org/3/library/gc.html#gc.get_referrers",
# ]
# explain = """
# get_referents follows tp_traverse on CPython: a list yields its items, a
# dict with only str keys yields its values only, and an instance yields its
# type and its __dict__ (up to 3.10) or its inline attribute values (3.11+).
# PyPy walks its own object layout: a dict yields its keys too, and an
# instance only its type (the attributes live in a map-based storage).
# Both find the list and the dict that refer to an object with
# get_referrers."""
# portable = "Use gc.get_referents/get_referrers only for debugging; the objects they return depend on each runtime's layout, so never let program logic depend on them."
# ---
import gc

class Item:
    pass

item = Item()
item.count = 12345
other = Item()
box = [item, other]
table = {"key": other}

def names(objs):
    return sorted([type(o).__name__ for o in objs])

print("referents of list:", names(gc.get_referents(box)))
print("referents of dict:", names(gc.get_referents(table)))
print("referents of instance:", names(gc.get_referents(item)))
referrers = gc.get_referrers(other)
print("list refers to other:", len([o for o in referrers if o is box]))
print("dict refers to other:", len([o for o in referrers if o is table]))
