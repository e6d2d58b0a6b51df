# ---
# summary = "What subscripting a class allocates: list[int], dict[k, int] and type[int] make a types.GenericAlias (3.9+) through the bound __class_getitem__, a single argument packed in a new tuple; a class's own __class_getitem__ (a class method without the decorator, as __init_subclass__) is called; to 3.8 the builtins are not subscriptable"
# tags = ["cycles", "gc-module", "temporaries", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts", "weakref"]
# refs = [
#   "https://peps.python.org/pep-0585/",
#   "https://peps.python.org/pep-0560/",
#   "https://github.com/python/cpython/blob/3.11/Objects/genericaliasobject.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/abstract.c",
# ]
# explain = """
# The gen-0 count moves by the containers a statement allocates and frees.
# `list[int]` finds no __getitem__ on the class's type, so PyObject_GetItem
# looks up the class's __class_getitem__: for a builtin type a
# classmethod_descriptor, whose binding is a new builtin method, freed after
# the call. The call makes the alias, and packs a lone argument in a new
# tuple (`dict[key, int]` passes the tuple the subscript built); `type[int]`
# makes the alias without a lookup. WeakSet's __class_getitem__ is
# classmethod(GenericAlias): a bound method, and a call of the alias type
# that packs its arguments. A class's own __class_getitem__ and
# __init_subclass__ are made class methods by the class statement, so
# Registry[int] calls it with the class. Before 3.9 only a class's own
# __class_getitem__ answers (PEP 560), and the builtins raise TypeError, an
# exception with its own allocations."""
# portable = "Subscripting a class allocates; do not count on an alias being the same object twice."
# ---
import gc
import weakref

gc.disable()


class Registry:
    def __class_getitem__(cls, item):
        return (cls.__name__, item)

    def __init_subclass__(cls):
        pass


def count():
    return gc.get_count()[0]


key = str
print("class methods:", type(Registry.__dict__["__class_getitem__"]).__name__,
      type(Registry.__dict__["__init_subclass__"]).__name__)

gc.collect()
before = count()
try:
    alias = list[int]
except TypeError as error:
    alias = error
print("list[int]:", count() - before, alias)

gc.collect()
before = count()
try:
    pair = dict[key, int]
except TypeError as error:
    pair = error
print("dict[key, int]:", count() - before, pair)

gc.collect()
before = count()
try:
    meta = type[int]
except TypeError as error:
    meta = error
print("type[int]:", count() - before, meta)

gc.collect()
before = count()
own = Registry[int]
print("Registry[int]:", count() - before, own)

gc.collect()
before = count()
try:
    weak = weakref.WeakSet[int]
except TypeError as error:
    weak = error
print("WeakSet[int]:", count() - before, weak)

if not isinstance(alias, TypeError):
    print("same:", alias == list[int], alias != list[str], hash(alias) == hash(list[int]))
    print("parts:", alias.__origin__, alias.__args__, alias.__parameters__, pair.__args__)
    print("forwarded:", alias.__name__, alias.append is list.append, type(alias).__name__)
