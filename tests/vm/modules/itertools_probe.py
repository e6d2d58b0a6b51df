# itertools: every iterator's values, errors and reprs; what the collector
# sees of each (tracked, getsizeof, the result tuple refilled in place).
import gc
import itertools as it
import operator
import sys

CPYTHON = sys.implementation.name == "cpython"


def show(label, make, n=12):
    try:
        g = make()
        out = []
        for x in g:
            out.append(x)
            if len(out) >= n:
                break
        print(label, out)
    except Exception as e:
        print(label, type(e).__name__, e)


show("count", lambda: it.count())
show("count5", lambda: it.count(5))
show("count-step", lambda: it.count(10, -3))
show("count-float", lambda: it.count(1.5, 0.25))
show("count-bool", lambda: it.count(True))
show("count-str", lambda: it.count("a"))
print(repr(it.count()), repr(it.count(7)), repr(it.count(2, 1)), repr(it.count(2, 3)), repr(it.count(1.5)),
      repr(it.count(1.5, 2)), repr(it.count(0, 1.0)))
c = it.count(3)
next(c)
print(repr(c))
show("cycle", lambda: it.cycle("abc"))
show("cycle-empty", lambda: it.cycle([]))
show("repeat", lambda: it.repeat("x", 3))
show("repeat-neg", lambda: it.repeat("x", -2))
show("repeat-inf", lambda: it.repeat(None), 4)
print(repr(it.repeat("x")), repr(it.repeat("x", 3)), repr(it.repeat([1], -5)))
r = it.repeat(1, 5)
next(r)
print(repr(r), r.__length_hint__(), len(list(r)))
try:
    it.repeat(1).__length_hint__()
except TypeError as e:
    print("TypeError", e)
show("accumulate", lambda: it.accumulate([1, 2, 3, 4]))
show("accumulate-mul", lambda: it.accumulate([1, 2, 3, 4], operator.mul))
show("accumulate-initial", lambda: it.accumulate([1, 2, 3], initial=100))
show("accumulate-empty-initial", lambda: it.accumulate([], initial=None))
show("accumulate-func-kw", lambda: it.accumulate([3, 1, 2], func=max))
show("accumulate-str", lambda: it.accumulate(["a", "b", "c"]))
show("accumulate-bad", lambda: it.accumulate([1, "a"]))
show("chain", lambda: it.chain("ab", [1, 2], (), range(2)))
show("chain-bad", lambda: it.chain([1], 5))
show("from_iterable", lambda: it.chain.from_iterable(["ab", "cd"]))
show("compress", lambda: it.compress("abcdef", [1, 0, 1, 0, 1, 1]))
show("compress-short", lambda: it.compress("abcdef", [1, 1]))
show("dropwhile", lambda: it.dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1]))
show("takewhile", lambda: it.takewhile(lambda x: x < 3, [1, 2, 3, 4, 1]))
show("filterfalse", lambda: it.filterfalse(lambda x: x % 2, range(10)))
show("filterfalse-none", lambda: it.filterfalse(None, [0, 1, "", "a", None]))
show("starmap", lambda: it.starmap(pow, [(2, 3), [3, 2], (10, 0)]))
show("starmap-bad", lambda: it.starmap(pow, [5]))
show("islice", lambda: it.islice("abcdefg", 2))
show("islice2", lambda: it.islice("abcdefg", 2, 4))
show("islice3", lambda: it.islice("abcdefg", 2, None, 2))
show("islice4", lambda: it.islice("abcdefg", 0, 100, 3))
show("islice-none", lambda: it.islice("abc", None))
for args in [(-1,), (1, -1), (0, 1, 0), ("a",), (1, "a"), ("a", 2), (0, 5, -1), (1.5,)]:
    show("islice-bad %r" % (args,), lambda: it.islice("abc", *args))
show("zip_longest", lambda: it.zip_longest("abc", [1]))
show("zip_longest-fill", lambda: it.zip_longest("ab", [1, 2, 3], fillvalue="-"))
show("zip_longest-none", lambda: it.zip_longest())
show("groupby", lambda: [(k, list(g)) for k, g in it.groupby("aaabbcaa")])
show("groupby-key", lambda: [(k, list(g)) for k, g in it.groupby(range(10), lambda x: x // 3)])
g = it.groupby("aabbc")
k1, g1 = next(g)
k2, g2 = next(g)
print("stale group", k1, list(g1), k2, list(g2))
show("product", lambda: it.product("ab", range(2)), 20)
show("product-repeat", lambda: it.product("ab", repeat=2), 20)
show("product-empty", lambda: it.product("ab", []))
show("product-none", lambda: it.product())
show("product-neg", lambda: it.product("ab", repeat=-1))
show("combinations", lambda: it.combinations("abcd", 2), 20)
show("combinations0", lambda: it.combinations("abcd", 0))
show("combinations5", lambda: it.combinations("abcd", 5))
show("combinations-neg", lambda: it.combinations("abcd", -1))
show("cwr", lambda: it.combinations_with_replacement("abc", 2), 20)
show("cwr-empty", lambda: it.combinations_with_replacement("", 2))
show("cwr0", lambda: it.combinations_with_replacement("", 0))
show("permutations", lambda: it.permutations("abc"), 20)
show("permutations2", lambda: it.permutations(range(4), 2), 20)
show("permutations-big-r", lambda: it.permutations("ab", 3))
show("permutations-bad", lambda: it.permutations("ab", "x"))
a, b = it.tee(range(5))
print("tee", next(a), next(a), list(b), list(a), type(a).__name__)
a, b, c = it.tee(iter(range(200)), 3)
print("tee3", sum(a), sum(b), len(list(c)))
print("tee0", it.tee([1, 2], 0), len(it.tee([1, 2], 1)))
x = it.tee([1, 2])[0]
y, z = it.tee(x)
print("tee of tee", y is x, list(z), list(y))
print("copy", list(x.__copy__()))
if hasattr(it, "pairwise"):
    show("pairwise", lambda: it.pairwise("abcde"))
    show("pairwise1", lambda: it.pairwise("a"))
if hasattr(it, "batched"):
    show("batched", lambda: it.batched("abcdefg", 3))
    show("batched-bad", lambda: it.batched("abc", 0))
# The result tuples: refilled while nobody else holds them.
for name, make in [("product", lambda: it.product("abc", "de")), ("combinations", lambda: it.combinations("abcd", 2)),
                   ("cwr", lambda: it.combinations_with_replacement("abc", 2)), ("permutations", lambda: it.permutations("abc")),
                   ("zip_longest", lambda: it.zip_longest("abcd", "d"))] + (
                      [("pairwise", lambda: it.pairwise("abcde"))] if hasattr(it, "pairwise") else []):
    g = make()
    first = next(g)
    kept = first
    second = next(g)
    del first, kept
    third_id = id(next(g))
    fourth = next(g)
    print(name, second, fourth, gc.is_tracked(fourth) if CPYTHON else "")
    del second, fourth
# Each iterator is a container the collector tracks from its creation.
objs = [it.count(), it.cycle([]), it.repeat(1), it.accumulate([]), it.chain(), it.compress([], []),
        it.dropwhile(len, []), it.takewhile(len, []), it.filterfalse(len, []), it.starmap(len, []),
        it.islice([], 1), it.zip_longest(), it.groupby([]), it.product(), it.combinations([], 1),
        it.combinations_with_replacement([], 1), it.permutations([]), it.tee([])[0]]
if CPYTHON:
    print([gc.is_tracked(o) for o in objs])
if CPYTHON:
    print([sys.getsizeof(o) for o in objs])
    print(sys.getsizeof(it.product("ab", "cd", "ef")), sys.getsizeof(it.permutations("abcd", 2)),
          sys.getsizeof(it.combinations("abcde", 3)))
    print(sys.getsizeof(list(it.repeat(0, 10))), sys.getsizeof(list(it.repeat(0))) if False else 0)
    print(sys.getsizeof(list(it.islice(range(100), 10))))
