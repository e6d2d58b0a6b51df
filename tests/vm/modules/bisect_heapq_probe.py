# _bisect and _heapq: their results, the comparisons they make (in order),
# and their errors.
import _bisect
import sys
from shown import show

try:
    import _heapq
except ImportError:
    _heapq = None


log = []


class Logged:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        log.append((self.v, other.v))
        return self.v < other.v

    def __repr__(self):
        return "L%d" % self.v


a = [1, 2, 2, 3, 5, 8]
for x in [0, 2, 4, 9]:
    print(x, _bisect.bisect_left(a, x), _bisect.bisect_right(a, x), _bisect.bisect_left(a, x, 2),
          _bisect.bisect_right(a, x, 1, 4))
show("lo-neg", _bisect.bisect_right, a, 2, -1)
show("hi-none", _bisect.bisect_right, a, 2, 0, None)
show("hi-str", _bisect.bisect_left, a, 2, 0, "a")
show("not-seq", _bisect.bisect_right, 5, 1)
b = [Logged(i) for i in range(0, 20, 2)]
_bisect.insort_left(b, Logged(7))
_bisect.insort_right(b, Logged(8))
print(b, log)
show("insort-tuple", _bisect.insort_left, (1, 2), 1)
if sys.version_info >= (3, 10):
    print(_bisect.bisect_left(["a", "bb", "ccc"], 2, key=len), _bisect.insort(["a", "ccc"], "bb", key=len)
          if hasattr(_bisect, "insort") else None)
    c = ["x", "yyy"]
    _bisect.insort_right(c, "zz", key=len)
    print(c)
if _heapq:
    h = []
    log.clear()
    for v in [5, 1, 8, 3, 9, 2, 7]:
        _heapq.heappush(h, Logged(v))
    print(h, len(log))
    print([_heapq.heappop(h) for _ in range(3)], h, len(log))
    print(_heapq.heapreplace(h, Logged(4)), _heapq.heappushpop(h, Logged(1)), _heapq.heappushpop(h, Logged(6)), h)
    big = [Logged((i * 7919) % 3001) for i in range(3000)]
    log.clear()
    _heapq.heapify(big)
    print(len(log), log[:5], log[-5:], big[:5])
    m = [3, 1, 4, 1, 5, 9, 2, 6]
    _heapq._heapify_max(m)
    print(m, _heapq._heappop_max(m), _heapq._heapreplace_max(m, 0), m)
    show("push-tuple", _heapq.heappush, (1,), 2)
    show("pop-empty", _heapq.heappop, [])
    show("replace-empty", _heapq.heapreplace, [], 1)
    show("heapify-int", _heapq.heapify, 5)
    if sys.implementation.name == "cpython":
        h = list(range(100))
        _heapq.heapify(h)
        for _ in range(60):
            _heapq.heappop(h)
        print(sys.getsizeof(h))
