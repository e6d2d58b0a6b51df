# ---
# summary = "PyPy's finalizer order does not depend on what the first statement of __del__ is"
# tags = ["finalizers", "finalizer", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = ["https://doc.pypy.org/en/latest/discussion/finalizer-order.html"]
# explain = """
# Whether a __del__ starts with an assignment, a call or a print, PyPy's
# pending finalizer action fires at its first bytecode, so the first
# object queued is finalized after all the others. CPython frees the list
# items last to first at del."""
# portable = "Do not rely on the order in which unrelated objects' __del__ run; if the order matters, close the objects explicitly in that order."
# ---
import gc

log = []

class P:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("P", self.n)

class Q:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        x = 1
        print("Q", self.n)

class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        log.append(self.n)
        print("R", self.n, list(log))

gc.collect()
objs = [Q(0), P(1), R(2), P(3)]
del objs
gc.collect()
print("--")
objs = [R(10), Q(11), P(12)]
del objs
gc.collect()
print("log", log)
