# ---
# summary = "An async generator abandoned after its first item: aclose() runs its finally at once, on every runtime"
# tags = ["asyncio", "coroutine", "finalizer", "realistic"]
# requires = ["py3-syntax", "finalizers"]
# refs = [
#   "https://docs.python.org/3/reference/expressions.html#agen.aclose",
#   "https://peps.python.org/pep-0525/",
# ]
# explain = """
# async for over an async generator, left with break, leaves the generator
# suspended at its yield, holding its locals. Awaiting its aclose() throws
# GeneratorExit in there: the finally block runs (it may await) and the
# frame is cleared before aclose() returns. This is what asyncio's
# contextlib.aclosing does. Each __anext__() and aclose() is an awaitable
# object of its own; awaiting one twice is an error (3.8 on; 3.6 and 3.7
# let it pass)."""
# portable = "Close an async generator you leave early with `await agen.aclose()` (contextlib.aclosing), and await each aclose() once."
# ---
class Row:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("row freed", self.n)


class Pause:
    def __await__(self):
        yield


async def rows():
    try:
        for n in range(3):
            row = Row(n)
            await Pause()
            yield row.n
    finally:
        print("finally: closing the cursor")
        await Pause()
        print("cursor closed")


async def first_row():
    source = rows()
    async for n in source:
        print("got", n)
        break
    print("ag_frame alive:", source.ag_frame is not None, "ag_running:", source.ag_running)
    closing = source.aclose()
    print(type(closing).__name__)
    await closing
    print("after aclose(): ag_frame", source.ag_frame)
    try:
        await closing
    except RuntimeError as e:
        print("RuntimeError:", e)
    async for n in source:
        print("never", n)
    print("iterating a closed generator gives nothing")
    return n


def run(coroutine):
    try:
        while True:
            coroutine.send(None)
    except StopIteration as e:
        return e.value


print("result:", run(first_row()))
print("end")
