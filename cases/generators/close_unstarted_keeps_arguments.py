# ---
# summary = "close() of a generator that never started: whether its arguments die at close() or with the generator"
# tags = ["generators", "generator", "finalizer", "version-dependent"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/expressions.html#generator.close",
#   "https://github.com/python/cpython/issues/100762",
# ]
# explain = """
# Up to 3.11, close() throws GeneratorExit into the generator even when it
# never started: the frame runs, raises at once (the finally block was
# never entered), and is cleared, so its arguments die inside close().
# From 3.12 (gh-100762) close() of an unstarted generator only marks it
# finished: gi_frame is None, but the frame keeps its arguments until the
# generator itself is freed. PyPy runs finalizers only when it collects,
# here after the end."""
# portable = "Do not rely on close() releasing what a generator holds; drop the generator, or pass it only what it can outlive."
# ---
class K:
    def __del__(self):
        print("del K")

def gen(p):
    try:
        yield 1
    finally:
        print("finally")

g = gen(K())
print("close")
g.close()
print("closed, gi_frame", g.gi_frame)
del g
print("end")
