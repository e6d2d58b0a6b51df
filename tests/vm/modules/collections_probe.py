# _collections: deque (its methods, errors, sizes as the blocks fill and
# empty), its iterators, defaultdict, _count_elements, _tuplegetter.
import gc
import sys
from _collections import _count_elements, _tuplegetter, defaultdict, deque
from shown import show

CPYTHON = sys.implementation.name == "cpython"


d = deque([1, 2, 3])
show("remove-missing", d.remove, 5)
show("index-missing", d.index, 5)
show("maxlen-neg", deque, [1], -1)
show("getitem", d.__getitem__, 5)
show("slice", lambda: d[1:2])
show("add-list", lambda: d + [1])
show("mul", lambda: d * 2)
show("rmul", lambda: 2 * d)
show("maxlen", lambda: deque([1, 2, 3], 2))
show("insert", lambda: (d.insert(1, "x"), d)[1])
show("insert-full", lambda: deque([1], 1).insert(0, 2))
show("pop", d.pop)
show("pop-empty", deque().pop)
show("popleft-empty", deque().popleft)
d = deque(range(10))
d.rotate(3)
print("rotate", d, d[0], d[-1], d.count(5), 5 in d, d.index(5), d.index(5, 2, 9))
d.rotate(-5)
d.reverse()
del d[2]
d[0] = "first"
d.extendleft("ab")
print(d, len(d), bool(d), bool(deque()), d.maxlen, deque(maxlen=4).maxlen)
d += [7, 8]
d *= 2
print(d, d == deque(d), d < deque([]), deque([1, 2]) < deque([1, 3]), deque([1]) == [1])
it = iter(d)
next(it)
print(type(it).__name__, it.__length_hint__(), list(reversed(deque("abc"))))
try:
    for x in d:
        d.append(x)
except RuntimeError as e:
    print("RuntimeError", e)
print(deque("abc", 5), repr(deque()), deque(maxlen=0))
e = deque()
e.append(e)
print(e)
if CPYTHON:
    sizes = []
    q = deque()
    for i in range(200):
        q.append(i)
        sizes.append(sys.getsizeof(q))
    for i in range(200):
        q.popleft()
        sizes.append(sys.getsizeof(q))
    for i in range(150):
        q.appendleft(i)
        sizes.append(sys.getsizeof(q))
    q.rotate(70)
    sizes.append(sys.getsizeof(q))
    q.clear()
    sizes.append(sys.getsizeof(q))
    q.extend(range(100))
    sizes.append(sys.getsizeof(q))
    print(sorted(set(sizes)), sizes[::37], gc.is_tracked(q), gc.is_tracked(iter(q)))
dd = defaultdict(list)
dd["a"].append(1)
dd["b"]
print(dd, dd.default_factory, len(dd), dd.copy(), type(dd.copy()).__name__)
show("defaultdict-bad", defaultdict, 1)
show("defaultdict-none", lambda: defaultdict(None)[1])
show("defaultdict-kw", lambda: defaultdict(int, a=1, b=2))
show("defaultdict-pos", lambda: defaultdict(int, [(1, 2)]))
if sys.version_info >= (3, 9):
    show("defaultdict-or", lambda: defaultdict(list, {1: 2}) | {3: 4})
counts = {}
_count_elements(counts, "abracadabra")
print(counts)


class Counter(dict):
    pass


c = Counter()
_count_elements(c, [1, 2, 1])
print(c)
tg = _tuplegetter(1, "the second")
show("tg", tg.__get__, (1, 2))
show("tg-list", tg.__get__, [1, 2])
show("tg-short", tg.__get__, (1,))
print(tg.__doc__)
if CPYTHON:
    print(sys.getsizeof(dd), sys.getsizeof(defaultdict()), gc.is_tracked(tg), sys.getsizeof(tg))
