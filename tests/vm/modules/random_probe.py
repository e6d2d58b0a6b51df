# _random, the generator random.py builds on: seeding by an int's absolute
# value, random(), getrandbits, getstate/setstate, the errors of each.
import _random
import sys


def show(f, *args):
    try:
        r = f(*args)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r) if not isinstance(r, tuple) else (len(r), r[:3], r[-1]))


r = _random.Random()
for seed in [1, 0, -7, 12345, 2**32 - 1, 2**32, 2**40 + 5, 9223372036854775807, -9223372036854775807, True]:
    r.seed(seed)
    print(seed, r.random(), r.random(), [r.getrandbits(k) for k in (1, 7, 31, 32, 33, 50, 63)])
r.seed(1)
print([round(r.random(), 6) for i in range(5)])
r.seed(2)
state = r.getstate()
first = [r.random() for i in range(700)]
r.setstate(state)
print(first == [r.random() for i in range(700)], type(state).__name__, len(state), state[-1])
show(r.getrandbits, -1)
show(r.getrandbits, "1")
show(r.getrandbits, 1.5)
show(r.setstate, [1])
show(r.setstate, (1,))
show(r.setstate, (1,) * 624 + (625,))
show(r.setstate, (1,) * 624 + (626,))
show(r.setstate, (1,) * 624 + (-1,))
show(r.setstate, (-1,) * 624 + (6,))
show(r.setstate, ("a",) * 624 + (6,))
show(r.setstate, (2**40,) * 624 + (6,))
show(r.getrandbits, 20)
show(r.setstate, (5,) * 624 + (624,))
show(r.random)
show(r.seed, 3)
show(r.random)
show(r.getstate)
r2 = _random.Random(99) if sys.version_info >= (3, 10) else _random.Random()
r2.seed(99)
print(r2.random())


class Sub(_random.Random):
    def __init__(self, x):
        self.seed(x * 2)


s = Sub(21)
print(type(s).__name__, s.random(), isinstance(s, _random.Random))
print(sys.getsizeof(r) if hasattr(sys, "getsizeof") and sys.implementation.name == "cpython" else "n/a")
