# random's module-level functions on _random's generator: the numbers of
# random.seed(n) followed by random(), getrandbits, randrange, randint and
# choice (random.py's _randbelow), and their errors.
import random


def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print(type(e).__name__, e)


random.seed(1)
print(random.random())
for seed in [0, 1, -5, 42, 2**32 + 3, 9223372036854775807]:
    random.seed(seed)
    print(seed, random.random(), random.getrandbits(17), random.randrange(10), random.randrange(-50, 1000))
    print([random.randint(1, 6) for i in range(12)], random.choice("abcdefg"), random.choice(range(3, 99)))
    print(random.randrange(2**40), random.randint(-(2**61), 2**61), random.getrandbits(62))
show(random.choice, [])
show(random.randrange, 0)
show(random.randrange, 5, 2)
show(random.randint, 3, 1)
