# ---
# summary = "A generator suspended inside a with block calls __exit__ with GeneratorExit when it is dropped"
# tags = ["generators", "generator", "context-manager", "pypy-doc", "realistic"]
# requires = ["py3-syntax"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://docs.python.org/3/reference/expressions.html#generator.close",
# ]
# explain = """
# A query generator holds a cursor in a with block; the caller takes the
# first row and drops the generator. Closing the generator raises
# GeneratorExit at the yield, so the cursor's __exit__ sees GeneratorExit.
# On CPython the cursor is released when the generator is dropped; on
# PyPy only when a collection finalizes it ("the yield keyword it is
# suspended at is itself enclosed in a try: or a with: block")."""
# portable = "Close the query generator when you stop reading (contextlib.closing), so the cursor's __exit__ runs at that point on every runtime."
# ---
import gc

class Cursor:
    def __enter__(self):
        print("  cursor open")
        return self
    def __exit__(self, exc_type, exc, tb):
        name = exc_type.__name__ if exc_type is not None else None
        print("  cursor closed, exception:", name)
        return False

def rows():
    with Cursor():
        for i in range(3):
            yield "row%d" % i

def first_row():
    g = rows()
    return next(g)

print("got", first_row())
print("after first_row()")
gc.collect()
print("after gc.collect()")
