# ---
# summary = "generator.close(): runs finally of a suspended generator, does nothing for an unstarted or finished one"
# tags = ["generators", "generator"]
# requires = ["py3-syntax"]
# refs = ["https://docs.python.org/3/reference/expressions.html#generator.close"]
# explain = """
# close() raises GeneratorExit at the suspension point; a generator that
# never started has no frame position inside the try and just becomes
# finished; a finished one ignores close(). After close(), next() raises
# StopIteration. Explicit close() behaves the same on every runtime."""
# portable = "This is the portable pattern: call close() on a generator you abandon, and its finally block runs at that point on every runtime."
# ---
def worker(name):
    print("  start", name)
    try:
        yield 1
        yield 2
    finally:
        print("  finally", name)

g = worker("suspended")
next(g)
print("close suspended")
g.close()
u = worker("unstarted")
print("close unstarted")
u.close()
f = worker("finished")
print("exhaust:", list(f))
print("close finished")
f.close()
print("close again")
g.close()
try:
    next(g)
except StopIteration:
    print("next after close: StopIteration")
