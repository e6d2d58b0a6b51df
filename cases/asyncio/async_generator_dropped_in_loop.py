# ---
# summary = "An async generator dropped mid-iteration is closed by the event loop's finalizer hook: its finally runs at a later loop step, after the del on CPython, after a collection on PyPy"
# tags = ["asyncio", "event-loop", "coroutine", "generator"]
# requires = ["py3-syntax", "asyncio"]
# refs = [
#   "https://peps.python.org/pep-0525/#finalization",
#   "https://docs.python.org/3/library/sys.html#sys.set_asyncgen_hooks",
# ]
# explain = """
# PEP 525: an async generator cannot be closed synchronously (its finally
# may await), so the event loop installs hooks; when an async generator it
# iterated is finalized, the hook schedules the creation of a task that
# awaits its aclose(). CPython finalizes the generator at the del; the loop
# makes the task at its next step and runs it at the one after, so the
# finally runs inside the second `await asyncio.sleep(0)`. On PyPy the
# generator is finalized only by the collection, and its finally runs
# inside the second step after that."""
# portable = "Close an async generator you stop early with `await agen.aclose()` (or contextlib.aclosing, 3.10), so its finally runs where you decide."
# ---
import asyncio
import gc


async def rows():
    try:
        for number in range(10):
            yield number
    finally:
        print("the async generator's finally")


async def main():
    reader = rows()
    print("first row:", await reader.__anext__())
    del reader
    print("after del")
    for step in range(2):
        await asyncio.sleep(0)
        print("after loop step", step + 1)
    gc.collect()
    print("after gc.collect()")
    for step in range(2, 4):
        await asyncio.sleep(0)
        print("after loop step", step + 1)


asyncio.run(main())
