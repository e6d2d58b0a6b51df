# ---
# summary = "An exception raised in a generator's finally during close() propagates out of close()"
# tags = ["generators", "generator", "unraisable"]
# requires = ["py3-syntax", "unraisable"]
# refs = ["https://docs.python.org/3/reference/expressions.html#generator.close"]
# explain = """
# close() re-raises whatever the generator raises while handling
# GeneratorExit (other than GeneratorExit or StopIteration). When the
# generator is closed by its finalizer instead, the same error has no
# caller and is reported as "Exception ignored in: <generator object ...>":
# at del on CPython, at gc.collect() on PyPy."""
# portable = "Do not raise from a generator's finally block; close generators explicitly so that any error it raises reaches the caller of close()."
# ---
import gc

def flusher(name):
    try:
        yield name
    finally:
        raise OSError("flush failed for " + name)

g = flusher("explicit")
next(g)
try:
    g.close()
except OSError as e:
    print("close() raised:", e)
h = flusher("dropped")
next(h)
del h
print("after del")
gc.collect()
print("after gc.collect()")
