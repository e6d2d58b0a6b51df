# ---
# summary = "A generator that yields again after GeneratorExit: RuntimeError from close(), 'Exception ignored' when dropped"
# tags = ["generators", "generator", "unraisable", "finalizer"]
# requires = ["py3-syntax", "unraisable"]
# refs = ["https://docs.python.org/3/reference/expressions.html#generator.close"]
# explain = """
# If a generator yields a value after GeneratorExit, close() raises
# RuntimeError("generator ignored GeneratorExit"). When the same thing
# happens in the generator's finalizer there is no caller to raise into:
# the error is reported as "Exception ignored in: <generator object ...>".
# CPython reports it at del, PyPy at gc.collect(). The first generator is
# still suspended after its failed close(): CPython finalizes it at exit
# and reports the same error once more; PyPy does not finalize at exit."""
# portable = "Never yield again after GeneratorExit (let it propagate from the `except` or use `finally`), and close generators explicitly so errors reach a caller."
# ---
import gc

def stubborn():
    while True:
        try:
            yield "value"
        except GeneratorExit:
            print("  got GeneratorExit, yielding anyway")

g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("close() raised RuntimeError:", e)
h = stubborn()
next(h)
print("del h")
del h
print("after del")
gc.collect()
print("after gc.collect()")
