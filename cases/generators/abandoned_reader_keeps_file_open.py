# ---
# summary = "A generator reading a file inside with, abandoned after the first item, keeps the file open until it is finalized"
# tags = ["generators", "generator", "context-manager", "file", "realistic", "pypy-doc"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://peps.python.org/pep-0533/",
# ]
# explain = """
# The usual "with inside a generator" pattern only closes the file when
# the generator is closed. A caller that takes the first record and drops
# the generator relies on the generator's finalizer: on CPython the file is
# closed when the generator dies at the end of first_record(); on PyPy it
# stays open until a collection finalizes the generator (the issue that
# PEP 533 proposed to fix)."""
# portable = "Close the generator when you stop early (`with contextlib.closing(gen) as records:`), or read the data inside a `with` block in the caller, so the file closes at once everywhere."
# ---
import gc

opened = []

def records(path):
    with open(path) as f:
        opened.append(f)
        for word in f.read().split():
            yield word

def first_record(path):
    for rec in records(path):
        return rec

w = open("data.txt", "w")
w.write("one two three\n")
w.close()
print("first record:", first_record("data.txt"))
print("file closed:", opened[0].closed)
gc.collect()
print("after gc.collect(), file closed:", opened[0].closed)
