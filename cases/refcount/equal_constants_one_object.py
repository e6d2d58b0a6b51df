# ---
# summary = "Equal constants of one source are one object on CPython (the compiler's constant cache), each holding a reference; PyPy makes one per use"
# tags = ["refcount", "getrefcount", "pypy-doc", "version-dependent"]
# requires = ["py3-syntax"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Python/compile.c",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#object-identity-of-primitive-values-is-and-id",
# ]
# explain = """
# CPython's compiler keeps a cache of the constants it has made for one
# source (merge_consts_recursive, from 3.8): a tuple, a string or a large int
# written twice, in two functions or as an item of another constant or of
# a defaults tuple, is the same object, and each code object and tuple that
# holds it adds a reference. PyPy's compiler makes each constant of its own,
# so only ints, which PyPy compares by value for `is`, are the same."""
# portable = "Never test constants with `is`: whether two equal literals are one object is the compiler's choice; use ==."
# ---
import sys

a = (1, 2)


def f():
    return (1, 2)


b = ((1, 2), 3)


def g(x=(1, 2)):
    return x


s = "hello world!"


def h():
    return "hello world!"


n = 12345678901


def k():
    return 12345678901


print("tuple in a function:", f() is a)
print("tuple in a tuple:", b[0] is a)
print("tuple as a default:", g() is a)
print("string in a function:", h() is s)
print("int in a function:", k() is n)
if hasattr(sys, "getrefcount"):
    # What holds (1, 2) beyond a lone constant's one holder: the global, f's
    # and g's code, b's constant and g's defaults.
    print("references beyond a lone constant:", sys.getrefcount(a) - sys.getrefcount((5, 6, 7)))
