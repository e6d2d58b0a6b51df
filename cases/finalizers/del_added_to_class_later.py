# ---
# summary = "A __del__ assigned to a class after its creation: called by CPython, ignored with a warning by PyPy"
# tags = ["finalizers", "finalizer", "pypy-doc"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://doc.pypy.org/en/latest/cpython_differences.html#differences-related-to-garbage-collection-strategies"]
# explain = """
# PyPy doc: "if you add a __del__ to an existing class it will not be
# called" - PyPy decides whether instances need a finalizer when the class
# is created, and warns "RuntimeWarning: a __del__ method added to an
# existing type will not be called" at the assignment. CPython looks the
# slot up at deallocation and calls the new method. A class that had a
# __del__ from the start may replace it: that works on both."""
# portable = "Define __del__ in the class body (PyPy ignores one added to an existing class), or better, give the class an explicit close() method."
# ---
import gc

def late_del(self):
    print("late __del__ of", self.name)

def replacement_del(self):
    print("replacement __del__ of", self.name)

class Plain:
    def __init__(self, name):
        self.name = name

class HasDel:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("original __del__ of", self.name)

Plain.__del__ = late_del
HasDel.__del__ = replacement_del
a = Plain("plain")
b = HasDel("has-del")
del a, b
print("after del")
gc.collect()
print("after gc.collect()")
