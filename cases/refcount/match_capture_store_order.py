# ---
# summary = "The names a pattern captures are stored once it matched, in an order that differs from 3.10 to 3.11: the old values are released in that order"
# tags = ["refcount", "match", "finalizer-order", "getrefcount", "version-dependent"]
# requires = ["py3-syntax", "py310-syntax", "finalizers", "getrefcount"]
# refs = [
#   "https://peps.python.org/pep-0634/",
#   "https://github.com/python/cpython/blob/3.11/Python/compile.c",
# ]
# explain = """
# A pattern keeps the values it captures on the stack and stores them
# once the whole pattern matched, in the order it met them. 3.11's
# optimizer applies the SWAPs that kept them under the subject statically
# (swaptimize) where fast locals are stored, which reverses some of those
# stores: `case (first, *_, last)` in a function releases the old `last`
# first on 3.11 and later, the old `first` first on 3.10. At module level
# the names are stored in the order they were met everywhere. A case
# body runs after the subject's copy was popped."""
# portable = "Do not rely on the order in which a match statement rebinds names to release their old values; use fresh names in patterns."
# ---
import sys


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("free", self.name)


def in_function():
    a = Tracked("old a")
    b = Tracked("old b")
    rest = Tracked("old rest")
    match [Tracked("new a"), Tracked("new b"), Tracked("new c")]:
        case [a, b, *rest]:
            print("bound", a.name, b.name, len(rest))
    print("after the match")
    a = b = rest = None
    print("names cleared")
    first = Tracked("old first")
    last = Tracked("old last")
    match (Tracked("first"), Tracked("middle"), Tracked("last")):
        case (first, *_, last):
            print("ends", first.name, last.name)
    first = last = None
    key = Tracked("old key")
    value = Tracked("old value")
    match {"k": Tracked("value"), "other": Tracked("other")}:
        case {"k": value, **key}:
            print("mapping", value.name, sorted(key))
    key = value = None
    print("done")


in_function()
x = Tracked("module old x")
y = Tracked("module old y")
match (Tracked("module x"), Tracked("module y")):
    case (x, y):
        print("module bound", x.name, y.name)
print("module done")
subject = Tracked("subject")
print(sys.getrefcount(subject))
match subject:
    case Tracked(name=n) as same:
        print("inside", sys.getrefcount(subject), n)
print("after", sys.getrefcount(subject))
del same, subject
print("end")
