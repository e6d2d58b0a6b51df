# ---
# summary = "A file dropped while open leaves {'version': 0} in the module's __warningregistry__, though its ResourceWarning is ignored"
# tags = ["files", "file", "version-dependent"]
# requires = ["py3-syntax", "files"]
# refs = [
#   "https://docs.python.org/3/library/exceptions.html#ResourceWarning",
#   "https://docs.python.org/3/library/warnings.html#default-warning-filter",
#   "https://github.com/python/cpython/blob/3.11/Python/_warnings.c",
# ]
# explain = """
# CPython's file finalizer warns "unclosed file" (fileio_dealloc_warn).
# The default filters ignore ResourceWarning, but the warning machinery
# runs first: it finds the running frame's module globals, makes their
# __warningregistry__ if missing and stamps it with the filters' version,
# then consults the filters. The key of an ignored warning is not stored.
# A file closed before it dies warns nothing. PyPy warns about unclosed
# files only under -X track-resources, so it makes no registry."""
# portable = "Never read __warningregistry__; close files explicitly (`with`)."
# ---
def registry():
    return globals().get("__warningregistry__")

f = open("closed.txt", "w")
f.close()
f = None
print("after a closed file:", registry())

def drop_in_function():
    g = open("dropped.txt", "w")
    g.write("x")

drop_in_function()
print("after a file dropped in a function:", registry())

h = open("dropped2.txt", "w")
h = None
print("after a file dropped at module level:", registry())
