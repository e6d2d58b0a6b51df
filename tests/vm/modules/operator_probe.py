# _operator: the operator functions, their errors, itemgetter, attrgetter,
# methodcaller and their reprs.
import _operator as o
import sys
from shown import show


for name in ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and_", "or_", "xor",
             "lt", "le", "eq", "ne", "gt", "ge", "is_", "is_not", "concat", "contains", "countOf", "indexOf",
             "getitem"]:
    for a, b in [(7, 2), ([1, 2], [1]), ("ab", "b"), (2.5, 0), ((1, 2, 1), 1)]:
        show(name, getattr(o, name), a, b)
for name in ["neg", "pos", "abs", "inv", "invert", "not_", "truth", "index"]:
    for a in [3, -2.5, True, "s", [1]]:
        show(name, getattr(o, name), a)
lst = [1, 2, 3]
o.iadd(lst, [4])
o.setitem(lst, 0, "x")
o.delitem(lst, 1)
print(lst, o.iconcat([1], (2,)), o.imul([1], 2), o.length_hint([1, 2]), o.length_hint(iter(range(5))),
      o.length_hint(5, 3))
show("length_hint-bad", o.length_hint, 5, "a")
show("call", getattr(o, "call", lambda f, *a: f(*a)), max, 1, 2)
show("digest", o._compare_digest, "abc", "abc")
show("digest-bytes", o._compare_digest, b"a", b"b")
show("digest-mixed", o._compare_digest, "a", b"a")
g = o.itemgetter(1)
show("itemgetter", g, "abc")
show("itemgetter2", o.itemgetter(0, 2, -1), [5, 6, 7])
show("itemgetter-dict", o.itemgetter("k"), {"k": 1})
show("itemgetter-args", g)
show("itemgetter-none", o.itemgetter)
show("attrgetter", o.attrgetter("real.imag", "imag"), 3)
show("attrgetter-bad", o.attrgetter, 1)
show("attrgetter-missing", o.attrgetter("x"), 1)
show("methodcaller", o.methodcaller("split", ",", maxsplit=1), "a,b,c")
show("methodcaller-none", o.methodcaller)
show("methodcaller-bad", o.methodcaller, 1)
print(repr(g), repr(o.itemgetter(1, "a")), repr(o.attrgetter("a.b", "c")), repr(o.methodcaller("m", 1, k=2)))
print(sorted([(1, "b"), (0, "z"), (1, "a")], key=o.itemgetter(0, 1)), list(map(o.attrgetter("real"), [1, 2.5])))
