# _functools: partial (its calls, repr, attributes, __dict__), reduce,
# cmp_to_key's keys, _lru_cache_wrapper (hits, misses, eviction order,
# cache_info, cache_clear, as a method).
import _functools
import gc
import sys
from shown import show

CPYTHON = sys.implementation.name == "cpython"


show("no-args", _functools.partial)
show("not-callable", _functools.partial, 5)
show("reduce-empty", _functools.reduce, lambda a, b: a + b, [])
show("reduce-initial", _functools.reduce, lambda a, b: a + b, [], 7)
show("reduce-not-iterable", _functools.reduce, lambda a, b: a + b, 5)
show("reduce", _functools.reduce, lambda a, b: a * 10 + b, [1, 2, 3])
K = _functools.cmp_to_key(lambda a, b: (a > b) - (a < b))
show("key-lt", lambda: K(1) < K(2))
show("key-eq-int", lambda: K(1) == 5)
show("key-hash", lambda: hash(K(1)))
show("key-obj", lambda: K(3).obj)
print(sorted([5, 2, 9, 1], key=_functools.cmp_to_key(lambda a, b: b - a)))


class Point:
    def __init__(self, x, y=0, *, z=0):
        self.args = (x, y, z)


p = _functools.partial(max, 1, key=abs)
show("repr", repr, p)
show("call", p, -5)
show("attrs", lambda: (p.func, p.args, p.keywords))
q = _functools.partial(p, 3, key=len, default=0)
show("nested", repr, q)
show("class", lambda: _functools.partial(Point, 1)(2, z=3).args)
show("class-kw", lambda: _functools.partial(Point, y=5)(1).args)
show("func-kw", lambda: _functools.partial(lambda *a, **k: (a, k), 1, b=2)(3, c=4))
r = _functools.partial(print)
print(r.__dict__)
r.note = "x"
print(r.__dict__, r.note, repr(_functools.partial(print, sep="")))
def CacheInfo(hits, misses, maxsize, currsize):
    return ("CacheInfo", hits, misses, maxsize, currsize)
calls = []


def square(x):
    calls.append(x)
    return x * x


w = _functools._lru_cache_wrapper(square, 2, False, CacheInfo)
print([w(i) for i in [1, 2, 1, 3, 2, 1, 1]], calls, w.cache_info())
w.cache_clear()
print(w.cache_info(), w(4), w.cache_info())
u = _functools._lru_cache_wrapper(square, None, False, CacheInfo)
print([u(i) for i in [1, 1, 2, "a" * 0 or 3]], u.cache_info())
t = _functools._lru_cache_wrapper(lambda *a, **k: (a, k), 8, True, CacheInfo)
print(t(1), t(1.0), t(1, x=2), t(1, x=2), t.cache_info())
z = _functools._lru_cache_wrapper(square, 0, False, CacheInfo)
print(z(3), z(3), z.cache_info())
show("maxsize-bad", _functools._lru_cache_wrapper, square, "a", False, CacheInfo)
show("func-bad", _functools._lru_cache_wrapper, 1, 2, False, CacheInfo)


class Holder:
    method = _functools._lru_cache_wrapper(lambda self, x: (type(self).__name__, x), 4, False, CacheInfo)


h = Holder()
print(h.method(1), h.method(1), Holder.method.cache_info())
if CPYTHON:
    print(gc.is_tracked(p), gc.is_tracked(K), gc.is_tracked(w), sys.getsizeof(p), sys.getsizeof(w))
