# ---
# summary = "A class statement whose __slots__ ask for a __dict__ or __weakref__ its base already has, name one twice, or name a class variable or a non-identifier raises; 3.12 and PyPy word the __weakref__ refusal differently"
# tags = ["weakref", "api-presence", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#slots",
#   "https://github.com/python/cpython/blob/3.11/Objects/typeobject.c",
#   "https://github.com/python/cpython/blob/3.12/Objects/typeobject.c",
# ]
# explain = """
# type_new checks __slots__ before it makes the class: a '__dict__' or
# '__weakref__' slot is refused when the best base (the first one whose
# instance layout the others' derive from) already gives its instances one,
# or when it is named twice; an exception class has a __dict__ but no weakref
# slot. Each other name must be an identifier, is mangled as a private name
# ('__x' in class C is '_C__x') and must not also be a class variable
# (ValueError; '__qualname__' and '__classcell__' leave the namespace first).
# Up to 3.11 the __weakref__ refusal reads "either we already got one, or
# __itemsize__ != 0"; 3.12 dropped the itemsize part, as PyPy words it.
# Two slotted bases conflict in their instance layout; PyPy says so in other
# words."""
# portable = "Add '__weakref__' and '__dict__' to __slots__ only in a class whose bases all have __slots__ without them, and catch TypeError and ValueError together if a class statement's __slots__ may be refused."
# ---
class Plain:
    pass

class Slotted:
    __slots__ = ("a",)

class OtherSlotted:
    __slots__ = ("b",)

class SlottedWeak:
    __slots__ = ("__weakref__",)

def dict_under_plain():
    class C(Plain):
        __slots__ = ("name", "__dict__")

def weakref_under_plain():
    class C(Plain):
        __slots__ = ("__weakref__",)

def weakref_under_slotted_weak():
    class C(SlottedWeak):
        __slots__ = ("__weakref__",)

def dict_twice():
    class C:
        __slots__ = ["__dict__", "__dict__"]

def weakref_twice():
    class C:
        __slots__ = ("__weakref__", "__weakref__")

def dict_under_exception():
    class E(Exception):
        __slots__ = ("__dict__",)

def weakref_under_exception():
    class E(Exception):
        __slots__ = ("__weakref__",)

def weakref_under_slotted():
    class C(Slotted):
        __slots__ = ("__weakref__",)

def weakref_beside_plain_base():
    class C(Slotted, Plain):
        __slots__ = ("__weakref__",)

def class_variable():
    class C:
        __slots__ = ("x",)
        x = 1

def private_class_variable():
    class C:
        __slots__ = ("__x",)
        __x = 1

def not_identifier():
    class C:
        __slots__ = ("x y",)

def not_identifier_before_dict():
    class C(Plain):
        __slots__ = ("1x", "__dict__")

def dict_before_class_variable():
    class C(Plain):
        __slots__ = ("x", "__dict__")
        x = 1

def not_string():
    class C:
        __slots__ = ("x", 2)

def private_and_qualname():
    class C:
        __slots__ = ("__x", "__qualname__", "y", "y")
        def set(self):
            self.__x = 5
            return self.__x
    names = sorted(n for n in C.__dict__ if n in ("_C__x", "__x", "__qualname__", "y"))
    print("  ", C.__qualname__.split(".")[-1], C.__slots__, names, C().set())

def two_slotted_bases():
    class C(Slotted, OtherSlotted):
        pass

def list_and_dict():
    class C(list, dict):
        pass

for attempt in [dict_under_plain, weakref_under_plain, weakref_under_slotted_weak, dict_twice,
                weakref_twice, dict_under_exception, weakref_under_exception, weakref_under_slotted,
                weakref_beside_plain_base, class_variable, private_class_variable, not_identifier,
                not_identifier_before_dict, dict_before_class_variable, not_string,
                private_and_qualname, two_slotted_bases, list_and_dict]:
    try:
        attempt()
        print(attempt.__name__, "made")
    except (TypeError, ValueError) as e:
        print(attempt.__name__, type(e).__name__, e)
