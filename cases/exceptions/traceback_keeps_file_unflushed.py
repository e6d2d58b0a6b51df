# ---
# summary = "A stored exception keeps the failing function's open file alive, so its buffered data is not written"
# tags = ["exceptions", "traceback", "file", "buffering", "realistic"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/reference/datamodel.html#traceback-objects",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# export() writes part of a file and fails. A caller that keeps the
# exception (to report it later) keeps the frame, and with it the
# unclosed file and its buffer: on CPython the data reaches the disk only
# when the exception is dropped; on PyPy only at the next collection even
# after that."""
# portable = "Write the file in a `with` block in the function that opens it, so the data is flushed and the file closed when the exception leaves the function."
# ---
import gc

def size(path):
    with open(path) as f:
        return len(f.read())

def export(path):
    out = open(path, "w")
    out.write("partial export\n")
    raise RuntimeError("disk quota")

pending = None
try:
    export("export.txt")
except RuntimeError as e:
    pending = e
print("while the exception is kept:", size("export.txt"))
pending = None
print("after dropping it:", size("export.txt"))
gc.collect()
print("after gc.collect():", size("export.txt"))
