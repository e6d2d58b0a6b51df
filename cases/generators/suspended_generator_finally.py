# ---
# summary = "A generator suspended inside try/finally runs its finally when dropped: at del on CPython, at gc.collect() on PyPy"
# tags = ["generators", "generator", "finalizer", "pypy-doc"]
# requires = ["py3-syntax"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://github.com/pypy/pypy/issues/736",
#   "https://peps.python.org/pep-0342/",
# ]
# explain = """
# PyPy doc: "a generator left pending in the middle is - again -
# garbage-collected later in PyPy than in CPython. You can see the
# difference if the yield keyword it is suspended at is itself enclosed in
# a try: or a with: block." A dying suspended generator is closed: its
# finalizer throws GeneratorExit at the yield, which runs the finally
# block. CPython does that when the last reference goes; PyPy when a
# collection finalizes the generator."""
# portable = "Close a generator you stop iterating (close() or contextlib.closing), so its finally block runs when you decide, not when the runtime finalizes it."
# ---
import gc

def numbers():
    try:
        yield 1
        yield 2
    finally:
        print("  finally of numbers")

g = numbers()
print("first:", next(g))
print("del g")
del g
print("after del")
gc.collect()
print("after gc.collect()")
