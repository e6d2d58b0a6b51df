# ---
# summary = "break out of a for loop over a generator: CPython closes it right after the loop, PyPy later"
# tags = ["generators", "generator", "temporaries", "realistic"]
# requires = ["py3-syntax"]
# refs = [
#   "https://docs.python.org/3/reference/compound_stmts.html#the-for-statement",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The iterator of a for loop is held only by the loop; `break` pops it,
# so on CPython the generator dies and its finally (releasing a lock, a
# cursor) runs before the statement after the loop. On PyPy the
# abandoned generator waits for a collection."""
# portable = "Wrap the generator in `contextlib.closing(...)` or call close() after a break, so its finally runs right after the loop on every runtime."
# ---
import gc

def scan(items):
    print("  acquire")
    try:
        for item in items:
            yield item
    finally:
        print("  release")

for item in scan(["a", "b", "c"]):
    print("item", item)
    if item == "b":
        break
print("after the loop")
gc.collect()
print("after gc.collect()")
