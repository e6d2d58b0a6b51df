# ---
# summary = "A call site that calls several callables: when it is specialized again, seen by what str(x) adds to gc.get_count()[0] and by sys.getrefcount inside __init__"
# tags = ["cycles", "gc-module", "getrefcount", "version-dependent"]
# requires = ["py3-syntax", "gc-counts", "gc-control"]
# refs = [
#   "https://github.com/python/cpython/blob/3.12/Python/specialize.c",
#   "https://github.com/python/cpython/blob/3.12/Include/internal/pycore_code.h",
#   "https://github.com/python/cpython/blob/3.13/Include/internal/pycore_backoff.h",
# ]
# explain = """
# Each scenario makes a new call site `fn(value)` and calls it with the
# callables it names, so many times each; a line is what each run showed,
# as [value, runs] groups. The specializer rewrites a site for the callable
# it sees (a str call, a builtin function, a Python function, a class
# whose __init__ can be entered without a tuple, from 3.13...); a call its
# guard refuses is a miss, runs the generic CALL, and is counted. From
# 3.12 the miss after 52 counted ones specializes the site anew for its
# call; 3.11 sends the site back to its adaptive instruction, which waits
# 31 more runs. An attempt that fails (to 3.12 a class, a callable
# instance) waits 1, 3, 7, 15... runs before the next; from 3.13 such calls
# get CALL_NON_PY_GENERAL, which then takes every call of anything but a
# function, a class that could enter __init__ included. What shows it:
# up to 3.12 str(x) packs its argument in a 1-tuple (2 in the count) unless
# its site is specialized to it (1); from 3.13 a class call specialized to
# CALL_ALLOC_AND_ENTER_INIT packs nothing, so sys.getrefcount of the
# argument inside __init__ is 2 less. 3.11 specializes nothing before a
# code object's eighth run. PyPy has no gc.get_count."""
# portable = "Never depend on gc.get_count() or sys.getrefcount values: they change with every version's specializer, and with what a call site saw before."
# ---
import gc
import sys


def new_site():
    namespace = {}
    exec("def call(fn, value):\n    return fn(value)\n", namespace)
    return namespace["call"]


def runs(values):
    groups = []
    for value in values:
        if groups and groups[-1][0] == value:
            groups[-1][1] += 1
        else:
            groups.append([value, 1])
    return groups


class Plain:
    def __init__(self, value):
        self.value = value


class Counted:
    def __init__(self, value):
        self.count = sys.getrefcount(value) if hasattr(sys, "getrefcount") else 0


class Varargs:
    def __init__(self, *values):
        self.count = -1


class Callable:
    def __call__(self, value):
        return value


def function(value):
    return value


def count_added(call, fn, times):
    added = []
    for run in range(times):
        gc.collect()
        padding = [[] for _ in range(5)]
        before = gc.get_count()[0]
        result = call(fn, 12345 + run)
        added.append(gc.get_count()[0] - before)
        del result
    return added


def refcounts(call, fn, times):
    seen = []
    for run in range(times):
        result = call(fn, object())
        seen.append(result.count if isinstance(result, Counted) else -2)
    return seen


def scenario(label, measure, steps):
    call = new_site()
    values = []
    for fn, times in steps:
        values += measure(call, fn, times)
    print(label, runs(values))


gc.disable()
scenario("str", count_added, [(str, 20)])
scenario("id, then str", count_added, [(id, 20), (str, 120)])
scenario("str, id, str", count_added, [(str, 20), (id, 60), (str, 120)])
scenario("class, then str", count_added, [(Plain, 2), (str, 30)])
scenario("callable, then str", count_added, [(Callable(), 5), (str, 30)])
scenario("class 25 times, then str", count_added, [(Plain, 25), (str, 30)])
scenario("str, class, str", count_added, [(str, 10), (Plain, 60), (str, 30)])
gc.enable()
scenario("init", refcounts, [(Counted, 60)])
scenario("function, then init", refcounts, [(function, 3), (Counted, 60)])
scenario("varargs class, then init", refcounts, [(Varargs, 3), (Counted, 60)])
scenario("init, varargs class, init", refcounts, [(Counted, 3), (Varargs, 60), (Counted, 5)])
scenario("str, then init", refcounts, [(str, 3), (Counted, 60)])
