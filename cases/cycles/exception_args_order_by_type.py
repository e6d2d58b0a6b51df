# ---
# summary = "Which builtin exception types allocate their args tuple after the instance (3.14's vectorcall) and which before it: the order a full collection leaves, and so the finalizers of a cycle"
# tags = ["cycles", "cycle", "finalizer-order", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/issues/118702",
#   "https://github.com/python/cpython/blob/3.14/Objects/exceptions.c",
# ]
# explain = """
# To 3.13 calling any exception type packs the arguments in a tuple first
# (tp_call), and the instance keeps that tuple as args. 3.14 gives the
# builtin types whose __new__ and __init__ are BaseException's a
# vectorcall (gh-118702): the instance is allocated first and its args
# tuple after it. A full collection puts each survivor it first meets
# unreferenced back at the end of its list, so when a list holding the
# exception and another object then dies in a cycle, the argument comes
# before or after the list's item. Types with an __init__ of their own
# (OSError, NameError, AttributeError) and classes keep the old order;
# SystemExit and StopIteration reach the argument directly (code, value)."""
# portable = "Do not rely on the finalization order of objects that die together in a cycle; release them in the order you need with explicit close() calls before dropping the cycle."
# ---
import gc


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


class Sub(ValueError):
    pass


for make in (BaseException, Exception, ValueError, KeyError, UnicodeError, OSError, StopIteration, SystemExit,
             AttributeError, NameError, Sub):
    error = make(Named(make.__name__ + " argument"))
    items = [error, Named("list item")]
    items.append(items)
    gc.collect()
    del error, items
    gc.collect()
print("end")
