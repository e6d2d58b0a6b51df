# ---
# summary = "After gc.collect(), what binding a builtin method and a method-wrapper (a slot wrapper such as __len__ or ref.__init__, bound directly or through super) adds to gc.get_count()[0]: 3.8 keeps builtin methods on a free list, never method-wrappers"
# tags = ["cycles", "gc-module", "weakref", "fuzz-regression", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control", "weakref"]
# refs = [
#   "https://github.com/python/cpython/blob/3.8/Objects/methodobject.c",
#   "https://github.com/python/cpython/blob/3.8/Objects/descrobject.c",
# ]
# explain = """
# A bound builtin method (`items.append`) is a builtin_function_or_method;
# a slot wrapper bound to an instance (`items.__len__`, or ref.__init__ that
# `super().__init__` binds in weakref.KeyedRef's __init__) is a
# method-wrapper, another type. 3.8 keeps freed builtin methods on a free
# list (PyCFunction_NewEx, meth_dealloc; gone in 3.9): after gc.collect()
# emptied it, the first `items.append` adds one and keeps it there when
# dropped, and the second takes it back (0). A method-wrapper has no free
# list on any version: it adds one and its death takes it away (0), and it
# leaves the builtin method on the list for the next `items.append`. The
# model once took a method-wrapper from 3.8's builtin-method list and freed
# it as a method-wrapper: one less in the count each time, which moved an
# automatic collection after `WeakValueDictionary()[key] = value` (fuzz
# seeds 380557 and 380676). `super(...)` packs its arguments in a tuple
# to 3.10 (one more there). 3.14 counts tracked objects; PyPy has no
# gc.get_count."""
# portable = "Never depend on what binding a method adds to gc.get_count(): free lists differ by version and type."
# ---
import gc
import weakref


class Target:
    pass


class KeyedRef(weakref.ref):
    __slots__ = ("key",)


target = Target()
items = []
r = KeyedRef(target)
gc.collect()
gc.get_count()
before = gc.get_count()[0]
append = items.append  # a builtin method
del append
after_builtin = gc.get_count()[0]
wrapper = items.__len__  # a method-wrapper
del wrapper
after_wrapper = gc.get_count()[0]
wrapper = super(KeyedRef, r).__init__  # ref.__init__ bound through super
del wrapper
after_super = gc.get_count()[0]
append = items.append
del append
after_second = gc.get_count()[0]
print("items.append, dropped, adds", after_builtin - before)
print("items.__len__, dropped, adds", after_wrapper - after_builtin)
print("super(KeyedRef, r).__init__, dropped, adds", after_super - after_wrapper)
print("items.append again, dropped, adds", after_second - after_super)
