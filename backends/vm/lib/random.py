"""pymodel's random: randint and random from a fixed-seed linear
congruential generator (CPython's Mersenne Twister is not modeled; the
tests that use random only need some spread of values)."""

_state = 20261125


def random():
    global _state
    _state = (_state * 1103515245 + 12345) % 2147483648  # within the model's 64-bit ints
    return _state / 2147483648.0


def randrange(start, stop=None):
    if stop is None:
        start, stop = 0, start
    if stop <= start:
        raise ValueError("empty range for randrange()")
    return start + int(random() * (stop - start))


def randint(a, b):
    return randrange(a, b + 1)


def choice(seq):
    return seq[randrange(len(seq))]


def seed(a=None):
    global _state
    _state = 20261125 if a is None else hash(a) % 2147483648
