# ---
# summary = "PyPy: a suspended generator in try/finally is a finalizer that runs bytecode and absorbs the drain"
# tags = ["generators", "generator", "finalizer-order", "pypy-finalizer-order"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://doc.pypy.org/en/latest/discussion/finalizer-order.html",
#   "https://github.com/pypy/pypy/blob/main/pypy/interpreter/generator.py",
# ]
# explain = """
# PyPy registers a finalizer for a generator only if its code has a yield
# inside try (CO_YIELD_INSIDE_TRY). Closing it resumes its frame, which
# executes bytecode, so when it is first in the finalizer queue the rest
# of the queue runs nested before its finally. A generator without try
# has no finalizer at all. CPython closes each generator when it dies:
# in the order the del statement and the list release them."""
# portable = "Close suspended generators explicitly (close() or contextlib.closing), and never depend on when their finally blocks run relative to other finalizers."
# ---
import gc

class N:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("  del", self.n)

def gen():
    try:
        yield 1
    finally:
        print("  gen finally")

def gen_notry():
    yield 1

gc.collect()
g = gen()
next(g)
xs = [N(0), N(1), N(2)]
del g, xs
print("collect: generator first in the queue")
gc.collect()
xs = [N(0), N(1)]
g = gen()
next(g)
xs.append(N(2))
del g, xs
print("collect: generator between")
gc.collect()
g = gen_notry()
next(g)
xs = [N(0), N(1), N(2)]
del g, xs
print("collect: generator without try")
gc.collect()
