# ---
# summary = "Star-unpacking in displays: the list each one builds, when its parts die, and its TypeErrors"
# tags = ["refcount", "temporaries", "dealloc-order", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/expressions.html#displays-for-lists-sets-and-dictionaries",
#   "https://peps.python.org/pep-0448/",
# ]
# explain = """
# From 3.9 a display with `*` or `**` is built from the items before the
# first star and extended operand by operand (LIST_EXTEND, SET_UPDATE,
# DICT_UPDATE); a tuple is made from a list at the end, so `(*a, x)` makes
# two containers. 3.8 builds the whole display at once from its operands
# (BUILD_LIST_UNPACK), with other intermediates and other error messages.
# A `**` operand that is not a dict is read through keys(), whose result
# becomes a list unless it is one. From 3.10 a dict display of more than 16
# items is built in runs, each a dict of its own merged into the first. A
# temporary display dies as soon as the call that received it returns;
# PyPy frees its items at a collection."""
# portable = "Do not rely on when the items of a temporary display die; bind the display to a name and delete it explicitly, or close its items yourself."
# ---
import gc

class Item:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("freed", self.name)
    def __repr__(self):
        return self.name

class Pairs:
    """A mapping that is not a dict: keys() gives a tuple."""
    def keys(self):
        return ("k1", "k2")
    def __getitem__(self, key):
        return key.upper()

class ListPairs(Pairs):
    def keys(self):
        return ["k3"]

def made(*names):
    return [Item(name) for name in names]

a = [1, 2]
b = (3,)
d = {"a": 1}
print([*a, *b], (*a, 9), sorted({*a, 5}), [0, *a], (*b,))
print({**d, "k": 1}, {"k": 0, **d, "a": 5}, {**Pairs()}, {**d, **ListPairs(), "z": 0})

print(len([*made("t1", "t2"), *made("t3")]))
print("after the list display")
print(len((*made("u1"), Item("u2"))))
print("after the tuple display")
print(sorted({**{"v": Item("v1")}, "w": 1}))
print("after the dict display")
kept = [*made("k1", "k2")]
print("kept", kept)
del kept
print("after del kept")

count = getattr(gc, "get_count", None)
if count:
    gc.collect()
    counts = [count()]
    x = [*a, *b]
    counts.append(count())
    y = (*a, 9)
    counts.append(count())
    z = {*a, *b}
    counts.append(count())
    w = {**d, "k": 1}
    counts.append(count())
    v = {**Pairs()}
    counts.append(count())
    u = {**ListPairs()}
    counts.append(count())
    t = {a[0]: 0, a[1]: 1, b[0]: 2, 4: a, 5: b, 6: d, 7: x, 8: y, 9: z, 10: w, 11: v, 12: u, 13: 0, 14: 0, 15: 0, 16: 0, 17: 0, 18: 0}
    counts.append(count())
    print("gen0 counts", [c[0] - counts[0][0] for c in counts])

for make in (lambda: [*1], lambda: (*None, 1), lambda: {*3}, lambda: {**1}, lambda: {"a": 1, **[1]}):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
