# ---
# summary = "What a class statement and a super() call add to gc.get_count()[0] after gc.collect() emptied the free lists: super packs its arguments in a tuple to 3.10, also where type_new calls it, and 3.8 keeps the bound __prepare__ on its free list of builtin methods"
# tags = ["cycles", "gc-module", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://github.com/python/cpython/blob/3.10/Objects/typeobject.c",
#   "https://github.com/python/cpython/blob/3.10/Python/bltinmodule.c",
#   "https://github.com/python/cpython/blob/3.8/Objects/methodobject.c",
# ]
# explain = """
# A class statement calls __build_class__: it binds type.__prepare__ (a
# builtin method) to make the namespace, runs the body in a frame (an
# object to 3.10, kept as its code's zombie after the first run), and calls
# type(name, bases, namespace), which builds the class, its mro tuple, its
# __dict__ and __weakref__ descriptors and a weakref in object's
# subclasses; then type_new calls __init_subclass__ through
# super(type, type). super has a vectorcall from 3.11: to 3.10 its two
# arguments are packed in a tuple, which stays on the tuple free list, in
# that hidden call as in super(A, A). 3.8 keeps builtin methods on a free
# list of their own, so the bound __prepare__ stays there too. gc.collect()
# has emptied the free lists before each measure. PyPy has no
# gc.get_count."""
# portable = "Never depend on what a class statement adds to gc.get_count()."
# ---
import gc

gc.disable()
deltas = []

gc.collect()
before = gc.get_count()[0]
class A:
    pass
deltas.append(("class A (module level)", gc.get_count()[0] - before))


def make_class():
    class C:
        pass


for attempt in ("first", "second"):
    gc.collect()
    before = gc.get_count()[0]
    make_class()
    deltas.append(("class C in a function, " + attempt, gc.get_count()[0] - before))

gc.collect()
before = gc.get_count()[0]
s = super(A, A)
deltas.append(("super(A, A)", gc.get_count()[0] - before))

for label, delta in deltas:
    print(label, delta)
