# ---
# summary = "with open(...) closes and flushes at the end of the block, even on an exception, on every runtime"
# tags = ["files", "file", "context-manager", "buffering"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/reference/compound_stmts.html#the-with-statement",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# The portable fix the PyPy doc recommends: the with statement calls
# close() at the end of the block, so the data is on disk and the file is
# closed before the next statement, whatever the memory manager. Writing
# to a closed file raises ValueError."""
# portable = "This is the portable pattern: `with open(...)` closes the file at the end of the block everywhere. Do not match the exact text of the ValueError for a closed file, which differs by runtime."
# ---
def size(path):
    with open(path) as f:
        return len(f.read())

with open("a.txt", "w") as f:
    f.write("inside with\n")
    print("closed inside:", f.closed)
print("closed after:", f.closed, "| size:", size("a.txt"))
try:
    with open("b.txt", "w") as g:
        g.write("before error\n")
        raise RuntimeError("failed midway")
except RuntimeError as e:
    print("caught:", e)
print("closed after error:", g.closed, "| size:", size("b.txt"))
try:
    f.write("more")
except ValueError as e:
    print("ValueError:", e)
