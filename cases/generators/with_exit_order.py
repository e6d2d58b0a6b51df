# ---
# summary = "Nested with statements and 'with A() as a, B() as b' exit innermost first"
# tags = ["generators", "context-manager", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://docs.python.org/3/reference/compound_stmts.html#the-with-statement"]
# explain = """
# __exit__ calls mirror __enter__ calls. The manager objects themselves
# are only referenced by the with machinery (and the `as` names); on
# CPython a manager bound to no name dies right after its __exit__; with
# a name it lives until the name is rebound. PyPy runs the __del__
# methods at gc.collect()."""
# portable = "Rely on the __exit__ order, which is the same everywhere; put cleanup in __exit__, not in the managers' __del__."
# ---
import gc

class Res:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name)
        return False
    def __del__(self):
        print("free", self.name)

with Res("outer"):
    with Res("inner"):
        print("body 1")
print("-- after nested")
with Res("a") as a, Res("b") as b:
    print("body 2:", a.name, b.name)
print("-- after multi")
a = b = None
print("-- names cleared")
gc.collect()
print("after gc.collect()")
