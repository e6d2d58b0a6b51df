# ---
# summary = "Which objects cannot be weakly referenced: ints, strs, lists, tuples, dicts, None, slotted classes"
# tags = ["weakref", "api-presence"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html",
#   "https://docs.python.org/3/reference/datamodel.html#slots",
# ]
# explain = """
# CPython supports weak references only for types that reserve a weakref
# list slot: instances of ordinary classes, functions, sets, but not the
# built-in int, str, list, tuple, dict, or a class whose __slots__ lacks
# '__weakref__'. PyPy refuses the same built-in types but allows weak
# references to any instance of a user class, slotted or not."""
# portable = "Add `'__weakref__'` to `__slots__` of every class you weakly reference, and wrap built-in values (int, str, list, dict) in a small class instead of referencing them directly."
# ---
import weakref

class Slotted:
    __slots__ = ("x",)

class SlottedWeak:
    __slots__ = ("x", "__weakref__")

def f():
    pass

for value in [1, "s", [], (), {}, None, set(), f, Slotted(), SlottedWeak()]:
    try:
        weakref.ref(value)
        print("ok:", type(value).__name__)
    except TypeError as e:
        print("TypeError:", e)
