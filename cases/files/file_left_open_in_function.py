# ---
# summary = "A file written in a function and never closed: flushed when the function returns on CPython"
# tags = ["files", "file", "buffering", "pypy-doc", "realistic"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
#   "https://docs.python.org/3/tutorial/inputoutput.html#reading-and-writing-files",
# ]
# explain = """
# A helper that saves a report and forgets to close the file: on CPython
# the file object dies with the function's frame and is flushed and
# closed, so the caller can read the report back. On PyPy the report is
# still in the file's buffer; the read sees an empty file until a
# collection."""
# portable = "Write the file in a `with` block inside the function, so it is flushed and closed before the function returns on every runtime."
# ---
import gc

def save_report(path, lines):
    f = open(path, "w")
    for line in lines:
        f.write(line + "\n")

def read_back(path):
    f = open(path)
    text = f.read()
    f.close()
    return text.split()

save_report("report.txt", ["alpha", "beta"])
print("read back:", read_back("report.txt"))
gc.collect()
print("after gc.collect():", read_back("report.txt"))
