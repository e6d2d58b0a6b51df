# ---
# summary = "Which loads of a local sys.getrefcount counts: 3.14 borrows the ones used up before the block ends"
# tags = ["refcount", "getrefcount", "version-dependent"]
# requires = ["py3-syntax", "getrefcount"]
# refs = ["https://github.com/python/cpython/issues/130704"]
# explain = """
# CPython 3.14's compiler loads a local without a new reference
# (LOAD_FAST_BORROW) when the value is used up in the same basic block while
# the local still holds it: an argument of a call, the object of an
# attribute lookup. sys.getrefcount then counts one fewer for it, also from
# inside a callee that got it as an argument, or while a later argument is
# computed. A value still on the stack where a branch begins (a conditional
# expression among the arguments), or stored into another local, is loaded
# with a new reference as before. PyPy has no sys.getrefcount."""
# portable = "Do not use sys.getrefcount in program logic; its numbers change between versions and PyPy has no such function. Test liveness with weak references instead."
# ---
import sys


class Obj:
    def count_self(self):
        return sys.getrefcount(self)


obj = Obj()


def base():
    return sys.getrefcount(obj)


def inner(b):
    return sys.getrefcount(b)


def pair(x, y):
    return y


def direct(a):
    return sys.getrefcount(a)


def passed_on(a):
    return inner(a)


def while_next_argument_runs(a):
    return pair(a, base())


def next_argument_branches(a, flag):
    return pair(a, base() if flag else 0)


def stored_in_a_local(a):
    b = a
    return sys.getrefcount(b)


def as_self(a):
    return a.count_self()


def by_keyword(a):
    return inner(b=a)


def callee_rebinds(b):
    b = None
    return base()


def passed_to_one_that_rebinds(a):
    return callee_rebinds(a)


def generator(b):
    yield sys.getrefcount(b)


def passed_to_a_generator(a):
    return next(generator(a))


def loop_over(a):
    for item in [a]:
        return sys.getrefcount(item)


start = base()
print("a local passed to getrefcount:", direct(obj) - start)
print("passed on to a callee:", passed_on(obj) - start)
print("on the stack while the next argument runs:", while_next_argument_runs(obj) - start)
print("... when that argument branches:", next_argument_branches(obj, True) - start)
print("copied to another local:", stored_in_a_local(obj) - start)
print("as self of a method call:", as_self(obj) - start)
print("by keyword:", by_keyword(obj) - start)
print("to a callee that rebinds it:", passed_to_one_that_rebinds(obj) - start)
print("to a generator:", passed_to_a_generator(obj) - start)
print("a loop variable:", loop_over(obj) - start)
