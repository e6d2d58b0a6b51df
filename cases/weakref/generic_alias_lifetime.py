# ---
# summary = "A types.GenericAlias (3.9+) lives as long as its references: a temporary alias dies at once on CPython, one held by a function's annotations dies with the function; on PyPy each waits for gc.collect()"
# tags = ["weakref", "temporaries", "version-dependent"]
# requires = ["py3-syntax", "weakref"]
# refs = [
#   "https://peps.python.org/pep-0585/",
#   "https://github.com/python/cpython/blob/3.11/Objects/genericaliasobject.c",
#   "https://github.com/python/cpython/blob/3.11/Objects/funcobject.c",
# ]
# explain = """
# `list[int]` makes a new alias object each time (PEP 585), and an alias can
# be weakly referenced. On CPython reference counting frees it when its
# last reference goes: a temporary one as soon as the statement is done, a
# nested alias (the list[int] inside dict[str, list[int]]) with its outer
# one. A function's annotations are kept with the function (as a tuple of
# names and values from 3.10, turned into the __annotations__ dict the first
# time it is read), so the alias in them lives until the function is
# deleted. PyPy frees neither until a collection runs. Before 3.9 the
# builtin types are not subscriptable: the case says so and stops."""
# portable = "Do not keep a weak reference to an alias and expect it to live: hold the alias itself."
# ---
import gc
import weakref


def state(ref):
    return "alive" if ref() is not None else "dead"


try:
    probe = weakref.ref(list[int])
except TypeError as error:
    print("no aliases:", error)
    raise SystemExit
print("a temporary alias:", state(probe))

alias = dict[str, list[int]]
inner = weakref.ref(alias.__args__[1])
outer = weakref.ref(alias)
print("held:", state(outer), state(inner), alias)
del alias
print("after del:", state(outer), state(inner))
gc.collect()
print("after gc.collect():", state(outer), state(inner))


def handler(items: list[int], mapping: dict[str, int]) -> tuple[int, ...]:
    return tuple(items)


annotation = handler.__annotations__["items"]
kept = weakref.ref(annotation)
del annotation
print("annotation:", state(kept), handler.__annotations__["return"])
del handler
print("function deleted:", state(kept))
gc.collect()
print("after gc.collect():", state(kept))
