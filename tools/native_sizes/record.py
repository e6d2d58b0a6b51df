"""Prints the [sizes.types] table of a profile (README.md beside this
file): the tp_basicsize of each type of the native modules pymodel writes
in C++, from the runtime it is run on."""

import platform
import sys


def types_of():
    import _collections
    import _functools
    import _operator
    import _random
    import itertools
    found = [_random.Random, _collections.deque, _collections.defaultdict, type(iter(_collections.deque())),
             type(reversed(_collections.deque())), _collections._tuplegetter, _functools.partial,
             type(_functools.cmp_to_key(len)), _functools._lru_cache_wrapper, _operator.itemgetter,
             _operator.attrgetter, _operator.methodcaller]
    for name in sorted(dir(itertools)):
        value = getattr(itertools, name)
        if isinstance(value, type) and value.__module__ == "itertools":
            found.append(value)
    return found


def main():
    version = "%s %s" % (platform.python_implementation(), platform.python_version())
    print("# [sizes.types] of %s: recorded by tools/native_sizes/record.py" % version)
    for t in types_of():
        print('"%s.%s" = %d' % (t.__module__, t.__name__, t.__basicsize__))


main()
