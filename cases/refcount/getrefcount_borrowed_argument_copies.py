# ---
# summary = "A borrowed argument stays uncounted in 3.14 when the callee copies it to other locals, and a load after a comprehension is counted"
# tags = ["refcount", "getrefcount", "version-dependent"]
# requires = ["py3-syntax", "getrefcount"]
# refs = ["https://github.com/python/cpython/issues/130704"]
# explain = """
# When a caller passes one of its locals and 3.14 loads it borrowed
# (LOAD_FAST_BORROW), the callee's parameter holds a reference that
# sys.getrefcount does not count. A strong load of that parameter duplicates
# the borrowed reference as it is, so a copy into another local, a copy of
# the copy, a conditional copy, a swap, or a copy made in an except clause,
# is not counted either: each copy adds 1 to the count on 3.6 to 3.13, and
# nothing on 3.14. After a list comprehension that rebinds a name, 3.12+ loads the name
# with LOAD_FAST_CHECK (the restore may leave it unbound), which 3.14 never
# borrows: a parameter that came with a new reference (a temporary object)
# is then counted once more than by a borrowed load. PyPy has no
# sys.getrefcount."""
# portable = "Do not use sys.getrefcount in program logic; its numbers change between versions and PyPy has no such function. Test liveness with weak references instead."
# ---
import sys


class Obj:
    pass


def copied(p):
    q = p
    return sys.getrefcount(q)


def copied_twice(p):
    q = p
    r = q
    return sys.getrefcount(r) + sys.getrefcount(p)


def copied_on_a_branch(p, flag):
    q = p if flag else None
    return sys.getrefcount(q)


def swapped(a, b):
    a, b = b, a
    return sys.getrefcount(a) + sys.getrefcount(b)


def copied_in_except(p):
    q = p
    try:
        raise ValueError
    except ValueError:
        r = q
        return sys.getrefcount(r)


def plain(p):
    return sys.getrefcount(p)


def after_a_comprehension(p):
    [p for p in range(2)]
    return sys.getrefcount(p)


def main():
    held = Obj()
    other = Obj()
    start = plain(held)
    print("copied to another local:", copied(held) - start)
    print("copied twice (the copy and the parameter):", copied_twice(held) - 2 * start)
    print("copied on a branch:", copied_on_a_branch(held, True) - start)
    print("swapped (the two parameters):", swapped(held, other) - 2 * start)
    print("copied in an except clause:", copied_in_except(held) - start)
    print("a caller's local, after a comprehension:", after_a_comprehension(held) - start)
    fresh = plain(Obj())
    print("a temporary, after a comprehension:", after_a_comprehension(Obj()) - fresh)


main()
