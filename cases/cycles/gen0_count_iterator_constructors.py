# ---
# summary = "After gc.collect(), what making an iterator or an empty container adds to gc.get_count()[0], call by call and version by version"
# tags = ["cycles", "gc-module", "gc-automatic", "version-dependent"]
# requires = ["py3-syntax", "gc-control", "gc-counts"]
# refs = [
#   "https://peps.python.org/pep-0590/",
#   "https://github.com/python/cpython/blob/3.11/Python/bltinmodule.c",
# ]
# explain = """
# Each call counts the objects it makes: the iterator, what it keeps (map
# and zip keep their iterators in a tuple; enumerate a result tuple), and,
# for a type without a vectorcall, the tuple its arguments are packed in
# (gc.collect() has emptied the free list it would come from). enumerate
# got a vectorcall in 3.11, reversed, map and filter in 3.10, float and
# bool in 3.10, range, list, dict, tuple and the sets in 3.9. tuple(list)
# copies the items with no list between. Up to 3.10 the lambda's frame is
# an object too; 3.8 also binds reversed's __reversed__ from a free list.
# PyPy has no gc.get_count."""
# portable = "Never depend on what a call adds to gc.get_count()."
# ---
import gc
s = "abc"
r = [1, 2]
def m(label, f):
    gc.collect()
    b = gc.get_count()[0]
    x = f()
    a = gc.get_count()[0]
    print(label, a - b)
m("enumerate", lambda: enumerate(s))
m("reversed", lambda: reversed(r))
m("map", lambda: map(len, s))
m("filter", lambda: filter(None, s))
m("iter", lambda: iter(s))
m("set", lambda: set())
m("frozenset", lambda: frozenset())
m("list", lambda: list())
m("dict", lambda: dict())
m("tuple", lambda: tuple(r))
m("range", lambda: range(3))
m("float", lambda: float(1))
m("bool", lambda: bool(1))
