# ---
# summary = "Truncate-write then appends without closing: the log is complete at once on CPython, empty until a collection on PyPy"
# tags = ["files", "file", "buffering", "temporaries", "pypy-doc"]
# requires = ["py3-syntax", "files"]
# refs = ["https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies"]
# explain = """
# A log that is reset with open(p, "w").write(header) and then extended
# with open(p, "a").write(line): on CPython each temporary file is flushed
# and closed at the end of its statement, so the file reads header and
# entries at once. On PyPy all three sit in their buffers and the file is
# empty; gc.collect() finalizes them in creation order (io finalizers run
# no bytecode, so PyPy's queue is drained in plain order), and the "w"
# file writes at offset 0 before the appends - the content comes out
# right, but only then."""
# portable = "Write and append inside `with open(...)` blocks, so each write is on disk when its block ends, on every runtime."
# ---
import gc

def content(path):
    f = open(path)
    text = f.read()
    f.close()
    return text.split("\n")

open("log.txt", "w").write("header\n")
open("log.txt", "a").write("entry 1\n")
open("log.txt", "a").write("entry 2\n")
print("before gc.collect():", content("log.txt"))
gc.collect()
print("after gc.collect():", content("log.txt"))
