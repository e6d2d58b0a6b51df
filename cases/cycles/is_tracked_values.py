# ---
# summary = "gc.is_tracked: atomic objects are not tracked, containers are; tuples and dicts are untracked lazily"
# tags = ["cycles", "gc-module", "api-presence", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/library/gc.html#gc.is_tracked",
#   "https://github.com/python/cpython/blob/3.11/InternalDocs/garbage_collector.md",
# ]
# explain = """
# CPython tracks only objects that can take part in a cycle. An empty dict
# or one holding only atomic values is untracked until a container value is
# stored in it. A tuple is tracked when built and untracked by the next
# collection that sees all its items untracked; the constant (1, 2) of the
# code object is still reported tracked by 3.8-3.11 and 3.13 but not by
# 3.12. PyPy has no gc.is_tracked."""
# portable = "Treat gc.is_tracked as a CPython implementation detail (guard with `hasattr`); program logic must not depend on which objects the collector tracks."
# ---
import gc

class Obj:
    pass

if not hasattr(gc, "is_tracked"):
    print("gc.is_tracked missing")
else:
    print("int:", gc.is_tracked(42))
    print("str:", gc.is_tracked("text"))
    print("None:", gc.is_tracked(None))
    print("list:", gc.is_tracked([]))
    print("instance:", gc.is_tracked(Obj()))
    print("constant tuple:", gc.is_tracked((1, 2)))
    d = {}
    print("empty dict:", gc.is_tracked(d))
    d["n"] = 1
    print("dict of ints:", gc.is_tracked(d))
    d["l"] = []
    print("dict with a list:", gc.is_tracked(d))
    t = tuple([1, 2])
    print("run-time tuple of ints:", gc.is_tracked(t))
    u = tuple([1, []])
    gc.collect()
    print("after collect, tuple of ints:", gc.is_tracked(t))
    print("after collect, tuple with a list:", gc.is_tracked(u))
print("end")
