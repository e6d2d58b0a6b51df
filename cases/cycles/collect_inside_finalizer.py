# ---
# summary = "gc.collect() called from a __del__ that the collector is running returns 0 and does nothing"
# tags = ["cycles", "cycle", "gc-collect", "finalizer", "finalizer-order", "pypy-finalizer-order", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://github.com/python/cpython/blob/3.11/Modules/gcmodule.c",
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
# ]
# explain = """
# CPython refuses to start a collection while one is running (the
# `collecting` flag) and returns 0 at once. PyPy runs a whole new major
# collection from inside the finalizer and then drains its finalizer queue,
# so the other pending finalizers run nested inside the first one's call to
# gc.collect().
# (CPython 3.8-3.10 count each instance's __dict__ too, so their numbers
# are larger.)"""
# portable = "Do not call gc.collect() from __del__ (CPython ignores the call, PyPy runs a nested collection and other finalizers inside yours); keep finalizers short and free of side effects on the collector."
# ---
import gc

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("enter", self.name)
        if self.name == "b":
            print("  inner collect ->", gc.collect())
        print("exit", self.name)

gc.collect()
a = Node("a")
b = Node("b")
c = Node("c")
a.me = a
b.me = b
c.me = c
del a, b, c
print("outer collect ->", gc.collect())
