# ---
# summary = "open(p, 'w').write(s) without close: on disk at once on CPython, only after a collection on PyPy"
# tags = ["files", "file", "buffering", "temporaries", "pypy-doc"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://docs.python.org/3/library/io.html#io.IOBase",
# ]
# explain = """
# PyPy doc: "files ... are not promptly closed when they go out of scope.
# For files that are opened for writing, data can be left sitting in their
# output buffers for a while, making the on-disk file appear empty or
# truncated." On CPython the temporary file object dies at the end of the
# statement; its finalizer (iobase_finalize) closes it, which flushes.
# PyPy closes it when a major collection finalizes it."""
# portable = "Write with `with open(p, 'w') as f: f.write(s)` so the data is on disk when the block ends, on every runtime."
# ---
import gc

def size(path):
    f = open(path)
    n = len(f.read())
    f.close()
    return n

open("out.txt", "w").write("hello data\n")
print("size right after:", size("out.txt"))
gc.collect()
print("size after gc.collect():", size("out.txt"))
