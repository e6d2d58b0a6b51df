"""pymodel's random, until the modeled runtime's own random.py runs: the
module-level functions random, seed, getrandbits, randrange, randint and
choice, on _random's Mersenne Twister and with random.py's algorithms
(_randbelow from getrandbits), so that each gives the runtime's numbers."""

import sys
import _random

_inst = _random.Random()
_inst.seed(None)
random = _inst.random
getrandbits = _inst.getrandbits


def seed(a=None):
    # random.py seeds a str or bytes from its SHA-512 and anything else
    # but an int or None from its hash; _random refuses what it cannot seed.
    _inst.seed(a)


def _randbelow(n):
    k = 0  # n.bit_length()
    while n >> k:
        k += 1
    r = getrandbits(k)
    while r >= n:
        r = getrandbits(k)
    return r


def _empty_range(start, stop):
    if sys.version_info >= (3, 12):
        return ValueError("empty range in randrange(%d, %d)" % (start, stop))
    return ValueError("empty range for randrange() (%d, %d, %d)" % (start, stop, stop - start))


def randrange(start, stop=None):
    if type(start) is not int or (stop is not None and type(stop) is not int):
        raise TypeError("pymodel's random.randrange takes ints only")
    if stop is None:
        if start > 0:
            return _randbelow(start)
        raise ValueError("empty range for randrange()")
    if stop - start > 0:
        return start + _randbelow(stop - start)
    raise _empty_range(start, stop)


def randint(a, b):
    return randrange(a, b + 1)


def choice(seq):
    if not len(seq):
        # 3.9's and 3.10's _randbelow(0) is 0: the sequence's own IndexError.
        if (3, 9) <= sys.version_info < (3, 11):
            return seq[0]
        raise IndexError("Cannot choose from an empty sequence")
    return seq[_randbelow(len(seq))]
