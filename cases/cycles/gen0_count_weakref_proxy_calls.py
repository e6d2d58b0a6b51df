# ---
# summary = "After gc.collect(), what weakref.proxy(obj) and weakref.proxy(obj, callback) add to gc.get_count()[0]: to 3.10 their arguments are packed in a tuple"
# tags = ["cycles", "gc-module", "weakref", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control", "weakref", "weakref-callbacks"]
# refs = [
#   "https://docs.python.org/3/library/weakref.html#weakref.proxy",
#   "https://github.com/python/cpython/blob/3.10/Modules/_weakref.c",
# ]
# explain = """
# Each proxy is a new container, so each call adds at least one. Up to
# 3.10 _weakref.proxy is a METH_VARARGS function: each call packs its
# positional arguments in a new tuple, freed to the tuple free list when
# the call returns. After gc.collect() has emptied the free lists, the
# first call with one argument and the first with two each allocate their
# tuple (one more each); the next call with two takes it from the free
# list. From 3.11 proxy is METH_FASTCALL and packs nothing. 3.14 counts
# tracked objects instead; PyPy has no gc.get_count."""
# portable = "Never depend on what a call adds to gc.get_count(): it changes with each version's calling convention and free lists; collect explicitly where a collection matters."
# ---
import gc
import weakref


class Target:
    pass


target = Target()


def callback(ref):
    pass


gc.collect()
before = gc.get_count()[0]
p1 = weakref.proxy(target)
after_one = gc.get_count()[0]
p2 = weakref.proxy(target, callback)
after_two = gc.get_count()[0]
p3 = weakref.proxy(target, callback)
after_three = gc.get_count()[0]
print("proxy(obj) adds", after_one - before)
print("proxy(obj, callback) adds", after_two - after_one)
print("proxy(obj, callback) again adds", after_three - after_two)
