# ---
# summary = "On PyPy, open() in text mode without an encoding changes the order of the next collection's finalizers; with an encoding it does not"
# tags = ["finalizers", "finalizer", "finalizer-order", "file", "pypy-finalizer-order", "fuzz-regression"]
# requires = ["py3-syntax", "finalizers", "files"]
# refs = [
#   "https://github.com/pypy/pypy/blob/release-pypy3.9-v7.3.11/pypy/module/_io/interp_textio.py",
#   "https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies",
# ]
# explain = """
# CPython frees each group of three when its list dies, last to first.
# PyPy runs them at gc.collect(); the first finalizer to run Python code
# runs the other queued ones nested inside it, so three independent
# objects print 2 3 1. To find the default encoding of a text file that
# is no terminal, PyPy calls __import__('_bootlocale'), which goes through
# importlib's _find_and_load even though the module is loaded: its module
# lock leaves a weakref callback that runs first at the next collection
# and absorbs the nesting, so the three after the open() print 1 2 3. An
# explicit encoding skips the import, and the order is 2 3 1 again."""
# portable = "Pass `encoding=` to open() in text mode, and never depend on the order of finalizers; close objects explicitly when order matters."
# ---
# Found by memconform fuzz (seeds 10117, 10608, 10792, 11050, 11157, 11259,
# 11444, 11677 against pypy3).
import gc


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def make_three(prefix):
    items = [Named(prefix + "1"), Named(prefix + "2"), Named(prefix + "3")]


gc.collect()  # runs what PyPy's startup left pending
print("-- no file")
make_three("a")
gc.collect()
print("-- after open() with the default encoding")
with open("default.txt", "w") as f:
    f.write("text\n")
make_three("b")
gc.collect()
print("-- after open() with an explicit encoding")
with open("utf8.txt", "w", encoding="utf-8") as f:
    f.write("text\n")
make_three("c")
gc.collect()
print("-- a file opened after the objects")
make_three("d")
with open("default.txt") as f:
    print("read", repr(f.read()))
gc.collect()
print("-- end")
