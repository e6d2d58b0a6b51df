# ---
# summary = "A function atexit keeps is held from outside the collector's lists: a gc.collect() leaves it where it was, so it dies before an object made after it"
# tags = ["cycles", "gc-collect", "dealloc-order", "atexit", "version-dependent"]
# requires = ["py3-syntax", "finalizers", "atexit"]
# refs = [
#   "https://github.com/python/cpython/blob/3.13/Modules/atexitmodule.c",
#   "https://github.com/python/cpython/blob/3.13/Python/gc.c",
# ]
# explain = """
# A collection walks its list in order: an object only other objects of the
# list hold is moved aside, and moved back behind the others when a holder
# found later reaches it; one held from outside stays where it is. Up to
# 3.13 atexit keeps its callbacks in C structs, outside every list: the
# callable registered (an object with __call__, held also by a list made
# after it) stays in place at the first gc.collect(), ahead of an object
# made after it, and the second collection, which finds both dead in
# cycles of their own, finalizes it first. 3.14 keeps each callback as a
# tuple in a list, a container the collector sees: the callable is moved
# behind and dies last; so does PyPy's, whose collector has no such order."""
# portable = "Never depend on the order in which a collection finalizes objects; release them explicitly, in order."
# ---
import atexit
import gc


class Named:
    def __init__(self, name):
        self.name = name
        self.cycle = self

    def __del__(self):
        print("del", self.name)


class Callback(Named):
    def __call__(self):
        pass


holders = [Callback("registered with atexit")]
atexit.register(holders[0])
after = Named("made after it")
print("collected", gc.collect())
atexit.unregister(holders[0])
del holders, after
print("collected", gc.collect())
print("end of program")
