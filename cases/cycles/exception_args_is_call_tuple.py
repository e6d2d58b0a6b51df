# ---
# summary = "An exception's args is the tuple its call packed: a collection reaches the arguments through it, which orders the finalizers of later garbage"
# tags = ["cycles", "cycle", "finalizer-order", "fuzz-regression"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/exceptions.html#BaseException.args",
#   "https://docs.python.org/3/library/gc.html#gc.collect",
# ]
# explain = """
# CPython 3.11 calls a class, or a builtin exception type, through tp_call:
# the arguments are packed in a tuple, and BaseException.__new__ and
# __init__ keep that very tuple as `args`, allocated before the exception.
# A full collection walks its list in order and puts each survivor it first
# meets unreferenced back at the end, behind the objects that reach it: the
# argument, reached through the exception and then the tuple, ends up
# behind the list's item. When list and exception then die together in a
# cycle, their finalizers run in that new order, the list's item first."""
# portable = "Do not rely on the finalization order of objects that die together in a cycle; release them in the order you need with explicit close() calls before dropping the cycle."
# ---
# Found by memconform fuzz (seeds 10083 and 13 more, all at shutdown): the
# model gave an exception a tuple of its own, after the exception.
import gc

class Named:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)

class Boom(Exception):
    pass

for make in (Boom, ValueError):
    print(make.__name__)
    error = make(Named("in args"))
    items = [error, Named("in list")]
    items.append(items)
    gc.collect()
    del error, items
    gc.collect()
print("end")
