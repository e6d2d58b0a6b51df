# ---
# summary = "An unfinished async generator that dies: closed by its finalizer without hooks, handed to sys.set_asyncgen_hooks' finalizer with them"
# tags = ["asyncio", "coroutine", "finalizer"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/library/sys.html#sys.set_asyncgen_hooks",
#   "https://peps.python.org/pep-0525/#finalization",
# ]
# explain = """
# An async generator's finally block may await, which a finalizer cannot
# do. So an event loop installs hooks: firstiter sees each async generator
# at its first iteration, and the finalizer hook receives one that dies
# unfinished, to schedule its aclose() on the loop (asyncio keeps it in a
# weak set and closes what is left at shutdown). Without hooks the dying
# generator is closed in place as a generator is: its finally runs, and an
# await there makes it "ignore" GeneratorExit, reported as unraisable.
# CPython does this when the last reference goes; PyPy at a collection."""
# portable = "Close async generators explicitly (await agen.aclose(), contextlib.aclosing), or let asyncio.run's shutdown close them; never rely on the finalizer."
# ---
import gc
import sys


class Pause:
    def __await__(self):
        yield


async def ticker(name):
    try:
        n = 0
        while True:
            yield n
            n += 1
    finally:
        print("finally of", name)


def first_item(agen):
    step = agen.__anext__()
    try:
        step.send(None)
    except StopIteration as e:
        return e.value


agen = ticker("without hooks")
print("first item:", first_item(agen))
del agen
gc.collect()
print("dropped without hooks")

finalized = []


def firstiter(agen):
    print("firstiter:", agen.__name__)


def finalizer(agen):
    print("finalizer hook:", agen.__name__)
    finalized.append(agen)


sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)
agen = ticker("with hooks")
print("first item:", first_item(agen))
del agen
gc.collect()
print("dropped with hooks; kept by the hook:", len(finalized))
sys.set_asyncgen_hooks(firstiter=None, finalizer=None)
closing = finalized.pop().aclose()
try:
    closing.send(None)
except StopIteration:
    print("closed by aclose()")
print("end")
